{#- Every instance of a broken DfE SSDA903 validation rule: one row per offending staged row and
    rule, the union of the 903 rule models (each rule is a CTE rule_<code> in one of them). Rules
    about values staging could not read come from the quarantine (int_dq__load_findings). -#}
{%- set rule_models = [
    'int_dq__903_episode_rules',
    'int_dq__903_child_rules',
    'int_dq__903_oc2_oc3_rules',
    'int_dq__903_adoption_rules',
    'int_dq__903_previous_year_rules',
    'int_dq__903_code_rules',
] %}

{% for rule_model in rule_models -%}
    select
        {{ dq_failure_columns() }}
    from {{ ref(rule_model) }}
    {% if not loop.last %}union all
    {% endif -%}
{%- endfor %}
