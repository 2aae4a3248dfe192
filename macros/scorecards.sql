{#-
    The scorecards of the seed documents (issue 11), each one flat table a BI tool shows without
    joins. Rows come from seeds/kpi/scorecard_layouts.csv in the seed's order; every row is kept for
    every LA and reporting period whether or not a value exists (value_status says why not).
    rpt_* call these macros on fct_kpi_performance / fct_kpi_benchmarks; shared_* on the shared
    (suppressed) versions of the same tables.
-#}

{#- The period type a row is reported and judged on: the layout's choice, else in-month, else the
    rolling 12 months, else the year to date, else the year (the KPI's period_types say which it has). -#}
{% macro headline_period_type(layout_choice, period_types, order=['month', 'rolling_12_months', 'fytd', 'year']) -%}
    coalesce(
        nullif({{ layout_choice }}, ''),
        {%- for period_type in order %}
        case when list_contains(string_split({{ period_types }}, ';'), '{{ period_type }}') then '{{ period_type }}' end,
        {%- endfor %}
        'year'
    )
{%- endmacro %}


{#- The period end a row of this type shows for a report at month end `at`: the month end itself,
    or for a year the latest 31 March on or before it. -#}
{% macro period_end_for_report(period_type, at) -%}
    case
        when {{ period_type }} = 'year'
            then make_date(year({{ at }}) - case when month({{ at }}) < 3 then 1 else 0 end, 3, 31)
        else {{ at }}
    end
{%- endmacro %}


{#- The financial year ending 31 March in year `end_year`, as a scorecard labels it: 2018/19. -#}
{% macro financial_year_label(end_year) -%}
    cast({{ end_year }} - 1 as varchar) || '/' || right(cast({{ end_year }} as varchar), 2)
{%- endmacro %}


{#- Why a row has no value, or where its value came from. -#}
{% macro value_status(value_source, value, is_suppressed, source_returns) -%}
    case
        when {{ is_suppressed }} then 'withheld (small number)'
        when {{ value }} is not null then coalesce({{ value_source }}, 'computed')
        when {{ source_returns }} = 'none' then 'not in the returns'
        else 'no value for this period'
    end
{%- endmacro %}


{% macro polarity_words(polarity) -%}
    case {{ polarity }}
        when 'high_is_good' then 'High'
        when 'low_is_good' then 'Low'
        when 'within_range' then 'Within Limits'
        else 'Info'
    end
{%- endmacro %}


{#- The LAs and report months a scorecard is produced for: every month end an LA has KPI values for. -#}
{% macro scorecard_report_months(performance) -%}
    select distinct
        la_code,
        period_end as report_month
    from {{ performance }}
    where period_type = 'month'
{%- endmacro %}


{#- One left join of the performance table as `alias` at a period type and end. -#}
{% macro join_performance(performance, alias, period_type, period_end) -%}
    left join {{ performance }} as {{ alias }}
        on
            layout_rows.la_code = {{ alias }}.la_code
            and layout_rows.kpi_id = {{ alias }}.kpi_id
            and {{ alias }}.period_type = {{ period_type }}
            and {{ alias }}.period_end = {{ period_end }}
{%- endmacro %}


{#- Rotherham's corporate parenting monthly scorecard (seed 003): indicators 6.1-11.5. -#}
{% macro scorecard_monthly(performance, benchmarks) %}
with

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'rotherham_monthly'
),

kpis as (
    select * from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name
    from {{ ref('ref_local_authorities') }}
),

report_months as (
    {{ scorecard_report_months(performance) }}
),

-- the scorecard's grain: every layout row for every LA and month it reports
layout_rows as (
    select
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
    {{ financial_year_label('layout_rows.financial_year_end - ' ~ years_back) }} as annual_{{ 6 - years_back }}_label,
    {%- endfor %}
    {%- for years_back in [5, 4, 3, 2, 1] %}
    annual_{{ 6 - years_back }}.value as annual_{{ 6 - years_back }}_value,
    {%- endfor %}
    latest_benchmark.period_end as benchmark_period_end,
    latest_benchmark.sn_average,
    latest_benchmark.sn_count,
    latest_benchmark.sn_best_value,
    latest_benchmark.sn_best_la_name,
    latest_benchmark.national_value,
    latest_benchmark.national_source,
    latest_benchmark.top_quartile_threshold,
    coalesce(headline.value_source, this_month.value_source, year_to_date.value_source, annual_5.value_source)
    as value_source,
    {{ value_status(
        'coalesce(headline.value_source, this_month.value_source, annual_5.value_source)',
        'coalesce(headline.value, this_month.value, year_to_date.value, annual_5.value)',
        'coalesce(headline.is_suppressed, false)',
        'layout_rows.source_returns'
    ) }} as value_status
from with_periods as layout_rows
left join local_authorities on layout_rows.la_code = local_authorities.la_code
{{ join_performance(performance, 'this_month', "'month'", 'layout_rows.report_month') }}
{{ join_performance(performance, 'month_minus_1', "'month'", months_before('layout_rows.report_month', 1)) }}
{{ join_performance(performance, 'month_minus_2', "'month'", months_before('layout_rows.report_month', 2)) }}
{{ join_performance(performance, 'year_to_date', "'fytd'", 'layout_rows.report_month') }}
{{ join_performance(performance, 'headline', 'layout_rows.headline_period_type', 'layout_rows.headline_period_end') }}
{%- for years_back in [5, 4, 3, 2, 1] %}
{{ join_performance(
    performance, 'annual_' ~ (6 - years_back), "'year'",
    "make_date(cast(layout_rows.financial_year_end - " ~ years_back ~ " as integer), 3, 31)"
) }}
{%- endfor %}
left join {{ benchmarks }} as latest_benchmark
    on
        layout_rows.la_code = latest_benchmark.la_code
        and layout_rows.kpi_id = latest_benchmark.kpi_id
        and latest_benchmark.period_type = 'year'
        and layout_rows.latest_year_end = latest_benchmark.period_end
{% endmacro %}


{#- Doncaster's quarterly contract report (seed 002): every contract and partnership measure with
    target, tolerance, the quarter's actual, RAG and the previous quarters. A quarter's actual is the
    year to date at the quarter end where the KPI has one, else the month-end figure, else the
    rolling 12 months, else the latest year. -#}
{% macro contract_quarterly(performance, benchmarks) %}
with

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'doncaster_contract'
),

kpis as (
    select * from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name
    from {{ ref('ref_local_authorities') }}
),

report_months as (
    {{ scorecard_report_months(performance) }}
),

quarter_ends as (
    select
        la_code,
        report_month as quarter_end
    from report_months
    where month(report_month) in (3, 6, 9, 12)
),

layout_rows as (
    select
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
        actual.la_code is not null as has_actual_row,
        {%- for quarters_back in [1, 2, 3, 4] %}
        quarter_{{ quarters_back }}.value as quarter_{{ quarters_back }}_value,
        quarter_{{ quarters_back }}.published_value as quarter_{{ quarters_back }}_published_value,
        {%- endfor %}
        benchmark.sn_average,
        benchmark.national_value,
        benchmark.national_source
    from with_periods as layout_rows
    {{ join_performance(performance, 'actual', 'layout_rows.actual_period_type', 'layout_rows.period_end_0') }}
    {%- for quarters_back in [1, 2, 3, 4] %}
    {{ join_performance(
        performance, 'quarter_' ~ quarters_back, 'layout_rows.actual_period_type',
        'layout_rows.period_end_' ~ quarters_back
    ) }}
    {%- endfor %}
    left join {{ benchmarks }} as benchmark
        on
            layout_rows.la_code = benchmark.la_code
            and layout_rows.kpi_id = benchmark.kpi_id
            and layout_rows.actual_period_type = benchmark.period_type
            and layout_rows.period_end_0 = benchmark.period_end
)

select
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
    joined.sn_average,
    joined.national_value,
    joined.national_source,
    joined.value_source,
    {{ value_status('joined.value_source', 'joined.actual_value', 'coalesce(joined.is_suppressed, false)',
        'joined.source_returns') }} as value_status
from joined
left join local_authorities on joined.la_code = local_authorities.la_code
{% endmacro %}


{#- Slough's contract schedule (seed 001): contractual KPIs 1-44 and other indicators 1-64, monthly. -#}
{% macro contract_slough(performance) %}
with

layout as (
    select * from {{ ref('scorecard_layouts') }}
    where scorecard = 'slough_contract'
),

kpis as (
    select * from {{ ref('kpi_catalogue') }}
),

local_authorities as (
    select
        la_code,
        la_name
    from {{ ref('ref_local_authorities') }}
),

report_months as (
    {{ scorecard_report_months(performance) }}
),

layout_rows as (
    select
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
{{ join_performance(performance, 'reported', 'layout_rows.reported_period_type', 'layout_rows.reported_period_end') }}
{{ join_performance(performance, 'year_to_date', "'fytd'", 'layout_rows.report_month') }}
{% endmacro %}


{#- The 2013 regional benchmarking sets (seed 004): for each regional group and each REF in its set,
    every LA of the group that the warehouse holds, beside the group's aggregate (sum of numerators
    over sum of denominators, with coverage) and the LA's rank in the group. Years to 31 March. -#}
{% macro regional_benchmark(kpi_values, shared=false) %}
with

kpi_values as (
    select
        la_code,
        kpi_id,
        period_end,
        numerator,
        denominator,
        value,
        value_source,
        {% if shared %}coalesce(is_suppressed, false){% else %}false{% endif %} as is_suppressed
    from {{ kpi_values }}
    where period_type = 'year'
),

sets as (
    select * from {{ ref('regional_benchmark_sets') }}
),

groups as (
    select * from {{ ref('regional_groups') }}
),

kpis as (
    select
        kpi_id,
        kpi_name,
        unit,
        polarity,
        source_returns,
        try_cast(regexp_extract(ref_regional, 'REF (\d+)', 1) as integer) as ref_number
    from {{ ref('kpi_catalogue') }}
    where regexp_matches(ref_regional, 'REF \d+')
),

local_authorities as (
    select * from {{ ref('ref_local_authorities') }}
),

group_members as (
    select distinct
        groups.group_code,
        groups.group_name,
        local_authorities.la_code,
        local_authorities.la_name,
        local_authorities.valid_from_year,
        local_authorities.valid_to_year
    from groups
    inner join local_authorities
        on
            (groups.member_type = 'region' and groups.member_code = local_authorities.region_code)
            or (groups.member_type = 'la' and groups.member_code = local_authorities.la_code)
),

year_ends as (
    select distinct period_end
    from kpi_values
),

members_expected as (
    select
        group_members.group_code,
        year_ends.period_end,
        count(*) as las_expected
    from group_members
    cross join year_ends
    where
        (group_members.valid_from_year is null or group_members.valid_from_year <= year(year_ends.period_end))
        and (group_members.valid_to_year is null or group_members.valid_to_year >= year(year_ends.period_end))
    group by group_members.group_code, year_ends.period_end
),

-- the LAs of each group that the warehouse holds
members_present as (
    select distinct
        group_members.group_code,
        group_members.group_name,
        group_members.la_code,
        group_members.la_name
    from group_members
    where exists (select 1 from kpi_values where kpi_values.la_code = group_members.la_code)
),

layout_rows as (
    select
        members_present.group_code,
        members_present.group_name,
        sets.ref_number,
        sets.ref_description,
        kpis.kpi_id,
        kpis.kpi_name,
        kpis.unit,
        kpis.polarity,
        kpis.source_returns,
        members_present.la_code,
        members_present.la_name,
        year_ends.period_end
    from sets
    inner join members_present on sets.group_code = members_present.group_code
    cross join year_ends
    left join kpis on sets.ref_number = kpis.ref_number
),

group_values as (
    select
        members_present.group_code,
        kpi_values.kpi_id,
        kpi_values.period_end,
        kpi_values.la_code,
        kpi_values.numerator,
        kpi_values.denominator,
        kpi_values.value,
        kpi_values.is_suppressed
    from members_present
    inner join kpi_values on members_present.la_code = kpi_values.la_code
),

group_aggregates as (
    select
        group_values.group_code,
        group_values.kpi_id,
        group_values.period_end,
        case
            when not bool_or(group_values.is_suppressed)
                then {{ kpi_value('any_value(kpis.unit)', 'sum(group_values.numerator)', 'sum(group_values.denominator)') }}
        end as group_value,
        bool_or(group_values.is_suppressed) as has_suppressed_la,
        count(*) as las_present
    from group_values
    inner join (select distinct kpi_id, unit from kpis) as kpis on group_values.kpi_id = kpis.kpi_id
    where group_values.numerator is not null or group_values.is_suppressed
    group by group_values.group_code, group_values.kpi_id, group_values.period_end
),

group_ranks as (
    select
        group_values.group_code,
        group_values.kpi_id,
        group_values.period_end,
        group_values.la_code,
        rank() over (
            partition by group_values.group_code, group_values.kpi_id, group_values.period_end
            order by case when kpis.polarity = 'low_is_good' then group_values.value else -group_values.value end
        ) as group_rank,
        count(*) over (
            partition by group_values.group_code, group_values.kpi_id, group_values.period_end
        ) as group_rank_of
    from group_values
    inner join (select distinct kpi_id, polarity from kpis) as kpis on group_values.kpi_id = kpis.kpi_id
    where
        group_values.value is not null
        and not group_values.is_suppressed
        and kpis.polarity in ('high_is_good', 'low_is_good')
)

select
    layout_rows.group_code,
    layout_rows.group_name,
    layout_rows.ref_number,
    layout_rows.ref_description,
    layout_rows.kpi_id,
    layout_rows.kpi_name,
    {{ polarity_words('layout_rows.polarity') }} as good_performance_is,
    layout_rows.unit,
    layout_rows.period_end,
    {{ financial_year_label('year(layout_rows.period_end)') }} as year_label,
    layout_rows.la_code,
    layout_rows.la_name,
    case when not coalesce(la_value.is_suppressed, false) then la_value.value end as value,
    group_aggregates.group_value,
    case
        when group_aggregates.group_value is not null then 'computed'
        when group_aggregates.has_suppressed_la then 'withheld: a contributing LA figure is suppressed'
    end as group_value_source,
    coalesce(group_aggregates.las_present, 0) || ' of ' || members_expected.las_expected || ' LAs'
    as group_coverage,
    group_ranks.group_rank,
    group_ranks.group_rank_of,
    la_value.value_source,
    case
        when layout_rows.kpi_id is null then 'not in the catalogue'
        else {{ value_status('la_value.value_source', 'la_value.value', 'coalesce(la_value.is_suppressed, false)',
            'layout_rows.source_returns') }}
    end as value_status
from layout_rows
left join kpi_values as la_value
    on
        layout_rows.la_code = la_value.la_code
        and layout_rows.kpi_id = la_value.kpi_id
        and layout_rows.period_end = la_value.period_end
left join group_aggregates
    on
        layout_rows.group_code = group_aggregates.group_code
        and layout_rows.kpi_id = group_aggregates.kpi_id
        and layout_rows.period_end = group_aggregates.period_end
left join group_ranks
    on
        layout_rows.group_code = group_ranks.group_code
        and layout_rows.kpi_id = group_ranks.kpi_id
        and layout_rows.period_end = group_ranks.period_end
        and layout_rows.la_code = group_ranks.la_code
left join members_expected
    on
        layout_rows.group_code = members_expected.group_code
        and layout_rows.period_end = members_expected.period_end
{% endmacro %}
