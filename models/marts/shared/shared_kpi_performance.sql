-- fct_kpi_performance computed from shared_kpi_values: a suppressed value gets no RAG.
-- Its shared audience: the logic is int_benchmarks__kpi_performance,
-- computed once for both audiences.
select
    la_code,
    kpi_id,
    period_type,
    period_start,
    period_end,
    value,
    published_value,
    value_source,
    is_suppressed,
    unit,
    polarity,
    display_precision,
    target_la_code,
    target,
    tolerance,
    threshold_text,
    red_threshold,
    amber_threshold,
    green_threshold,
    threshold_source,
    rag,
    rag_status_note,
    previous_period_end,
    previous_value,
    dot_vs_previous,
    year_ago_period_end,
    year_ago_value,
    dot_vs_year_ago
from {{ ref('int_benchmarks__kpi_performance') }}
where audience = 'shared'
