-- Children looked after who are also on a child protection plan (regional REF 67), at the end of
-- each year (31 March) and month. Looked after as the DfE counts it: the month-end snapshots, which
-- leave out children on an agreed series of short breaks (V3/V4). On a plan that day as the DfE's
-- "children on a plan at 31 March" counts it (Characteristics of children in need): the plan
-- started on or before the date and had not ended on or before it. The two returns are matched on
-- the LA child identifier, which the DfE asks LAs to keep the same in both. A child on two
-- overlapping plans (a data error) counts once. The count is published only for periods both
-- returns cover; sg_cpp_and_cla_count is the same children seen from the CIN census (children in
-- need on a plan who have any 903 episode open), so a difference points at a record missing from one
-- of the returns.
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

safeguarding_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

snapshots as not materialized (
    select * from {{ ref('int_looked_after__month_end_snapshots') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

periods_both_returns_cover as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end
    from reporting_periods
    inner join safeguarding_periods
        on
            reporting_periods.la_code = safeguarding_periods.la_code
            and reporting_periods.period_type = safeguarding_periods.period_type
            and reporting_periods.period_end = safeguarding_periods.period_end
    where reporting_periods.period_type in ('year', 'month')
),

looked_after_on_plan as (
    select distinct
        snapshots.la_code,
        snapshots.snapshot_date,
        snapshots.child_id
    from snapshots
    inner join cp_plans
        on
            snapshots.la_code = cp_plans.la_code
            and snapshots.child_id = cp_plans.child_id
            and snapshots.snapshot_date >= cp_plans.cp_plan_start_date
            and (cp_plans.cp_plan_end_date is null or snapshots.snapshot_date < cp_plans.cp_plan_end_date)
),

period_totals as (
    select
        periods_both_returns_cover.la_code,
        periods_both_returns_cover.period_type,
        periods_both_returns_cover.period_start,
        periods_both_returns_cover.period_end,
        count(looked_after_on_plan.child_id) as looked_after_on_plan
    from periods_both_returns_cover
    left join looked_after_on_plan
        on
            periods_both_returns_cover.la_code = looked_after_on_plan.la_code
            and periods_both_returns_cover.period_end = looked_after_on_plan.snapshot_date
    group by all
),

kpi_values as (
    {{ kpi_rows('period_totals', [
        {'id': 'cla_with_child_protection_plan_count', 'numerator': 'looked_after_on_plan', 'denominator': 'null'},
    ]) }}
)

select * from kpi_values
