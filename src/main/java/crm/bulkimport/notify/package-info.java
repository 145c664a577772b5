/**
 * Telling merchants that an import ended: a signed webhook POST, retried on the durable job engine
 * until it is delivered or given up, and a short email when SMTP is configured. Both are arranged
 * in the transaction that ends the batch, so a finished batch is announced exactly once.
 */
package crm.bulkimport.notify;
