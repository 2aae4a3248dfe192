-- Child protection plan KPIs per LA and reporting period, in the KPI contract (macros/kpi.sql).
-- Snapshots (year and month periods): children on a plan at the period end - a plan is open when
-- it started on or before the date and has no end date or ends after it (DfE's "at 31 March") -
-- by INITIAL category of abuse, the category assessed when the plan began, which is the series the
-- DfE publishes (Characteristics of children in need, table A6) and the seed documents' "CP plans
-- due to neglect..." follow; by latest category as a separate local series (a category can change
-- at review, so the two differ); those whose plan has lasted 2 years or more, and
-- those on a plan for at least 3 months whose reviews were all held in time (first review within
-- 3 months of the start, then every 6 months; int_safeguarding__cp_reviews) with none overdue at
-- the period end. Events (every period type): children who became the subject of a plan (a child
-- starting two plans in a period counts once), of whom second or subsequent plan ever (DfE table
-- D3) or repeat within 2 years of a previous plan ending (only where the previous 24 months are
-- covered by loaded returns); plans starting by initial category; plans ending, and of those the
-- plans that lasted 2 years or more (DfE table D7, regional REF 72).
{%- set categories = {'NEG': 'neglect', 'PHY': 'physical', 'SAB': 'sexual', 'EMO': 'emotional', 'MUL': 'multiple'} %}
{%- set snapshot = "period_type in ('year', 'month')" %}
{%- set kpis = [
    {'id': 'sg_cpp_children_count', 'numerator': 'children_on_plan', 'denominator': 'null', 'where': snapshot},
    {'id': 'sg_cpp_children_rate_per_10k', 'numerator': 'children_on_plan', 'denominator': 'population_0_17',
        'where': snapshot},
    {'id': 'sg_cpp_open_2y_plus_pct', 'numerator': 'children_on_plan_2_years_plus',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_reviewed_in_timescale_pct', 'numerator': 'plans_reviewed_in_time',
        'denominator': 'plans_due_a_review', 'where': snapshot},
    {'id': 'sg_cpp_started_count', 'numerator': 'children_starting', 'denominator': 'null'},
    {'id': 'sg_cpp_started_rate_per_10k', 'numerator': 'children_starting', 'denominator': 'population_0_17'},
    {'id': 'sg_cpp_second_or_subsequent_count', 'numerator': 'children_starting_repeat', 'denominator': 'null'},
    {'id': 'sg_cpp_second_or_subsequent_pct', 'numerator': 'children_starting_repeat',
        'denominator': 'children_starting'},
    {'id': 'sg_cpp_repeat_within_2y_pct', 'numerator': 'children_starting_repeat_within_2_years',
        'denominator': 'children_starting', 'where': 'has_24_month_lookback'},
    {'id': 'sg_cpp_ended_count', 'numerator': 'plans_ended', 'denominator': 'null'},
    {'id': 'sg_cpp_ended_rate_per_10k', 'numerator': 'plans_ended', 'denominator': 'population_0_17'},
    {'id': 'sg_cpp_ended_lasting_2y_plus_pct', 'numerator': 'plans_ended_after_2_years_plus',
        'denominator': 'plans_ended'},
    {'id': 'sg_cpp_initial_category_neglect_pct', 'numerator': 'on_plan_initial_neglect',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_neglect_rate_per_10k', 'numerator': 'on_plan_initial_neglect',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_physical_pct', 'numerator': 'on_plan_initial_physical',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_physical_rate_per_10k', 'numerator': 'on_plan_initial_physical',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_sexual_pct', 'numerator': 'on_plan_initial_sexual',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_sexual_rate_per_10k', 'numerator': 'on_plan_initial_sexual',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_emotional_pct', 'numerator': 'on_plan_initial_emotional',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_emotional_rate_per_10k', 'numerator': 'on_plan_initial_emotional',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_initial_category_multiple_pct', 'numerator': 'on_plan_initial_multiple',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_neglect_pct', 'numerator': 'on_plan_latest_neglect',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_neglect_rate_per_10k', 'numerator': 'on_plan_latest_neglect',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_physical_pct', 'numerator': 'on_plan_latest_physical',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_physical_rate_per_10k', 'numerator': 'on_plan_latest_physical',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_sexual_pct', 'numerator': 'on_plan_latest_sexual',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_sexual_rate_per_10k', 'numerator': 'on_plan_latest_sexual',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_emotional_pct', 'numerator': 'on_plan_latest_emotional',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_emotional_rate_per_10k', 'numerator': 'on_plan_latest_emotional',
        'denominator': 'population_0_17', 'where': snapshot},
    {'id': 'sg_cpp_latest_category_multiple_pct', 'numerator': 'on_plan_latest_multiple',
        'denominator': 'children_on_plan', 'where': snapshot},
    {'id': 'sg_cpp_started_initial_category_neglect_pct', 'numerator': 'started_initial_neglect',
        'denominator': 'plans_started'},
    {'id': 'sg_cpp_started_initial_category_physical_pct', 'numerator': 'started_initial_physical',
        'denominator': 'plans_started'},
    {'id': 'sg_cpp_started_initial_category_sexual_pct', 'numerator': 'started_initial_sexual',
        'denominator': 'plans_started'},
    {'id': 'sg_cpp_started_initial_category_emotional_pct', 'numerator': 'started_initial_emotional',
        'denominator': 'plans_started'},
    {'id': 'sg_cpp_started_initial_category_multiple_pct', 'numerator': 'started_initial_multiple',
        'denominator': 'plans_started'},
] %}
with

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

