-- National and regional ranks and the quartile band of every LA figure of
-- int_benchmarks__comparison_values whose KPI has a polarity (high_is_good, low_is_good), for each
-- audience, KPI, period type and period end (issue 11). Convention (LAIT): rank by polarity, tied
-- LAs share the better rank (rank()); bands A (best) to D against the national quartiles of
-- int_benchmarks__national_figures. An LA outside ref_local_authorities (no region) is not ranked.
-- One row per warehouse figure ranked; a published LA figure standing in takes its place in the
-- ranks of the others but has no row of its own.
with

comparison_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        value,
        value_origin
    from {{ ref('int_benchmarks__comparison_values') }}
    -- an incremental build computes only the keys whose figures changed (macros/incremental.sql)
    {{ cscare_key_filter('where') }}
),

kpis as (
    select
        kpi_id,
        polarity
    from {{ ref('kpi_catalogue') }}
    where polarity in ('high_is_good', 'low_is_good')
),

local_authorities as (
    select
        la_code,
        region_code
    from {{ ref('ref_local_authorities') }}
),

quartiles as (
    select
        audience,
        kpi_id,
        period_type,
        period_end,
        lower_quartile,
        median_value,
        upper_quartile
    from {{ ref('int_benchmarks__national_figures') }}
    {{ cscare_key_filter('where') }}
),

ranked as (
    select
        comparison_values.audience,
        comparison_values.la_code,
        comparison_values.kpi_id,
        comparison_values.period_type,
        comparison_values.period_end,
        comparison_values.value,
        comparison_values.value_origin,
        kpis.polarity,
        rank() over (
            partition by
                comparison_values.audience, comparison_values.kpi_id, comparison_values.period_type,
                comparison_values.period_end
            order by
                case
                    when kpis.polarity = 'low_is_good' then comparison_values.value
                    else -comparison_values.value
                end
        ) as national_rank,
        count(*) over (
            partition by
                comparison_values.audience, comparison_values.kpi_id, comparison_values.period_type,
                comparison_values.period_end
        ) as national_rank_of,
        rank() over (
            partition by
                comparison_values.audience, comparison_values.kpi_id, comparison_values.period_type,
                comparison_values.period_end, local_authorities.region_code
            order by
                case
                    when kpis.polarity = 'low_is_good' then comparison_values.value
                    else -comparison_values.value
                end
        ) as regional_rank,
        count(*) over (
            partition by
                comparison_values.audience, comparison_values.kpi_id, comparison_values.period_type,
                comparison_values.period_end, local_authorities.region_code
        ) as regional_rank_of
    from comparison_values
    inner join kpis on comparison_values.kpi_id = kpis.kpi_id
    inner join local_authorities on comparison_values.la_code = local_authorities.la_code
)

select
    ranked.audience,
    ranked.la_code,
    ranked.kpi_id,
    ranked.period_type,
    ranked.period_end,
    ranked.national_rank,
    ranked.national_rank_of,
    ranked.regional_rank,
    ranked.regional_rank_of,
    case
        when ranked.polarity = 'high_is_good'
            then case
                when ranked.value >= quartiles.upper_quartile then 'A'
                when ranked.value >= quartiles.median_value then 'B'
                when ranked.value >= quartiles.lower_quartile then 'C'
                else 'D'
            end
        when ranked.polarity = 'low_is_good' then case
            when ranked.value <= quartiles.lower_quartile then 'A'
            when ranked.value <= quartiles.median_value then 'B'
            when ranked.value <= quartiles.upper_quartile then 'C'
            else 'D'
        end
    end as quartile
from ranked
left join quartiles
    on
        ranked.audience = quartiles.audience
        and ranked.kpi_id = quartiles.kpi_id
        and ranked.period_type = quartiles.period_type
        and ranked.period_end = quartiles.period_end
-- a published LA figure is ranked with the others, but the benchmarks are for the warehouse's figures
where ranked.value_origin = 'warehouse'
