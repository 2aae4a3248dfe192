{#- One row per broken rule instance: the DfE validation rules of the 903 and the CIN census,
    our case-management rules, and everything the loader and staging quarantined or flagged,
    each with its message, severity and what to do about it. Rules apply only in the collection
    years they are in force (dq_rules.valid_from_year / valid_to_year).
    A new family of rules is one more model (with the standard columns, dq_failure_columns) in
    failure_models. -#}
{%- set failure_models = [
    'int_dq__ssda903_rule_failures',
    'int_dq__cin_census_rule_failures',
    'int_dq__case_management_rules',
    'int_dq__load_findings',
] %}
with

rules as (
    select * from {{ ref('dq_rules') }}
),

failures as (
    {% for failure_model in failure_models -%}
    select {{ dq_failure_columns() }} from {{ ref(failure_model) }}
    {% if not loop.last %}union all
    {% endif -%}
    {%- endfor %}
),

-- A rule can reach the same row by two paths (e.g. an episode flagged against two neighbours).
distinct_failures as (
    select distinct * from failures
),

in_force as (
    select
        distinct_failures.*,
        rules.message,
        rules.severity,
        rules.fix_hint,
        coalesce(
            nullif(rules.return_name, ''),
            case
                when distinct_failures.source_file like '%/ssda903/%' then 'ssda903'
                when distinct_failures.source_file like '%cin_census.xml' then 'cin_census'
                when distinct_failures.source_file like '%csww.xml' then 'csww'
            end
        ) as return_name
    from distinct_failures
    inner join rules on distinct_failures.rule_code = rules.rule_code
    where
        coalesce(rules.valid_from_year, 0) <= distinct_failures.collection_year
        and coalesce(rules.valid_to_year, 9999) >= distinct_failures.collection_year
)

select
    md5(concat_ws(
        '|', rule_code, source_file, source_line, table_name, child_id, offending_values, la_code, collection_year
    )) as dq_issue_key,
    rule_code,
    message,
    severity,
    la_code,
    collection_year,
    return_name,
    table_name,
    child_id,
    source_file,
    source_line,
    offending_values,
    fix_hint
from in_force
