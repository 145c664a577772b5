-- A merchant's own exports: saved import profiles, the copy of the profile a batch used, the field
-- an error's column feeds, and a staging table whose users and SKUs may be named by the CRM's own
-- keys (customer number, email, phone, product code) instead of our ids.

create table import_profiles (
    id          uuid primary key,
    merchant_id uuid not null,
    name        text not null,
    body        jsonb not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index import_profiles_merchant_name_idx on import_profiles (merchant_id, lower(name));

-- The profile a batch was read with, copied whole: editing a profile later never changes what an
-- earlier batch meant.
alter table bulk_import_batches
    add column profile_id   text,
    add column profile_name text,
    add column profile      jsonb;
alter table bulk_import_errors add column field text;

-- The staging table gains the key values a file named its users and SKUs by (normalised by the
-- import: trimmed, emails lower-cased, phones in E.164), resolved to ids by import_stage_match.
-- A purchase's later rows may leave final_amount empty: the first row carries the purchase.
create or replace function import_stage_prepare() returns void
language plpgsql as $$
begin
    create temp table if not exists import_stage (
        line               int         not null,
        transaction_number text        not null,
        transaction_date   timestamptz not null,
        user_id            uuid,
        user_ref           text,
        final_amount       numeric,
        sku_id             uuid,
        sku_ref            text,
        quantity           numeric     not null,
        unit_price         numeric     not null,
        line_total         numeric     not null,
        purchase_id        uuid        not null,
        item_id            uuid        not null,
        -- The row that carries its purchase into purchase_ledger.
        is_first           boolean     not null
    ) on commit drop;
    truncate import_stage;
    -- Each distinct key value of the file, once, with the id it found and how many rows matched.
    create temp table if not exists import_user_match (ref text not null, id uuid, matches int not null)
        on commit drop;
    truncate import_user_match;
    create temp table if not exists import_sku_match (ref text not null, id uuid, matches int not null)
        on commit drop;
    truncate import_sku_match;
end
$$;

-- Looks up every distinct key value of the staged rows in one join per key. The column comes from
-- the operator's settings (IMPORTER_USER_KEYS), never from a file, and is quoted as an identifier;
-- p_*_match says how it is compared: 'exact', or 'lower' for emails.
create function import_stage_match(p_merchant_id uuid,
                                   p_user_column text, p_user_match text,
                                   p_sku_column text, p_sku_match text)
returns void
language plpgsql as $$
begin
    if p_user_column is not null then
        execute format(
            'insert into import_user_match (ref, id, matches)
             select r.ref, (array_agg(u.id))[1], count(u.id)
             from (select distinct user_ref as ref from import_stage where user_ref is not null) r
             left join users u on u.merchant_id = $1 and %s = r.ref
             group by r.ref',
            case p_user_match when 'lower' then format('lower(u.%I)', p_user_column)
                              else format('u.%I', p_user_column) end)
        using p_merchant_id;
    end if;
    if p_sku_column is not null then
        execute format(
            'insert into import_sku_match (ref, id, matches)
             select r.ref, (array_agg(k.id))[1], count(k.id)
             from (select distinct sku_ref as ref from import_stage where sku_ref is not null) r
             left join skus k on k.merchant_id = $1 and %s = r.ref
             group by r.ref',
            case p_sku_match when 'lower' then format('lower(k.%I)', p_sku_column)
                             else format('k.%I', p_sku_column) end)
        using p_merchant_id;
    end if;
end
$$;

drop function import_stage_errors(uuid);

-- Every problem with the staged rows that needs the database to see, one row per problem with its
-- line. column_name is the field (user, sku, ...): the import names the file's own header for it.
create function import_stage_errors(p_merchant_id uuid,
                                    p_user_key text default 'id', p_sku_key text default 'id')
returns table (line int, transaction_number text, column_name text, code text, message text)
language plpgsql stable as $$
#variable_conflict use_column
begin
    return query
    select s.line, s.transaction_number, 'user'::text, 'unknown_user'::text,
           format('user_id %s is not a user of this merchant', s.user_id)
    from import_stage s
    where s.user_id is not null
      and not exists (select 1 from users u where u.id = s.user_id and u.merchant_id = p_merchant_id);

    return query
    select s.line, s.transaction_number, 'user'::text,
           case when m.matches = 0 then 'unknown_user' else 'ambiguous_user' end,
           case when m.matches = 0
                then format('No user of this merchant has %s %s', p_user_key, s.user_ref)
                else format('%s users of this merchant have %s %s; make it unique in the CRM,'
                            ' or find customers by another key', m.matches, p_user_key, s.user_ref)
           end
    from import_stage s
    join import_user_match m on m.ref = s.user_ref
    where m.matches <> 1;

    return query
    select s.line, s.transaction_number, 'sku'::text, 'unknown_sku'::text,
           format('sku_id %s is not a SKU of this merchant', s.sku_id)
    from import_stage s
    where s.sku_id is not null
      and not exists (select 1 from skus k where k.id = s.sku_id and k.merchant_id = p_merchant_id);

    return query
    select s.line, s.transaction_number, 'sku'::text,
           case when m.matches = 0 then 'unknown_sku' else 'ambiguous_sku' end,
           case when m.matches = 0
                then format('No SKU of this merchant has %s %s', p_sku_key, s.sku_ref)
                else format('%s SKUs of this merchant have %s %s; make it unique in the CRM,'
                            ' or find products by another key', m.matches, p_sku_key, s.sku_ref)
           end
    from import_stage s
    join import_sku_match m on m.ref = s.sku_ref
    where m.matches <> 1;

    return query
    select s.line, s.transaction_number, 'transaction_number'::text,
           'duplicate_transaction'::text,
           format('transaction_number %s is already in the ledger for this merchant',
                  s.transaction_number)
    from import_stage s
    where s.is_first
      and exists (select 1 from purchase_ledger p
                  where p.merchant_id = p_merchant_id
                    and p.transaction_number = s.transaction_number);

    return query
    select s.line, s.transaction_number, r.column_name, 'out_of_range'::text,
           format('%s must be %s; it is %s', r.column_name, r.rule, r.value)
    from import_stage s
    cross join lateral (values
        ('final_amount', 'zero or more', s.final_amount < 0, s.final_amount),
        ('quantity', 'more than zero', s.quantity <= 0, s.quantity),
        ('unit_price', 'zero or more', s.unit_price < 0, s.unit_price),
        ('line_total', 'zero or more', s.line_total < 0, s.line_total)
    ) as r (column_name, rule, broken, value)
    where (s.final_amount < 0 or s.quantity <= 0 or s.unit_price < 0 or s.line_total < 0)
      and r.broken;
end
$$;

drop function import_stage_apply(uuid, uuid, timestamptz);

-- Writes the staged rows: each purchase from its first row, then every item. Rows that named their
-- user or SKU by a key take the id import_stage_match found; a purchase without a final_amount
-- (the file has none) gets the sum of its line totals. Files keyed by our ids take the plain path.
create function import_stage_apply(p_merchant_id uuid, p_batch_id uuid, p_created_at timestamptz,
                                   p_by_keys boolean default false,
                                   p_derive_final boolean default false)
returns table (purchases_inserted int, items_inserted int)
language plpgsql as $$
#variable_conflict use_column
declare
    v_purchases int;
    v_items     int;
begin
    if p_by_keys or p_derive_final then
        create temp table if not exists import_totals (purchase_id uuid not null, total numeric)
            on commit drop;
        truncate import_totals;
        if p_derive_final then
            insert into import_totals
            select s.purchase_id, sum(s.line_total) from import_stage s group by s.purchase_id;
        end if;
        insert into purchase_ledger (id, merchant_id, transaction_number, transaction_date, user_id,
                                     final_amount, import_batch_id, created_at)
        select s.purchase_id, p_merchant_id, s.transaction_number, s.transaction_date,
               coalesce(s.user_id, um.id), coalesce(s.final_amount, t.total), p_batch_id,
               p_created_at
        from import_stage s
        left join import_user_match um on um.ref = s.user_ref
        left join import_totals t on t.purchase_id = s.purchase_id
        where s.is_first;
        get diagnostics v_purchases = row_count;

        insert into purchase_items_ledger (id, transaction_id, sku_id, quantity, unit_price,
                                           line_total)
        select s.item_id, s.purchase_id, coalesce(s.sku_id, km.id), s.quantity, s.unit_price,
               s.line_total
        from import_stage s
        left join import_sku_match km on km.ref = s.sku_ref;
        get diagnostics v_items = row_count;
    else
        insert into purchase_ledger (id, merchant_id, transaction_number, transaction_date, user_id,
                                     final_amount, import_batch_id, created_at)
        select s.purchase_id, p_merchant_id, s.transaction_number, s.transaction_date, s.user_id,
               s.final_amount, p_batch_id, p_created_at
        from import_stage s
        where s.is_first;
        get diagnostics v_purchases = row_count;

        insert into purchase_items_ledger (id, transaction_id, sku_id, quantity, unit_price,
                                           line_total)
        select s.item_id, s.purchase_id, s.sku_id, s.quantity, s.unit_price, s.line_total
        from import_stage s;
        get diagnostics v_items = row_count;
    end if;

    return query select v_purchases, v_items;
end
$$;
