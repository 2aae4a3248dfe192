-- The 2013 regional benchmarking sets (seed 004): each group's REF indicators with every LA of the
-- group beside the group figure and the LA's rank in it; the logic is the macro regional_benchmark.
{{ regional_benchmark(ref('fct_kpi_values')) }}
