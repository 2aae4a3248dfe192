{#- Every instance of a broken DfE CIN census validation rule: one row per offending staged row
    and rule. The rules are the dq_cin_* macros in macros/dq/ and the code rules of dq_code_rules();
    rules about values staging could not read come from the quarantine (int_dq__load_findings). -#}
with

rule_macros as (
    {{ dq_union_rules('dq_cin_') }}
),

code_rules as (
    {{ dq_code_rules_sql('cin_census') }}
)

select {{ dq_failure_columns() }} from rule_macros
union all
select {{ dq_failure_columns() }} from code_rules
