{#- Every rule in the catalogue with whether this project implements it, so that coverage per
    return can be counted and what remains is listed. What is implemented is read from the rule
    models themselves: the rule code that each rule CTE passes to dq_columns('<code>', ...) in an
    int_dq__ model; plus the rules raised from the quarantine (dq_parse_rules) and by the load
    findings. -#}
{%- set implemented = [] %}
{%- if execute %}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name.startswith('int_dq__') %}
        {%- do implemented.extend(modules.re.findall("dq_columns\\(\\s*'([^']+)'", node.raw_code)) %}
    {%- endfor %}
{%- endif %}
{%- for r in dq_parse_rules() %}{% do implemented.append(r[0]) %}{% endfor %}
{#- Rules raised by the load-findings model (quarantine, codes, load issues) and CSC-120 (local figures). -#}
{%- do implemented.extend(['INT31', 'INT32', 'INT33', 'INT34', 'INT35', 'INT36',
    'CSC-101', 'CSC-102', 'CSC-103', 'CSC-104', 'CSC-105', 'CSC-106', 'CSC-110', 'CSC-111', 'CSC-112', 'CSC-120']
    + cscare_reason_rules().values() | list) %}
with

rules as not materialized (
    select * from {{ ref('dq_rules') }}
),

implemented_rules as (
    select implemented_codes.rule_code
    from (
        values
        {%- for code in implemented | unique | sort %}
            ('{{ code }}'){{ ',' if not loop.last }}
        {%- endfor %}
    ) as implemented_codes (rule_code)
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
