/**
 * Import batches as clients see them: the batch record and its state machine (pending, processing,
 * then completed, failed or cancelled), the errors found in its file, and the status and list
 * endpoints.
 */
package crm.bulkimport.batch;
