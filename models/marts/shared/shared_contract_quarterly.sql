-- rpt_contract_quarterly built from the shared (small-number-suppressed) performance and benchmarks.
{{ contract_quarterly(ref('shared_kpi_performance'), ref('shared_kpi_benchmarks')) }}
