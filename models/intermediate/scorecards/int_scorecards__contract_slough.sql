-- Slough's contract schedule (seed 001), for every audience, LA and month: contractual KPIs 1-44
-- and other indicators 1-64 in the seed's order. rpt_contract_slough is the internal audience,
-- shared_contract_slough the shared one.
with

performance as not materialized (
    select * from {{ ref('int_benchmarks__kpi_performance') }}
),

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'slough_contract'
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

layout_rows as (
    select
        report_months.audience,
        report_months.la_code,
        report_months.report_month,
        layout.row_order,
        layout.section,
        layout.indicator_number,
        layout.indicator_name,
        layout.kpi_id,
        kpis.unit,
        kpis.polarity,
        kpis.source_returns,
        {{ headline_period_type('layout.headline_period_type', 'kpis.period_types') }} as reported_period_type
    from report_months
    cross join layout
    left join kpis on layout.kpi_id = kpis.kpi_id
),

with_periods as (
    select
        layout_rows.*,
        {{ period_end_for_report('layout_rows.reported_period_type', 'layout_rows.report_month') }}
            as reported_period_end
    from layout_rows
)

select
    layout_rows.audience,
    layout_rows.la_code,
    local_authorities.la_name,
    layout_rows.report_month,
    layout_rows.row_order,
    layout_rows.section,
    layout_rows.indicator_number,
    layout_rows.indicator_name,
    layout_rows.kpi_id,
    {{ polarity_words('layout_rows.polarity') }} as good_performance_is,
    layout_rows.unit,
    layout_rows.reported_period_type,
    layout_rows.reported_period_end,
    reported.value,
    reported.previous_value,
    reported.dot_vs_previous as dot,
    year_to_date.value as ytd_value,
    reported.target,
    reported.threshold_text,
    reported.rag,
    coalesce(reported.rag_status_note, case when reported.la_code is null then 'no value for this period' end)
        as rag_status_note,
    reported.value_source,
    {{ value_status('reported.value_source', 'reported.value', 'coalesce(reported.is_suppressed, false)',
        'layout_rows.source_returns') }} as value_status
from with_periods as layout_rows
left join local_authorities on layout_rows.la_code = local_authorities.la_code
left join performance as reported
    on
        layout_rows.audience = reported.audience
        and layout_rows.la_code = reported.la_code
        and layout_rows.kpi_id = reported.kpi_id
        and layout_rows.reported_period_type = reported.period_type
        and layout_rows.reported_period_end = reported.period_end
left join performance as year_to_date
    on
        layout_rows.audience = year_to_date.audience
        and layout_rows.la_code = year_to_date.la_code
        and layout_rows.kpi_id = year_to_date.kpi_id
        and year_to_date.period_type = 'fytd'
        and layout_rows.report_month = year_to_date.period_end
