-- Rotherham's corporate parenting monthly scorecard (seed 003) for every LA and month: rows 6.1-11.5
-- in the seed's order (seeds/kpi/scorecard_layouts.csv); the logic is the macro scorecard_monthly.
{{ scorecard_monthly(ref('fct_kpi_performance'), ref('fct_kpi_benchmarks')) }}
