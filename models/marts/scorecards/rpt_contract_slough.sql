-- Slough's contract schedule (seed 001): contractual KPIs 1-44 and other indicators 1-64, for every
-- LA and month; the logic is the macro contract_slough.
{{ contract_slough(ref('fct_kpi_performance')) }}
