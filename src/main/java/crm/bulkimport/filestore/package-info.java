/**
 * Uploaded files at rest: kept in PostgreSQL in chunks, written in the caller's transaction, read
 * back as a stream ahead of the reader, and deleted when their batch ends. Its own module because
 * both the intake that stores a file and the job that reads it need it, and neither may depend on
 * the other both ways.
 */
package crm.bulkimport.filestore;
