-- Doncaster's quarterly contract and partnership report (seed 002) for every LA and quarter; the
-- logic is the macro contract_quarterly.
{{ contract_quarterly(ref('fct_kpi_performance'), ref('fct_kpi_benchmarks')) }}
