-- One row per LA, KPI, period type and period end: the numerator and denominator an area model
-- computed, the KPI's value by the unit in the catalogue (percent 0-100, rate per 10,000,
-- average = numerator / denominator, count and fte = numerator), how many cases the loaded returns
-- could not decide (excluded_count, null when the KPI leaves nobody out) and the period in words
-- (period_label). The area models are exactly the dbt var kpi_value_models, the one registry
-- (docs/KPI_CONTRACT.md); each yields la_code, kpi_id, period_type, period_start, period_end,
-- numerator, denominator, excluded_count (the macro kpi_rows writes them).
-- value_source says where a row comes from: 'computed' (an area model, from the returns) or 'local'
-- (a figure an LA supplied in its local-figures file for a KPI no return supports, validated by
-- audit_local_figures_quarantine; its value is the one supplied, int_local__kpi_figures has its source).
{%- set area_models = kpi_value_models() %}
with

kpi_catalogue as not materialized (
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
),

local_figures as not materialized (
    select * from {{ ref('int_local__kpi_figures') }}
),

computed_values as (
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
            {{ period_label_cases('area_values.period_type', 'area_values.period_start', 'area_values.period_end') }}
        end as period_label,
        'computed' as value_source
    from area_values
    left join kpi_catalogue
        on area_values.kpi_id = kpi_catalogue.kpi_id
)

select * from computed_values
union all
select
    la_code,
    kpi_id,
    period_type,
    period_start,
    period_end,
    numerator,
    denominator,
    value,  -- noqa: RF04
    cast(null as bigint) as excluded_count,
    case
        {{ period_label_cases('period_type', 'period_start', 'period_end') }}
    end as period_label,
    'local' as value_source
from local_figures
