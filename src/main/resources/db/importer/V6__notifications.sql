-- Where a merchant wants to hear about finished imports, and every webhook delivery made.

create table merchant_webhooks (
    merchant_id uuid primary key,
    url         text not null,
    -- Kept as given: the service must sign each delivery with it.
    secret      text not null,
    updated_at  timestamptz not null
);

create table webhook_deliveries (
    id               uuid primary key,
    batch_id         uuid not null references bulk_import_batches on delete cascade,
    merchant_id      uuid not null,
    event            text not null,
    url              text not null,
    -- The exact body signed and sent, the same on every attempt.
    payload          text not null,
    status           text not null check (status in ('pending', 'delivered', 'given_up')),
    attempts         int not null default 0,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    give_up_at       timestamptz not null,
    delivered_at     timestamptz,
    -- A batch finishes once, so it is announced once.
    unique (batch_id)
);
