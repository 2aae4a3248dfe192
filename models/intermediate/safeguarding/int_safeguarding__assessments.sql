-- One row per assessment across the annual returns (an assessment open at 31 March is returned
-- again the next year, with its authorisation date once it is complete: the latest return wins).
-- Duration is in working days from the assessment start to its authorisation, the start day not
-- counted (macros/working_days.sql), as DfE's "completed within 45 working days" measure and its
-- duration bands (Characteristics of children in need, table C2) count it. An assessment not yet
-- authorised has no duration and is not completed.
with

assessments as not materialized (
    select * from {{ ref('stg_cin_census__assessments') }}
),

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

latest_assessment_version as (
    select *
    from assessments
    where assessment_start_date is not null
    qualify row_number() over (
        partition by la_code, child_id, referral_date, assessment_start_date
        order by collection_year desc, source_line asc
    ) = 1
),

assessment_durations as (
    select
        *,
        {{ working_days_between('assessment_start_date', 'assessment_authorised_date') }}
            as duration_working_days
    from latest_assessment_version
)

select
    md5(concat_ws(
        '|', assessment_durations.la_code, assessment_durations.child_id,
        assessment_durations.referral_date, assessment_durations.assessment_start_date
    )) as assessment_id,
    md5(concat_ws(
        '|', assessment_durations.la_code, assessment_durations.child_id,
        assessment_durations.referral_date
    )) as cin_episode_id,
    assessment_durations.la_code,
    assessment_durations.child_id,
    assessment_durations.referral_date,
    assessment_durations.assessment_start_date,
    assessment_durations.assessment_authorised_date,
    assessment_durations.assessment_authorised_date is not null as is_authorised,
    assessment_durations.duration_working_days,
    -- authorised before it started is a recording error, never "in time"
    assessment_durations.duration_working_days between 0 and 45 as is_within_45_working_days,
    case
        when assessment_durations.duration_working_days is null then null
        when assessment_durations.duration_working_days < 0 then 'authorised_before_start'
        when assessment_durations.duration_working_days = 0 then 'same_day'
        when assessment_durations.duration_working_days <= 10 then '1_10'
        when assessment_durations.duration_working_days <= 20 then '11_20'
        when assessment_durations.duration_working_days <= 30 then '21_30'
        when assessment_durations.duration_working_days <= 40 then '31_40'
        when assessment_durations.duration_working_days <= 45 then '41_45'
        when assessment_durations.duration_working_days <= 50 then '46_50'
        when assessment_durations.duration_working_days <= 60 then '51_60'
        else '61_plus'
    end as duration_band,
    coalesce(episodes.is_closed_after_assessment_nfa, false) as is_episode_closed_after_assessment_nfa,
    episodes.reason_for_closure as episode_reason_for_closure,
    assessment_durations.collection_year as source_collection_year,
    assessment_durations.assessment_key as source_assessment_key
from assessment_durations
left join episodes
    on
        assessment_durations.la_code = episodes.la_code
        and assessment_durations.child_id = episodes.child_id
        and assessment_durations.referral_date = episodes.referral_date
