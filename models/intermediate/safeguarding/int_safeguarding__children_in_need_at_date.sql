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

open_episodes as (
    select
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        episodes.child_id,
        episodes.referral_date
    from as_at_dates
    inner join episodes
        on
            as_at_dates.la_code = episodes.la_code
            and as_at_dates.as_at_date >= episodes.referral_date
            and (episodes.closure_date is null or as_at_dates.as_at_date < episodes.closure_date)
    where not episodes.is_referral_nfa
),

children_open as (
    select
        la_code,
        as_at_date,
        child_id,
        min(referral_date) as earliest_open_referral_date,
        count(*) as open_episodes_count
    from open_episodes
    group by la_code, as_at_date, child_id
),

children_on_cp_plan as (
    select distinct
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        cp_plans.child_id
    from as_at_dates
    inner join cp_plans
        on
            as_at_dates.la_code = cp_plans.la_code
            and as_at_dates.as_at_date >= cp_plans.cp_plan_start_date
            and (cp_plans.cp_plan_end_date is null or as_at_dates.as_at_date < cp_plans.cp_plan_end_date)
),

children_on_cin_plan as (
    select distinct
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        cin_plans.child_id
    from as_at_dates
    inner join cin_plans
        on
            as_at_dates.la_code = cin_plans.la_code
            and as_at_dates.as_at_date >= cin_plans.cin_plan_start_date
            and (cin_plans.cin_plan_end_date is null or as_at_dates.as_at_date < cin_plans.cin_plan_end_date)
),

children_looked_after as (
    select distinct
        as_at_dates.la_code,
        as_at_dates.as_at_date,
        care_episodes.child_id
    from as_at_dates
    inner join care_episodes
        on
            as_at_dates.la_code = care_episodes.la_code
            and as_at_dates.as_at_date >= care_episodes.episode_start_date
            and (care_episodes.episode_end_date is null or as_at_dates.as_at_date < care_episodes.episode_end_date)
)

select
    md5(concat_ws('|', children_open.la_code, children_open.as_at_date, children_open.child_id))
        as child_in_need_at_date_key,
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
