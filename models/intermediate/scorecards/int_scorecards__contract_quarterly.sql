-- Doncaster's quarterly contract and partnership report (seed 002), for every audience, LA and
-- quarter: every contract and partnership measure with target, tolerance, the quarter's actual, RAG
-- and the previous quarters (int_scorecards__contract_quarterly_rows, the LA's own figures), with
-- the statistical-neighbour and England figures of the quarter's actual period joined on.
-- rpt_contract_quarterly is the internal audience, shared_contract_quarterly the shared one.
{{ config(materialized='view') }}
with

quarter_rows as not materialized (
    select * from {{ ref('int_scorecards__contract_quarterly_rows') }}
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
        national_figures.national_value,
        national_figures.national_source
    from {{ ref('int_benchmarks__neighbour_summaries') }} as neighbour_summaries
    left join {{ ref('int_benchmarks__national_figures') }} as national_figures
        on
            neighbour_summaries.audience = national_figures.audience
            and neighbour_summaries.kpi_id = national_figures.kpi_id
            and neighbour_summaries.period_type = national_figures.period_type
            and neighbour_summaries.period_end = national_figures.period_end
)

select
    quarter_rows.audience,
    quarter_rows.la_code,
    quarter_rows.la_name,
    quarter_rows.quarter_end,
    quarter_rows.quarter_label,
    quarter_rows.row_order,
    quarter_rows.section,
    quarter_rows.indicator_number,
    quarter_rows.indicator_name,
    quarter_rows.kpi_id,
    quarter_rows.good_performance_is,
    quarter_rows.unit,
    quarter_rows.target,
    quarter_rows.tolerance,
    quarter_rows.threshold_text,
    quarter_rows.actual_period_type,
    quarter_rows.actual_period_end,
    quarter_rows.actual_value,
    quarter_rows.rag,
    quarter_rows.rag_status_note,
    quarter_rows.dot_vs_previous_quarter,
    quarter_rows.previous_quarter_1_value,
    quarter_rows.previous_quarter_2_value,
    quarter_rows.previous_quarter_3_value,
    quarter_rows.same_quarter_last_year_value,
    benchmark.sn_average,
    benchmark.national_value,
    benchmark.national_source,
    quarter_rows.value_source,
    quarter_rows.value_status
from quarter_rows
left join benchmarks as benchmark
    on
        quarter_rows.audience = benchmark.audience
        and quarter_rows.la_code = benchmark.la_code
        and quarter_rows.kpi_id = benchmark.kpi_id
        and quarter_rows.actual_period_type = benchmark.period_type
        and quarter_rows.actual_period_end = benchmark.period_end
