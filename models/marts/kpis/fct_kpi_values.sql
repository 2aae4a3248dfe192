-- One row per LA, KPI, period type and period end: the numerator and denominator an area model
-- computed, and the KPI's value by the unit in the catalogue (percent 0-100, rate per 10,000,
-- average = numerator / denominator, count = numerator). The area models are the dbt var
-- kpi_value_models (docs/KPI_CONTRACT.md); each yields exactly la_code, kpi_id, period_type,
-- period_start, period_end, numerator, denominator.
{%- set area_models = kpi_value_models() %}
with

kpi_catalogue as (
    select * from {{ ref('kpi_catalogue') }}
),

area_values as (
    {%- for area_model in area_models %}
        select
            la_code,
            kpi_id,
            period_type,
            period_start,
            period_end,
            cast(numerator as double) as numerator,
            cast(denominator as double) as denominator
        from {{ ref(area_model) }}
        {% if not loop.last %}union all{% endif %}
    {%- else %}
    select
        cast(null as varchar) as la_code,
        cast(null as varchar) as kpi_id,
        cast(null as varchar) as period_type,
        cast(null as date) as period_start,
        cast(null as date) as period_end,
        cast(null as double) as numerator,
        cast(null as double) as denominator
    where false
    {%- endfor %}
)

select
    area_values.la_code,
    area_values.kpi_id,
    area_values.period_type,
    area_values.period_start,
    area_values.period_end,
    area_values.numerator,
    area_values.denominator,
    {{ kpi_value('kpi_catalogue.unit', 'area_values.numerator', 'area_values.denominator') }} as value,  -- noqa: RF04
    -- computed from the returns; local figures supplied by the LA (issue 11, item 4) say 'local'
    'computed' as value_source
from area_values
left join kpi_catalogue
    on area_values.kpi_id = kpi_catalogue.kpi_id
