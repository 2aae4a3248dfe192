-- One row per LA, KPI, period type and period end: the numerator and denominator an area model
-- computed, the KPI's value by the unit in the catalogue (percent 0-100, rate per 10,000,
-- average = numerator / denominator, count and fte = numerator), how many cases the loaded returns
-- could not decide (excluded_count, null when the KPI leaves nobody out) and the period in words
-- (period_label). The area models are exactly the dbt var kpi_value_models, the one registry
-- (docs/KPI_CONTRACT.md); each yields la_code, kpi_id, period_type, period_start, period_end,
-- numerator, denominator, excluded_count (the macro kpi_rows writes them).
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
            cast(denominator as double) as denominator,
            cast(excluded_count as bigint) as excluded_count
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
        cast(null as double) as denominator,
        cast(null as bigint) as excluded_count
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
    area_values.excluded_count,
    -- The workforce census is a snapshot at 30 September: its KPIs sit in the year ending 31 March
    -- that contains the census date, and say which census they are.
    case
        when kpi_catalogue.source_returns like '%csww%'
            then 'at 30 September ' || (year(area_values.period_end) - 1)
        when area_values.period_type = 'year'
            then 'year ending 31 March ' || year(area_values.period_end)
        when area_values.period_type = 'month'
            then strftime(area_values.period_end, '%B %Y')
        when area_values.period_type = 'fytd'
            then strftime(area_values.period_start, '%B %Y') || ' to ' || strftime(area_values.period_end, '%B %Y')
        else '12 months to ' || strftime(area_values.period_end, '%B %Y')
    end as period_label,
    -- computed from the returns; local figures supplied by the LA (issue 11, item 4) say 'local'
    'computed' as value_source
from area_values
left join kpi_catalogue
    on area_values.kpi_id = kpi_catalogue.kpi_id
