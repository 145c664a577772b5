-- The one insert path into the ledger, shared by the CSV import and by
-- bulk_insert_purchases_with_items: rows are staged in a temporary table, checked against the
-- merchant's users, SKUs and ledger with set-based queries, then written by two INSERT ... SELECTs.

-- Creates this transaction's staging table. Its shape is defined here only. Purchase and item
-- ids are assigned before rows are staged (by the CSV import in Java, which also checks in the
-- same pass that the rows of a purchase agree; by the JSON function below, where a purchase's rows
-- come from one object), so that the write is two plain INSERT ... SELECTs: no sort, no join.
create function import_stage_prepare() returns void
language plpgsql as $$
begin
    create temp table if not exists import_stage (
        line               int         not null,
        transaction_number text        not null,
        transaction_date   timestamptz not null,
        user_id            uuid        not null,
        final_amount       numeric     not null,
        sku_id             uuid        not null,
        quantity           numeric     not null,
        unit_price         numeric     not null,
        line_total         numeric     not null,
        purchase_id        uuid        not null,
        item_id            uuid        not null,
        -- The row that carries its purchase into purchase_ledger.
        is_first           boolean     not null
    ) on commit drop;
    truncate import_stage;
end
$$;

-- Every problem with the staged rows that needs the database to see: users and SKUs of another
-- merchant or of none, transactions already in the ledger, values out of range (the CSV import
-- checks ranges itself; the JSON function relies on these). One row per problem, with its line.
create function import_stage_errors(p_merchant_id uuid)
returns table (line int, transaction_number text, column_name text, code text, message text)
language plpgsql stable as $$
#variable_conflict use_column
begin
    return query
    select s.line, s.transaction_number, 'user_id'::text, 'unknown_user'::text,
           format('user_id %s is not a user of this merchant', s.user_id)
    from import_stage s
    where not exists (select 1 from users u where u.id = s.user_id and u.merchant_id = p_merchant_id);

    return query
    select s.line, s.transaction_number, 'sku_id'::text, 'unknown_sku'::text,
           format('sku_id %s is not a SKU of this merchant', s.sku_id)
    from import_stage s
    where not exists (select 1 from skus k where k.id = s.sku_id and k.merchant_id = p_merchant_id);

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

-- Writes the staged rows: each purchase from its first row, then every item.
create function import_stage_apply(p_merchant_id uuid, p_batch_id uuid, p_created_at timestamptz)
returns table (purchases_inserted int, items_inserted int)
language plpgsql as $$
#variable_conflict use_column
declare
    v_purchases int;
    v_items     int;
begin
    insert into purchase_ledger (id, merchant_id, transaction_number, transaction_date, user_id,
                                 final_amount, import_batch_id, created_at)
    select s.purchase_id, p_merchant_id, s.transaction_number, s.transaction_date, s.user_id,
           s.final_amount, p_batch_id, p_created_at
    from import_stage s
    where s.is_first;
    get diagnostics v_purchases = row_count;

    insert into purchase_items_ledger (id, transaction_id, sku_id, quantity, unit_price, line_total)
    select s.item_id, s.purchase_id, s.sku_id, s.quantity, s.unit_price, s.line_total
    from import_stage s;
    get diagnostics v_items = row_count;

    return query select v_purchases, v_items;
end
$$;

-- The original design's function, kept for SQL callers: inserts a JSONB array of purchases
-- atomically. On any problem it returns success = false, zero counts and a message, and has
-- written nothing.
create function bulk_insert_purchases_with_items(p_purchases jsonb, p_merchant_id uuid)
returns table (success boolean, purchases_inserted int, items_inserted int, error_message text)
language plpgsql as $$
#variable_conflict use_column
declare
    v_problem   text;
    v_purchases int;
    v_items     int;
