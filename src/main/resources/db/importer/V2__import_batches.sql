-- The importer's own state: batches, their stored files and errors, merchant API keys, and the
-- job engine's table.

create table bulk_import_batches (
    id              uuid primary key,
    merchant_id     uuid not null,
    batch_name      text,
    file_name       text,
    file_size       bigint not null default 0,
    file_sha256     text,
    status          text not null
        check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    total_rows      int,
    purchases_count int,
    items_count     int,
    error_count     int not null default 0,
    error_message   text,
    warnings        text[] not null default '{}',
    attempts        int not null default 0,
    -- Written outside the import's transaction, so that a client sees it while that is open.
    progress_phase  text,
    progress_rows   bigint,
    progress_bytes  bigint,
    progress_at     timestamptz,
    created_at      timestamptz not null,
    started_at      timestamptz,
    completed_at    timestamptz
);
create index bulk_import_batches_merchant_created_idx
    on bulk_import_batches (merchant_id, created_at desc);

-- The upload, in 1 MiB chunks, so that every instance can read it and nobody holds it whole.
create table bulk_import_files (
    batch_id uuid not null references bulk_import_batches on delete cascade,
    seq      int not null,
    data     bytea not null,
    primary key (batch_id, seq)
);
-- CSV chunks are written once and read once: compressing them costs more than it saves.
alter table bulk_import_files alter column data set storage external;

create table bulk_import_errors (
    batch_id           uuid not null references bulk_import_batches on delete cascade,
    seq                int not null,
    line               int,
    transaction_number text,
    column_name        text,
    code               text not null,
    message            text not null,
    row_values         text[],
    primary key (batch_id, seq)
);
create index bulk_import_errors_line_idx on bulk_import_errors (batch_id, line, seq);

create table merchant_api_keys (
    id          uuid primary key,
    merchant_id uuid not null,
    key_hash    bytea not null unique,
    key_hint    text not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);
create index merchant_api_keys_merchant_id_idx on merchant_api_keys (merchant_id);

-- db-scheduler's table, as its documentation gives it for PostgreSQL.
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
