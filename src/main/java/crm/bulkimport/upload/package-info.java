/**
 * Receiving a file: the upload endpoint, the first look at the bytes (empty, binary, not UTF-8),
 * and storing the file in PostgreSQL in chunks, in the same transaction that records the batch and
 * schedules its import, so that every instance can run it.
 */
package crm.bulkimport.upload;
