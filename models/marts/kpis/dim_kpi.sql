-- One row per KPI in the catalogue (seeds/kpi/kpi_catalogue.csv), with whether any area model
-- computes it. A KPI with source_returns 'none' has no return that could support it: it is listed
-- so that every KPI in the frameworks is accounted for, and is never computed.
with

kpi_catalogue as not materialized (
    select * from {{ ref('kpi_catalogue') }}
),

kpi_values as not materialized (
    select * from {{ ref('fct_kpi_values') }}
),

-- local figures (value_source 'local') are supplied, not computed
computed_kpis as (
    select distinct kpi_id from kpi_values
    where value_source = 'computed'
)

select
    kpi_catalogue.kpi_id,
    kpi_catalogue.kpi_name,
    kpi_catalogue.area,
    kpi_catalogue.definition,
    kpi_catalogue.numerator,
    kpi_catalogue.denominator,
    kpi_catalogue.unit,
    kpi_catalogue.polarity,
    kpi_catalogue.source_returns,
    kpi_catalogue.period_types,
    kpi_catalogue.ref_rotherham,
    kpi_catalogue.ref_slough_contract,
    kpi_catalogue.ref_slough_other,
    kpi_catalogue.ref_doncaster,
    kpi_catalogue.ref_regional,
    kpi_catalogue.ref_spif,
    kpi_catalogue.dfe_source,
    kpi_catalogue.notes,
    computed_kpis.kpi_id is not null as is_computed
from kpi_catalogue
left join computed_kpis
    on kpi_catalogue.kpi_id = computed_kpis.kpi_id
