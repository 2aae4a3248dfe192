{#- Every raw table that has a staging model, as (source, table) pairs. -#}
{% macro cscare_raw_tables() %}
    {%- do return([
        ('ssda903', 'header'), ('ssda903', 'episodes'), ('ssda903', 'reviews'), ('ssda903', 'uasc'),
        ('ssda903', 'oc2'), ('ssda903', 'oc3'), ('ssda903', 'ad1'), ('ssda903', 'placed_for_adoption'),
        ('ssda903', 'prev_perm'), ('ssda903', 'missing'), ('ssda903', 'social_worker'),
        ('cin_census', 'children'), ('cin_census', 'disabilities'), ('cin_census', 'cin_details'),
        ('cin_census', 'assessments'), ('cin_census', 'assessment_factors'), ('cin_census', 'cin_plans'),
        ('cin_census', 'section47'), ('cin_census', 'cp_plans'), ('cin_census', 'cp_reviews'),
        ('csww', 'workers'), ('csww', 'vacancies')
    ]) -%}
{% endmacro %}
