-- rpt_contract_slough built from the shared (small-number-suppressed) performance.
{{ contract_slough(ref('shared_kpi_performance')) }}
