-- fct_kpi_benchmarks computed from shared_kpi_values: a suppressed LA figure is missing from every
-- comparison, and an aggregate it contributes to is withheld (macros/benchmarks.sql).
{{ kpi_benchmarks(ref('shared_kpi_values'), shared=true) }}
