{#- Every rule in the catalogue with whether this project implements it (a dq_ macro, a rule CTE in a
    rule model or a column rule exists for it), so that coverage per return can be counted and what remains is listed. -#}
{%- set implemented = dq_rule_codes('dq_903_')
    + dq_model_rule_codes('data_quality/cin_census/')
    + dq_rule_codes('dq_csc_', 'CSC-') %}
{%- for r in dq_code_rules() %}{% do implemented.append(r[0]) %}{% endfor %}
{%- for r in dq_parse_rules() %}{% do implemented.append(r[0]) %}{% endfor %}
{#- Rules raised by the load-findings model (quarantine, codes, load issues). -#}
{%- do implemented.extend(['INT31', 'INT32', 'INT33', 'INT34', 'INT35', 'INT36',
    'CSC-101', 'CSC-102', 'CSC-103', 'CSC-104', 'CSC-105', 'CSC-106', 'CSC-110', 'CSC-111', 'CSC-112']) %}
with

rules as (
    select * from {{ ref('dq_rules') }}
),

implemented_rules as (
    {%- for code in implemented | unique | sort %}
        select '{{ code }}' as rule_code
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select
    rule_code,
    return_name,
    table_name,
    message,
    severity,
    fix_hint,
    source,
    valid_from_year,
    valid_to_year,
    rule_code in (select implemented_rules.rule_code from implemented_rules) as is_implemented,
    valid_to_year is null or valid_to_year >= 2025 as is_current
from rules
