/**
 * The demo: a merchant with users and SKUs that match {@code samples/sample-purchases.csv}, seeded
 * when the service runs on its embedded database, and a log line with a working upload.
 */
package crm.bulkimport.demo;
