{#- Part 2 of 3 of the DfE SSDA903 rule macros (dq_903_*), spread over three models so that each
    compiles to SQL of a size the linter and the planner handle comfortably. -#}
with

rule_macros as (
    {{ dq_union_rules('dq_903_', part=2, parts=3) }}
)

select
    {{ dq_failure_columns() }}
from rule_macros
