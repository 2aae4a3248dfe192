{#-
    Expression helpers for the scorecards of the seed documents (issue 11): a row's period type and
    period end, financial-year labels, value status and polarity words. The scorecards themselves are
    SQL in models/intermediate/scorecards (int_scorecards__*), one model each for both audiences.
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
