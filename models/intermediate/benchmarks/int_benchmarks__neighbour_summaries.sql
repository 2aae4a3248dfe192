-- The statistical-neighbour benchmarks of every audience, LA, KPI, period type and period end of
-- int_benchmarks__kpi_values_by_audience (issue 11): the model in force, the neighbours' average
-- and the best neighbour, from int_benchmarks__comparison_values.
--
-- Conventions (LAIT, the DfE's local authority interactive tool):
-- - SN average: mean of the neighbours' values, missing ones skipped (dbt var
--   sn_average_statistic: mean, or median as the DfE's National Framework dashboard uses);
-- - best neighbour by polarity, the closest on a tie; none for information and within_range
--   measures.
-- The statistical-neighbour model is the one in force for the period: the DfE 2025 model for
-- periods ending on or after var sn_model_2025_from (1 April 2024: the 2024/25 collection year,
-- the first published after the model changed in May 2025), the 2021 model before; an LA absent
-- from that model (created or abolished across the change) uses the other.
--
-- Built incrementally (key_scope: statistical_neighbours), only the changed KPI-periods of the LAs
-- being built again and of the LAs that have one of them as a neighbour are computed and replaced.
{%- set statistic = var('sn_average_statistic', 'mean') %}
{%- if statistic not in ['mean', 'median'] %}
    {{ exceptions.raise_compiler_error("var sn_average_statistic must be mean or median, not " ~ statistic) }}
{%- endif %}
{%- set sn_scope = cscare_key_scope_las() %}
{%- set in_sn_scope = '' if sn_scope is none else 'and la_code in (' ~ cscare_la_list(sn_scope) ~ ')' %}
with

warehouse_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
    -- an incremental build computes only the keys whose figures changed (macros/incremental.sql), of
    -- the LAs in scope (a scope exists only in an incremental build, so the key filter is there)
    {{ cscare_key_filter('where') }}
    {{ in_sn_scope }}
),

comparison_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        value
    from {{ ref('int_benchmarks__comparison_values') }}
    {{ cscare_key_filter('where') }}
),

kpis as (
    select
        kpi_id,
        polarity
    from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name
    from {{ ref('ref_local_authorities') }}
),

statistical_neighbours as (
    select
        la_code,
        neighbour_rank,
        neighbour_la_code,
        '2025' as sn_model
    from {{ ref('ref_statistical_neighbours') }}
    union all
    select
        la_code,
        neighbour_rank,
        neighbour_la_code,
        '2021' as sn_model
    from {{ ref('ref_statistical_neighbours_2021') }}
),

sn_model_members as (
    select
        la_code,
        sn_model,
        count(*) as neighbours_in_model
    from statistical_neighbours
    group by la_code, sn_model
),

la_periods as (
    select distinct
        la_code,
        period_end
    from warehouse_values
),

-- The model in force depends only on the LA and the period end, so it is decided once per pair
-- (a few thousand) rather than once per warehouse row (millions). Each pair is numbered, and so is
-- each audience, KPI and period type (kpi_series): the neighbour figures are grouped on those two
-- numbers, not on five keys of which three are text (57.6 million rows at 150 LAs).
la_period_sn_models as materialized (
    select
        la_periods.la_code,
        la_periods.period_end,
        row_number() over () as la_period_number,
        case
            when in_force.la_code is not null then in_force.sn_model
            else fallback.sn_model
        end as sn_model,
        coalesce(in_force.neighbours_in_model, fallback.neighbours_in_model) as neighbours_in_model
    from la_periods
    left join sn_model_members as in_force
        on
            la_periods.la_code = in_force.la_code
            and in_force.sn_model = case
                when la_periods.period_end >= date '{{ var("sn_model_2025_from", "2024-04-01") }}'
                    then '2025'
                else '2021'
            end
    left join sn_model_members as fallback
        on
            la_periods.la_code = fallback.la_code
            and fallback.sn_model = case
                when la_periods.period_end >= date '{{ var("sn_model_2025_from", "2024-04-01") }}'
                    then '2021'
                else '2025'
            end
),

kpi_series as materialized (
    select
        series.audience,
        series.kpi_id,
        series.period_type,
        kpis.polarity,
        row_number() over () as series_number
    from (
        select distinct
            audience,
            kpi_id,
            period_type
        from warehouse_values
    ) as series
    inner join kpis on series.kpi_id = kpis.kpi_id
),

