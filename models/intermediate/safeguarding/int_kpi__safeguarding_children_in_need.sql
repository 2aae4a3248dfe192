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

reporting_periods as (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

children_in_need_at_date as (
    select * from {{ ref('int_safeguarding__children_in_need_at_date') }}
),

cin_plans as (
    select * from {{ ref('int_safeguarding__cin_plans') }}
),

episodes as (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

children_in_need_totals as (
    select
        reporting_periods.reporting_period_key,
        count(children_in_need_at_date.child_id) as children_in_need,
        count(
            case
                when not children_in_need_at_date.is_looked_after and not children_in_need_at_date.is_on_cp_plan then 1
            end
        ) as children_in_need_not_cla_or_cpp,
        count(
            case when children_in_need_at_date.is_looked_after and children_in_need_at_date.is_on_cp_plan then 1 end
        ) as children_on_plan_and_looked_after,
        count(case when children_in_need_at_date.open_duration_band = '6_to_12_months' then 1 end)
            as open_6_to_12_months,
        count(case when children_in_need_at_date.open_duration_band = '12_to_24_months' then 1 end)
            as open_12_to_24_months,
        count(case when children_in_need_at_date.open_duration_band = '24_months_plus' then 1 end)
            as open_24_months_plus
    from reporting_periods
    left join children_in_need_at_date
        on
            reporting_periods.la_code = children_in_need_at_date.la_code
            and reporting_periods.period_end = children_in_need_at_date.as_at_date
    group by reporting_periods.reporting_period_key
),

-- a child on several open CIN plans is on a plan since the earliest of them
children_on_cin_plan_at_end as (
    select
        reporting_periods.reporting_period_key,
        reporting_periods.period_end,
        cin_plans.child_id,
        min(cin_plans.cin_plan_start_date) as earliest_open_plan_start_date
    from reporting_periods
    inner join cin_plans
        on
            reporting_periods.la_code = cin_plans.la_code
            and reporting_periods.period_end >= cin_plans.cin_plan_start_date
            and (cin_plans.cin_plan_end_date is null or reporting_periods.period_end < cin_plans.cin_plan_end_date)
    group by reporting_periods.reporting_period_key, reporting_periods.period_end, cin_plans.child_id
),

cin_plan_totals as (
    select
        reporting_periods.reporting_period_key,
        count(children_on_cin_plan_at_end.child_id) as children_on_cin_plan,
        count(
            case
                when
                    children_on_cin_plan_at_end.earliest_open_plan_start_date
                    <= cast(reporting_periods.period_end - to_months(12) as date)
                    then 1
            end
        ) as children_on_cin_plan_12_months_plus
    from reporting_periods
    left join children_on_cin_plan_at_end
        on reporting_periods.reporting_period_key = children_on_cin_plan_at_end.reporting_period_key
    group by reporting_periods.reporting_period_key
),

during_period_totals as (
    select
        reporting_periods.reporting_period_key,
        count(distinct episodes.child_id) as children_in_need_during_period
    from reporting_periods
    left join episodes
        on
            reporting_periods.la_code = episodes.la_code
            and reporting_periods.period_end >= episodes.referral_date
            and (episodes.closure_date is null or reporting_periods.period_start <= episodes.closure_date)
            and not episodes.is_referral_nfa
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
        children_in_need_totals.children_in_need,
        children_in_need_totals.children_in_need_not_cla_or_cpp,
        children_in_need_totals.children_on_plan_and_looked_after,
        children_in_need_totals.open_6_to_12_months,
        children_in_need_totals.open_12_to_24_months,
        children_in_need_totals.open_24_months_plus,
        cin_plan_totals.children_on_cin_plan,
        cin_plan_totals.children_on_cin_plan_12_months_plus,
        during_period_totals.children_in_need_during_period
    from reporting_periods
    inner join children_in_need_totals
        on reporting_periods.reporting_period_key = children_in_need_totals.reporting_period_key
    inner join cin_plan_totals
        on reporting_periods.reporting_period_key = cin_plan_totals.reporting_period_key
    inner join during_period_totals
        on reporting_periods.reporting_period_key = during_period_totals.reporting_period_key
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
