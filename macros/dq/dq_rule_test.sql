{#- One dbt test per implemented data-quality rule, on dq_issues: it fails (at warn severity, so
    that `dbt build` completes and the data-quality owner works the list) with one stored failure
    row per instance of the rule, with the message, the row and what to do. -#}
{% test dq_rule_has_no_issues(model, rule_code) %}
select *
from {{ model }}
where rule_code = '{{ rule_code }}'
{% endtest %}
