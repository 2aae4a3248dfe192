-- Statistical-neighbour, regional and England benchmarks, ranks and quartiles for every LA, KPI,
-- period type and period end of fct_kpi_values; the logic is the macro kpi_benchmarks
-- (macros/benchmarks.sql), shared with shared_kpi_benchmarks.
{{ kpi_benchmarks(ref('fct_kpi_values')) }}
