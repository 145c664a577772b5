/**
 * The operator's command line: {@code java -jar … import --merchant <uuid> --file <path>} hands a
 * file to the same intake as an upload, without the web server, follows the durable job with a
 * progress bar and ends with a summary and an exit status scripts can rely on.
 */
package crm.bulkimport.cli;
