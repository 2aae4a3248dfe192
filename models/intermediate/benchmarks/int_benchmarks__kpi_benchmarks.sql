-- Benchmarks (issue 11), for every audience, LA, KPI, period type and period end of
-- int_benchmarks__kpi_values_by_audience: statistical-neighbour average and best neighbour, regional
-- and England figures with their provenance, ranks and quartile bands. fct_kpi_benchmarks is the
-- internal audience; shared_kpi_benchmarks the shared one, where a suppressed LA value is treated as
-- missing everywhere (not averaged, not ranked, not in a quartile) and a computed regional or England
-- aggregate that a suppressed LA contributes to is withheld. Every comparison stays within its
-- audience.
--
-- A view: each part is computed in its own model and stored at its own grain, so that a new month
-- rewrites only what changed (macros/incremental.sql):
-- - int_benchmarks__comparison_values: the LA figures every comparison uses;
-- - int_benchmarks__neighbour_summaries: SN model, average and best neighbour, per LA (only the
--   changed LAs and the LAs that have them as neighbours are computed again);
-- - int_benchmarks__regional_figures and int_benchmarks__national_figures: one row per region or
--   England and KPI-period, with the quartiles;
-- - int_benchmarks__kpi_ranks: ranks and quartile band, per LA.
-- Every join is on the row's own key, so a filter on the LA, KPI or period reaches each table.
{{ config(materialized='view') }}
with

warehouse_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        value,
        is_suppressed
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
),

kpis as (
    select
        kpi_id,
        unit,
        polarity
    from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name,
        region_code
    from {{ ref('ref_local_authorities') }}
)

select
    warehouse_values.audience,
    warehouse_values.la_code,
    local_authorities.la_name,
    local_authorities.region_code,
    warehouse_values.kpi_id,
    warehouse_values.period_type,
    warehouse_values.period_end,
    case when not warehouse_values.is_suppressed then warehouse_values.value end as value,  -- noqa: RF04
    warehouse_values.is_suppressed,
    kpis.unit,
    kpis.polarity,
    neighbour_summaries.sn_model,
    neighbour_summaries.sn_statistic,
    neighbour_summaries.sn_average,
    neighbour_summaries.sn_count,
    neighbour_summaries.sn_neighbours,
    neighbour_summaries.sn_best_value,
    neighbour_summaries.sn_best_la_code,
    neighbour_summaries.sn_best_la_name,
    regional_figures.regional_value,
    regional_figures.regional_source,
    regional_figures.regional_coverage,
    regional_figures.regional_computed_value,
    regional_figures.regional_computed_coverage,
    regional_figures.regional_published_value,
    coalesce(regional_figures.regional_differs_from_published, false) as regional_differs_from_published,
    national_figures.national_value,
    national_figures.national_source,
    national_figures.national_coverage,
    national_figures.national_computed_value,
    national_figures.national_computed_coverage,
    national_figures.national_published_value,
    national_figures.national_differs_from_published,
    national_figures.top_quartile_threshold,
    national_figures.lower_quartile,
    national_figures.median_value,
    national_figures.upper_quartile,
    kpi_ranks.national_rank,
    kpi_ranks.national_rank_of,
    kpi_ranks.regional_rank,
    kpi_ranks.regional_rank_of,
    kpi_ranks.quartile
from warehouse_values
inner join kpis on warehouse_values.kpi_id = kpis.kpi_id
left join local_authorities on warehouse_values.la_code = local_authorities.la_code
left join {{ ref('int_benchmarks__neighbour_summaries') }} as neighbour_summaries
    on
        warehouse_values.audience = neighbour_summaries.audience
        and warehouse_values.la_code = neighbour_summaries.la_code
        and warehouse_values.kpi_id = neighbour_summaries.kpi_id
        and warehouse_values.period_type = neighbour_summaries.period_type
        and warehouse_values.period_end = neighbour_summaries.period_end
left join {{ ref('int_benchmarks__regional_figures') }} as regional_figures
    on
        warehouse_values.audience = regional_figures.audience
        and local_authorities.region_code = regional_figures.region_code
        and warehouse_values.kpi_id = regional_figures.kpi_id
        and warehouse_values.period_type = regional_figures.period_type
        and warehouse_values.period_end = regional_figures.period_end
left join {{ ref('int_benchmarks__national_figures') }} as national_figures
    on
        warehouse_values.audience = national_figures.audience
        and warehouse_values.kpi_id = national_figures.kpi_id
        and warehouse_values.period_type = national_figures.period_type
        and warehouse_values.period_end = national_figures.period_end
left join {{ ref('int_benchmarks__kpi_ranks') }} as kpi_ranks
    on
        warehouse_values.audience = kpi_ranks.audience
        and warehouse_values.la_code = kpi_ranks.la_code
        and warehouse_values.kpi_id = kpi_ranks.kpi_id
        and warehouse_values.period_type = kpi_ranks.period_type
        and warehouse_values.period_end = kpi_ranks.period_end