cp_reviews as not materialized (
    select * from {{ ref('int_safeguarding__cp_reviews') }}
),

-- The snapshot counts depend only on the LA and the date, which several periods share (a month,
-- the financial year to it and the 12 months to it all end on the same day): they are worked out
-- once per LA and period end, then handed to every period ending that day.
period_end_dates as (
    select distinct
        la_code,
        period_end as as_at_date
    from reporting_periods
),

-- the plans, numbered: the pick below carries a plan's number, not its columns
numbered_plans as (
    select
        cp_plan_id,
        la_code,
        child_id,
        cp_plan_start_date,
        cp_plan_end_date,
        initial_category,
        latest_category,
        row_number() over () as plan_row
    from cp_plans
),

-- one plan per child at each period end: should a child have two open plans (a recording
-- error), the later-started one speaks for the child. Only the plan's number goes through the
-- pick (some four million matches at 150 LAs): the pick keeps whole rows, and narrow ones cost it
-- less.
open_plan_picks as (
    select
        period_end_dates.la_code,
        period_end_dates.as_at_date,
        numbered_plans.plan_row
    from period_end_dates
    inner join numbered_plans
        on
            period_end_dates.la_code = numbered_plans.la_code
            and period_end_dates.as_at_date >= numbered_plans.cp_plan_start_date
            and (
                numbered_plans.cp_plan_end_date is null or period_end_dates.as_at_date < numbered_plans.cp_plan_end_date
            )
    qualify row_number() over (
        partition by period_end_dates.la_code, period_end_dates.as_at_date, numbered_plans.child_id
        order by numbered_plans.cp_plan_start_date desc
    ) = 1
),

plans_open_at_end as (
    select
        open_plan_picks.la_code,
        open_plan_picks.as_at_date,
        numbered_plans.cp_plan_id,
        numbered_plans.child_id,
        numbered_plans.cp_plan_start_date,
        numbered_plans.initial_category,
        numbered_plans.latest_category
    from open_plan_picks
    inner join numbered_plans on open_plan_picks.plan_row = numbered_plans.plan_row
),

