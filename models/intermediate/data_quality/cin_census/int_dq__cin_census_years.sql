{#- One row per CIN census collection year (1 April to 31 March, named by the year it ends) with
    the dates the CIN rules measure against. The DfE writes "<ReferenceDate> minus N working days";
    the DfE engine (csc-validator-be-cin) counts 31 March itself as the first of the N days whether
    or not it is a working day, so the date is the (N - 1)th working day before 31 March. Working
    days are Monday to Friday less the England bank holidays of ref_bank_holidays (2010-2030). -#}
with

bank_holidays as (
    select holiday_date from {{ ref('ref_bank_holidays') }}
),

-- The years the bank-holiday seed covers: collection year Y ends in calendar year Y.
collection_years as (
    select distinct year(holiday_date) as collection_year from bank_holidays
),

-- Every day of the three months before 31 March (enough for 44 working days), 31 March excluded.
days_before_year_end as (
    select
        collection_years.collection_year,
        cast(unnest(generate_series(
            make_date(collection_years.collection_year - 1, 12, 1),
            make_date(collection_years.collection_year, 3, 30),
            interval 1 day
        )) as date) as calendar_day
    from collection_years
),

working_days_before_year_end as (
    select
        collection_year,
        calendar_day,
        row_number() over (partition by collection_year order by calendar_day desc) as working_days_back
    from days_before_year_end
    where
        isodow(calendar_day) <= 5
        and calendar_day not in (select bank_holidays.holiday_date from bank_holidays)
)

select
    collection_year,
    make_date(collection_year - 1, 4, 1) as year_start,
    make_date(collection_year, 3, 31) as year_end,
    -- 8670Q: an assessment still open at 31 March that started before this date.
    max(calendar_day) filter (where working_days_back = 44) as assessment_overdue_before,
    -- 8675Q: a section 47 enquiry with no conference that started before this date.
    max(calendar_day) filter (where working_days_back = 14) as icpc_overdue_before
from working_days_before_year_end
group by collection_year
