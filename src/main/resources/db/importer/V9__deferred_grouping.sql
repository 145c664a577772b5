-- Grouping in flat memory: the import groups rows into purchases as they stream past, holding only
-- the run of rows it is reading. A run whose transaction_number may have begun a purchase earlier
-- in the file (its rows are not adjacent) is staged as it is, marked deferred, with a provisional
-- purchase id and, where it left it blank, no date; import_stage_group_deferred then groups those
-- rows with the rest of their purchase, here, where every row is. Other callers stage no deferred
-- rows and see the table as before.
create or replace function import_stage_prepare() returns void
language plpgsql as $$
begin
    create temp table if not exists import_stage (
        line               int         not null,
        transaction_number text        not null,
        -- Blank only on a deferred row that left it to its purchase's first row.
        transaction_date   timestamptz,
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
        is_first           boolean     not null,
        deferred           boolean     not null default false
    ) on commit drop;
    truncate import_stage;
    create temp table if not exists import_user_match (ref text not null, id uuid, matches int not null)
        on commit drop;
    truncate import_user_match;
    create temp table if not exists import_sku_match (ref text not null, id uuid, matches int not null)
        on commit drop;
    truncate import_sku_match;
end
$$;

-- Groups the deferred rows: a purchase's first row is its transaction_number's first staged row
-- that carries the purchase's values (date, user, and final_amount when p_final_required), as the
-- import's own grouping decides for adjacent rows. A deferred row after it joins its purchase
-- (its id and its date); the first row itself carries the purchase; a
-- deferred row before it (or of a number without one) lacks the values and is taken out, as the
-- import leaves out every row with an error of its own. Returns each deferred row with its
-- purchase's first row (nulls when there is none), in line order, for the import to report on.
create function import_stage_group_deferred(p_final_required boolean)
returns table (line int, transaction_number text, transaction_date timestamptz, user_id uuid,
               user_ref text, final_amount numeric, first_line int, first_date timestamptz,
               first_user_id uuid, first_user_ref text, first_final_amount numeric)
language plpgsql as $$
#variable_conflict use_column
begin
    -- Every row of every number that has a deferred row: few, unless a file's rows are scattered.
    create temp table if not exists import_regroup (
        line int not null, transaction_number text not null, transaction_date timestamptz,
        user_id uuid, user_ref text, final_amount numeric, purchase_id uuid not null,
        deferred boolean not null, complete boolean not null) on commit drop;
    truncate import_regroup;
    insert into import_regroup
    select s.line, s.transaction_number, s.transaction_date, s.user_id, s.user_ref, s.final_amount,
           s.purchase_id, s.deferred,
           s.transaction_date is not null and (s.user_id is not null or s.user_ref is not null)
             and (s.final_amount is not null or not p_final_required)
    from import_stage s
    where s.transaction_number in (select d.transaction_number from import_stage d where d.deferred);

    create temp table if not exists import_regroup_first (
        transaction_number text not null, line int not null, transaction_date timestamptz,
        user_id uuid, user_ref text, final_amount numeric, purchase_id uuid not null)
        on commit drop;
    truncate import_regroup_first;
    insert into import_regroup_first
    select distinct on (r.transaction_number) r.transaction_number, r.line, r.transaction_date,
           r.user_id, r.user_ref, r.final_amount, r.purchase_id
    from import_regroup r
    where r.complete
    order by r.transaction_number, r.line;

    if exists (select 1 from import_regroup r
               left join import_regroup_first f on f.transaction_number = r.transaction_number
               where r.deferred and (f.line is null or r.line < f.line)) then
        delete from import_stage s
        where s.deferred
          and s.line in (select r.line from import_regroup r
                         left join import_regroup_first f
                                on f.transaction_number = r.transaction_number
                         where r.deferred and (f.line is null or r.line < f.line));
    end if;

    update import_stage s
    set purchase_id = f.purchase_id,
        is_first = (s.line = f.line),
        -- A later row is staged with its purchase's date, as the import stages adjacent ones.
        transaction_date = f.transaction_date
    from import_regroup r
    join import_regroup_first f on f.transaction_number = r.transaction_number
    where s.deferred and r.deferred and s.line = r.line and r.line >= f.line;

    return query
    select r.line, r.transaction_number, r.transaction_date, r.user_id, r.user_ref, r.final_amount,
           f.line, f.transaction_date, f.user_id, f.user_ref, f.final_amount
    from import_regroup r
    left join import_regroup_first f on f.transaction_number = r.transaction_number
    where r.deferred
    order by r.line;
end
$$;
