-- Every child looked after at each month end the LA's returns cover (31 March included), with
-- where and how they were placed that day. Looked after on day d means in an episode that started
-- on or before d and had not ceased by d (DEC after d, or no DEC and d within the year its return
-- covers). Children on an agreed series of short breaks (V3/V4) are not counted, as the DfE does.
with

reporting_periods as (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

periods as (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

placements as (
    select * from {{ ref('int_looked_after__placements') }}
),

legal_status_spells as (
    select * from {{ ref('int_looked_after__legal_status_spells') }}
),

children as (
    select * from {{ ref('int_looked_after__children') }}
),

postcodes as (
    select * from {{ source('reference', 'postcodes') }}
),

local_authorities as (
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

-- Each period of care with every calendar month it touches, so that month ends meet the periods
-- they may fall in by equality (LA and month) rather than every period of the LA being tested
-- against every month end; the exact test on the day follows.
period_months as (
    select
        *,
        unnest(
            generate_series(
                date_trunc('month', period_start_date),
                date_trunc('month', coalesce(period_end_date, known_until_date)),
                interval 1 month
            )
        ) as snapshot_month
    from periods
    where not is_short_break
),

looked_after_at_month_end as (
    select
        month_ends.la_code,
        month_ends.snapshot_date,
        period_months.child_id,
        period_months.period_of_care_key,
        period_months.period_start_date,
        period_months.is_start_observed as is_period_start_observed
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

placement_at_month_end as (
    select
        looked_after_at_month_end.la_code,
        looked_after_at_month_end.child_id,
        looked_after_at_month_end.snapshot_date,
        placements.placement_key,
        placements.placement_start_date,
        placements.is_start_observed,
        placements.placement_type,
        placements.placement_provider,
        placements.home_postcode,
        placements.placement_postcode,
        placements.is_placed_for_adoption,
        placements.is_foster_placement,
        placements.is_family_and_friends_foster_placement,
        placements.is_placed_with_parents,
        placements.carer_spell_start_date,
        placements.is_carer_spell_start_observed,
        placements.previous_placement_start_date
    from looked_after_at_month_end
    inner join placements
        on
            looked_after_at_month_end.period_of_care_key = placements.period_of_care_key
            and looked_after_at_month_end.snapshot_date >= placements.placement_start_date
            and (
                looked_after_at_month_end.snapshot_date < placements.placement_end_date
                or (
                    placements.placement_end_date is null
                    and looked_after_at_month_end.snapshot_date <= placements.known_until_date
                )
            )
    qualify row_number() over (
        partition by
            looked_after_at_month_end.la_code, looked_after_at_month_end.child_id,
            looked_after_at_month_end.snapshot_date
        order by placements.placement_start_date desc
    ) = 1
),

legal_status_at_month_end as (
    select
        looked_after_at_month_end.la_code,
        looked_after_at_month_end.child_id,
        looked_after_at_month_end.snapshot_date,
        legal_status_spells.legal_status,
        legal_status_spells.spell_start_date
    from looked_after_at_month_end
    inner join legal_status_spells
        on
            looked_after_at_month_end.period_of_care_key = legal_status_spells.period_of_care_key
            and looked_after_at_month_end.snapshot_date >= legal_status_spells.spell_start_date
            and (
                looked_after_at_month_end.snapshot_date < legal_status_spells.spell_end_date
                or (
                    legal_status_spells.spell_end_date is null
                    and looked_after_at_month_end.snapshot_date <= legal_status_spells.known_until_date
                )
            )
    qualify row_number() over (
        partition by
            looked_after_at_month_end.la_code, looked_after_at_month_end.child_id,
            looked_after_at_month_end.snapshot_date
        order by legal_status_spells.spell_start_date desc
    ) = 1
),

-- DfE NI 62 / stability measures: every placement the child was in at any time in the 12 months
-- to the date counts, across periods of care; short-break placements do not.
placements_in_last_12_months as (
    select
        looked_after_at_month_end.la_code,
        looked_after_at_month_end.child_id,
        looked_after_at_month_end.snapshot_date,
        count(*) as placement_count
    from looked_after_at_month_end
    inner join placements
        on
            looked_after_at_month_end.la_code = placements.la_code
            and looked_after_at_month_end.child_id = placements.child_id
            and looked_after_at_month_end.snapshot_date >= placements.placement_start_date
            and coalesce(placements.placement_end_date, placements.known_until_date)
            >= {{ shift_months('looked_after_at_month_end.snapshot_date', -12) }} + 1
    where not placements.is_short_break
    group by
        looked_after_at_month_end.la_code, looked_after_at_month_end.child_id, looked_after_at_month_end.snapshot_date
)

select
    md5(
        concat_ws(
            '|',
            looked_after_at_month_end.la_code,
            looked_after_at_month_end.child_id,
            looked_after_at_month_end.snapshot_date
        )
    )
        as snapshot_key,
    md5(concat_ws('|', looked_after_at_month_end.la_code, looked_after_at_month_end.child_id)) as child_key,
    looked_after_at_month_end.la_code,
    looked_after_at_month_end.child_id,
    looked_after_at_month_end.snapshot_date,
    {{ age_on('children.date_of_birth', 'looked_after_at_month_end.snapshot_date') }} as age_at_snapshot,
    looked_after_at_month_end.period_of_care_key,
    looked_after_at_month_end.period_start_date,
    looked_after_at_month_end.is_period_start_observed,
    legal_status_at_month_end.legal_status,
    legal_status_at_month_end.spell_start_date as legal_status_start_date,
    placement_at_month_end.placement_key,
    placement_at_month_end.placement_start_date,
    placement_at_month_end.is_start_observed as is_placement_start_observed,
    placement_at_month_end.placement_type,
    placement_at_month_end.placement_provider,
    coalesce(placement_at_month_end.is_placed_for_adoption, false) as is_placed_for_adoption,
    coalesce(placement_at_month_end.is_foster_placement, false) as is_foster_placement,
    coalesce(placement_at_month_end.is_family_and_friends_foster_placement, false)
        as is_family_and_friends_foster_placement,
    coalesce(placement_at_month_end.is_placed_with_parents, false) as is_placed_with_parents,
    placement_at_month_end.carer_spell_start_date,
    placement_at_month_end.is_carer_spell_start_observed,
    placement_at_month_end.previous_placement_start_date,
    coalesce(placements_in_last_12_months.placement_count, 0) as placements_in_last_12_months,
    placement_at_month_end.home_postcode,
    placement_at_month_end.placement_postcode,
    -- Straight-line distance between the OS grid references of the two postcode centroids, the
    -- DfE's method for the 903's placement distance; to 0.01 mile, far finer than a centroid.
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
    end as is_placed_outside_la,
    coalesce(
        children.is_ever_uasc
        and (children.date_uasc_ceased is null or children.date_uasc_ceased > looked_after_at_month_end.snapshot_date),
        false
    ) as is_uasc
from looked_after_at_month_end
left join placement_at_month_end
    on
        looked_after_at_month_end.la_code = placement_at_month_end.la_code
        and looked_after_at_month_end.child_id = placement_at_month_end.child_id
        and looked_after_at_month_end.snapshot_date = placement_at_month_end.snapshot_date
left join legal_status_at_month_end
    on
        looked_after_at_month_end.la_code = legal_status_at_month_end.la_code
        and looked_after_at_month_end.child_id = legal_status_at_month_end.child_id
        and looked_after_at_month_end.snapshot_date = legal_status_at_month_end.snapshot_date
left join placements_in_last_12_months
    on
        looked_after_at_month_end.la_code = placements_in_last_12_months.la_code
        and looked_after_at_month_end.child_id = placements_in_last_12_months.child_id
        and looked_after_at_month_end.snapshot_date = placements_in_last_12_months.snapshot_date
left join children
    on
        looked_after_at_month_end.la_code = children.la_code
        and looked_after_at_month_end.child_id = children.child_id
left join postcodes as home_location
    on placement_at_month_end.home_postcode = home_location.postcode
left join postcodes as placement_location
    on placement_at_month_end.placement_postcode = placement_location.postcode
left join la_gss_codes as own_la_codes
    on
        looked_after_at_month_end.la_code = own_la_codes.la_code
        and placement_location.la_gss_code = own_la_codes.la_gss_code
