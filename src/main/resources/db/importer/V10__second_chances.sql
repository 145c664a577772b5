-- Second chances: what an upload asked for when a purchase is already in the ledger (fail or
-- skip), whether it may load the good part of a file (partial, up to max_errors), what the import
-- then left out or skipped, and the revert of a completed batch.
alter table bulk_import_batches
    add column on_existing        text not null default 'fail' check (on_existing in ('fail', 'skip')),
    add column partial            boolean not null default false,
    add column max_errors         int check (max_errors >= 0),
    add column skipped_purchases  int,
    add column rejected_purchases int,
    add column rejected_rows      int,
    add column reverted_at        timestamptz,
    add column reverted_by        text;

alter table bulk_import_batches drop constraint bulk_import_batches_status_check;
alter table bulk_import_batches add constraint bulk_import_batches_status_check
    check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled', 'reverted'));

-- The rows a partial import left out, each with its original values: the rows with errors and
-- the other rows of their purchases, so that the report is a file to fix and upload again.
-- Written in the import's own transaction, so a committed partial import always has them.
create table bulk_import_rejected_rows (
    batch_id   uuid not null references bulk_import_batches (id) on delete cascade,
    line       int  not null,
    row_values text[],
    primary key (batch_id, line)
);
