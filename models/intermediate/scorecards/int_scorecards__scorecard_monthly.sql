-- Rotherham's corporate parenting monthly scorecard (seed 003), for every audience, LA and month:
-- indicators 6.1-11.5 in the seed's order (seeds/kpi/scorecard_layouts.csv). Rows come from the
-- layout; every row is kept for every LA and month whether or not a value exists (value_status says
-- why not). rpt_scorecard_monthly is the internal audience, shared_scorecard_monthly the shared one.
-- The LA's own figures come from int_scorecards__scorecard_monthly_rows; the benchmarks of the
-- latest year to 31 March before the report month are joined here.
{{ config(materialized='view') }}
with

scorecard_rows as not materialized (
    select * from {{ ref('int_scorecards__scorecard_monthly_rows') }}
),

-- The columns of int_benchmarks__kpi_benchmarks this report shows, from the two tables they are
-- stored in (a row for every LA figure of a catalogue KPI, and the England figure of its KPI-period),
-- without the view's ranks and regional figures.
benchmarks as (
    select
        neighbour_summaries.audience,
        neighbour_summaries.la_code,
        neighbour_summaries.kpi_id,
        neighbour_summaries.period_type,
        neighbour_summaries.period_end,
        neighbour_summaries.sn_average,
        neighbour_summaries.sn_count,
        neighbour_summaries.sn_best_value,
        neighbour_summaries.sn_best_la_name,
        national_figures.national_value,
        national_figures.national_source,
        national_figures.top_quartile_threshold
    from {{ ref('int_benchmarks__neighbour_summaries') }} as neighbour_summaries
    left join {{ ref('int_benchmarks__national_figures') }} as national_figures
        on
            neighbour_summaries.audience = national_figures.audience
            and neighbour_summaries.kpi_id = national_figures.kpi_id
            and neighbour_summaries.period_type = national_figures.period_type
            and neighbour_summaries.period_end = national_figures.period_end
    where neighbour_summaries.period_type = 'year'
)

select
    scorecard_rows.audience,
    scorecard_rows.la_code,
    scorecard_rows.la_name,
    scorecard_rows.report_month,
    scorecard_rows.row_order,
    scorecard_rows.section,
    scorecard_rows.indicator_number,
    scorecard_rows.indicator_name,
    scorecard_rows.kpi_id,
    scorecard_rows.good_performance_is,
    scorecard_rows.unit,
    scorecard_rows.month_minus_2_value,
    scorecard_rows.month_minus_1_value,
    scorecard_rows.month_value,
    scorecard_rows.ytd_value,
    scorecard_rows.data_note,
    scorecard_rows.headline_period_type,
    scorecard_rows.headline_period_end,
    scorecard_rows.headline_value,
    scorecard_rows.dot,
    scorecard_rows.dot_vs_year_ago,
    scorecard_rows.rag,
    scorecard_rows.rag_status_note,
    scorecard_rows.target,
    scorecard_rows.red_threshold,
    scorecard_rows.amber_threshold,
    scorecard_rows.green_threshold,
    {%- for n in [1, 2, 3, 4, 5] %}
        scorecard_rows.annual_{{ n }}_label,
    {%- endfor %}
    {%- for n in [1, 2, 3, 4, 5] %}
        scorecard_rows.annual_{{ n }}_value,
    {%- endfor %}
    latest_benchmark.period_end as benchmark_period_end,
    latest_benchmark.sn_average,
    latest_benchmark.sn_count,
    latest_benchmark.sn_best_value,
    latest_benchmark.sn_best_la_name,
    latest_benchmark.national_value,
    latest_benchmark.national_source,
    latest_benchmark.top_quartile_threshold,
    scorecard_rows.value_source,
    scorecard_rows.value_status
from scorecard_rows
left join benchmarks as latest_benchmark
    on
        scorecard_rows.audience = latest_benchmark.audience
        and scorecard_rows.la_code = latest_benchmark.la_code
        and scorecard_rows.kpi_id = latest_benchmark.kpi_id
        and scorecard_rows.latest_year_end = latest_benchmark.period_end
