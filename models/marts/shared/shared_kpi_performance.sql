-- fct_kpi_performance computed from shared_kpi_values: a suppressed LA figure is missing from every
-- comparison, and an aggregate it contributes to is withheld (macros/performance.sql).
{{ kpi_performance(ref('shared_kpi_values'), shared=true) }}
