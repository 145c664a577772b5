/**
 * Reading an uploaded file as a stream of rows with FastCSV: strict UTF-8 with or without a
 * byte-order mark, RFC 4180 quoting, the header matched case-insensitively after trimming, and the
 * line where each row starts. Nothing here knows what a purchase is beyond the column names.
 */
package crm.bulkimport.csv;
