-- Looked-after KPIs counted over the reviews held and the missing episodes that began in a period.
-- Reviews: the share held within the statutory timescale (only reviews whose timescale the loaded
-- returns can establish) and the share in which the child's views were conveyed (under-4s, PN0,
-- left out). Missing: children and episodes of going missing (M) from care; the share of children
-- looked after at any time in the period who went missing. Short-break care is left out of both.
with

-- Each period numbered: the counts below are grouped on this integer rather than on LA, period
-- type and end (distinct children over some 18 million period-child pairs at 150 LAs).
reporting_periods as materialized (
    select
        *,
        row_number() over () as period_number
    from {{ ref('int_looked_after__reporting_periods') }}
),

reviews as not materialized (
    select * from {{ ref('int_looked_after__reviews') }}
),

missing_episodes as not materialized (
    select * from {{ ref('int_looked_after__missing_episodes') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

reviews_in_period as (
    select
        reporting_periods.period_number,
        count_if(reviews.is_assessable) as reviews_assessable,
        count_if(reviews.is_assessable and reviews.is_in_timescale) as reviews_in_timescale,
        count(reviews.did_child_participate) as reviews_with_participation_recorded,
        count_if(reviews.did_child_participate) as reviews_child_participated
    from reporting_periods
    inner join reviews
        on
            reporting_periods.la_code = reviews.la_code
            and reviews.review_date between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.period_number
),

missing_in_period as (
    select
        reporting_periods.period_number,
        count(*) as missing_episodes,
        count(distinct missing_episodes.child_id) as children_missing
    from reporting_periods
    inner join missing_episodes
        on
            reporting_periods.la_code = missing_episodes.la_code
            and missing_episodes.missing_type = 'M'
            and missing_episodes.is_during_care
            and not missing_episodes.is_during_short_break
            and missing_episodes.missing_start_date
            between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.period_number
),

looked_after_during_period as (
    select
        reporting_periods.period_number,
        count(distinct periods_of_care.child_id) as children_looked_after
    from reporting_periods
    inner join periods_of_care
        on
            reporting_periods.la_code = periods_of_care.la_code
            and not periods_of_care.is_short_break
            and reporting_periods.period_end >= periods_of_care.period_start_date
            and coalesce(periods_of_care.period_end_date, periods_of_care.known_until_date)
            >= reporting_periods.period_start
    group by reporting_periods.period_number
),

measures_for_periods as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        coalesce(reviews_in_period.reviews_assessable, 0) as reviews_assessable,
        coalesce(reviews_in_period.reviews_in_timescale, 0) as reviews_in_timescale,
        coalesce(reviews_in_period.reviews_with_participation_recorded, 0) as reviews_with_participation_recorded,
        coalesce(reviews_in_period.reviews_child_participated, 0) as reviews_child_participated,
        coalesce(missing_in_period.missing_episodes, 0) as missing_episodes,
        coalesce(missing_in_period.children_missing, 0) as children_missing,
        coalesce(looked_after_during_period.children_looked_after, 0) as children_looked_after
    from reporting_periods
    left join reviews_in_period
        on reporting_periods.period_number = reviews_in_period.period_number
    left join missing_in_period
        on reporting_periods.period_number = missing_in_period.period_number
    left join looked_after_during_period
        on reporting_periods.period_number = looked_after_during_period.period_number
)

{%- set review_periods = "period_type in ('year', 'month', 'fytd')" %}
{{ kpi_rows('measures_for_periods', [
    {'id': 'cla_reviews_in_timescale_pct', 'numerator': 'reviews_in_timescale', 'denominator': 'reviews_assessable',
        'where': review_periods},
    {'id': 'cla_review_participation_pct', 'numerator': 'reviews_child_participated',
        'denominator': 'reviews_with_participation_recorded', 'where': review_periods},
    {'id': 'cla_missing_children_count', 'numerator': 'children_missing', 'denominator': 'null'},
    {'id': 'cla_missing_episodes_count', 'numerator': 'missing_episodes', 'denominator': 'null'},
    {'id': 'cla_missing_episodes_per_child', 'numerator': 'missing_episodes', 'denominator': 'children_missing'},
    {'id': 'cla_missing_pct', 'numerator': 'children_missing', 'denominator': 'children_looked_after'},
]) }}
