{#- Every instance of a broken DfE CIN census validation rule: one row per offending staged row
    and rule. The rules are the named CTEs of the models in cin_census/, one model per table;
    rules about values staging could not read come from the quarantine (int_dq__load_findings). -#}
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_child_rules') }}
union all
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_episode_rules') }}
union all
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_assessment_rules') }}
union all
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_s47_rules') }}
union all
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_plan_rules') }}
union all
select
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
from {{ ref('int_dq__cin_cp_plan_rules') }}
