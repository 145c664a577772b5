-- The queue: the pending batches in order, for queue positions and the queue-depth metric.
create index bulk_import_batches_pending_idx
    on bulk_import_batches (created_at, id) where status = 'pending';
