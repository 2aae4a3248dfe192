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

reporting_periods as (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

episodes as (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

cp_plans as (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

cin_plans as (
    select * from {{ ref('int_safeguarding__cin_plans') }}
),

care_episodes as (
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

open_episodes as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        referred_episodes.child_id,
        referred_episodes.referral_date,
        referred_episodes.has_overlapping_episodes
    from as_at_dates
    inner join referred_episodes
        on
            as_at_dates.la_code = referred_episodes.la_code
            and as_at_dates.as_at_date >= referred_episodes.referral_date
            and (referred_episodes.closure_date is null or as_at_dates.as_at_date < referred_episodes.closure_date)
),

children_open as (
    select
        la_code,
        as_at_date,
        child_id,
        referral_date as earliest_open_referral_date,
        1 as open_episodes_count
    from open_episodes
    where not has_overlapping_episodes
    union all
    select
        la_code,
        as_at_date,
        child_id,
        min(referral_date) as earliest_open_referral_date,
        count(*) as open_episodes_count
    from open_episodes
    where has_overlapping_episodes
    group by la_code, as_at_date, child_id
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

children_on_cp_plan as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        cp_plan_spells.child_id
    from as_at_dates
    inner join cp_plan_spells
        on
            as_at_dates.la_code = cp_plan_spells.la_code
            and as_at_dates.as_at_date >= cp_plan_spells.spell_start
            and (cp_plan_spells.spell_end is null or as_at_dates.as_at_date < cp_plan_spells.spell_end)
),

children_on_cin_plan as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        cin_plan_spells.child_id
    from as_at_dates
    inner join cin_plan_spells
        on
            as_at_dates.la_code = cin_plan_spells.la_code
            and as_at_dates.as_at_date >= cin_plan_spells.spell_start
            and (cin_plan_spells.spell_end is null or as_at_dates.as_at_date < cin_plan_spells.spell_end)
),

children_looked_after as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        care_spells.child_id
    from as_at_dates
    inner join care_spells
        on
            as_at_dates.la_code = care_spells.la_code
            and as_at_dates.as_at_date >= care_spells.spell_start
            and (care_spells.spell_end is null or as_at_dates.as_at_date < care_spells.spell_end)
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
    children_on_cp_plan.child_id is not null as is_on_cp_plan,
    children_on_cin_plan.child_id is not null as is_on_cin_plan,
    children_looked_after.child_id is not null as is_looked_after
from children_open
left join children_on_cp_plan
    on
        children_open.la_code = children_on_cp_plan.la_code
        and children_open.as_at_date = children_on_cp_plan.as_at_date
        and children_open.child_id = children_on_cp_plan.child_id
left join children_on_cin_plan
    on
        children_open.la_code = children_on_cin_plan.la_code
        and children_open.as_at_date = children_on_cin_plan.as_at_date
        and children_open.child_id = children_on_cin_plan.child_id
left join children_looked_after
    on
        children_open.la_code = children_looked_after.la_code
        and children_open.as_at_date = children_looked_after.as_at_date
        and children_open.child_id = children_looked_after.child_id
