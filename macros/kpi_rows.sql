{#-
    kpi_rows(relation, kpis): the rows of the KPI contract (macros/kpi.sql) from one CTE holding a
    numerator and denominator per LA and period. `relation` must have la_code, period_type,
    period_start and period_end; `kpis` is a list of dicts:

        {'id': 'sg_referrals_rate_per_10k', 'numerator': 'referrals', 'denominator': 'population_0_17'}

    with an optional 'where' (a condition on the relation, e.g. 'has_12_month_lookback') for KPIs
    that some periods cannot answer (the row is then left out, not set to null), and an optional
    'excluded' (the number of cases left out of the denominator because the loaded returns cannot
    decide them, e.g. children whose care began before the first loaded return; null when the KPI
    leaves nobody out). Count and fte KPIs give 'null' as denominator. Numerator and denominator
    are doubles in every area model, so that fct_kpi_values can union them.
-#}
{% macro kpi_rows(relation, kpis) -%}
    {%- for kpi in kpis %}
    select
        la_code,
        '{{ kpi.id }}' as kpi_id,
        period_type,
        period_start,
        period_end,
        cast({{ kpi.numerator }} as double) as numerator,
        cast({{ kpi.denominator }} as double) as denominator,
        cast({{ kpi.get('excluded', 'null') }} as bigint) as excluded_count
    from {{ relation }}
    {%- if kpi.get('where') %}
    where {{ kpi.where }}
    {%- endif %}
    {%- if not loop.last %}

    union all
    {% endif %}
    {%- endfor %}
{%- endmacro %}
