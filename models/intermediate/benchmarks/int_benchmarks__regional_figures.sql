-- The regional figure of every audience, region, KPI, period type and period end at which an LA of
-- the region has a row in int_benchmarks__kpi_values_by_audience (issue 11), with its provenance.
-- Conventions as the England figure (int_benchmarks__national_figures): sum of numerators over sum
-- of denominators; computed when every LA of the region is in it, else published, else the partial
-- computed figure with its coverage; withheld in the shared audience when a suppressed LA
-- contributes.
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
        is_suppressed
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
    -- an incremental build computes only the keys whose figures changed (macros/incremental.sql)
    {{ cscare_key_filter('where') }}
),

kpis as (
    select
        kpi_id,
        unit
    from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        region_code,
        valid_from_year,
        valid_to_year
    from {{ ref('ref_local_authorities') }}
),

published as (
    select
        geography_code as region_code,
        kpi_id,
        period_type,
        cast(period_end as date) as period_end,
        try_cast(value as double) as published_value,
        source,
        {{ cscare_published_decimals('value') }} as published_decimals
    from {{ ref('published_benchmarks') }}
    where geography_level = 'region' and try_cast(value as double) is not null
),

regional_values as (
    select
        warehouse_values.*,
        local_authorities.region_code
    from warehouse_values
    inner join local_authorities on warehouse_values.la_code = local_authorities.la_code
    where local_authorities.region_code is not null
),

keys as (
    select distinct
        audience,
        region_code,
        kpi_id,
        period_type,
        period_end
    from regional_values
),

period_collection_years as (
    select distinct
        audience,
        period_end,
        year(period_end) + case when month(period_end) > 3 then 1 else 0 end as collection_year
    from keys
),

-- The LAs of each region existing in the collection year of each period end: the coverage's "of N".
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

regional_sums as (
    select
        audience,
        region_code,
        kpi_id,
        period_type,
        period_end,
        sum(numerator) as numerator,
        sum(denominator) as denominator,
        count(*) as las_present,
        bool_or(is_suppressed) as has_suppressed_la
    from regional_values
    where numerator is not null or is_suppressed
    group by audience, region_code, kpi_id, period_type, period_end
),

regional_computed as (
    select
        regional_sums.audience,
        regional_sums.region_code,
        regional_sums.kpi_id,
        regional_sums.period_type,
        regional_sums.period_end,
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

figures as (
    select
        keys.audience,
        keys.region_code,
        keys.kpi_id,
        keys.period_type,
        keys.period_end,
        kpis.unit,
        regional_computed.computed_value,
        coalesce(regional_computed.las_present, 0) >= regional_computed.las_expected as is_complete,
        coalesce(regional_computed.las_present, 0)
        || ' of '
        || regional_computed.las_expected
        || ' LAs' as computed_coverage,
        coalesce(regional_computed.has_suppressed_la, false) as has_suppressed_la,
        published.published_value,
        published.published_decimals,
        published.source as published_source
    from keys
    inner join kpis on keys.kpi_id = kpis.kpi_id
    left join regional_computed
        on
            keys.audience = regional_computed.audience
            and keys.region_code = regional_computed.region_code
            and keys.kpi_id = regional_computed.kpi_id
            and keys.period_type = regional_computed.period_type
            and keys.period_end = regional_computed.period_end
    left join published
        on
            keys.region_code = published.region_code
            and keys.kpi_id = published.kpi_id
            and keys.period_type = published.period_type
            and keys.period_end = published.period_end
)

select
    audience,
    region_code,
    kpi_id,
    period_type,
    period_end,
    {{ cscare_geography_figure('regional') }}
from figures
