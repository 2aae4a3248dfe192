-- rpt_regional_benchmark built from shared_kpi_values: group figures a suppressed LA contributes to
-- are withheld.
{{ regional_benchmark(ref('shared_kpi_values'), shared=true) }}
