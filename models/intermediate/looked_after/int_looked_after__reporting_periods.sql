-- The reporting periods (int_calendar__reporting_periods) each LA's loaded 903 returns cover: the
-- return for the year the period ends in must be loaded, and the period must not begin before the
-- LA's unbroken run of returns does. The 0-17 population rates divide by comes with the period
-- (looked up once, on the calendar). data_from_date lets a measure that looks further back than
-- its period (placements in the last 12 months, 2.5 years in care) check its own history.
with

calendar_periods as not materialized (
    select * from {{ ref('int_calendar__reporting_periods') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
)

select
    returns.la_code,
    calendar_periods.period_type,
    calendar_periods.period_start,
    calendar_periods.period_end,
    calendar_periods.collection_year,
    calendar_periods.population_mid_year,
    calendar_periods.population_0_17,
    returns.data_from_date
from calendar_periods
inner join returns
    on
        calendar_periods.la_code = returns.la_code
        and calendar_periods.collection_year = returns.collection_year
where calendar_periods.period_start >= returns.data_from_date
