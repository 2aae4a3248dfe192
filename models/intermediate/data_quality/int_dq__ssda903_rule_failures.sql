{#- Every instance of a broken DfE SSDA903 validation rule: one row per offending staged row and
    rule. The rules are the dq_903_* macros in macros/dq/ (run in three parts) and the 903 code
    rules of dq_code_rules(); rules about values staging could not read come from the quarantine
    (int_dq__load_findings). -#}
with

rule_macros as (
    select {{ dq_failure_columns() }} from {{ ref('int_dq__ssda903_rule_failures_part_1') }}
    union all
    select {{ dq_failure_columns() }} from {{ ref('int_dq__ssda903_rule_failures_part_2') }}
    union all
    select {{ dq_failure_columns() }} from {{ ref('int_dq__ssda903_rule_failures_part_3') }}
),

code_rules as (
    {{ dq_code_rules_sql('ssda903') }}
)

select {{ dq_failure_columns() }} from rule_macros
union all
select {{ dq_failure_columns() }} from code_rules
