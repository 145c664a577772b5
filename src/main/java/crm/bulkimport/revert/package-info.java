/**
 * Reverting a completed import: {@code POST /api/import/{batch_id}/revert} takes the purchases and
 * items the batch wrote out of the ledger and marks the batch reverted, in one transaction, or
 * changes nothing. It sits above both modules it joins, as the job does for an import: the batch
 * module locks and marks the batch, the ledger module removes its rows, and neither knows the
 * other.
 */
package crm.bulkimport.revert;