-- Each LA's neighbours for each period end, under the model in force: about ten rows per pair.
la_period_neighbours as (
    select
        la_period_sn_models.la_period_number,
        la_period_sn_models.period_end,
        statistical_neighbours.neighbour_rank,
        statistical_neighbours.neighbour_la_code
    from la_period_sn_models
    inner join statistical_neighbours
        on
            la_period_sn_models.la_code = statistical_neighbours.la_code
            and la_period_sn_models.sn_model = statistical_neighbours.sn_model
),

-- Every neighbour figure, keyed by the LA whose SN summary it feeds. The comparison values probe
-- the small LA-period-neighbour table once (on neighbour and period end), instead of each
-- warehouse row being joined to its neighbours' rows on six keys through a far larger intermediate
-- (every figure times every LA it neighbours, before the period and model are matched). A group for
-- an LA, KPI and period the warehouse does not hold finds no row to join back to and is dropped.
-- rank_order is the value oriented so that the best comes first (plus 0.0, so that a zero is one
-- zero, never -0.0 against 0.0 in the ordering below); information and within_range measures get no
-- best neighbour, so its order does not matter for them. A figure of a series (audience, KPI,
-- period type) the warehouse rows in scope do not hold, or of a KPI outside the catalogue, finds
-- no kpi_series row: it would have no benchmark row to feed.
neighbour_values as (
    select
        kpi_series.series_number,
        la_period_neighbours.la_period_number,
        la_period_neighbours.neighbour_rank,
        la_period_neighbours.neighbour_la_code,
        comparison_values.value,
        case
            when kpi_series.polarity = 'low_is_good' then comparison_values.value + 0.0
            else 0.0 - comparison_values.value
        end as rank_order
    from comparison_values
    inner join kpi_series
        on
            comparison_values.audience = kpi_series.audience
            and comparison_values.kpi_id = kpi_series.kpi_id
            and comparison_values.period_type = kpi_series.period_type
    inner join la_period_neighbours
        on
            comparison_values.la_code = la_period_neighbours.neighbour_la_code
            and comparison_values.period_end = la_period_neighbours.period_end
),

-- The best neighbour is taken in one ordering by polarity rather than as the highest and the
-- lowest both (fewer aggregates over the largest intermediate of the model): the least of
-- (rank_order, neighbour_rank, value, LA) compared field by field, so ties go to the closest
-- neighbour. A min of one struct, not first(... order by ...), which sorted every group's rows
-- (57.6 million at 150 LAs: 30 CPU-seconds for the model, against 23; two runs each).
-- Materialized: inlined, DuckDB misjudged its size (tens of millions of rows, from the neighbour
-- join's estimate), and hashed the wide rows to join it instead of hashing it.
sn_summary as materialized (
    select
        series_number,
        la_period_number,
        {% if statistic == 'median' %}median(value){% else %}avg(value){% endif %} as sn_average,
        count(*) as sn_count,
        min({
            'rank_order': rank_order,
            'neighbour_rank': neighbour_rank,
            'value': value,
            'la_code': neighbour_la_code
        }) as sn_best
    from neighbour_values
    group by series_number, la_period_number
)

select
    warehouse_values.audience,
    warehouse_values.la_code,
    warehouse_values.kpi_id,
    warehouse_values.period_type,
    warehouse_values.period_end,
    la_period_sn_models.sn_model,
    '{{ statistic }}' as sn_statistic,
    sn_summary.sn_average,
    coalesce(sn_summary.sn_count, 0) as sn_count,
    la_period_sn_models.neighbours_in_model as sn_neighbours,
    case
        when kpi_series.polarity in ('high_is_good', 'low_is_good') then struct_extract(sn_summary.sn_best, 'value')
    end as sn_best_value,
    case
        when kpi_series.polarity in ('high_is_good', 'low_is_good') then struct_extract(sn_summary.sn_best, 'la_code')
    end as sn_best_la_code,
    case
        when kpi_series.polarity in ('high_is_good', 'low_is_good') then best_neighbour.la_name
    end as sn_best_la_name
from warehouse_values
inner join kpi_series
    on
        warehouse_values.audience = kpi_series.audience
        and warehouse_values.kpi_id = kpi_series.kpi_id
        and warehouse_values.period_type = kpi_series.period_type
left join la_period_sn_models
    on
        warehouse_values.la_code = la_period_sn_models.la_code
        and warehouse_values.period_end = la_period_sn_models.period_end
left join sn_summary
    on
        kpi_series.series_number = sn_summary.series_number
        and la_period_sn_models.la_period_number = sn_summary.la_period_number
left join local_authorities as best_neighbour on struct_extract(sn_summary.sn_best, 'la_code') = best_neighbour.la_code
