{#- Every instance of one of our own case-management rules (CSC-xxx, the dq_csc_* macros):
    Liquid Logic end dates, overlaps, gaps, duplicates, impossible dates, missing children. -#}
with

rule_macros as (
    {{ dq_union_rules('dq_csc_') }}
)

select
    {{ dq_failure_columns() }}
from rule_macros
