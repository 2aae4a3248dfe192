-- Episodes of a looked-after child going missing (M: whereabouts unknown) or being away from
-- placement without authorisation (A: whereabouts known). An episode open at 31 March is in two
-- returns; the newest return's version wins. Each is tied to the period of care the child was in
-- when it began, so the measures can leave out children on short breaks as the DfE does.
with

staged_missing as not materialized (
    select * from {{ ref('stg_ssda903__missing') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

latest_missing as (
    select
        la_code,
        child_id,
        missing_type,
        missing_start_date,
        missing_end_date,
        collection_year
    from staged_missing
    qualify row_number() over (
        partition by la_code, child_id, missing_type, missing_start_date order by collection_year desc
    ) = 1
)

select
    md5(
        concat_ws(
            '|',
            latest_missing.la_code,
            latest_missing.child_id,
            latest_missing.missing_type,
            latest_missing.missing_start_date
        )
    )
        as missing_episode_key,
    md5(concat_ws('|', latest_missing.la_code, latest_missing.child_id)) as child_key,
    latest_missing.la_code,
    latest_missing.child_id,
    latest_missing.missing_type,
    latest_missing.missing_start_date,
    latest_missing.missing_end_date,
    latest_missing.missing_end_date - latest_missing.missing_start_date as days_missing,
    periods.period_of_care_key,
    coalesce(periods.is_short_break, false) as is_during_short_break,
    periods.period_of_care_key is not null as is_during_care,
    latest_missing.collection_year as source_collection_year
from latest_missing
left join periods
    on
        latest_missing.la_code = periods.la_code
        and latest_missing.child_id = periods.child_id
        and latest_missing.missing_start_date >= periods.period_start_date
        and latest_missing.missing_start_date <= coalesce(periods.period_end_date, periods.known_until_date)
qualify row_number() over (
    partition by
        latest_missing.la_code, latest_missing.child_id, latest_missing.missing_type, latest_missing.missing_start_date
    order by periods.period_start_date desc nulls last
) = 1
