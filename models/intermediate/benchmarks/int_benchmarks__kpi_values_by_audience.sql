-- The KPI values every benchmark, RAG/DOT and scorecard model works on, once per audience: the
-- LA's own figures ('internal', fct_kpi_values) and the small-number-suppressed figures safe to
-- share ('shared', shared_kpi_values). The downstream int_ models compute each rule once, keyed by
-- audience, so the shared marts cannot drift from the internal ones; a suppressed shared figure
-- has null numerator, denominator and value and is_suppressed true.
{{ config(materialized='view') }}
with

internal_values as (
    select
        'internal' as audience,
        la_code,
        kpi_id,
        period_type,
        period_start,
        period_end,
        numerator,
        denominator,
        value,
        value_source,
        false as is_suppressed
    from {{ ref('fct_kpi_values') }}
),

shared_values as (
    select
        'shared' as audience,
        la_code,
        kpi_id,
        period_type,
        period_start,
        period_end,
        numerator,
        denominator,
        value,
        value_source,
        coalesce(is_suppressed, false) as is_suppressed
    from {{ ref('shared_kpi_values') }}
)

select * from internal_values
union all
select * from shared_values
