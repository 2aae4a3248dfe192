-- Asked once, when a framework is adopted: which of its indicators can the statutory returns not
-- supply, so that the LA must count them from its case-management system? One row per KPI the
-- catalogue lists with no computation, with the seed documents that ask for it.
with

kpis as (
    select * from {{ ref('dim_kpi') }}
)

select
    kpi_id,
    kpi_name,
    area,
    source_returns,
    nullif(ref_rotherham, '') as rotherham,
    nullif(ref_slough_contract, '') as slough_contract,
    nullif(ref_slough_other, '') as slough_other,
    nullif(ref_doncaster, '') as doncaster,
    nullif(ref_regional, '') as regional_2013,
    notes
from kpis
where not is_computed
order by area, kpi_id
