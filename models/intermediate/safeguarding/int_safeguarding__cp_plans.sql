-- One row per child protection plan across the annual returns (a plan open at 31 March is
-- returned again, with its end date once it ends: the latest return wins), with the child's
-- previous plans. DfE counts a plan as "second or subsequent" when the child had ANY previous plan
-- (Characteristics of children in need, table D3): known here from an earlier plan in the loaded
-- returns or from the LA's NumberOfPreviousCPP (N00106, 0 for a first plan), which also covers
-- plans before the first loaded return. "Within 2 years" (regional benchmark REF 73, Slough KPI 3,
-- Doncaster) needs a previous plan that ENDED within 2 years before this one started: the end date
-- is on or after the start date less 2 calendar years (inclusive, so a plan starting exactly 2
-- years after the last ended is a repeat within 2 years), and only the loaded returns can show it.
-- A plan's length runs from its start to its end date; "2 years or more" means the end date is on
-- or after the start date plus 2 calendar years (29 February + 2 years is 28 February).
with

cp_plans as not materialized (
    select * from {{ ref('stg_cin_census__cp_plans') }}
),

plan_returns as (
    select
        la_code,
        child_id,
        cp_plan_start_date,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year
    from cp_plans
    group by la_code, child_id, cp_plan_start_date
),

latest_plan_version as (
    select *
    from cp_plans
    where cp_plan_start_date is not null
    qualify row_number() over (
        partition by la_code, child_id, cp_plan_start_date
        order by collection_year desc, source_line asc
    ) = 1
),

plans_with_history as (
    select
        *,
        row_number() over (
            partition by la_code, child_id
            order by cp_plan_start_date
        ) as plan_number_in_data,
        lag(cp_plan_start_date) over (
            partition by la_code, child_id
            order by cp_plan_start_date
        ) as previous_plan_start_date,
        -- the latest end of any earlier plan: with overlapping plans (a data error) the most
        -- recent end is the one that matters for "ended within 2 years"
        max(cp_plan_end_date) over (
            partition by la_code, child_id
            order by cp_plan_start_date
            rows between unbounded preceding and 1 preceding
        ) as previous_plan_end_date
    from latest_plan_version
)

select
    md5(concat_ws(
        '|', plans_with_history.la_code, plans_with_history.child_id,
        plans_with_history.cp_plan_start_date
    )) as cp_plan_id,
    md5(concat_ws(
        '|', plans_with_history.la_code, plans_with_history.child_id,
        plans_with_history.referral_date
    )) as cin_episode_id,
    plans_with_history.la_code,
    plans_with_history.child_id,
    plans_with_history.referral_date,
    plans_with_history.cp_plan_start_date,
    plans_with_history.cp_plan_end_date,
    plans_with_history.initial_category,
    plans_with_history.latest_category,
    plans_with_history.number_of_previous_cpp,
    plans_with_history.plan_number_in_data,
    plans_with_history.previous_plan_start_date,
    plans_with_history.previous_plan_end_date,
    (
        plans_with_history.previous_plan_start_date is not null
        or coalesce(plans_with_history.number_of_previous_cpp, 0) > 0
    ) as is_second_or_subsequent_plan,
    coalesce(
        plans_with_history.previous_plan_end_date <= plans_with_history.cp_plan_start_date
        and plans_with_history.previous_plan_end_date
        >= cast(plans_with_history.cp_plan_start_date - to_years(2) as date),
        false
    ) as is_repeat_within_2_years,
    date_diff('day', plans_with_history.cp_plan_start_date, plans_with_history.cp_plan_end_date)
        as plan_length_days,
    coalesce(
        plans_with_history.cp_plan_end_date >= cast(plans_with_history.cp_plan_start_date + to_years(2) as date),
        false
    ) as is_ended_after_2_years_or_more,
    plan_returns.first_collection_year,
    plan_returns.last_collection_year,
    plans_with_history.cp_plan_key as source_cp_plan_key
from plans_with_history
inner join plan_returns
    on
        plans_with_history.la_code = plan_returns.la_code
        and plans_with_history.child_id = plan_returns.child_id
        and plans_with_history.cp_plan_start_date = plan_returns.cp_plan_start_date
