-- Children in need KPIs per LA and reporting period, in the KPI contract (macros/kpi.sql).
-- Snapshots at the period end (year and month periods) from
-- int_safeguarding__children_in_need_at_date: children in need (DfE "children in need at 31 March",
-- which includes children looked after and on plans), the same excluding children looked after
-- and children on a child protection plan (regional REF 55), children both on a plan and looked
-- after (REF 67), and the share whose earliest open episode has run 6 to 12 months, 12 to 24 months
-- and 2 years or more (Doncaster's bands). Children on a child in need plan at the period end, and
-- those whose plan has run 12 months or more (Slough KPI 14), exist only from the 2021-22 census,
-- when CIN plan dates were first collected. Children in need during the period (Doncaster: any
-- episode open at some time in it, NFA referrals aside) is an event measure.
{%- set snapshot = "period_type in ('year', 'month')" %}
{%- set cin_plans_collected = "period_type in ('year', 'month') and financial_year_end >= 2022" %}
{%- set kpis = [
    {'id': 'sg_cin_count', 'numerator': 'children_in_need', 'denominator': 'null', 'where': snapshot},
    {'id': 'sg_cin_rate_per_10k', 'numerator': 'children_in_need', 'denominator': 'population_0_17',
        'where': snapshot},
    {'id': 'sg_cin_excl_cla_cpp_count', 'numerator': 'children_in_need_not_cla_or_cpp', 'denominator': 'null',
        'where': snapshot},
    {'id': 'sg_cin_excl_cla_cpp_rate_per_10k', 'numerator': 'children_in_need_not_cla_or_cpp',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_and_cla_count', 'numerator': 'children_on_plan_and_looked_after', 'denominator': 'null',
        'where': snapshot},
    {'id': 'sg_cin_open_6_12m_pct', 'numerator': 'open_6_to_12_months', 'denominator': 'children_in_need',
        'where': snapshot},
    {'id': 'sg_cin_open_12_24m_pct', 'numerator': 'open_12_to_24_months', 'denominator': 'children_in_need',
        'where': snapshot},
    {'id': 'sg_cin_open_2y_plus_pct', 'numerator': 'open_24_months_plus', 'denominator': 'children_in_need',
        'where': snapshot},
    {'id': 'sg_cin_plan_children_count', 'numerator': 'children_on_cin_plan', 'denominator': 'null',
        'where': cin_plans_collected},
    {'id': 'sg_cin_plan_12m_plus_count', 'numerator': 'children_on_cin_plan_12_months_plus', 'denominator': 'null',
        'where': cin_plans_collected},
    {'id': 'sg_cin_plan_12m_plus_pct', 'numerator': 'children_on_cin_plan_12_months_plus',
        'denominator': 'children_on_cin_plan', 'where': cin_plans_collected},
    {'id': 'sg_cin_during_period_count', 'numerator': 'children_in_need_during_period', 'denominator': 'null'},
] %}
with

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

children_in_need_at_date as not materialized (
    select * from {{ ref('int_safeguarding__children_in_need_at_date') }}
),

cin_plans as not materialized (
    select * from {{ ref('int_safeguarding__cin_plans') }}
),

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

-- The snapshot counts depend only on the LA and the date, which several periods share (a month,
-- the financial year to it and the 12 months to it all end on the same day): count once per date,
-- then hand each period its date's counts.
children_in_need_at_date_totals as (
    select
        la_code,
        as_at_date,
        count(child_id) as children_in_need,
        count(case when not is_looked_after and not is_on_cp_plan then 1 end) as children_in_need_not_cla_or_cpp,
        count(case when is_looked_after and is_on_cp_plan then 1 end) as children_on_plan_and_looked_after,
        count(case when open_duration_band = '6_to_12_months' then 1 end) as open_6_to_12_months,
        count(case when open_duration_band = '12_to_24_months' then 1 end) as open_12_to_24_months,
        count(case when open_duration_band = '24_months_plus' then 1 end) as open_24_months_plus
    from children_in_need_at_date
    group by la_code, as_at_date
),

period_end_dates as (
    select distinct
        la_code,
        period_end as as_at_date
    from reporting_periods
),

-- a child on several open CIN plans is on a plan since the earliest of them
children_on_cin_plan_at_date as (
    select
        period_end_dates.la_code,
        period_end_dates.as_at_date,
        cin_plans.child_id,
        min(cin_plans.cin_plan_start_date) as earliest_open_plan_start_date
    from period_end_dates
    inner join cin_plans
        on
            period_end_dates.la_code = cin_plans.la_code
            and period_end_dates.as_at_date >= cin_plans.cin_plan_start_date
            and (cin_plans.cin_plan_end_date is null or period_end_dates.as_at_date < cin_plans.cin_plan_end_date)
    group by period_end_dates.la_code, period_end_dates.as_at_date, cin_plans.child_id
),

cin_plan_at_date_totals as (
    select
        la_code,
        as_at_date,
        count(child_id) as children_on_cin_plan,
        count(
            case when earliest_open_plan_start_date <= cast(as_at_date - to_months(12) as date) then 1 end
        ) as children_on_cin_plan_12_months_plus
    from children_on_cin_plan_at_date
    group by la_code, as_at_date
),

-- Children in need during a period: a child counts once however many of their episodes are open
-- in it. Rather than joining every episode to every period and counting distinct children, each
-- child's episodes are ordered by referral month and an episode speaks for the child in a period
-- only when it is open in it and none of the child's earlier episodes is (their latest closure
-- month is before the period), which makes the count a plain sum. Periods run from the 1st of a
-- month to the last day of a month, so "referred on or before the period end" and "closed on or
-- after its start" can be tested on months (year * 12 + month; never closed is the far future),
-- and the episodes collapse to a small count per LA and (referral month, closure month, earlier
-- episodes' latest closure month) before meeting the periods.
episode_months as (
    select
        la_code,
        child_id,
        year(referral_date) * 12 + month(referral_date) as referral_month,
        coalesce(year(closure_date) * 12 + month(closure_date), 999999) as closure_month
    from episodes
    where not is_referral_nfa and child_id is not null and referral_date is not null
),

episode_months_with_earlier as (
    select
        la_code,
        referral_month,
        closure_month,
        coalesce(
            max(closure_month) over (
                partition by la_code, child_id
                order by referral_month
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as earlier_closure_month
    from episode_months
),

episode_month_counts as (
    select
        la_code,
        referral_month,
        closure_month,
        earlier_closure_month,
        count(*) as episodes
    from episode_months_with_earlier
    group by all
),

during_period_totals as (
    select
        reporting_periods.reporting_period_key,
        coalesce(cast(sum(episode_month_counts.episodes) as bigint), 0) as children_in_need_during_period
    from reporting_periods
    left join episode_month_counts
        on
            reporting_periods.la_code = episode_month_counts.la_code
            and year(reporting_periods.period_end) * 12 + month(reporting_periods.period_end)
            >= episode_month_counts.referral_month
            and year(reporting_periods.period_start) * 12 + month(reporting_periods.period_start)
            <= episode_month_counts.closure_month
            and year(reporting_periods.period_start) * 12 + month(reporting_periods.period_start)
            > episode_month_counts.earlier_closure_month
    group by reporting_periods.reporting_period_key
),

period_totals as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.financial_year_end,
        reporting_periods.population_0_17,
        coalesce(children_in_need_at_date_totals.children_in_need, 0) as children_in_need,
        coalesce(children_in_need_at_date_totals.children_in_need_not_cla_or_cpp, 0)
            as children_in_need_not_cla_or_cpp,
        coalesce(children_in_need_at_date_totals.children_on_plan_and_looked_after, 0)
            as children_on_plan_and_looked_after,
        coalesce(children_in_need_at_date_totals.open_6_to_12_months, 0) as open_6_to_12_months,
        coalesce(children_in_need_at_date_totals.open_12_to_24_months, 0) as open_12_to_24_months,
        coalesce(children_in_need_at_date_totals.open_24_months_plus, 0) as open_24_months_plus,
        coalesce(cin_plan_at_date_totals.children_on_cin_plan, 0) as children_on_cin_plan,
        coalesce(cin_plan_at_date_totals.children_on_cin_plan_12_months_plus, 0)
            as children_on_cin_plan_12_months_plus,
        during_period_totals.children_in_need_during_period
    from reporting_periods
    left join children_in_need_at_date_totals
        on
            reporting_periods.la_code = children_in_need_at_date_totals.la_code
            and reporting_periods.period_end = children_in_need_at_date_totals.as_at_date
    left join cin_plan_at_date_totals
        on
            reporting_periods.la_code = cin_plan_at_date_totals.la_code
            and reporting_periods.period_end = cin_plan_at_date_totals.as_at_date
    inner join during_period_totals
        on reporting_periods.reporting_period_key = during_period_totals.reporting_period_key
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
