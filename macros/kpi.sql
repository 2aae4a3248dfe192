{#-
    The KPI contract. Every KPI is one row in seeds/kpi/kpi_catalogue.csv and one block of logic in
    an area model (int_kpi__<area>) that yields, per LA and period, a numerator and a denominator:

        la_code, kpi_id, period_type, period_start, period_end, numerator, denominator

    period_type is one of: year (year ending 31 March), month (in-month), rolling_12_months
    (12 months to the month end), fytd (financial year to date: 1 April to the month end).
    Everything downstream (the value, rates, benchmarks, RAG) is generic and written once.
-#}

{#- The area models that feed fct_kpi_values. Add a model here when it exists. -#}
{% macro kpi_value_models() %}
    {%- do return(var('kpi_value_models', [])) -%}
{% endmacro %}


{#- The KPI value from its numerator and denominator, by the catalogue's unit. A total (count, or
    fte: a sum of full-time equivalents) is its numerator and has no denominator. -#}
{% macro kpi_value(unit, numerator, denominator) -%}
    case
        when {{ unit }} in ('count', 'fte') then {{ numerator }}
        when {{ denominator }} is null or {{ denominator }} = 0 then null
        when {{ unit }} = 'percent' then 100.0 * {{ numerator }} / {{ denominator }}
        when {{ unit }} = 'rate_per_10k' then 10000.0 * {{ numerator }} / {{ denominator }}
        else 1.0 * {{ numerator }} / {{ denominator }}
    end
{%- endmacro %}


{#- The period in words for BI users (fct_kpi_values.period_label): the `when` branches of a case. -#}
{% macro period_label_cases(period_type, period_start, period_end) -%}
    when {{ period_type }} = 'year'
        then 'year ending 31 March ' || year({{ period_end }})
    when {{ period_type }} = 'month'
        then strftime({{ period_end }}, '%B %Y')
    when {{ period_type }} = 'fytd'
        then strftime({{ period_start }}, '%B %Y') || ' to ' || strftime({{ period_end }}, '%B %Y')
    else '12 months to ' || strftime({{ period_end }}, '%B %Y')
{%- endmacro %}


{#- The sum of a column of decimal figures from a return (FTE, days) as a double, added up exactly:
    each value as DECIMAL(38, 10), so that the total does not depend on the order DuckDB's threads
    add the rows in. Summed as doubles, 150 LAs' FTE totals came out different in the fourteenth
    digit from one build to the next, and a total such as 134.85 then published as 134.8 in one
    build and 134.9 in another. -#}
{% macro exact_sum(expr) -%}
    cast(sum(cast({{ expr }} as decimal(38, 10))) as double)
{%- endmacro %}
