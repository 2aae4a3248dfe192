-- The looked-after children area of the KPI contract (docs/KPI_CONTRACT.md): every computed
-- looked-after, placement, fostering, adoption and care-leaver KPI of seeds/kpi/kpi_catalogue.csv,
-- one row per LA, KPI, period type and period end, with its numerator and denominator.
-- fct_kpi_values turns them into values; this model only gathers the topic models.
{%- set topic_models = [
    'int_looked_after__kpi_at_period_end',
    'int_looked_after__kpi_flows',
    'int_looked_after__kpi_adoption',
    'int_looked_after__kpi_reviews_and_missing',
    'int_looked_after__kpi_annual_outcomes',
    'int_looked_after__kpi_child_protection',
] %}
with

{% for topic_model in topic_models %}
    {{ topic_model | replace('int_looked_after__', '') }} as (
        select * from {{ ref(topic_model) }}
    ),

{% endfor %}
all_kpis as (
    {%- for topic_model in topic_models %}
        select
            la_code,
            kpi_id,
            period_type,
            period_start,
            period_end,
            numerator,
            denominator
        from {{ topic_model | replace('int_looked_after__', '') }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
)

-- Doubles in every area model, so that fct_kpi_values can union the areas.
select
    la_code,
    kpi_id,
    period_type,
    period_start,
    period_end,
    cast(numerator as double) as numerator,
    cast(denominator as double) as denominator
from all_kpis
