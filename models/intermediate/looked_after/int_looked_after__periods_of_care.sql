-- Periods of care: continuous spells of being looked after, built from consecutive episodes. A new
-- period starts with RNE 'S', after an episode that ceased with an E-code (anything but X1), after
-- a gap, and where the child moves between full care and an agreed series of short breaks (V3/V4):
-- the DfE counts short breaks apart from other care, so a short-break spell is its own period,
-- flagged, and a child who moves from short breaks into full care starts to be looked after then.
with

episodes as not materialized (
    select * from {{ ref('int_looked_after__episodes') }}
),

children as not materialized (
    select * from {{ ref('int_looked_after__children') }}
),

episodes_in_order as (
    select
        *,
        lag(episode_end_date) over (partition by la_code, child_id order by episode_start_date) as previous_end_date,
        lag(reason_episode_ceased)
            over (partition by la_code, child_id order by episode_start_date)
            as previous_reason_ceased,
        lag(is_short_break)
            over (partition by la_code, child_id order by episode_start_date)
            as previous_is_short_break,
        row_number() over (partition by la_code, child_id order by episode_start_date) = 1 as is_first_episode_in_data
    from episodes
),

period_boundaries as (
    select
        *,
        case
            when is_first_episode_in_data then 1
            when reason_new_episode = 'S' then 1
            when coalesce(previous_reason_ceased, '') <> 'X1' then 1
            when coalesce(previous_end_date <> episode_start_date, true) then 1
            when is_short_break <> previous_is_short_break then 1
            else 0
        end as starts_period,
        -- Starting to be looked after, as the DfE counts it: RNE 'S', or moving straight from
        -- short breaks into full care. A period that only begins after a gap in the returned
        -- episodes (an X1 followed by days of nothing) is not a new start.
        coalesce(
            reason_new_episode = 'S'
            or (previous_is_short_break and not is_short_break and previous_end_date = episode_start_date),
            false
        ) as is_care_start
    from episodes_in_order
),

episodes_numbered as (
    select
        *,
        sum(starts_period) over (
            partition by la_code, child_id order by episode_start_date rows unbounded preceding
        ) as period_number
    from period_boundaries
),

-- arg_max_null, not arg_max: DuckDB's arg_max skips rows whose value is null, and the null end
-- date of a still-open last episode is exactly what the period must take.
periods as (
    select
        la_code,
        child_id,
        period_number,
        min(episode_start_date) as period_start_date,
        arg_max_null(episode_end_date, episode_start_date) as period_end_date,
        arg_max_null(reason_episode_ceased, episode_start_date) as reason_period_ended,
        arg_max_null(known_until_date, episode_start_date) as known_until_date,
        arg_min_null(reason_new_episode, episode_start_date) as first_reason_new_episode,
        arg_min_null(is_care_start, episode_start_date) as is_care_start,
        arg_min_null(legal_status, episode_start_date) as first_legal_status,
        arg_min_null(placement_type, episode_start_date) as first_placement_type,
        arg_max_null(legal_status, episode_start_date) as last_legal_status,
        arg_max_null(placement_type, episode_start_date) as last_placement_type,
        -- The returns only reach back to the episode open at the start of the earliest year: a
        -- period whose first known episode is not a start (RNE 'S') began earlier than we can see.
        bool_or(is_first_episode_in_data and coalesce(reason_new_episode, '') <> 'S') as is_start_censored,
        bool_and(is_short_break) as is_short_break,
        count(*) as episode_count
    from episodes_numbered
    group by la_code, child_id, period_number
)

select
    md5(concat_ws('|', periods.la_code, periods.child_id, periods.period_start_date)) as period_of_care_key,
    md5(concat_ws('|', periods.la_code, periods.child_id)) as child_key,
    periods.la_code,
    periods.child_id,
    periods.period_number,
    periods.period_start_date,
    periods.period_end_date,
    periods.known_until_date,
    periods.period_end_date is null as is_open,
    not periods.is_start_censored as is_start_observed,
    periods.is_care_start and not periods.is_short_break as is_started,
    periods.first_reason_new_episode,
    -- Why the period ended: an E-code ends care; X1 here means the child moved onto short breaks.
    periods.reason_period_ended,
    periods.period_end_date is not null and coalesce(periods.reason_period_ended, '') <> 'X1'
        as is_ceased,
    coalesce(periods.reason_period_ended in ('E11', 'E12'), false) as is_adopted,
    coalesce(periods.reason_period_ended in ('E43', 'E44', 'E45', 'E46', 'E47', 'E48'), false)
        as is_special_guardianship,
    -- E41: residence order, or since 2014 a child arrangements order naming with whom the child lives.
    coalesce(periods.reason_period_ended = 'E41', false) as is_child_arrangements_order,
    coalesce(periods.reason_period_ended in ('E4A', 'E4B'), false) as is_returned_home,
    periods.first_legal_status,
    periods.first_placement_type,
    periods.last_legal_status,
    periods.last_placement_type,
    periods.is_short_break,
    periods.episode_count,
    children.date_of_birth,
    {{ age_on('children.date_of_birth', 'periods.period_start_date') }} as age_at_start,
    {{ age_on('children.date_of_birth', 'periods.period_end_date') }} as age_at_end
from periods
left join children
    on
        periods.la_code = children.la_code
        and periods.child_id = children.child_id