begin
    if p_purchases is null or jsonb_typeof(p_purchases) <> 'array' then
        return query select false, 0, 0, 'p_purchases must be a JSON array of purchases'::text;
        return;
    end if;
    if jsonb_array_length(p_purchases) = 0 then
        return query select false, 0, 0, 'p_purchases is empty: there is nothing to insert'::text;
        return;
    end if;
    if p_merchant_id is null or not exists (select 1 from merchants m where m.id = p_merchant_id) then
        return query select false, 0, 0, format('merchant %s does not exist', p_merchant_id);
        return;
    end if;

    -- The block is a subtransaction: whatever fails inside it leaves nothing behind.
    begin
        select format('purchase %s: %s', e.ord, e.problem) into v_problem
        from (select p.ord,
                     case
                         when jsonb_typeof(p.value) <> 'object' then 'must be a JSON object'
                         when coalesce(p.value ->> 'transaction_number', '') = ''
                             then 'transaction_number is required'
                         when length(p.value ->> 'transaction_number') > 100
                             then 'transaction_number is longer than 100 characters'
                         when p.value ->> 'transaction_date' is null then 'transaction_date is required'
                         when p.value ->> 'user_id' is null then 'user_id is required'
                         when p.value ->> 'final_amount' is null then 'final_amount is required'
                         when jsonb_typeof(p.value -> 'items') is distinct from 'array'
                             then 'items must be an array'
                         when jsonb_array_length(p.value -> 'items') = 0
                             then 'items is empty; a purchase needs at least one item'
                     end as problem
              from jsonb_array_elements(p_purchases) with ordinality as p (value, ord)) e
        where e.problem is not null
        order by e.ord
        limit 1;
        if v_problem is not null then
            return query select false, 0, 0, v_problem;
            return;
        end if;

        -- One look per item; the missing key is named only for the first bad item.
        select format('purchase %s, item %s: %s', p.ord, i.ord,
                      case
                          when jsonb_typeof(i.value) <> 'object' then 'must be a JSON object'
                          else (select k.key || ' is required'
                                from unnest(array['sku_id', 'quantity', 'unit_price', 'line_total'])
                                         as k (key)
                                where i.value ->> k.key is null
                                limit 1)
                      end) into v_problem
        from jsonb_array_elements(p_purchases) with ordinality as p (value, ord)
        cross join lateral jsonb_array_elements(p.value -> 'items') with ordinality as i (value, ord)
        where jsonb_typeof(i.value) <> 'object'
           or i.value ->> 'sku_id' is null or i.value ->> 'quantity' is null
           or i.value ->> 'unit_price' is null or i.value ->> 'line_total' is null
        order by p.ord, i.ord
        limit 1;
        if v_problem is not null then
            return query select false, 0, 0, v_problem;
            return;
        end if;

        select format('transaction_number %s appears in %s purchases of the payload',
                      d.transaction_number, d.n) into v_problem
        from (select p.value ->> 'transaction_number' as transaction_number, count(*) as n
              from jsonb_array_elements(p_purchases) as p (value)
              group by 1 having count(*) > 1) d
        limit 1;
        if v_problem is not null then
            return query select false, 0, 0, v_problem;
            return;
        end if;

        perform import_stage_prepare();
        -- "line" is the purchase's position in the payload.
        insert into import_stage (line, transaction_number, transaction_date, user_id,
                                  final_amount, sku_id, quantity, unit_price, line_total,
                                  purchase_id, item_id, is_first)
        select p.ord, p.value ->> 'transaction_number', (p.value ->> 'transaction_date')::timestamptz,
               (p.value ->> 'user_id')::uuid, (p.value ->> 'final_amount')::numeric,
               (i.value ->> 'sku_id')::uuid, (i.value ->> 'quantity')::numeric,
               (i.value ->> 'unit_price')::numeric, (i.value ->> 'line_total')::numeric,
               p.purchase_id, gen_random_uuid(), i.ord = 1
        from (select e.value, e.ord, gen_random_uuid() as purchase_id
              from jsonb_array_elements(p_purchases) with ordinality as e (value, ord)) p
        cross join lateral jsonb_array_elements(p.value -> 'items') with ordinality as i (value, ord);

        select format('%s problem(s); first: purchase %s: %s', count(*) over (), e.line, e.message)
        into v_problem
        from import_stage_errors(p_merchant_id) e
        order by e.line
        limit 1;
        if v_problem is not null then
            return query select false, 0, 0, v_problem;
            return;
        end if;

        select a.purchases_inserted, a.items_inserted into v_purchases, v_items
        from import_stage_apply(p_merchant_id, null, now()) a;
    exception when others then
        return query select false, 0, 0, 'nothing was inserted: ' || sqlerrm;
        return;
    end;
    return query select true, v_purchases, v_items, null::text;
end
$$;
