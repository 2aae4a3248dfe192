{#- The columns of a regional or England figure and its provenance (prefix: regional or national),
    from a row with computed_value, is_complete, computed_coverage, has_suppressed_la,
    published_value, published_decimals, published_source and unit: the computed aggregate when
    every LA of the geography is in it; otherwise the published figure; otherwise the partial
    computed aggregate, which its coverage ("5 of 153 LAs") shows for what it is. Written once for
    both geographies (int_benchmarks__regional_figures, int_benchmarks__national_figures). -#}
{% macro cscare_geography_figure(prefix) -%}
    case
        when computed_value is not null and is_complete then computed_value
        when published_value is not null then published_value
        else computed_value
    end as {{ prefix }}_value,
    case
        when computed_value is not null and is_complete then 'computed'
        when published_value is not null then 'published'
        when computed_value is not null then 'computed'
        when has_suppressed_la then 'withheld: a contributing LA figure is suppressed'
    end as {{ prefix }}_source,
    case
        when computed_value is not null and is_complete then computed_coverage
        when published_value is not null then published_source
        when computed_value is not null then computed_coverage
    end as {{ prefix }}_coverage,
    computed_value as {{ prefix }}_computed_value,
    computed_coverage as {{ prefix }}_computed_coverage,
    published_value as {{ prefix }}_published_value,
    -- a complete computed figure that differs from the published one by more than its rounding
    coalesce(
        computed_value is not null
        and published_value is not null
        and is_complete
        and abs(computed_value - published_value) > case
            -- DfE rounds England and regional counts to the nearest 10
            when unit = 'count' and published_decimals = 0 then 5
            else 0.5 * power(10, -published_decimals)
        end,
        false
    ) as {{ prefix }}_differs_from_published
{%- endmacro %}


{#- The decimals a published figure (text, as published_benchmarks holds it) was written with: a
    computed figure within half its last digit of it differs only by rounding
    (cscare_geography_figure). -#}
{% macro cscare_published_decimals(value) -%}
    case when contains({{ value }}, '.') then length(split_part({{ value }}, '.', 2)) else 0 end
{%- endmacro %}
