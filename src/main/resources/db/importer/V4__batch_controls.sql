-- Dry runs, idempotency keys, duplicate-file detection, cancellation, the detected delimiter,
-- and the header kept for the error report.

alter table bulk_import_batches
    add column dry_run          boolean not null default false,
    add column idempotency_key  text,
    add column delimiter        text,
    add column csv_header       text[],
    add column cancel_requested boolean not null default false;

create unique index bulk_import_batches_idempotency_key_idx
    on bulk_import_batches (merchant_id, idempotency_key) where idempotency_key is not null;
create index bulk_import_batches_sha256_idx on bulk_import_batches (merchant_id, file_sha256);
create index bulk_import_batches_completed_at_idx
    on bulk_import_batches (completed_at) where completed_at is not null;
