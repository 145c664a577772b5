/**
 * The durable import job on db-scheduler: scheduled in the upload's transaction, picked by any
 * instance, retried with back-off when the database fails it, revived when its worker dies, and the
 * one place that runs a file through read, check and load in a single transaction.
 */
package crm.bulkimport.job;
