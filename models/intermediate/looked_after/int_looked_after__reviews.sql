-- Statutory reviews of looked-after children, each against the timescale it had to meet (Care
-- Planning, Placement and Case Review (England) Regulations 2010, reg. 33; the measure behind the
-- former NI 66): the first review within 20 working days of the child becoming looked after, the
-- second within 3 months of the first, later ones within 6 months of the one before. The clock
-- restarts with each period of care. Short-break care has its own review regime and is left out.
with

staged_reviews as not materialized (
    select * from {{ ref('stg_ssda903__reviews') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
),

bank_holidays as not materialized (
    select * from {{ ref('ref_bank_holidays') }}
),

latest_reviews as (
    select
        la_code,
        child_id,
        review_date,
        review_participation
    from staged_reviews
    -- the newest return's version; a date given twice in one return: its first line (a fixed pick,
    -- so that every build keeps the same one)
    qualify row_number() over (
        partition by la_code, child_id, review_date
        order by collection_year desc, source_line asc
    ) = 1
),

reviews_in_care as (
    select
        latest_reviews.*,
        periods.period_of_care_key,
        periods.period_start_date,
        returns.data_from_date
    from latest_reviews
    inner join periods
        on
            latest_reviews.la_code = periods.la_code
            and latest_reviews.child_id = periods.child_id
            and latest_reviews.review_date >= periods.period_start_date
            and latest_reviews.review_date <= coalesce(periods.period_end_date, periods.known_until_date)
    inner join returns
        on
            latest_reviews.la_code = returns.la_code
            and latest_reviews.review_date between returns.return_start_date and returns.return_end_date
    where not periods.is_short_break
    qualify row_number() over (
        partition by latest_reviews.la_code, latest_reviews.child_id, latest_reviews.review_date
        order by periods.period_start_date desc
    ) = 1
),

reviews_in_order as (
    select
        *,
        row_number() over (partition by period_of_care_key order by review_date) as review_number_in_data,
        lag(review_date) over (partition by period_of_care_key order by review_date) as previous_review_date,
        -- Every review of a period that began inside the loaded returns is in them, so its
        -- position (first, second, later) is known.
        period_start_date >= data_from_date as is_review_history_complete
    from reviews_in_care
),

calendar_days as (
    select cast(calendar_day as date) as calendar_day
    from generate_series(
        (select coalesce(min(period_start_date), current_date) from reviews_in_care),
        (select coalesce(max(period_start_date), current_date) from reviews_in_care) + interval 3 month,
        interval 1 day
    ) as day_series (calendar_day)
),

-- Each calendar day with the number of working days up to and including it: the nth working day
-- after day d is the working day whose number is d's number + n. Counting once over the calendar
-- replaces joining every period start to every later working day.
numbered_days as (
    select
        calendar_days.calendar_day,
        isodow(calendar_days.calendar_day) < 6 and bank_holidays.holiday_date is null as is_working_day,
        count(*) filter (where isodow(calendar_days.calendar_day) < 6 and bank_holidays.holiday_date is null)
            over (order by calendar_days.calendar_day) as working_days_to_date
    from calendar_days
    left join bank_holidays
        on calendar_days.calendar_day = bank_holidays.holiday_date
),

period_starts as (
    select distinct
        period_of_care_key,
        period_start_date
    from reviews_in_care
),

-- The 20th working day after the day care began (that day itself not counted).
twentieth_working_days as (
    select
        period_starts.period_of_care_key,
        due.calendar_day as first_review_due_date
    from period_starts
    inner join numbered_days as start_day
        on period_starts.period_start_date = start_day.calendar_day
    inner join numbered_days as due
        on
            start_day.working_days_to_date + 20 = due.working_days_to_date
            and due.is_working_day
),

reviews_with_due_dates as (
    select
        reviews_in_order.*,
        case
            when reviews_in_order.is_review_history_complete and reviews_in_order.review_number_in_data = 1
                then twentieth_working_days.first_review_due_date
            when reviews_in_order.is_review_history_complete and reviews_in_order.review_number_in_data = 2
                then {{ shift_months('reviews_in_order.previous_review_date', 3) }}
            -- With earlier history missing, a review with two earlier ones in the data is at least
            -- the third; one with fewer cannot be placed and is not assessed.
            when reviews_in_order.review_number_in_data >= 3
                then {{ shift_months('reviews_in_order.previous_review_date', 6) }}
        end as due_date
    from reviews_in_order
    left join twentieth_working_days
        on reviews_in_order.period_of_care_key = twentieth_working_days.period_of_care_key
)

select
    md5(concat_ws('|', la_code, child_id, review_date)) as review_key,
    md5(concat_ws('|', la_code, child_id)) as child_key,
    period_of_care_key,
    la_code,
    child_id,
    review_date,
    review_participation,
    review_number_in_data,
    previous_review_date,
    due_date,
    due_date is not null as is_assessable,
    review_date <= due_date as is_in_timescale,
    -- PN0: child under 4, so participation is not expected; PN1-PN6: the child's views were
    -- conveyed in person, through an advocate or otherwise; PN7: not conveyed.
    case
        when review_participation in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') then true
        when review_participation = 'PN7' then false
    end as did_child_participate
from reviews_with_due_dates
