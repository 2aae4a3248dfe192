-- Doncaster's quarterly contract and partnership report (seed 002), for every audience, LA and
-- quarter: every contract and partnership measure with target, tolerance, the quarter's actual, RAG
-- and the previous quarters. A quarter's actual is the year to date at the quarter end where the KPI
-- has one, else the month-end figure, else the rolling 12 months, else the latest year.
-- This is the LA's own part (la_incremental: a build for one LA computes that LA's rows only);
-- int_scorecards__contract_quarterly joins on the benchmarks, which every LA's figures move.
with

performance as not materialized (
    select * from {{ ref('int_benchmarks__kpi_performance') }}
),

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'doncaster_contract'
),

kpis as not materialized (
    select * from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name
    from {{ ref('ref_local_authorities') }}
),

report_months as (
    -- the LAs and report months a scorecard is produced for: every month end an LA has KPI values for
    select distinct
        audience,
        la_code,
        period_end as report_month
    from performance
    where period_type = 'month'
),

quarter_ends as (
    select
        audience,
        la_code,
        report_month as quarter_end
    from report_months
    where month(report_month) in (3, 6, 9, 12)
),

layout_rows as (
    select
        quarter_ends.audience,
        quarter_ends.la_code,
        quarter_ends.quarter_end,
        layout.row_order,
        layout.section,
        layout.indicator_number,
        layout.indicator_name,
        layout.kpi_id,
        kpis.unit,
        kpis.polarity,
        kpis.source_returns,
        {{ headline_period_type(
            'layout.headline_period_type', 'kpis.period_types', ['fytd', 'month', 'rolling_12_months', 'year']
        ) }} as actual_period_type
    from quarter_ends
    cross join layout
    left join kpis on layout.kpi_id = kpis.kpi_id
),

with_periods as (
    select
        layout_rows.*,
        {%- for quarters_back in [0, 1, 2, 3, 4] %}
        {{ period_end_for_report(
            'layout_rows.actual_period_type', months_before('layout_rows.quarter_end', 3 * quarters_back)
        ) }} as period_end_{{ quarters_back }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from layout_rows
),

joined as (
    select
        layout_rows.*,
        actual.value as actual_value,
        actual.published_value,
        actual.value_source,
        actual.is_suppressed,
        actual.target,
        actual.tolerance,
        actual.threshold_text,
        actual.rag,
        actual.rag_status_note,
        {%- for quarters_back in [1, 2, 3, 4] %}
            quarter_{{ quarters_back }}.value as quarter_{{ quarters_back }}_value,
            quarter_{{ quarters_back }}.published_value as quarter_{{ quarters_back }}_published_value,
        {%- endfor %}
        actual.la_code is not null as has_actual_row
    from with_periods as layout_rows
    left join performance as actual
        on
            layout_rows.audience = actual.audience
            and layout_rows.la_code = actual.la_code
            and layout_rows.kpi_id = actual.kpi_id
            and layout_rows.actual_period_type = actual.period_type
            and layout_rows.period_end_0 = actual.period_end
    {%- for quarters_back in [1, 2, 3, 4] %}
        left join performance as quarter_{{ quarters_back }}
            on
                layout_rows.audience = quarter_{{ quarters_back }}.audience
                and layout_rows.la_code = quarter_{{ quarters_back }}.la_code
                and layout_rows.kpi_id = quarter_{{ quarters_back }}.kpi_id
                and layout_rows.actual_period_type = quarter_{{ quarters_back }}.period_type
                and layout_rows.period_end_{{ quarters_back }} = quarter_{{ quarters_back }}.period_end
    {%- endfor %}
)

select
    joined.audience,
    joined.la_code,
    local_authorities.la_name,
    joined.quarter_end,
    'Q' || cast(((month(joined.quarter_end) + 8) % 12) // 3 + 1 as varchar) || ' '
    || {{ financial_year_label(
        'year(joined.quarter_end) + case when month(joined.quarter_end) > 3 then 1 else 0 end'
    ) }} as quarter_label,
    joined.row_order,
    joined.section,
    joined.indicator_number,
    joined.indicator_name,
    joined.kpi_id,
    {{ polarity_words('joined.polarity') }} as good_performance_is,
    joined.unit,
    joined.target,
    joined.tolerance,
    joined.threshold_text,
    joined.actual_period_type,
    joined.period_end_0 as actual_period_end,
    joined.actual_value,
    joined.rag,
    coalesce(joined.rag_status_note, case when not joined.has_actual_row then 'no value for this period' end)
        as rag_status_note,
    {{ direction_of_travel('joined.polarity', 'joined.published_value', 'joined.quarter_1_published_value') }}
        as dot_vs_previous_quarter,
    joined.quarter_1_value as previous_quarter_1_value,
    joined.quarter_2_value as previous_quarter_2_value,
    joined.quarter_3_value as previous_quarter_3_value,
    joined.quarter_4_value as same_quarter_last_year_value,
    joined.value_source,
    {{ value_status('joined.value_source', 'joined.actual_value', 'coalesce(joined.is_suppressed, false)',
        'joined.source_returns') }} as value_status
from joined
left join local_authorities on joined.la_code = local_authorities.la_code
