{#-
    Expression helpers for performance against targets and direction of travel (issue 11): published
    precision, band edges, band text, DOT. The rules that use them are SQL in
    models/intermediate/benchmarks/int_benchmarks__kpi_performance.sql and the scorecard int_ models.
-#}

{#- The precision a scorecard publishes a unit at: equal at this precision is "no movement", and
    band edges are compared with the value rounded to it (33.96% is published as 34.0%, so it is
    judged as 34.0 against a 34% edge). Percentages, rates, days, averages and FTE to one decimal
    place as Rotherham and the DfE print them; ratios to two; counts whole. -#}
{% macro kpi_display_precision(unit) -%}
    case {{ unit }}
        when 'count' then 0
        when 'ratio' then 2
        else 1
    end
{%- endmacro %}


{#- True when value lies in the band <prefix>_lower .. <prefix>_upper with each edge's inclusive
    flag; a band with neither edge set does not exist (false). A null edge is open. -#}
{% macro in_band(value, prefix) -%}
    (
        ({{ prefix }}_lower is not null or {{ prefix }}_upper is not null)
        and (
            {{ prefix }}_lower is null
            or {{ value }} > {{ prefix }}_lower
            or ({{ prefix }}_lower_inclusive and {{ value }} = {{ prefix }}_lower)
        )
        and (
            {{ prefix }}_upper is null
            or {{ value }} < {{ prefix }}_upper
            or ({{ prefix }}_upper_inclusive and {{ value }} = {{ prefix }}_upper)
        )
    )
{%- endmacro %}


{#- A band's edges in words, for targets whose seed row gives no text of its own ('>= 75 and < 90'). -#}
{% macro band_text(prefix) -%}
    nullif(concat_ws(
        ' and ',
        case
            when {{ prefix }}_lower is not null
                then (case when {{ prefix }}_lower_inclusive then '>= ' else '> ' end)
                || cast({{ prefix }}_lower as varchar)
        end,
        case
            when {{ prefix }}_upper is not null
                then (case when {{ prefix }}_upper_inclusive then '<= ' else '< ' end)
                || cast({{ prefix }}_upper as varchar)
        end
    ), '')
{%- endmacro %}


{#- Direction of travel from previous to current, both already rounded to the published precision.
    high_is_good / low_is_good: improving or declining; information: increase or decrease;
    within_range: improving or declining by the distance from the green band when it has one and
    the distance changed, otherwise increase or decrease. Equal values: 'no movement'. -#}
{% macro direction_of_travel(polarity, current, previous, green_lower='null', green_upper='null') -%}
    case
        when {{ current }} is null or {{ previous }} is null then null
        when {{ current }} = {{ previous }} then 'no movement'
        when {{ polarity }} = 'high_is_good'
            then case when {{ current }} > {{ previous }} then 'improving' else 'declining' end
        when {{ polarity }} = 'low_is_good'
            then case when {{ current }} < {{ previous }} then 'improving' else 'declining' end
        when
            {{ polarity }} = 'within_range'
            and ({{ green_lower }} is not null or {{ green_upper }} is not null)
            and {{ range_distance(current, green_lower, green_upper) }}
            <> {{ range_distance(previous, green_lower, green_upper) }}
            then case
                when {{ range_distance(current, green_lower, green_upper) }}
                    < {{ range_distance(previous, green_lower, green_upper) }}
                    then 'improving'
                else 'declining'
            end
        else case when {{ current }} > {{ previous }} then 'increase' else 'decrease' end
    end
{%- endmacro %}


{% macro range_distance(value, lower, upper) -%}
    greatest(coalesce({{ lower }} - {{ value }}, 0), coalesce({{ value }} - {{ upper }}, 0), 0)
{%- endmacro %}


{#- The month end a period of this type that "precedes" period_end by n months ends on. -#}
{% macro months_before(period_end, months) -%}
    last_day(cast({{ period_end }} as date) - interval {{ months }} month)
{%- endmacro %}
