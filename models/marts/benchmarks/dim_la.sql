-- One row per local authority: name, region, the 2013 regional benchmarking group it belongs to,
-- its statistical neighbours in both DfE models, and whether the warehouse holds its returns.
with

local_authorities as not materialized (
    select * from {{ ref('ref_local_authorities') }}
),

neighbours_2025 as not materialized (
    select * from {{ ref('ref_statistical_neighbours') }}
),

neighbours_2021 as not materialized (
    select * from {{ ref('ref_statistical_neighbours_2021') }}
),

regional_groups as not materialized (
    select * from {{ ref('regional_groups') }}
),

kpi_values as (
    select distinct la_code from {{ ref('fct_kpi_values') }}
),

sn_lists_2025 as (
    select
        la_code,
        string_agg(neighbour_la_code, ',' order by neighbour_rank) as sn_2025_la_codes
    from neighbours_2025
    group by la_code
),

sn_lists_2021 as (
    select
        la_code,
        string_agg(neighbour_la_code, ',' order by neighbour_rank) as sn_2021_la_codes
    from neighbours_2021
    group by la_code
),

group_lists as (
    select
        local_authorities.la_code,
        string_agg(distinct regional_groups.group_code, ',' order by regional_groups.group_code) as group_codes
    from local_authorities
    inner join regional_groups
        on
            (regional_groups.member_type = 'region' and local_authorities.region_code = regional_groups.member_code)
            or (regional_groups.member_type = 'la' and local_authorities.la_code = regional_groups.member_code)
    group by local_authorities.la_code
)

select
    local_authorities.la_code,
    local_authorities.la_name,
    local_authorities.la_gss_code,
    local_authorities.region_code,
    local_authorities.region_name,
    local_authorities.la_type,
    local_authorities.valid_from_year,
    local_authorities.valid_to_year,
    group_lists.group_codes as regional_group_codes,
    sn_lists_2025.sn_2025_la_codes,
    sn_lists_2021.sn_2021_la_codes,
    kpi_values.la_code is not null as is_in_warehouse
from local_authorities
left join group_lists on local_authorities.la_code = group_lists.la_code
left join sn_lists_2025 on local_authorities.la_code = sn_lists_2025.la_code
left join sn_lists_2021 on local_authorities.la_code = sn_lists_2021.la_code
left join kpi_values on local_authorities.la_code = kpi_values.la_code
