-- The England figure of every audience, KPI, period type and period end of
-- int_benchmarks__kpi_values_by_audience (issue 11), with its provenance, and the national
-- quartiles of the LA figures.
--
-- Conventions (LAIT, the DfE's local authority interactive tool):
-- - the England figure is the sum of numerators over the sum of denominators (rates per 10,000:
--   summed population), never a mean of LA values; counts are sums;
-- - it is the computed aggregate when every LA existing that year is in it; otherwise the
--   published figure (published_benchmarks); otherwise the partial computed aggregate, which its
--   coverage ("5 of 153 LAs") shows for what it is;
-- - in the shared audience a computed aggregate that a suppressed LA contributes to is withheld,
--   because the aggregate less the other LAs' published figures would give the suppressed number
--   back;
-- - quartiles are type-7 quantiles (quantile_cont) of int_benchmarks__comparison_values; the
--   top-quartile threshold is the upper quartile when high is good, the lower when low is good;
--   information and within_range measures get none.
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

comparison_values as (
    select
        audience,
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
        unit,
        polarity
    from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        valid_from_year,
        valid_to_year
    from {{ ref('ref_local_authorities') }}
),

published as (
    select
        kpi_id,
        period_type,
        cast(period_end as date) as period_end,
        try_cast(value as double) as published_value,
        source,
        {{ cscare_published_decimals('value') }} as published_decimals
    from {{ ref('published_benchmarks') }}
    where geography_level = 'England' and try_cast(value as double) is not null
),

keys as (
    select distinct
        audience,
        kpi_id,
        period_type,
        period_end
    from warehouse_values
),

period_collection_years as (
    select distinct
        audience,
        period_end,
        year(period_end) + case when month(period_end) > 3 then 1 else 0 end as collection_year
    from keys
),

-- The LAs existing in the collection year of each period end: the coverage's "of N".
las_expected as (
    select
        period_collection_years.audience,
        period_collection_years.period_end,
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
    group by period_collection_years.audience, period_collection_years.period_end
),

-- LAs outside ref_local_authorities contribute to no aggregate (as to no region).
national_sums as (
    select
        warehouse_values.audience,
        warehouse_values.kpi_id,
        warehouse_values.period_type,
        warehouse_values.period_end,
        sum(warehouse_values.numerator) as numerator,
        sum(warehouse_values.denominator) as denominator,
        count(*) as las_present,
        bool_or(warehouse_values.is_suppressed) as has_suppressed_la
    from warehouse_values
    inner join local_authorities on warehouse_values.la_code = local_authorities.la_code
    where warehouse_values.numerator is not null or warehouse_values.is_suppressed
    group by
        warehouse_values.audience, warehouse_values.kpi_id, warehouse_values.period_type,
        warehouse_values.period_end
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
        las_expected.las_expected
    from national_sums
    inner join kpis on national_sums.kpi_id = kpis.kpi_id
    left join las_expected
        on
            national_sums.audience = las_expected.audience
            and national_sums.period_end = las_expected.period_end
),

quartiles as (
    select
        audience,
        kpi_id,
        period_type,
        period_end,
        quantile_cont(value, 0.25) as lower_quartile,
        quantile_cont(value, 0.5) as median_value,
        quantile_cont(value, 0.75) as upper_quartile
    from comparison_values
    group by audience, kpi_id, period_type, period_end
),

figures as (
    select
        keys.audience,
        keys.kpi_id,
        keys.period_type,
        keys.period_end,
        kpis.unit,
        kpis.polarity,
        national_computed.computed_value,
        coalesce(national_computed.las_present, 0) >= national_computed.las_expected as is_complete,
        coalesce(national_computed.las_present, 0)
        || ' of '
        || national_computed.las_expected
        || ' LAs' as computed_coverage,
        coalesce(national_computed.has_suppressed_la, false) as has_suppressed_la,
        published.published_value,
        published.published_decimals,
        published.source as published_source,
        quartiles.lower_quartile,
        quartiles.median_value,
        quartiles.upper_quartile
    from keys
    inner join kpis on keys.kpi_id = kpis.kpi_id
    left join national_computed
        on
            keys.audience = national_computed.audience
            and keys.kpi_id = national_computed.kpi_id
            and keys.period_type = national_computed.period_type
            and keys.period_end = national_computed.period_end
    left join published
        on
            keys.kpi_id = published.kpi_id
            and keys.period_type = published.period_type
            and keys.period_end = published.period_end
    left join quartiles
        on
            keys.audience = quartiles.audience
            and keys.kpi_id = quartiles.kpi_id
            and keys.period_type = quartiles.period_type
            and keys.period_end = quartiles.period_end
)

select
    audience,
    kpi_id,
    period_type,
    period_end,
    {{ cscare_geography_figure('national') }},
    case polarity
        when 'high_is_good' then upper_quartile
        when 'low_is_good' then lower_quartile
    end as top_quartile_threshold,
    case when polarity in ('high_is_good', 'low_is_good') then lower_quartile end as lower_quartile,
    case when polarity in ('high_is_good', 'low_is_good') then median_value end as median_value,
    case when polarity in ('high_is_good', 'low_is_good') then upper_quartile end as upper_quartile
from figures
