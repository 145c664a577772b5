/**
 * Loading checked rows into the ledger, inside the import's one transaction: rows are streamed with
 * COPY into a temporary staging table, checked against the merchant's users, SKUs and ledger with
 * set-based queries (never a query per row), then written by the same database functions that serve
 * {@code bulk_insert_purchases_with_items}. And taking a batch's rows out again for a revert, in
 * the revert's transaction, unless other tables still refer to them.
 */
package crm.bulkimport.ledger;
