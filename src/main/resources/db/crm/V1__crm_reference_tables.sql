-- The CRM's own tables. In a deployment into an existing CRM database they already exist and
-- this migration is left out (importer.create-crm-tables=false).

create table merchants (
    id         uuid primary key,
    name       text not null,
    email      text,
    created_at timestamptz not null default now()
);

create table users (
    id          uuid primary key,
    merchant_id uuid not null references merchants,
    email       text,
    name        text,
    created_at  timestamptz not null default now()
);
create index users_merchant_id_idx on users (merchant_id);

create table skus (
    id          uuid primary key,
    merchant_id uuid not null references merchants,
    code        text,
    name        text,
    created_at  timestamptz not null default now()
);
create index skus_merchant_id_idx on skus (merchant_id);

create table purchase_ledger (
    id                 uuid primary key,
    merchant_id        uuid not null,
    transaction_number text not null,
    transaction_date   timestamptz not null,
    user_id            uuid not null references users,
    final_amount       numeric not null,
    import_batch_id    uuid,
    created_at         timestamptz not null default now(),
    unique (merchant_id, transaction_number)
);
create index purchase_ledger_import_batch_id_idx on purchase_ledger (import_batch_id);

create table purchase_items_ledger (
    id             uuid primary key,
    transaction_id uuid not null references purchase_ledger,
    sku_id         uuid not null references skus,
    quantity       numeric not null,
    unit_price     numeric not null,
    line_total     numeric not null
);
create index purchase_items_ledger_transaction_id_idx on purchase_items_ledger (transaction_id);
