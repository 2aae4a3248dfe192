-- Every child looked after at each month end the LA's returns cover (31 March included), with
-- where and how they were placed that day. Looked after on day d means in an episode that started
-- on or before d and had not ceased by d (DEC after d, or no DEC and d within the year its return
-- covers). Children on an agreed series of short breaks (V3/V4) are not counted, as the DfE does.
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

placements as not materialized (
    select * from {{ ref('int_looked_after__placements') }}
),

legal_status_spells as not materialized (
    select * from {{ ref('int_looked_after__legal_status_spells') }}
),

children as not materialized (
    select * from {{ ref('int_looked_after__children') }}
),

postcodes as not materialized (
    select * from {{ source('reference', 'postcodes') }}
),

local_authorities as not materialized (
    select * from {{ ref('ref_local_authorities') }}
),

month_ends as (
    select distinct
        la_code,
        period_end as snapshot_date,
        date_trunc('month', period_end) as snapshot_month
    from reporting_periods
    where period_type = 'month'
),

la_gss_codes as (
    select
        la_code,
        la_gss_code
    from local_authorities
),

-- The periods of care that count (not short breaks), numbered, with the child's date of birth and
-- UASC dates: joined here, once per period, rather than to every month-end row (five million at
-- 150 LAs).
numbered_periods as (
    select
        periods.la_code,
        periods.child_id,
        periods.child_key,
        periods.period_of_care_key,
        periods.period_start_date,
        periods.period_end_date,
        periods.known_until_date,
        periods.is_start_observed,
        children.date_of_birth,
        children.is_ever_uasc,
        children.date_uasc_ceased,
        row_number() over () as period_row
    from periods
    left join children
        on
            periods.la_code = children.la_code
            and periods.child_id = children.child_id
    where not periods.is_short_break
),

-- Each period of care with every calendar month it touches, so that month ends meet the periods
-- they may fall in by equality (LA and month) rather than every period of the LA being tested
-- against every month end; the exact test on the day follows.
period_months as (
    select
        la_code,
        child_id,
        period_row,
        period_start_date,
        period_end_date,
        known_until_date,
        unnest(
            generate_series(
                date_trunc('month', period_start_date),
                date_trunc('month', coalesce(period_end_date, known_until_date)),
                interval 1 month
            )
        ) as snapshot_month
    from numbered_periods
),

-- The period each child is in at each month end. Only the period's number is carried through the
-- pick: the pick keeps whole rows, and narrow ones cost it less.
looked_after_at_month_end as (
    select
        month_ends.la_code,
        month_ends.snapshot_date,
        period_months.child_id,
        period_months.period_row
    from month_ends
    inner join period_months
        on
            month_ends.la_code = period_months.la_code
            and month_ends.snapshot_month = period_months.snapshot_month
            and month_ends.snapshot_date >= period_months.period_start_date
            and (
                month_ends.snapshot_date < period_months.period_end_date
                or (
                    period_months.period_end_date is null
                    and month_ends.snapshot_date <= period_months.known_until_date
                )
            )
    -- Two periods can only overlap in contradictory data; keep the later one.
    qualify row_number() over (
        partition by month_ends.la_code, period_months.child_id, month_ends.snapshot_date
        order by period_months.period_start_date desc
    ) = 1
),

-- The placement, legal status and placement count at each month end are found below by row
-- numbers (snapshot_row, placement_row, spell_row) rather than by carrying every column through
-- the pick of the latest match and joining back on LA, child and date: picking and joining on one
-- integer is far cheaper than on three keys with wide rows behind them, at over a million rows.
snapshots as (
    select
        looked_after_at_month_end.la_code,
        looked_after_at_month_end.snapshot_date,
        looked_after_at_month_end.child_id,
        numbered_periods.child_key,
        numbered_periods.period_of_care_key,
        numbered_periods.period_start_date,
        numbered_periods.is_start_observed as is_period_start_observed,
        numbered_periods.date_of_birth,
        numbered_periods.is_ever_uasc,
        numbered_periods.date_uasc_ceased,
        row_number() over () as snapshot_row
    from looked_after_at_month_end
    inner join numbered_periods on looked_after_at_month_end.period_row = numbered_periods.period_row
),

-- Where each placement was, worked out once per placement rather than once per month end.
-- Straight-line distance between the OS grid references of the two postcode centroids, the DfE's
-- method for the 903's placement distance; to 0.01 mile, far finer than a centroid.
located_placements as (
    select
        placements.*,
        row_number() over () as placement_row,
        round(
            sqrt(
                power(home_location.easting - placement_location.easting, 2)
                + power(home_location.northing - placement_location.northing, 2)
            ) / 1609.344,
            2
        ) as distance_miles,
        placement_location.la_gss_code as placement_la_gss_code,
        case
            when placement_location.la_gss_code is null then null
            else own_la_codes.la_code is null
        end as is_placed_outside_la
    from placements
    left join postcodes as home_location
        on placements.home_postcode = home_location.postcode
    left join postcodes as placement_location
        on placements.placement_postcode = placement_location.postcode
    left join la_gss_codes as own_la_codes
        on
            placements.la_code = own_la_codes.la_code
            and placement_location.la_gss_code = own_la_codes.la_gss_code
),

