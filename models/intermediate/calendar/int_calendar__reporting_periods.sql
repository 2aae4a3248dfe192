-- Every reporting period of the KPI contract (see docs/KPI_CONTRACT.md) inside the collection
-- years any return covers, for every LA that returned a 903 or CIN census: the year ending
-- 31 March, each month, the financial year to each month end and the 12 months to each month end,
-- with the 0-17 population a rate per 10,000 divides by. This is the one place the population is
-- looked up; area models join it to the years each LA returned and keep the periods their returns
-- cover.
with

ssda903_years as (
    select distinct collection_year from {{ ref('stg_ssda903__header') }}
    union
    select distinct collection_year from {{ ref('stg_ssda903__episodes') }}
),

cin_census_years as (
    select distinct collection_year from {{ ref('stg_cin_census__children') }}
),

returning_las as (
    select distinct la_code from {{ ref('stg_ssda903__header') }}
    union
    select distinct la_code from {{ ref('stg_ssda903__episodes') }}
    union
    select distinct la_code from {{ ref('stg_cin_census__children') }}
),

population_estimates as not materialized (
    select * from {{ ref('ref_population_0_17') }}
),

-- Both returns count years ending 31 March; the workforce census (30 September) is left to the
-- workforce models, which place it in whichever of these years they need.
collection_years as (
    select collection_year from ssda903_years
    union
    select collection_year from cin_census_years
),

months_of_year as (
    select
        collection_years.collection_year,
        {{ shift_months('make_date(collection_years.collection_year - 1, 4, 1)', 'month_offsets.month_offset') }}
            as month_start
    from collection_years
    cross join generate_series(0, 11) as month_offsets (month_offset)
),

year_periods as (
    select
        'year' as period_type,
        make_date(collection_year - 1, 4, 1) as period_start,
        make_date(collection_year, 3, 31) as period_end,
        collection_year
    from collection_years
),

month_periods as (
    select
        'month' as period_type,
        month_start as period_start,
        last_day(month_start) as period_end,
        collection_year
    from months_of_year
),

financial_year_to_date_periods as (
    select
        'fytd' as period_type,
        make_date(collection_year - 1, 4, 1) as period_start,
        last_day(month_start) as period_end,
        collection_year
    from months_of_year
),

rolling_12_month_periods as (
    select
        'rolling_12_months' as period_type,
        {{ shift_months('month_start', -11) }} as period_start,
        last_day(month_start) as period_end,
        collection_year
    from months_of_year
),

all_periods as (
    select * from year_periods
    union all
    select * from month_periods
    union all
    select * from financial_year_to_date_periods
    union all
    select * from rolling_12_month_periods
),

periods_with_mid_year as (
    select
        period_type,
        period_start,
        period_end,
        collection_year,
        -- Rates per 10,000 use the ONS mid-year (30 June) estimate before the period end, as the DfE
        -- does for 31 March (year ending 31 March 2024 -> mid-2023).
        case
            when period_end > make_date(year(period_end), 6, 30) then year(period_end)
            else year(period_end) - 1
        end as population_mid_year
    from all_periods
),

la_periods as (
    select
        returning_las.la_code,
        periods_with_mid_year.*
    from returning_las
    cross join periods_with_mid_year
),

-- The estimate the period calls for, or the latest one seeded before it (never a later one).
la_periods_with_population as (
    select
        la_periods.*,
        population_estimates.mid_year as population_estimate_mid_year,
        population_estimates.population_0_17
    from la_periods
    left join population_estimates
        on
            la_periods.la_code = population_estimates.la_code
            and la_periods.population_mid_year >= population_estimates.mid_year
    qualify row_number() over (
        partition by la_periods.la_code, la_periods.period_type, la_periods.period_end
        order by population_estimates.mid_year desc nulls last
    ) = 1
)

select
    la_code,
    period_type,
    period_start,
    period_end,
    collection_year,
    population_mid_year,
    population_estimate_mid_year,
    population_0_17
from la_periods_with_population
