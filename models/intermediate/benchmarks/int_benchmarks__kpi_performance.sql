-- RAG against the LA's target and direction of travel (issue 11), for every audience, LA, KPI,
-- period type and period end of int_benchmarks__kpi_values_by_audience: the one place RAG and DOT
-- are decided. fct_kpi_performance is the internal audience, shared_kpi_performance the shared one,
-- where a suppressed value is missing from every comparison. The rounding, band-edge and DOT
-- expressions are the helpers in macros/performance.sql.
with

kpi_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_type,
        period_start,
        period_end,
        value,
        value_source,
        is_suppressed
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
    -- a view: built incrementally, this model reads only the LAs it rebuilds (a CTE read twice
    -- would otherwise hold every LA's figures)
    where true {{ cscare_la_filter('la_code') }}
),

kpis as (
    select
        kpi_id,
        unit,
        polarity,
        {{ kpi_display_precision('unit') }} as display_precision
    from {{ ref('kpi_catalogue') }}
),

targets as not materialized (
    select * from {{ ref('kpi_targets') }}
),

values_at_precision as (
    select
        kpi_values.*,
        kpis.unit,
        kpis.polarity,
        kpis.display_precision,
        round(kpi_values.value, kpis.display_precision) as published_value
    from kpi_values
    inner join kpis on kpi_values.kpi_id = kpis.kpi_id
),

-- The LA's own row beats the all-LA row ('*'), a row for the period type beats '*', and the
-- latest valid_from wins among rows valid on the period end.
applicable_targets as (
    select
        values_at_precision.audience,
        values_at_precision.la_code,
        values_at_precision.kpi_id,
        values_at_precision.period_type,
        values_at_precision.period_end,
        targets.la_code as target_la_code,
        targets.target,
        targets.tolerance,
        targets.threshold_text,
        targets.threshold_source,
        targets.red_lower,
        targets.red_lower_inclusive,
        targets.red_upper,
        targets.red_upper_inclusive,
        targets.amber_lower,
        targets.amber_lower_inclusive,
        targets.amber_upper,
        targets.amber_upper_inclusive,
        targets.green_lower,
        targets.green_lower_inclusive,
        targets.green_upper,
        targets.green_upper_inclusive,
        coalesce(nullif(targets.red_text, ''), {{ band_text('targets.red') }}) as red_threshold,
        coalesce(nullif(targets.amber_text, ''), {{ band_text('targets.amber') }}) as amber_threshold,
        coalesce(nullif(targets.green_text, ''), {{ band_text('targets.green') }}) as green_threshold
    from values_at_precision
    inner join targets
        on
            values_at_precision.kpi_id = targets.kpi_id
            and targets.la_code in (values_at_precision.la_code, '*')
            and targets.period_type in (values_at_precision.period_type, '*')
            and (targets.valid_from is null or values_at_precision.period_end >= targets.valid_from)
            and (targets.valid_to is null or values_at_precision.period_end <= targets.valid_to)
    qualify row_number() over (
        partition by
            values_at_precision.audience,
            values_at_precision.la_code,
            values_at_precision.kpi_id,
            values_at_precision.period_type,
            values_at_precision.period_end
        order by
            targets.la_code = values_at_precision.la_code desc,
            targets.period_type = values_at_precision.period_type desc,
            targets.valid_from desc nulls last
    ) = 1
),

with_targets as (
    select
        values_at_precision.*,
        applicable_targets.target_la_code,
        applicable_targets.target,
        applicable_targets.tolerance,
        applicable_targets.threshold_text,
        applicable_targets.threshold_source,
        applicable_targets.red_threshold,
        applicable_targets.amber_threshold,
        applicable_targets.green_threshold,
        applicable_targets.green_lower,
        applicable_targets.green_upper,
        {{ in_band('values_at_precision.published_value', 'applicable_targets.green') }} as is_green,
        {{ in_band('values_at_precision.published_value', 'applicable_targets.amber') }} as is_amber,
        {{ in_band('values_at_precision.published_value', 'applicable_targets.red') }} as is_red,
        (
            applicable_targets.red_lower is not null or applicable_targets.red_upper is not null
            or applicable_targets.amber_lower is not null or applicable_targets.amber_upper is not null
            or applicable_targets.green_lower is not null or applicable_targets.green_upper is not null
        ) as has_bands
    from values_at_precision
    left join applicable_targets
        on
            values_at_precision.audience = applicable_targets.audience
            and values_at_precision.la_code = applicable_targets.la_code
            and values_at_precision.kpi_id = applicable_targets.kpi_id
            and values_at_precision.period_type = applicable_targets.period_type
            and values_at_precision.period_end = applicable_targets.period_end
),

-- month, fytd and rolling 12 months move on a month; a year on a year.
with_comparisons as (
    select
        with_targets.*,
        case
            when with_targets.period_type = 'year' then {{ months_before('with_targets.period_end', 12) }}
            else {{ months_before('with_targets.period_end', 1) }}
        end as previous_period_end,
        {{ months_before('with_targets.period_end', 12) }} as year_ago_period_end
    from with_targets
)

select
    current_period.audience,
    current_period.la_code,
    current_period.kpi_id,
    current_period.period_type,
    current_period.period_start,
    current_period.period_end,
    current_period.value,
    current_period.published_value,
    current_period.value_source,
    current_period.is_suppressed,
    current_period.unit,
    current_period.polarity,
    current_period.display_precision,
    current_period.target_la_code,
    current_period.target,
    current_period.tolerance,
    current_period.threshold_text,
    current_period.red_threshold,
    current_period.amber_threshold,
    current_period.green_threshold,
    current_period.threshold_source,
    case
        when current_period.polarity = 'information' then null
        when current_period.target_la_code is null or not current_period.has_bands then null
        when current_period.published_value is null then null
        when current_period.is_green then 'green'
        when current_period.is_amber then 'amber'
        when current_period.is_red then 'red'
    end as rag,
    case
        when current_period.polarity = 'information' then 'information measure: no RAG'
        when current_period.target_la_code is null then 'no target set for this LA, KPI and period'
        when not current_period.has_bands
            then 'target has no bands: ' || coalesce(current_period.threshold_text, 'n/a')
        when current_period.is_suppressed then 'value withheld (small number): no RAG'
        when current_period.published_value is null then 'no value for this period'
        when not (current_period.is_green or current_period.is_amber or current_period.is_red)
            then 'value lies outside every band the target sets'
    end as rag_status_note,
    current_period.previous_period_end,
    previous_period.value as previous_value,
    {{ direction_of_travel(
        'current_period.polarity', 'current_period.published_value', 'previous_period.published_value',
        'current_period.green_lower', 'current_period.green_upper'
    ) }} as dot_vs_previous,
    current_period.year_ago_period_end,
    year_ago.value as year_ago_value,
    {{ direction_of_travel(
        'current_period.polarity', 'current_period.published_value', 'year_ago.published_value',
        'current_period.green_lower', 'current_period.green_upper'
    ) }} as dot_vs_year_ago
from with_comparisons as current_period
left join values_at_precision as previous_period
    on
        current_period.audience = previous_period.audience
        and current_period.la_code = previous_period.la_code
        and current_period.kpi_id = previous_period.kpi_id
        and current_period.period_type = previous_period.period_type
        and current_period.previous_period_end = previous_period.period_end
left join values_at_precision as year_ago
    on
        current_period.audience = year_ago.audience
        and current_period.la_code = year_ago.la_code
        and current_period.kpi_id = year_ago.kpi_id
        and current_period.period_type = year_ago.period_type
        and current_period.year_ago_period_end = year_ago.period_end
