-- rpt_scorecard_monthly built from the shared (small-number-suppressed) performance and benchmarks.
{{ scorecard_monthly(ref('shared_kpi_performance'), ref('shared_kpi_benchmarks')) }}
