-- Reverting a completed batch: which rows of other tables still point at its purchases and items,
-- removing them, and the batch's second announcement.

-- A batch is announced when it ends and again if it is reverted: once per event, not once.
alter table webhook_deliveries drop constraint webhook_deliveries_batch_id_key;
alter table webhook_deliveries add constraint webhook_deliveries_batch_id_event_key
    unique (batch_id, event);

-- The rows of other tables that still refer to one of the batch's purchases or items, counted by
-- foreign key; only keys with such rows are returned. Every foreign key the catalogue has on
-- purchase_ledger or purchase_items_ledger counts, whatever its ON DELETE says: a cascading key
-- would quietly delete the other table's rows with the revert, SET NULL would cut them loose. The
-- one exception is the items' own key to their purchase: those items are the batch's, removed
-- with it. For the same reason rows of the batch itself that refer to each other do not count.
--
-- It first locks the batch's purchases and items: a row that comes to refer to them later must
-- wait for the revert, and then fails on its own key, instead of slipping in between this check
-- and the delete (where a cascading key would take it along).
create function ledger_batch_references(p_batch_id uuid)
returns table (referencing_table text, foreign_key text, referencing_rows bigint)
language plpgsql as $$
declare
    v_key   record;
    v_from  text;
    v_count bigint;
begin
    perform 1 from purchase_ledger p where p.import_batch_id = p_batch_id for update;
    perform 1 from purchase_items_ledger i
    where i.transaction_id in (select p.id from purchase_ledger p where p.import_batch_id = p_batch_id)
    for update;

    for v_key in
        select c.conname, c.conrelid, c.confrelid, n.nspname, t.relname, cols.names, cols.matched
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        cross join lateral (
            -- The key's columns joined to the columns they refer to: "t.a = r.x and t.b = r.y".
            select array_agg(a.attname::text order by k.ord) as names,
                   string_agg(format('t.%I = r.%I', a.attname, ra.attname), ' and ' order by k.ord)
                       as matched
            from unnest(c.conkey, c.confkey) with ordinality as k (attnum, refnum, ord)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
            join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.refnum
        ) cols
        where c.contype = 'f'
          and c.confrelid in ('purchase_ledger'::regclass, 'purchase_items_ledger'::regclass)
          and not (c.conrelid = 'purchase_items_ledger'::regclass
                   and c.confrelid = 'purchase_ledger'::regclass
                   and cols.names = array['transaction_id'])
        order by n.nspname, t.relname, c.conname
    loop
        if v_key.confrelid = 'purchase_ledger'::regclass then
            v_from := 'purchase_ledger r';
        else
            v_from := 'purchase_items_ledger r join purchase_ledger rp on rp.id = r.transaction_id';
        end if;
        execute format(
            'select count(*) from %s join %I.%I t on %s where %s = $1%s',
            v_from, v_key.nspname, v_key.relname, v_key.matched,
            case when v_key.confrelid = 'purchase_ledger'::regclass
                 then 'r.import_batch_id' else 'rp.import_batch_id' end,
            case
                when v_key.conrelid = 'purchase_ledger'::regclass
                    then ' and t.import_batch_id is distinct from $1'
                when v_key.conrelid = 'purchase_items_ledger'::regclass
                    then ' and not exists (select 1 from purchase_ledger tp'
                         ' where tp.id = t.transaction_id and tp.import_batch_id = $1)'
                else ''
            end)
        into v_count
        using p_batch_id;
        if v_count > 0 then
            referencing_table := v_key.conrelid::regclass::text;
            foreign_key := v_key.conname;
            referencing_rows := v_count;
            return next;
        end if;
    end loop;
end
$$;

-- Removes the batch's items, then its purchases, and says how many of each. Foreign keys are
-- checked as each delete ends rather than at commit, so that a reference the check above could
-- not see fails here, where the revert answers for it, and not in the commit.
create function ledger_remove_batch(p_batch_id uuid)
returns table (purchases_removed int, items_removed int)
language plpgsql as $$
declare
    v_purchases int;
    v_items     int;
begin
    set constraints all immediate;
    delete from purchase_items_ledger i
    using purchase_ledger p
    where i.transaction_id = p.id and p.import_batch_id = p_batch_id;
    get diagnostics v_items = row_count;
    delete from purchase_ledger p where p.import_batch_id = p_batch_id;
    get diagnostics v_purchases = row_count;
    return query select v_purchases, v_items;
end
$$;
