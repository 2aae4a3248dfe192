-- Children in need at each month end the LA's returns cover (31 March included): one row per
-- child with a CIN episode open at the date. DfE counts children, not episodes, and an episode is
-- open at a date when it was referred on or before it and not closed on or before it (closed on
-- 31 March means not in need at 31 March). Referrals that led to no further action never made the
-- child a child in need and are left out. Flags say whether the child was also on a child
-- protection plan, on a child in need plan, or looked after (any SSDA903 episode open at the
-- date, same LA child identifier) - DfE's and the regional sets' "children in need excluding
-- children looked after and children on a plan" (REF 55) needs the last two - and how long the
-- child's earliest open episode had run (Doncaster's bands, DfE's duration of open cases).
with

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

cin_plans as not materialized (
    select * from {{ ref('int_safeguarding__cin_plans') }}
),

care_episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

as_at_dates as (
    select distinct
        la_code,
        period_end as as_at_date
    from reporting_periods
    where period_type in ('year', 'month')
),

-- Each CIN episode (NFA referrals left out) with whether it may be open on a day another episode
-- of the child is: it starts before an earlier-starting episode of the child has closed. Only
-- such children can be in need twice over on one date, so only their rows are grouped below; a
-- child whose episodes follow one another has one open episode at any date.
ordered_episodes as (
    select
        la_code,
        child_id,
        referral_date,
        closure_date,
        max(coalesce(closure_date, date '9999-12-31')) over (
            partition by la_code, child_id order by referral_date, closure_date
            rows between unbounded preceding and 1 preceding
        ) as previous_closure
    from episodes
    where not is_referral_nfa
),

referred_episodes as (
    select
        la_code,
        child_id,
        referral_date,
        closure_date,
        coalesce(bool_or(referral_date < previous_closure) over (partition by la_code, child_id), false)
            as has_overlapping_episodes
    from ordered_episodes
),

-- Each child in need numbered once: the plan and care flags below are joined on this number and
-- the date (two integers) rather than on LA, child identifier and date, over some 20 million rows
-- at 150 LAs; and the plans and care episodes of children never in need are dropped before their
-- dates are expanded.
child_numbers as materialized (
    select
        la_code,
        child_id,
        row_number() over () as child_number
    from (
        select distinct
            la_code,
            child_id
        from referred_episodes
    ) as referred_children
),

open_episodes as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        referred_episodes.child_id,
        child_numbers.child_number,
        referred_episodes.referral_date,
        referred_episodes.has_overlapping_episodes
    from as_at_dates
    inner join referred_episodes
        on
            as_at_dates.la_code = referred_episodes.la_code
            and as_at_dates.as_at_date >= referred_episodes.referral_date
            and (referred_episodes.closure_date is null or as_at_dates.as_at_date < referred_episodes.closure_date)
    inner join child_numbers
        on
            referred_episodes.la_code = child_numbers.la_code
            and referred_episodes.child_id = child_numbers.child_id
),

children_open as (
    select
        la_code,
        as_at_date,
        child_id,
        child_number,
        referral_date as earliest_open_referral_date,
        1 as open_episodes_count
    from open_episodes
    where not has_overlapping_episodes
    union all
    select
        la_code,
        as_at_date,
        child_id,
        child_number,
        min(referral_date) as earliest_open_referral_date,
        count(*) as open_episodes_count
    from open_episodes
    where has_overlapping_episodes
    group by la_code, as_at_date, child_id, child_number
),

-- Plans and care episodes merged per child into the stretches they cover (merged_spells): each
-- date then meets at most one stretch of a child, with no distinct over every matching row.
cp_plan_spells as (
    {{ merged_spells('cp_plans', ['la_code', 'child_id'], 'cp_plan_start_date', 'cp_plan_end_date') }}
),

cin_plan_spells as (
    {{ merged_spells('cin_plans', ['la_code', 'child_id'], 'cin_plan_start_date', 'cin_plan_end_date') }}
),

care_spells as (
    {{ merged_spells('care_episodes', ['la_code', 'child_id'], 'episode_start_date', 'episode_end_date') }}
),

spells_of_children_in_need as (
    select
        'cp_plan' as spell_kind,
        child_numbers.child_number,
        cp_plan_spells.la_code,
        cp_plan_spells.spell_start,
        cp_plan_spells.spell_end
    from cp_plan_spells
    inner join child_numbers
        on cp_plan_spells.la_code = child_numbers.la_code and cp_plan_spells.child_id = child_numbers.child_id
    union all
    select
        'cin_plan' as spell_kind,
        child_numbers.child_number,
        cin_plan_spells.la_code,
        cin_plan_spells.spell_start,
        cin_plan_spells.spell_end
    from cin_plan_spells
    inner join child_numbers
        on cin_plan_spells.la_code = child_numbers.la_code and cin_plan_spells.child_id = child_numbers.child_id
    union all
    select
        'care' as spell_kind,
        child_numbers.child_number,
        care_spells.la_code,
        care_spells.spell_start,
        care_spells.spell_end
    from care_spells
    inner join child_numbers
        on care_spells.la_code = child_numbers.la_code and care_spells.child_id = child_numbers.child_id
),

spells_at_date as (
    select
        spells_of_children_in_need.spell_kind,
        spells_of_children_in_need.child_number,
        as_at_dates.as_at_date
    from as_at_dates
    inner join spells_of_children_in_need
        on
            as_at_dates.la_code = spells_of_children_in_need.la_code
            and as_at_dates.as_at_date >= spells_of_children_in_need.spell_start
            and (
                spells_of_children_in_need.spell_end is null
                or as_at_dates.as_at_date < spells_of_children_in_need.spell_end
            )
),

children_on_cp_plan as (
    select
        child_number,
        as_at_date
    from spells_at_date
    where spell_kind = 'cp_plan'
),

children_on_cin_plan as (
    select
        child_number,
        as_at_date
    from spells_at_date
    where spell_kind = 'cin_plan'
),

children_looked_after as (
    select
        child_number,
        as_at_date
    from spells_at_date
    where spell_kind = 'care'
)

select
    children_open.la_code,
    children_open.as_at_date,
    children_open.child_id,
    children_open.earliest_open_referral_date,
    children_open.open_episodes_count,
    case
        when children_open.earliest_open_referral_date <= cast(children_open.as_at_date - to_months(24) as date)
            then '24_months_plus'
        when children_open.earliest_open_referral_date <= cast(children_open.as_at_date - to_months(12) as date)
            then '12_to_24_months'
        when children_open.earliest_open_referral_date <= cast(children_open.as_at_date - to_months(6) as date)
            then '6_to_12_months'
        else 'under_6_months'
    end as open_duration_band,
    children_on_cp_plan.child_number is not null as is_on_cp_plan,
    children_on_cin_plan.child_number is not null as is_on_cin_plan,
    children_looked_after.child_number is not null as is_looked_after
from children_open
left join children_on_cp_plan
    on
        children_open.child_number = children_on_cp_plan.child_number
        and children_open.as_at_date = children_on_cp_plan.as_at_date
left join children_on_cin_plan
    on
        children_open.child_number = children_on_cin_plan.child_number
        and children_open.as_at_date = children_on_cin_plan.as_at_date
left join children_looked_after
    on
        children_open.child_number = children_looked_after.child_number
        and children_open.as_at_date = children_looked_after.as_at_date
