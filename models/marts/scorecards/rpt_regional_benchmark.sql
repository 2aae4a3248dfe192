-- The 2013 regional benchmarking sets (seed 004): each group's REF indicators with every LA of the
-- group beside the group figure and the LA's rank in it.
-- Its internal audience: the logic is int_scorecards__regional_benchmark,
-- computed once for both audiences.
select
    group_code,
    group_name,
    ref_number,
    ref_description,
    kpi_id,
    kpi_name,
    good_performance_is,
    unit,
    period_end,
    year_label,
    la_code,
    la_name,
    value,
    group_value,
    group_value_source,
    group_coverage,
    group_rank,
    group_rank_of,
    value_source,
    value_status
from {{ ref('int_scorecards__regional_benchmark') }}
where audience = 'internal'
