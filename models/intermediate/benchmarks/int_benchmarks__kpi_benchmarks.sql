-- Benchmarks (issue 11), for every audience, LA, KPI, period type and period end of
-- int_benchmarks__kpi_values_by_audience: statistical-neighbour average and best neighbour, regional
-- and England figures with their provenance, ranks and quartile bands. fct_kpi_benchmarks is the
-- internal audience; shared_kpi_benchmarks the shared one, where a suppressed LA value is treated as
-- missing everywhere (not averaged, not ranked, not in a quartile) and a computed regional or England
-- aggregate that a suppressed LA contributes to is withheld, because the aggregate less the other
-- LAs' published figures would give the suppressed number back. Every comparison stays within its
-- audience.
--
-- Conventions (LAIT, the DfE's local authority interactive tool):
-- - SN average: mean of the neighbours' values, missing ones skipped (dbt var
--   sn_average_statistic: mean, or median as the DfE's National Framework dashboard uses);
-- - regional and England figures: sum of numerators over sum of denominators (rates per 10,000:
--   summed population), never a mean of LA values; counts are sums;
-- - rank by polarity, tied LAs share the better rank (rank()); quartile bands A (best) to D from
--   type-7 quantiles (quantile_cont); information and within_range measures get no rank, band,
--   best neighbour or top-quartile threshold.
-- The statistical-neighbour model is the one in force for the period: the DfE 2025 model for
-- periods ending on or after var sn_model_2025_from (1 April 2024: the 2024/25 collection year,
-- the first published after the model changed in May 2025), the 2021 model before; an LA absent
-- from that model (created or abolished across the change) uses the other.
{%- set statistic = var('sn_average_statistic', 'mean') %}
{%- if statistic not in ['mean', 'median'] %}
    {{ exceptions.raise_compiler_error("var sn_average_statistic must be mean or median, not " ~ statistic) }}
{%- endif %}
{#- Built incrementally (changed KPI-periods only), the neighbour summaries are computed again only
    for the LAs near the LAs being built again; none when everything is computed. -#}
{%- set sn_scope = cscare_incremental_las() if cscare_key_plan() is not none else none %}
with

warehouse_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        numerator,
        denominator,
        value,
        is_suppressed
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
    -- an incremental build computes only the keys whose figures changed (macros/incremental.sql)
    {{ cscare_key_filter('where') }}
),

kpis as (
    select
        kpi_id,
        unit,
        polarity
    from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name,
        region_code,
        valid_from_year,
        valid_to_year
    from {{ ref('ref_local_authorities') }}
),

published as (
    select
        geography_level,
        geography_code,
        kpi_id,
        period_type,
        cast(period_end as date) as period_end,
        try_cast(value as double) as published_value,
        source,
        published_on,
        -- decimals the figure was published with: a difference within half its last digit is rounding
        case when contains(value, '.') then length(split_part(value, '.', 2)) else 0 end as published_decimals
    from {{ ref('published_benchmarks') }}
    where try_cast(value as double) is not null
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

audiences as (
    select distinct audience
    from warehouse_values
),

sn_model_members as (
    select
        la_code,
        sn_model,
        count(*) as neighbours_in_model
    from statistical_neighbours
    group by la_code, sn_model
),

-- Published LA figures, for each audience. Usually few or none.
published_la_values as (
    select
        audiences.audience,
        published.geography_code as la_code,
        published.kpi_id,
        published.period_type,
        published.period_end,
        published.published_value as value  -- noqa: RF04
    from published
    cross join audiences
    where published.geography_level = 'LA'
),

-- The published LA figures the warehouse holds a figure of its own for. Asked from the published
-- side (a probe of the few published rows by the warehouse rows), not as a "not exists" against
-- the warehouse, which hashed every warehouse row (5.7 s at 150 LAs) to answer "none".
published_la_values_held as (
    select
        warehouse_values.audience,
        warehouse_values.la_code,
        warehouse_values.kpi_id,
        warehouse_values.period_type,
        warehouse_values.period_end
    from warehouse_values
    inner join published_la_values
        on
            warehouse_values.audience = published_la_values.audience
            and warehouse_values.la_code = published_la_values.la_code
            and warehouse_values.kpi_id = published_la_values.kpi_id
            and warehouse_values.period_type = published_la_values.period_type
            and warehouse_values.period_end = published_la_values.period_end
),

-- Every LA figure a benchmark can compare with: the warehouse's own (unless suppressed), and
-- published LA figures for LAs, KPIs and periods the warehouse does not hold (for each audience).
comparison_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        value
    from warehouse_values
    where value is not null and not is_suppressed
    union all
    select
        published_la_values.audience,
        published_la_values.la_code,
        published_la_values.kpi_id,
        published_la_values.period_type,
        published_la_values.period_end,
        published_la_values.value
    from published_la_values
    where not exists (
        select 1
        from published_la_values_held as held
        where
            held.audience = published_la_values.audience
            and held.la_code = published_la_values.la_code
            and held.kpi_id = published_la_values.kpi_id
            and held.period_type = published_la_values.period_type
            and held.period_end = published_la_values.period_end
    )
),

la_periods as (
    select distinct
        la_code,
        period_end
    from warehouse_values
),

-- The model in force depends only on the LA and the period end, so it is decided once per pair
-- (a few thousand) rather than once per warehouse row (millions).
la_period_sn_models as (
    select
        la_periods.la_code,
        la_periods.period_end,
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

-- Each LA's neighbours for each period end, under the model in force: about ten rows per pair.
la_period_neighbours as (
    select
        la_period_sn_models.la_code,
        la_period_sn_models.period_end,
        statistical_neighbours.neighbour_rank,
        statistical_neighbours.neighbour_la_code
    from la_period_sn_models
    inner join statistical_neighbours
        on
            la_period_sn_models.la_code = statistical_neighbours.la_code
            and la_period_sn_models.sn_model = statistical_neighbours.sn_model
),
{% if sn_scope is not none %}
-- An incremental build: only the LAs being built again and the LAs that have one of them as a
-- neighbour (in either model) can see their neighbour summary change.
sn_scope as (
    select distinct statistical_neighbours.la_code
    from statistical_neighbours
    where statistical_neighbours.neighbour_la_code in ({{ cscare_la_list(sn_scope) }})
    union
    select unnest([{{ cscare_la_list(sn_scope) }}]) as la_code
),
{% endif %}
-- Every neighbour figure, keyed by the LA whose SN summary it feeds. The comparison values probe
-- the small LA-period-neighbour table once (on neighbour and period end), instead of each
-- warehouse row being joined to its neighbours' rows on six keys through a far larger intermediate
-- (every figure times every LA it neighbours, before the period and model are matched). A group for
-- an LA, KPI and period the warehouse does not hold finds no row to join back to and is dropped.
-- rank_order is the value oriented so that the best comes first (as in ranked); information and
-- within_range measures get no best neighbour, so its order does not matter for them. A KPI outside
-- the catalogue has no benchmark row, so the join to kpis drops nothing that is kept.
neighbour_values as (
    select
        comparison_values.audience,
        la_period_neighbours.la_code,
        comparison_values.kpi_id,
        comparison_values.period_type,
        comparison_values.period_end,
        la_period_neighbours.neighbour_rank,
        la_period_neighbours.neighbour_la_code,
        comparison_values.value,
        case
            when kpis.polarity = 'low_is_good' then comparison_values.value
            else -comparison_values.value
        end as rank_order
    from comparison_values
    inner join kpis on comparison_values.kpi_id = kpis.kpi_id
    inner join la_period_neighbours
        on
            comparison_values.la_code = la_period_neighbours.neighbour_la_code
            and comparison_values.period_end = la_period_neighbours.period_end
    {%- if sn_scope is not none %}
    where la_period_neighbours.la_code in (select sn_scope.la_code from sn_scope)
    {%- endif %}
),

-- The best neighbour is taken in one ordering by polarity rather than as the highest and the
-- lowest both (fewer aggregates over the largest intermediate of the model).
-- Materialized: inlined, DuckDB misjudged its size (tens of millions of rows, from the neighbour
-- join's estimate), and hashed the wide benchmark rows to join it instead of hashing it (at 150
-- LAs: 9.4 s for that one join in a new month's build, 6.3 s for the whole model once materialized).
sn_summary as materialized (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        {% if statistic == 'median' %}median(value){% else %}avg(value){% endif %} as sn_average,
        count(*) as sn_count,
        -- ties go to the closest neighbour
        first(value order by rank_order asc, neighbour_rank asc) as sn_best_value,
        first(neighbour_la_code order by rank_order asc, neighbour_rank asc) as sn_best_la_code
    from neighbour_values
    group by audience, la_code, kpi_id, period_type, period_end
    {%- if sn_scope is not none %}
    -- every other LA's neighbours kept their figures: its summary stands as the last build made it
    union all
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_end,
        sn_average,
        sn_count,
        sn_best_value,
        sn_best_la_code
    from {{ this }}
    where
        sn_count > 0
        and la_code not in (select sn_scope.la_code from sn_scope)
        {{ cscare_key_filter('and') }}
    {%- endif %}
),

period_collection_years as (
    select distinct
        audience,
        period_end,
        year(period_end) + case when month(period_end) > 3 then 1 else 0 end as collection_year
    from warehouse_values
),

las_expected as (
    select
        period_collection_years.audience,
        period_collection_years.period_end,
        local_authorities.region_code,
        count(*) as las_expected
    from period_collection_years
    inner join local_authorities
        on
            (
                local_authorities.valid_from_year is null
                or period_collection_years.collection_year >= local_authorities.valid_from_year
            )
            and (
                local_authorities.valid_to_year is null
                or period_collection_years.collection_year <= local_authorities.valid_to_year
            )
    group by period_collection_years.audience, period_collection_years.period_end, local_authorities.region_code
),

contributions as (
    select
        warehouse_values.*,
        local_authorities.region_code
    from warehouse_values
    inner join local_authorities on warehouse_values.la_code = local_authorities.la_code
    where warehouse_values.numerator is not null or warehouse_values.is_suppressed
),

regional_sums as (
    select
        audience,
        kpi_id,
        period_type,
        period_end,
        region_code,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        count(*) as las_present,
        bool_or(is_suppressed) as has_suppressed_la
    from contributions
    group by audience, kpi_id, period_type, period_end, region_code
),

national_sums as (
    select
        audience,
        kpi_id,
        period_type,
        period_end,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        sum(las_present) as las_present,
        bool_or(has_suppressed_la) as has_suppressed_la
    from regional_sums
    group by audience, kpi_id, period_type, period_end
),

regional_computed as (
    select
        regional_sums.audience,
        regional_sums.kpi_id,
        regional_sums.period_type,
        regional_sums.period_end,
        regional_sums.region_code,
        case
            when not regional_sums.has_suppressed_la
                then {{ kpi_value('kpis.unit', 'regional_sums.numerator', 'regional_sums.denominator') }}
        end as computed_value,
        regional_sums.has_suppressed_la,
        regional_sums.las_present,
        las_expected.las_expected
    from regional_sums
    inner join kpis on regional_sums.kpi_id = kpis.kpi_id
    left join las_expected
        on
            regional_sums.audience = las_expected.audience
            and regional_sums.period_end = las_expected.period_end
            and regional_sums.region_code = las_expected.region_code
),

national_expected as (
    select
        audience,
        period_end,
        sum(las_expected) as las_expected
    from las_expected
    group by audience, period_end
),

national_computed as (
    select
        national_sums.audience,
        national_sums.kpi_id,
        national_sums.period_type,
        national_sums.period_end,
        case
            when not national_sums.has_suppressed_la
                then {{ kpi_value('kpis.unit', 'national_sums.numerator', 'national_sums.denominator') }}
        end as computed_value,
        national_sums.has_suppressed_la,
        national_sums.las_present,
        national_expected.las_expected
    from national_sums
    inner join kpis on national_sums.kpi_id = kpis.kpi_id
    left join national_expected
        on
            national_sums.audience = national_expected.audience
            and national_sums.period_end = national_expected.period_end
),

ranked as (
    select
        comparison_values.audience,
        comparison_values.la_code,
        comparison_values.kpi_id,
        comparison_values.period_type,
        comparison_values.period_end,
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
    where kpis.polarity in ('high_is_good', 'low_is_good')
),

quartiles as (
    select
        audience,
        kpi_id,
        period_type,
        period_end,
        quantile_cont(value, 0.25) as lower_quartile,
        quantile_cont(value, 0.5) as median_value,
        quantile_cont(value, 0.75) as upper_quartile,
        count(*) as las_compared
    from comparison_values
    group by audience, kpi_id, period_type, period_end
),

benchmarks as (
    select
        warehouse_values.audience,
        warehouse_values.la_code,
        local_authorities.la_name,
        local_authorities.region_code,
        warehouse_values.kpi_id,
        warehouse_values.period_type,
        warehouse_values.period_end,
        case when not warehouse_values.is_suppressed then warehouse_values.value end as value,  -- noqa: RF04
        warehouse_values.is_suppressed,
        kpis.unit,
        kpis.polarity,
        la_period_sn_models.sn_model,
        '{{ statistic }}' as sn_statistic,
        sn_summary.sn_average,
        coalesce(sn_summary.sn_count, 0) as sn_count,
        la_period_sn_models.neighbours_in_model as sn_neighbours,
        case when kpis.polarity in ('high_is_good', 'low_is_good') then sn_summary.sn_best_value end as sn_best_value,
        case
            when kpis.polarity in ('high_is_good', 'low_is_good') then sn_summary.sn_best_la_code
        end as sn_best_la_code,
        regional_computed.computed_value as regional_computed_value,
        regional_published.published_value as regional_published_value,
        regional_published.published_decimals as regional_published_decimals,
        regional_published.source as regional_published_source,
        coalesce(regional_computed.las_present, 0) as regional_las_present,
        regional_computed.las_expected as regional_las_expected,
        coalesce(regional_computed.las_present, 0) >= regional_computed.las_expected as regional_is_complete,
        coalesce(regional_computed.las_present, 0)
        || ' of '
        || regional_computed.las_expected
        || ' LAs' as regional_computed_coverage,
        coalesce(regional_computed.has_suppressed_la, false) as regional_has_suppressed_la,
        national_computed.computed_value as national_computed_value,
        national_published.published_value as national_published_value,
        national_published.published_decimals as national_published_decimals,
        national_published.source as national_published_source,
        coalesce(national_computed.las_present, 0) as national_las_present,
        national_computed.las_expected as national_las_expected,
        coalesce(national_computed.las_present, 0) >= national_computed.las_expected as national_is_complete,
        coalesce(national_computed.las_present, 0)
        || ' of '
        || national_computed.las_expected
        || ' LAs' as national_computed_coverage,
        coalesce(national_computed.has_suppressed_la, false) as national_has_suppressed_la,
        case kpis.polarity
            when 'high_is_good' then quartiles.upper_quartile
            when 'low_is_good' then quartiles.lower_quartile
        end as top_quartile_threshold,
        case when kpis.polarity in ('high_is_good', 'low_is_good') then quartiles.lower_quartile end as lower_quartile,
        case when kpis.polarity in ('high_is_good', 'low_is_good') then quartiles.median_value end as median_value,
        case when kpis.polarity in ('high_is_good', 'low_is_good') then quartiles.upper_quartile end as upper_quartile,
        ranked.national_rank,
        ranked.national_rank_of,
        ranked.regional_rank,
        ranked.regional_rank_of,
        case
            when ranked.la_code is null then null
            when kpis.polarity = 'high_is_good'
                then case
                    when warehouse_values.value >= quartiles.upper_quartile then 'A'
                    when warehouse_values.value >= quartiles.median_value then 'B'
                    when warehouse_values.value >= quartiles.lower_quartile then 'C'
                    else 'D'
                end
            when kpis.polarity = 'low_is_good' then case
                when warehouse_values.value <= quartiles.lower_quartile then 'A'
                when warehouse_values.value <= quartiles.median_value then 'B'
                when warehouse_values.value <= quartiles.upper_quartile then 'C'
                else 'D'
            end
        end as quartile
    from warehouse_values
    inner join kpis on warehouse_values.kpi_id = kpis.kpi_id
    left join local_authorities on warehouse_values.la_code = local_authorities.la_code
    left join la_period_sn_models
        on
            warehouse_values.la_code = la_period_sn_models.la_code
            and warehouse_values.period_end = la_period_sn_models.period_end
    left join sn_summary
        on
            warehouse_values.audience = sn_summary.audience
            and warehouse_values.la_code = sn_summary.la_code
            and warehouse_values.kpi_id = sn_summary.kpi_id
            and warehouse_values.period_type = sn_summary.period_type
            and warehouse_values.period_end = sn_summary.period_end
    left join regional_computed
        on
            warehouse_values.audience = regional_computed.audience
            and local_authorities.region_code = regional_computed.region_code
            and warehouse_values.kpi_id = regional_computed.kpi_id
            and warehouse_values.period_type = regional_computed.period_type
            and warehouse_values.period_end = regional_computed.period_end
    left join published as regional_published
        on
            regional_published.geography_level = 'region'
            and local_authorities.region_code = regional_published.geography_code
            and warehouse_values.kpi_id = regional_published.kpi_id
            and warehouse_values.period_type = regional_published.period_type
            and warehouse_values.period_end = regional_published.period_end
    left join national_computed
        on
            warehouse_values.audience = national_computed.audience
            and warehouse_values.kpi_id = national_computed.kpi_id
            and warehouse_values.period_type = national_computed.period_type
            and warehouse_values.period_end = national_computed.period_end
    left join published as national_published
        on
            national_published.geography_level = 'England'
            and warehouse_values.kpi_id = national_published.kpi_id
            and warehouse_values.period_type = national_published.period_type
            and warehouse_values.period_end = national_published.period_end
    left join ranked
        on
            warehouse_values.audience = ranked.audience
            and warehouse_values.la_code = ranked.la_code
            and warehouse_values.kpi_id = ranked.kpi_id
            and warehouse_values.period_type = ranked.period_type
            and warehouse_values.period_end = ranked.period_end
    left join quartiles
        on
            warehouse_values.audience = quartiles.audience
            and warehouse_values.kpi_id = quartiles.kpi_id
            and warehouse_values.period_type = quartiles.period_type
            and warehouse_values.period_end = quartiles.period_end
)

select
    benchmarks.audience,
    benchmarks.la_code,
    benchmarks.la_name,
    benchmarks.region_code,
    benchmarks.kpi_id,
    benchmarks.period_type,
    benchmarks.period_end,
    benchmarks.value,
    benchmarks.is_suppressed,
    benchmarks.unit,
    benchmarks.polarity,
    benchmarks.sn_model,
    benchmarks.sn_statistic,
    benchmarks.sn_average,
    benchmarks.sn_count,
    benchmarks.sn_neighbours,
    benchmarks.sn_best_value,
    benchmarks.sn_best_la_code,
    best_neighbour.la_name as sn_best_la_name,
    -- the regional figure and its provenance: the computed aggregate when every LA of the geography
    -- is in it; otherwise the published figure; otherwise the partial computed aggregate, which its
    -- coverage ("5 of 153 LAs") shows for what it is
    case
        when benchmarks.regional_computed_value is not null and benchmarks.regional_is_complete
            then benchmarks.regional_computed_value
        when benchmarks.regional_published_value is not null then benchmarks.regional_published_value
        else benchmarks.regional_computed_value
    end as regional_value,
    case
        when benchmarks.regional_computed_value is not null and benchmarks.regional_is_complete then 'computed'
        when benchmarks.regional_published_value is not null then 'published'
        when benchmarks.regional_computed_value is not null then 'computed'
        when benchmarks.regional_has_suppressed_la then 'withheld: a contributing LA figure is suppressed'
    end as regional_source,
    case
        when benchmarks.regional_computed_value is not null and benchmarks.regional_is_complete
            then benchmarks.regional_computed_coverage
        when benchmarks.regional_published_value is not null then benchmarks.regional_published_source
        when benchmarks.regional_computed_value is not null then benchmarks.regional_computed_coverage
    end as regional_coverage,
    benchmarks.regional_computed_value,
    benchmarks.regional_computed_coverage,
    benchmarks.regional_published_value,
    -- a complete computed figure that differs from the published one by more than its rounding
    coalesce(
        benchmarks.regional_computed_value is not null
        and benchmarks.regional_published_value is not null
        and benchmarks.regional_is_complete
        and abs(benchmarks.regional_computed_value - benchmarks.regional_published_value) > case
            -- DfE rounds England and regional counts to the nearest 10
            when benchmarks.unit = 'count' and benchmarks.regional_published_decimals = 0 then 5
            else 0.5 * power(10, -benchmarks.regional_published_decimals)
        end,
        false
    ) as regional_differs_from_published,
    -- the England figure and its provenance: the computed aggregate when every LA of the geography
    -- is in it; otherwise the published figure; otherwise the partial computed aggregate, which its
    -- coverage ("5 of 153 LAs") shows for what it is
    case
        when benchmarks.national_computed_value is not null and benchmarks.national_is_complete
            then benchmarks.national_computed_value
        when benchmarks.national_published_value is not null then benchmarks.national_published_value
        else benchmarks.national_computed_value
    end as national_value,
    case
        when benchmarks.national_computed_value is not null and benchmarks.national_is_complete then 'computed'
        when benchmarks.national_published_value is not null then 'published'
        when benchmarks.national_computed_value is not null then 'computed'
        when benchmarks.national_has_suppressed_la then 'withheld: a contributing LA figure is suppressed'
    end as national_source,
    case
        when benchmarks.national_computed_value is not null and benchmarks.national_is_complete
            then benchmarks.national_computed_coverage
        when benchmarks.national_published_value is not null then benchmarks.national_published_source
        when benchmarks.national_computed_value is not null then benchmarks.national_computed_coverage
    end as national_coverage,
    benchmarks.national_computed_value,
    benchmarks.national_computed_coverage,
    benchmarks.national_published_value,
    -- a complete computed figure that differs from the published one by more than its rounding
    coalesce(
        benchmarks.national_computed_value is not null
        and benchmarks.national_published_value is not null
        and benchmarks.national_is_complete
        and abs(benchmarks.national_computed_value - benchmarks.national_published_value) > case
            -- DfE rounds England and regional counts to the nearest 10
            when benchmarks.unit = 'count' and benchmarks.national_published_decimals = 0 then 5
            else 0.5 * power(10, -benchmarks.national_published_decimals)
        end,
        false
    ) as national_differs_from_published,
    benchmarks.top_quartile_threshold,
    benchmarks.lower_quartile,
    benchmarks.median_value,
    benchmarks.upper_quartile,
    benchmarks.national_rank,
    benchmarks.national_rank_of,
    benchmarks.regional_rank,
    benchmarks.regional_rank_of,
    benchmarks.quartile
from benchmarks
left join local_authorities as best_neighbour on benchmarks.sn_best_la_code = best_neighbour.la_code
