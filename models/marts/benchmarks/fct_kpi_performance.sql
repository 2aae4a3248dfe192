-- RAG against the LA's target and direction of travel, for every LA, KPI, period type and period
-- end of fct_kpi_values; the logic is the macro kpi_performance (macros/performance.sql), shared
-- with shared_kpi_performance.
{{ kpi_performance(ref('fct_kpi_values')) }}
