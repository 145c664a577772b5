/**
 * Import batches as clients see them: the batch record and its state machine (pending, processing,
 * then completed, failed or cancelled; a completed one may later be reverted), the errors found in
 * its file, and the status and list endpoints. Each class does one thing to the batch table: the
 * intake records a batch ({@link crm.bulkimport.batch.PendingBatches}, {@link
 * crm.bulkimport.batch.DuplicateFiles}), the job moves it along ({@link
 * crm.bulkimport.batch.BatchTransitions}, {@link crm.bulkimport.batch.BatchProgress}), the
 * endpoints read it ({@link crm.bulkimport.batch.BatchLookup}), and retention deletes it.
 */
package crm.bulkimport.batch;
