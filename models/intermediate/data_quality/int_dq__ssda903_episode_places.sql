{#- Every staged 903 episode with what the DfE's tools derive from its postcodes: the placement's
    local authority (PL_LA, the upper-tier LA of PL_POST), whether it is in the LA's own area
    (PL_LOCATION) and the distance from home to placement in miles (PL_DISTANCE, straight line
    between postcode centroids, to one decimal place, as the 903 guidance defines it). -#}
with

episodes as not materialized (
    select * from {{ ref('int_dq__ssda903_episodes') }}
),

postcodes as not materialized (
    select * from {{ source('reference', 'postcodes') }}
),

local_authorities as not materialized (
    select * from {{ ref('ref_local_authorities') }}
)

select
    episodes.episode_key,
    episodes.la_code,
    episodes.collection_year,
    episodes.child_id,
    episodes.episode_seq,
    episodes.is_last_in_year,
    episodes.episode_start_date,
    episodes.episode_end_date,
    episodes.legal_status,
    episodes.placement_type,
    episodes.placement_provider,
    episodes.home_postcode,
    episodes.placement_postcode,
    home.postcode is not null as is_home_postcode_known,
    placement.postcode is not null as is_placement_postcode_known,
    placement.la_gss_code as placement_la_gss_code,
    own_la.la_gss_code as own_la_gss_code,
    case
        when placement.la_gss_code is null then null
        when placement.la_gss_code = own_la.la_gss_code then 'IN'
        else 'OUT'
    end as placement_location,
    round(
        sqrt(
            power(home.easting - placement.easting, 2) + power(home.northing - placement.northing, 2)
        ) / 1000 / 1.6093,
        1
    ) as placement_distance_miles,
    episodes.source_file,
    episodes.source_line
from episodes
left join postcodes as home on episodes.home_postcode = home.postcode
left join postcodes as placement on episodes.placement_postcode = placement.postcode
left join local_authorities as own_la on episodes.la_code = cast(own_la.la_code as varchar)