-- review timeliness at the period end for plans open at least 3 months: every review held by then
-- was on time, and the next one was not yet overdue
review_status_at_end as (
    select
        plans_open_at_end.la_code,
        plans_open_at_end.as_at_date,
        plans_open_at_end.cp_plan_id,
        coalesce(bool_and(cp_reviews.is_on_time), true) as were_reviews_on_time,
        case
            when max(cp_reviews.cp_review_date) is null
                then cast(plans_open_at_end.cp_plan_start_date + to_months(3) as date)
            else cast(max(cp_reviews.cp_review_date) + to_months(6) as date)
        end as next_review_due_date
    from plans_open_at_end
    left join cp_reviews
        on
            plans_open_at_end.cp_plan_id = cp_reviews.cp_plan_id
            and plans_open_at_end.as_at_date >= cp_reviews.cp_review_date
    where plans_open_at_end.cp_plan_start_date <= cast(plans_open_at_end.as_at_date - to_months(3) as date)
    group by
        plans_open_at_end.la_code,
        plans_open_at_end.as_at_date,
        plans_open_at_end.cp_plan_id,
        plans_open_at_end.cp_plan_start_date
),

snapshot_totals as (
    select
        plans_open_at_end.la_code,
        plans_open_at_end.as_at_date,
        count(plans_open_at_end.child_id) as children_on_plan,
        count(
            case
                when plans_open_at_end.cp_plan_start_date <= cast(plans_open_at_end.as_at_date - to_years(2) as date)
                    then 1
            end
        ) as children_on_plan_2_years_plus,
        {%- for code, name in categories.items() %}
            count(case when plans_open_at_end.initial_category = '{{ code }}' then 1 end) as on_plan_initial_{{ name }},
            count(case when plans_open_at_end.latest_category = '{{ code }}' then 1 end) as on_plan_latest_{{ name }},
        {%- endfor %}
        count(review_status_at_end.cp_plan_id) as plans_due_a_review,
        count(
            case
                when
                    review_status_at_end.were_reviews_on_time
                    and review_status_at_end.next_review_due_date >= plans_open_at_end.as_at_date
                    then 1
            end
        ) as plans_reviewed_in_time
    from plans_open_at_end
    left join review_status_at_end
        on
            plans_open_at_end.la_code = review_status_at_end.la_code
            and plans_open_at_end.as_at_date = review_status_at_end.as_at_date
            and plans_open_at_end.cp_plan_id = review_status_at_end.cp_plan_id
    group by plans_open_at_end.la_code, plans_open_at_end.as_at_date
),

-- Plans starting in a period, counted per LA and start month first so that each period sums a
-- handful of month rows rather than every plan of the LA being tested against every period.
-- Periods run from the 1st of a month to the last day of a month, so a plan starts in a period
-- exactly when its start month (year * 12 + month) is in the period's months. A child starting
-- several plans in a period counts once: only the plan whose earlier plans of the same child
-- (earlier_start_month; for the repeat measures, earlier repeat plans) all started before the
-- period speaks for the child, which turns each distinct count into a sum.
plan_start_months as (
    select
        la_code,
        child_id,
        cp_plan_id,
        initial_category,
        is_second_or_subsequent_plan,
        is_repeat_within_2_years,
        year(cp_plan_start_date) * 12 + month(cp_plan_start_date) as start_month
    from cp_plans
    where cp_plan_start_date is not null
),

plan_start_months_with_earlier as (
    select
        *,
        max(start_month) over earlier_plans as earlier_start_month,
        max(case when is_second_or_subsequent_plan then start_month end) over earlier_plans
            as earlier_repeat_start_month,
        max(case when is_repeat_within_2_years then start_month end) over earlier_plans
            as earlier_repeat_within_2_years_start_month
    from plan_start_months
    window earlier_plans as (
        partition by la_code, child_id
        order by start_month
        rows between unbounded preceding and 1 preceding
    )
),

plan_start_month_counts as (
    select
        la_code,
        start_month,
        earlier_start_month,
        earlier_repeat_start_month,
        earlier_repeat_within_2_years_start_month,
        count(cp_plan_id) as plans_started,
        count(child_id) as child_plans,
        count(case when is_second_or_subsequent_plan then child_id end) as child_repeat_plans,
        {%- for code, name in categories.items() %}
            count(case when initial_category = '{{ code }}' then 1 end) as started_initial_{{ name }},
        {%- endfor %}
        count(case when is_repeat_within_2_years then child_id end) as child_repeat_within_2_years_plans
    from plan_start_months_with_earlier
    group by all
),

