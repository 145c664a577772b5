/**
 * Receiving a file: the upload endpoint and the intake behind it and the command line, which turns
 * away what cannot be imported (an unknown merchant, a file over the limit, bytes that are not CSV
 * text, a duplicate) and otherwise stores the file, records the batch and schedules its import in
 * one transaction, so that every instance can run it.
 */
package crm.bulkimport.upload;