numbered_legal_status_spells as (
    select
        *,
        row_number() over () as spell_row
    from legal_status_spells
),

placement_at_month_end as (
    select
        snapshots.snapshot_row,
        located_placements.placement_row
    from snapshots
    inner join located_placements
        on
            snapshots.period_of_care_key = located_placements.period_of_care_key
            and snapshots.snapshot_date >= located_placements.placement_start_date
            and (
                snapshots.snapshot_date < located_placements.placement_end_date
                or (
                    located_placements.placement_end_date is null
                    and snapshots.snapshot_date <= located_placements.known_until_date
                )
            )
    qualify row_number() over (
        partition by snapshots.snapshot_row
        order by located_placements.placement_start_date desc
    ) = 1
),

legal_status_at_month_end as (
    select
        snapshots.snapshot_row,
        numbered_legal_status_spells.spell_row
    from snapshots
    inner join numbered_legal_status_spells
        on
            snapshots.period_of_care_key = numbered_legal_status_spells.period_of_care_key
            and snapshots.snapshot_date >= numbered_legal_status_spells.spell_start_date
            and (
                snapshots.snapshot_date < numbered_legal_status_spells.spell_end_date
                or (
                    numbered_legal_status_spells.spell_end_date is null
                    and snapshots.snapshot_date <= numbered_legal_status_spells.known_until_date
                )
            )
    qualify row_number() over (
        partition by snapshots.snapshot_row
        order by numbered_legal_status_spells.spell_start_date desc
    ) = 1
),

-- DfE NI 62 / stability measures: every placement the child was in at any time in the 12 months
-- to the date counts, across periods of care; short-break placements do not.
placements_in_last_12_months as (
    select
        snapshots.snapshot_row,
        count(*) as placement_count
    from snapshots
    inner join placements
        on
            snapshots.la_code = placements.la_code
            and snapshots.child_id = placements.child_id
            and snapshots.snapshot_date >= placements.placement_start_date
            and coalesce(placements.placement_end_date, placements.known_until_date)
            >= {{ shift_months('snapshots.snapshot_date', -12) }} + 1
    where not placements.is_short_break
    group by snapshots.snapshot_row
)

select
    md5(concat_ws('|', snapshots.la_code, snapshots.child_id, snapshots.snapshot_date)) as snapshot_key,
    snapshots.child_key,
    snapshots.la_code,
    snapshots.child_id,
    snapshots.snapshot_date,
    {{ age_on('snapshots.date_of_birth', 'snapshots.snapshot_date') }} as age_at_snapshot,
    snapshots.period_of_care_key,
    snapshots.period_start_date,
    snapshots.is_period_start_observed,
    numbered_legal_status_spells.legal_status,
    numbered_legal_status_spells.spell_start_date as legal_status_start_date,
    located_placements.placement_key,
    located_placements.placement_start_date,
    located_placements.is_start_observed as is_placement_start_observed,
    located_placements.placement_type,
    located_placements.placement_provider,
    coalesce(located_placements.is_placed_for_adoption, false) as is_placed_for_adoption,
    coalesce(located_placements.is_foster_placement, false) as is_foster_placement,
    coalesce(located_placements.is_family_and_friends_foster_placement, false)
        as is_family_and_friends_foster_placement,
    coalesce(located_placements.is_placed_with_parents, false) as is_placed_with_parents,
    located_placements.carer_spell_start_date,
    located_placements.is_carer_spell_start_observed,
    located_placements.previous_placement_start_date,
    coalesce(placements_in_last_12_months.placement_count, 0) as placements_in_last_12_months,
    located_placements.home_postcode,
    located_placements.placement_postcode,
    located_placements.distance_miles,
    located_placements.placement_la_gss_code,
    located_placements.is_placed_outside_la,
    coalesce(
        snapshots.is_ever_uasc
        and (snapshots.date_uasc_ceased is null or snapshots.date_uasc_ceased > snapshots.snapshot_date),
        false
    ) as is_uasc
from snapshots
left join placement_at_month_end
    on snapshots.snapshot_row = placement_at_month_end.snapshot_row
left join located_placements
    on placement_at_month_end.placement_row = located_placements.placement_row
left join legal_status_at_month_end
    on snapshots.snapshot_row = legal_status_at_month_end.snapshot_row
left join numbered_legal_status_spells
    on legal_status_at_month_end.spell_row = numbered_legal_status_spells.spell_row
left join placements_in_last_12_months
    on snapshots.snapshot_row = placements_in_last_12_months.snapshot_row
