-- Care leavers of each return: young people whose 17th to 21st birthday fell in the year (so aged
-- 17-21 at 31 March) who were looked after for at least 13 weeks after their 14th birthday, ending
-- after their 16th (eligible, relevant and former relevant children). The LA returns an OC3 record
-- (in touch, activity, accommodation around the birthday) for each of them, and the DfE's cohort
-- is exactly the OC3 records the LA returned (is_in_dfe_cohort): every care-leaver KPI counts
-- those. A young person the loaded episodes show to qualify but with no OC3 record is listed too
-- (is_in_dfe_cohort false) so that the gap is visible - as data-quality finding CSC-015
-- (int_dq__care_leavers_without_oc3) - never as a change to the published figures.
with

oc3_records as not materialized (
    select * from {{ ref('stg_ssda903__oc3') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

placements as not materialized (
    select * from {{ ref('int_looked_after__placements') }}
),

children as not materialized (
    select * from {{ ref('int_looked_after__children') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
),

care_periods as (
    select
        periods.*,
        {{ birthday('periods.date_of_birth', 14) }} as fourteenth_birthday,
        {{ birthday('periods.date_of_birth', 16) }} as sixteenth_birthday,
        {{ birthday('periods.date_of_birth', 18) }} as eighteenth_birthday,
        coalesce(periods.period_end_date, periods.known_until_date) as care_known_until
    from periods
    where not periods.is_short_break and periods.date_of_birth is not null
),

last_placement_of_period as (
    select
        period_of_care_key,
        arg_max_null(placement_type, placement_start_date) as last_placement_type,
        arg_max_null(is_foster_placement, placement_start_date) as was_last_placed_in_foster_care
    from placements
    group by period_of_care_key
),

care_history as (
    select
        care_periods.la_code,
        care_periods.child_id,
        sum(
            greatest(
                least(care_periods.care_known_until, care_periods.eighteenth_birthday)
                - greatest(care_periods.period_start_date, care_periods.fourteenth_birthday),
                0
            )
        ) as days_looked_after_from_14,
        bool_or(care_periods.care_known_until > care_periods.sixteenth_birthday) as was_looked_after_after_16,
        bool_or(care_periods.is_open) as has_open_period,
        max(care_periods.care_known_until) as last_known_in_care_date,
        arg_max_null(care_periods.reason_period_ended, care_periods.period_start_date) as last_reason_period_ended,
        arg_max_null(
            care_periods.is_ceased
            and care_periods.age_at_end >= 18
            and coalesce(last_placement_of_period.was_last_placed_in_foster_care, false),
            care_periods.period_start_date
        ) as left_care_at_18_from_foster_care
    from care_periods
    left join last_placement_of_period
        on care_periods.period_of_care_key = last_placement_of_period.period_of_care_key
    group by care_periods.la_code, care_periods.child_id
),

-- Former relevant by the episodes we can see: 13 weeks (91 days) looked after from the 14th
-- birthday, some of it after the 16th, and no longer in care.
qualifying_by_episodes as (
    select
        care_history.*,
        children.date_of_birth
    from care_history
    inner join children
        on
            care_history.la_code = children.la_code
            and care_history.child_id = children.child_id
    where
        care_history.days_looked_after_from_14 >= 91 and care_history.was_looked_after_after_16
        -- care that ended in adoption (E11/E12), death (E2), another LA taking over (E3) or a
        -- child arrangements or special guardianship order (E41, E43-E48) leaves no care leaver
        -- of this LA's return
        and coalesce(care_history.last_reason_period_ended, '') not in (
            'E11', 'E12', 'E2', 'E3', 'E41', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48'
        )
),

derived_cohort as (
    select
        qualifying_by_episodes.la_code,
        qualifying_by_episodes.child_id,
        returns.collection_year,
        qualifying_by_episodes.date_of_birth
    from qualifying_by_episodes
    inner join returns
        on qualifying_by_episodes.la_code = returns.la_code
    where
        {{ age_on('qualifying_by_episodes.date_of_birth', 'returns.return_end_date') }} between 17 and 21
        -- left care before the birthday that falls in the year: care leaver information is not
        -- required of a young person still looked after on it (903 rule 1007) or whose care ended
        -- on or after it (903 rule 1016: DEC on or after the 17th/18th birthday)
        and qualifying_by_episodes.last_known_in_care_date
        < {{ birthday('qualifying_by_episodes.date_of_birth',
            age_on('qualifying_by_episodes.date_of_birth', 'returns.return_end_date')) }}
),

oc3_cohort as (
    select
        oc3_records.la_code,
        oc3_records.child_id,
        oc3_records.collection_year,
        coalesce(children.date_of_birth, oc3_records.date_of_birth) as date_of_birth
    from oc3_records
    left join children
        on
            oc3_records.la_code = children.la_code
            and oc3_records.child_id = children.child_id
),

cohort as (
    select
        la_code,
        child_id,
        collection_year,
        date_of_birth
    from oc3_cohort
    union
    select
        la_code,
        child_id,
        collection_year,
        date_of_birth
    from derived_cohort
)

select
    md5(concat_ws('|', cohort.la_code, cohort.child_id, cohort.collection_year)) as care_leaver_key,
    md5(concat_ws('|', cohort.la_code, cohort.child_id)) as child_key,
    cohort.la_code,
    cohort.child_id,
    cohort.collection_year,
    cohort.date_of_birth,
    {{ age_on('cohort.date_of_birth', 'make_date(cohort.collection_year, 3, 31)') }} as age_at_year_end,
    oc3_records.child_id is not null as has_oc3_record,
    oc3_records.child_id is not null as is_in_dfe_cohort,
    qualifying_by_episodes.child_id is not null as is_former_relevant_by_episodes,
    oc3_records.in_touch,
    oc3_records.activity,
    oc3_records.accommodation,
    coalesce(oc3_records.in_touch = 'YES', false) as is_in_touch,
    -- Education, employment or training: the full- and part-time activity codes (F/P 1-5).
    coalesce(oc3_records.activity in ('F1', 'P1', 'F2', 'P2', 'F3', 'P3', 'F4', 'P4', 'F5', 'P5'), false) as is_in_eet,
    coalesce(oc3_records.activity in ('F1', 'P1'), false) as is_in_higher_education,
    -- The accommodation code's second character records the LA's judgement: 1 suitable, 2 not.
    coalesce(length(oc3_records.accommodation) = 2 and right(oc3_records.accommodation, 1) = '1', false)
        as is_suitably_accommodated,
    -- Z1/Z2: living with former foster carers, i.e. staying put.
    coalesce(oc3_records.accommodation in ('Z1', 'Z2'), false) as is_with_former_foster_carers,
    coalesce(qualifying_by_episodes.left_care_at_18_from_foster_care, false) as left_care_at_18_from_foster_care
from cohort
left join oc3_records
    on
        cohort.la_code = oc3_records.la_code
        and cohort.child_id = oc3_records.child_id
        and cohort.collection_year = oc3_records.collection_year
left join qualifying_by_episodes
    on
        cohort.la_code = qualifying_by_episodes.la_code
        and cohort.child_id = qualifying_by_episodes.child_id
