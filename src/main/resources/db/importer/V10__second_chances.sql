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
    batch_id           uuid not null references bulk_import_batches (id) on delete cascade,
    line               int  not null,
    transaction_number text,
    row_values         text[],
    primary key (batch_id, line)
);

-- The checks that need the database, as import_stage_errors (V8) made them, less the one against
-- the ledger's transaction numbers: the import asks that one of import_stage_existing, because with
-- on_existing=skip it can only be asked after the identical purchases are skipped.
-- import_stage_errors becomes the two together (at the end of this file), for
-- bulk_insert_purchases_with_items (V3), so that each check is written once.
create function import_stage_row_errors(p_merchant_id uuid,
                                        p_user_key text default 'id',
                                        p_sku_key text default 'id')
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

-- on_existing=skip: compares each staged purchase whose transaction_number the merchant's ledger
-- already has with the ledger's purchase, set-based: date, user, final amount (the sum of its
-- lines when the file has none), and its items as a multiset of (sku, quantity, unit price, line
-- total). Identical ones are taken out of the staging table and counted; import_existing keeps,
-- for each other one, what differs, for import_stage_existing to report.
create function import_stage_skip_existing(p_merchant_id uuid)
returns table (skipped_purchases int, skipped_rows int)
language plpgsql as $$
#variable_conflict use_column
declare
    v_purchases int;
    v_rows      int;
begin
    create temp table if not exists import_existing (
        transaction_number text not null, purchase_id uuid not null, ledger_id uuid not null,
        differs text) on commit drop;
    truncate import_existing;
    insert into import_existing (transaction_number, purchase_id, ledger_id)
    select s.transaction_number, s.purchase_id, p.id
    from import_stage s
    join purchase_ledger p on p.merchant_id = p_merchant_id
                          and p.transaction_number = s.transaction_number
    where s.is_first;
    if not found then
        return query select 0, 0;
        return;
    end if;

    with staged as (
        select t.purchase_id, count(*) as n, sum(t.line_total) as total,
               array_agg(row(coalesce(t.sku_id, km.id), t.quantity, t.unit_price, t.line_total)
                         order by coalesce(t.sku_id, km.id), t.quantity, t.unit_price,
                                  t.line_total) as items
        from import_stage t
        join import_existing e on e.purchase_id = t.purchase_id
        left join import_sku_match km on km.ref = t.sku_ref
        group by t.purchase_id),
    ledger as (
        select e.purchase_id, count(*) as n,
               array_agg(row(i.sku_id, i.quantity, i.unit_price, i.line_total)
                         order by i.sku_id, i.quantity, i.unit_price, i.line_total) as items
        from import_existing e
        join purchase_items_ledger i on i.transaction_id = e.ledger_id
        group by e.purchase_id),
    compared as (
        select e.purchase_id,
               case
                   when p.transaction_date <> s.transaction_date
                       then format('its transaction_date differs (the ledger has %s, the file %s)',
                                   p.transaction_date, s.transaction_date)
                   when p.user_id is distinct from coalesce(s.user_id, um.id)
                        or (um.ref is not null and um.matches <> 1)
                       then format('its user differs (the ledger has %s, the file %s)',
                                   p.user_id, coalesce(s.user_id::text, s.user_ref))
                   when p.final_amount <> coalesce(s.final_amount, st.total)
                       then format('its final_amount differs (the ledger has %s, the file %s)',
                                   p.final_amount, coalesce(s.final_amount, st.total))
                   when l.items is distinct from st.items
                       then format('its items differ (the ledger has %s, the file %s;'
                                   ' SKU, quantity, unit_price and line_total must all match)',
                                   case coalesce(l.n, 0) when 1 then '1 item'
                                        else coalesce(l.n, 0) || ' items' end,
                                   case st.n when 1 then '1 item' else st.n || ' items' end)
               end as differs
        from import_existing e
        join import_stage s on s.purchase_id = e.purchase_id and s.is_first
        join purchase_ledger p on p.id = e.ledger_id
        join staged st on st.purchase_id = e.purchase_id
        left join ledger l on l.purchase_id = e.purchase_id
        left join import_user_match um on um.ref = s.user_ref)
    update import_existing e set differs = c.differs
    from compared c
    where c.purchase_id = e.purchase_id;

    delete from import_stage s
    using import_existing e
    where e.differs is null and s.purchase_id = e.purchase_id;
    get diagnostics v_rows = row_count;
    select count(*) into v_purchases from import_existing e where e.differs is null;
    return query select v_purchases, v_rows;
end
$$;

-- The staged purchases whose transaction_number the merchant's ledger already has: with
-- on_existing=fail each is duplicate_transaction; with skip (after import_stage_skip_existing took
-- out the identical ones) each is conflicting_transaction, saying what differs.
create function import_stage_existing(p_merchant_id uuid, p_skip boolean)
returns table (line int, transaction_number text, column_name text, code text, message text)
language plpgsql stable as $$
#variable_conflict use_column
begin
    if p_skip then
        return query
        select s.line, s.transaction_number, 'transaction_number'::text,
               'conflicting_transaction'::text,
               format('transaction_number %s is already in the ledger for this merchant as a'
                      ' different purchase: %s. Fix the row, or take the purchase out of the file',
                      s.transaction_number, e.differs)
        from import_stage s
        join import_existing e on e.purchase_id = s.purchase_id
        where s.is_first and e.differs is not null;
    else
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
    end if;
end
$$;

-- partial=true: leaves out every purchase with an error, whole. p_numbers and p_lines are the
-- errors' transaction numbers (null for a row without one) and lines, pairwise; called again with
-- more, it adds to what it left out before. Every row it leaves out (the errors' rows and the
-- other rows of their purchases) is recorded for the report, in the import's transaction.
-- Returns the totals so far: a row without a transaction_number counts as one purchase.
create function import_stage_reject(p_batch_id uuid, p_numbers text[], p_lines int[])
returns table (rejected_purchases int, rejected_rows int)
language plpgsql as $$
#variable_conflict use_column
begin
    create temp table if not exists import_rejected (transaction_number text, line int not null)
        on commit drop;
    insert into import_rejected (transaction_number, line)
    select r.n, r.l from unnest(p_numbers, p_lines) as r (n, l);

    insert into bulk_import_rejected_rows (batch_id, line, transaction_number)
    select p_batch_id, x.line, x.transaction_number
    from (select r.line, r.transaction_number from import_rejected r
          union
          select s.line, s.transaction_number from import_stage s
          where s.transaction_number in (select r.transaction_number from import_rejected r
                                         where r.transaction_number is not null)) x
    on conflict (batch_id, line) do nothing;

    delete from import_stage s
    where s.transaction_number in (select r.transaction_number from import_rejected r
                                   where r.transaction_number is not null);

    return query
    select ((select count(distinct r.transaction_number) from import_rejected r)
            + (select count(distinct r.line) from import_rejected r
               where r.transaction_number is null))::int,
           (select count(*) from bulk_import_rejected_rows b where b.batch_id = p_batch_id)::int;
end
$$;

-- Every problem as before: the row checks and the ledger's duplicates, for the JSON function (V3).
create or replace function import_stage_errors(p_merchant_id uuid,
                                               p_user_key text default 'id',
                                               p_sku_key text default 'id')
returns table (line int, transaction_number text, column_name text, code text, message text)
language sql stable as $$
    select * from import_stage_row_errors(p_merchant_id, p_user_key, p_sku_key)
    union all
    select * from import_stage_existing(p_merchant_id, false)
$$;
