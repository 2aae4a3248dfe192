-- Rotherham's corporate parenting monthly scorecard (seed 003), for every audience, LA and month:
-- everything the LA's own figures give (values, months, years, RAG, DOT). The benchmark columns are
-- joined on in int_scorecards__scorecard_monthly, so that a build for one LA computes this for that
-- LA only (la_incremental) while the benchmarks, which every LA's figures move, are joined afresh.
with

performance as not materialized (
    select * from {{ ref('int_benchmarks__kpi_performance') }}
),

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'rotherham_monthly'
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

-- the scorecard's grain: every layout row for every LA and month it reports
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
        layout.data_note,
        kpis.unit,
        kpis.polarity,
        kpis.source_returns,
        {{ headline_period_type('layout.headline_period_type', 'kpis.period_types') }} as headline_period_type,
        -- the five financial years before the one the month is in (Rotherham's "YR ON YR TREND")
        year(report_months.report_month) + case when month(report_months.report_month) > 3 then 1 else 0 end
            as financial_year_end
    from report_months
    cross join layout
    left join kpis on layout.kpi_id = kpis.kpi_id
),

with_periods as (
    select
        layout_rows.*,
        {{ period_end_for_report('layout_rows.headline_period_type', 'layout_rows.report_month') }}
            as headline_period_end,
        make_date(cast(layout_rows.financial_year_end - 1 as integer), 3, 31) as latest_year_end
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
    month_minus_2.value as month_minus_2_value,
    month_minus_1.value as month_minus_1_value,
    this_month.value as month_value,
    year_to_date.value as ytd_value,
    layout_rows.data_note,
    layout_rows.headline_period_type,
    layout_rows.headline_period_end,
    headline.value as headline_value,
    headline.dot_vs_previous as dot,
    headline.dot_vs_year_ago,
    headline.rag,
    coalesce(headline.rag_status_note, case when headline.la_code is null then 'no value for this period' end)
        as rag_status_note,
    headline.target,
    headline.red_threshold,
    headline.amber_threshold,
    headline.green_threshold,
    {%- for years_back in [5, 4, 3, 2, 1] %}
        {{ financial_year_label('layout_rows.financial_year_end - ' ~ years_back) }}
            as annual_{{ 6 - years_back }}_label,
    {%- endfor %}
    {%- for years_back in [5, 4, 3, 2, 1] %}
        annual_{{ 6 - years_back }}.value as annual_{{ 6 - years_back }}_value,
    {%- endfor %}
    coalesce(headline.value_source, this_month.value_source, year_to_date.value_source, annual_5.value_source)
        as value_source,
    {{ value_status(
        'coalesce(headline.value_source, this_month.value_source, annual_5.value_source)',
        'coalesce(headline.value, this_month.value, year_to_date.value, annual_5.value)',
        'coalesce(headline.is_suppressed, false)',
        'layout_rows.source_returns'
    ) }} as value_status,
    -- the year whose benchmarks the row shows: the latest to 31 March before the report month
    layout_rows.latest_year_end
from with_periods as layout_rows
left join local_authorities on layout_rows.la_code = local_authorities.la_code
left join performance as this_month
    on
        layout_rows.audience = this_month.audience
        and layout_rows.la_code = this_month.la_code
        and layout_rows.kpi_id = this_month.kpi_id
        and this_month.period_type = 'month'
        and layout_rows.report_month = this_month.period_end
left join performance as month_minus_1
    on
        layout_rows.audience = month_minus_1.audience
        and layout_rows.la_code = month_minus_1.la_code
        and layout_rows.kpi_id = month_minus_1.kpi_id
        and month_minus_1.period_type = 'month'
        and month_minus_1.period_end = {{ months_before('layout_rows.report_month', 1) }}
left join performance as month_minus_2
    on
        layout_rows.audience = month_minus_2.audience
        and layout_rows.la_code = month_minus_2.la_code
        and layout_rows.kpi_id = month_minus_2.kpi_id
        and month_minus_2.period_type = 'month'
        and month_minus_2.period_end = {{ months_before('layout_rows.report_month', 2) }}
left join performance as year_to_date
    on
        layout_rows.audience = year_to_date.audience
        and layout_rows.la_code = year_to_date.la_code
        and layout_rows.kpi_id = year_to_date.kpi_id
        and year_to_date.period_type = 'fytd'
        and layout_rows.report_month = year_to_date.period_end
left join performance as headline
    on
        layout_rows.audience = headline.audience
        and layout_rows.la_code = headline.la_code
        and layout_rows.kpi_id = headline.kpi_id
        and layout_rows.headline_period_type = headline.period_type
        and layout_rows.headline_period_end = headline.period_end
{%- for years_back in [5, 4, 3, 2, 1] %}
    left join performance as annual_{{ 6 - years_back }}
        on
            layout_rows.audience = annual_{{ 6 - years_back }}.audience
            and layout_rows.la_code = annual_{{ 6 - years_back }}.la_code
            and layout_rows.kpi_id = annual_{{ 6 - years_back }}.kpi_id
            and annual_{{ 6 - years_back }}.period_type = 'year'
            and annual_{{ 6 - years_back }}.period_end
            = make_date(cast(layout_rows.financial_year_end - {{ years_back }} as integer), 3, 31)
{%- endfor %}
