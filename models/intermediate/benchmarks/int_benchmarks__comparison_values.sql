-- Every LA figure a benchmark compares with, for each audience (issue 11): the warehouse's own
-- figures (unless suppressed or null), and the published LA figures (published_benchmarks) for the
-- LAs, KPIs and periods the warehouse holds no figure of its own for. The neighbour averages, ranks,
-- quartiles and bands all read these rows, so a figure is in every comparison or in none.
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

audiences as (
    select distinct audience
    from warehouse_values
),

-- Published LA figures, for each audience. Usually few or none.
published_la_values as (
    select
        audiences.audience,
        published.geography_code as la_code,
        published.kpi_id,
        published.period_type,
        cast(published.period_end as date) as period_end,
        try_cast(published.value as double) as value  -- noqa: RF04
    from {{ ref('published_benchmarks') }} as published
    cross join audiences
    where
        published.geography_level = 'LA'
        and try_cast(published.value as double) is not null
),

-- The published LA figures the warehouse holds a figure of its own for. Asked from the published
-- side (a probe of the few published rows by the warehouse rows), not as a "not exists" against
-- the warehouse, which hashed every warehouse row (5.7 s at 150 LAs) to answer "none".
published_la_values_held as (
    select
        warehouse_values.audience,
        warehouse_values.la_code,
        warehouse_values.kpi_id,
        warehouse_values.period_type,
        warehouse_values.period_end
    from warehouse_values
    inner join published_la_values
        on
            warehouse_values.audience = published_la_values.audience
            and warehouse_values.la_code = published_la_values.la_code
            and warehouse_values.kpi_id = published_la_values.kpi_id
            and warehouse_values.period_type = published_la_values.period_type
            and warehouse_values.period_end = published_la_values.period_end
)

select
    audience,
    la_code,
    kpi_id,
    period_type,
    period_end,
    value,
    'warehouse' as value_origin
from warehouse_values
where value is not null and not is_suppressed
union all
select
    published_la_values.audience,
    published_la_values.la_code,
    published_la_values.kpi_id,
    published_la_values.period_type,
    published_la_values.period_end,
    published_la_values.value,
    'published' as value_origin
from published_la_values
where not exists (
    select 1
    from published_la_values_held as held
    where
        held.audience = published_la_values.audience
        and held.la_code = published_la_values.la_code
        and held.kpi_id = published_la_values.kpi_id
        and held.period_type = published_la_values.period_type
        and held.period_end = published_la_values.period_end
)
