-- bulk_insert_purchases_with_items: the check for missing item fields looks at each item once
-- instead of once per required field.

create or replace function bulk_insert_purchases_with_items(p_purchases jsonb, p_merchant_id uuid)
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