period_month_ranges as (
    select
        reporting_period_key,
        la_code,
        year(period_start) * 12 + month(period_start) as first_month,
        year(period_end) * 12 + month(period_end) as last_month
    from reporting_periods
),

starting_totals as (
    select
        period_month_ranges.reporting_period_key,
        coalesce(cast(sum(plan_start_month_counts.plans_started) as bigint), 0) as plans_started,
        coalesce(
            cast(
                sum(
                    case
                        when coalesce(plan_start_month_counts.earlier_start_month, 0) < period_month_ranges.first_month
                            then plan_start_month_counts.child_plans
                    end
                ) as bigint
            ),
            0
        ) as children_starting,
        coalesce(
            cast(
                sum(
                    case
                        when
                            coalesce(plan_start_month_counts.earlier_repeat_start_month, 0)
                            < period_month_ranges.first_month
                            then plan_start_month_counts.child_repeat_plans
                    end
                ) as bigint
            ),
            0
        ) as children_starting_repeat,
        {%- for name in categories.values() %}
            coalesce(cast(sum(plan_start_month_counts.started_initial_{{ name }}) as bigint), 0)
                as started_initial_{{ name }},
        {%- endfor %}
        coalesce(
            cast(
                sum(
                    case
                        when
                            coalesce(plan_start_month_counts.earlier_repeat_within_2_years_start_month, 0)
                            < period_month_ranges.first_month
                            then plan_start_month_counts.child_repeat_within_2_years_plans
                    end
                ) as bigint
            ),
            0
        ) as children_starting_repeat_within_2_years
    from period_month_ranges
    left join plan_start_month_counts
        on
            period_month_ranges.la_code = plan_start_month_counts.la_code
            and plan_start_month_counts.start_month
            between period_month_ranges.first_month and period_month_ranges.last_month
    group by period_month_ranges.reporting_period_key
),

ending_totals as (
    select
        reporting_periods.reporting_period_key,
        count(cp_plans.cp_plan_id) as plans_ended,
        count(case when cp_plans.is_ended_after_2_years_or_more then 1 end) as plans_ended_after_2_years_plus
    from reporting_periods
    left join cp_plans
        on
            reporting_periods.la_code = cp_plans.la_code
            and cp_plans.cp_plan_end_date between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.reporting_period_key
),

period_totals as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.population_0_17,
        reporting_periods.has_24_month_lookback,
        coalesce(snapshot_totals.children_on_plan, 0) as children_on_plan,
        coalesce(snapshot_totals.children_on_plan_2_years_plus, 0) as children_on_plan_2_years_plus,
        coalesce(snapshot_totals.plans_due_a_review, 0) as plans_due_a_review,
        coalesce(snapshot_totals.plans_reviewed_in_time, 0) as plans_reviewed_in_time,
        {%- for name in categories.values() %}
            coalesce(snapshot_totals.on_plan_initial_{{ name }}, 0) as on_plan_initial_{{ name }},
            coalesce(snapshot_totals.on_plan_latest_{{ name }}, 0) as on_plan_latest_{{ name }},
            starting_totals.started_initial_{{ name }},
        {%- endfor %}
        starting_totals.plans_started,
        starting_totals.children_starting,
        starting_totals.children_starting_repeat,
        starting_totals.children_starting_repeat_within_2_years,
        ending_totals.plans_ended,
        ending_totals.plans_ended_after_2_years_plus
    from reporting_periods
    left join snapshot_totals
        on
            reporting_periods.la_code = snapshot_totals.la_code
            and reporting_periods.period_end = snapshot_totals.as_at_date
    inner join starting_totals
        on reporting_periods.reporting_period_key = starting_totals.reporting_period_key
    inner join ending_totals
        on reporting_periods.reporting_period_key = ending_totals.reporting_period_key
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
