-- The reporting periods of the shared calendar (int_calendar__reporting_periods: year, month,
-- fytd, rolling_12_months) that each LA's CIN census returns can answer for, with the 0-17
-- population the rates divide by (looked up once, on the calendar). A period is kept only when
-- every collection year it overlaps has a return for the LA: the census is annual (1 April to
-- 31 March), so a month, a financial year to date or a rolling 12 months needs the return of each
-- financial year it touches.
-- Lookback flags say whether the 12 or 24 months before the period are covered too, which the
-- re-referral (previous referral within 12 months) and repeat-plan (previous plan ended within 2
-- years) measures need.
with

calendar_periods as not materialized (
    select * from {{ ref('int_calendar__reporting_periods') }}
),

cin_children as not materialized (
    select * from {{ ref('stg_cin_census__children') }}
),

returns_loaded as (
    select distinct
        la_code,
        collection_year
    from cin_children
),

-- The collection years (years ending 31 March) the period starts and ends in.
period_years as (
    select
        la_code,
        period_type,
        period_start,
        period_end,
        population_estimate_mid_year,
        population_0_17,
        collection_year as end_year,
        year(period_start) + case when month(period_start) >= 4 then 1 else 0 end as start_year
    from calendar_periods
),

la_periods as (
    select
        period_years.la_code,
        period_years.period_type,
        period_years.period_start,
        period_years.period_end,
        period_years.population_estimate_mid_year,
        period_years.population_0_17,
        period_years.start_year,
        period_years.end_year,
        count(distinct case
            when returns_loaded.collection_year between period_years.start_year and period_years.end_year
                then returns_loaded.collection_year
        end) as years_loaded_in_period,
        count(distinct case
            when returns_loaded.collection_year between period_years.start_year - 1 and period_years.end_year
                then returns_loaded.collection_year
        end) as years_loaded_with_12m_lookback,
        count(distinct case
            when returns_loaded.collection_year between period_years.start_year - 2 and period_years.end_year
                then returns_loaded.collection_year
        end) as years_loaded_with_24m_lookback
    from period_years
    inner join returns_loaded
        on period_years.la_code = returns_loaded.la_code
    group by all
),

covered_periods as (
    select
        la_code,
        period_type,
        period_start,
        period_end,
        population_estimate_mid_year as population_mid_year,
        population_0_17,
        end_year as financial_year_end,
        -- the 12 (24) months before period_start lie in the one (two) collection years before
        -- the one period_start falls in, because period_start is always the 1st of a month
        years_loaded_with_12m_lookback = end_year - start_year + 2 as has_12_month_lookback,
        years_loaded_with_24m_lookback = end_year - start_year + 3 as has_24_month_lookback
    from la_periods
    where years_loaded_in_period = end_year - start_year + 1
)

select
    md5(concat_ws('|', la_code, period_type, period_end)) as reporting_period_key,
    la_code,
    period_type,
    period_start,
    period_end,
    financial_year_end,
    has_12_month_lookback,
    has_24_month_lookback,
    population_mid_year,
    population_0_17
from covered_periods
