{#-
    Small expression helpers for the data-quality rule models (models/intermediate/data_quality/
    int_dq__*_rules.sql). Every rule there is a CTE named rule_<code> whose select list is
    dq_columns(...), the standard issue columns:

        rule_code, la_code, collection_year, child_id, table_name, source_file, source_line,
        offending_values

-#}

{#- The standard columns of a rule-failure model, for its final select. -#}
{% macro dq_failure_columns() -%}
    rule_code,
    la_code,
    collection_year,
    child_id,
    table_name,
    source_file,
    source_line,
    offending_values
{%- endmacro %}


{#- The collection year runs 1 April to 31 March; collection_year is the year it ends. -#}
{% macro dq_year_start(year) -%}
    make_date(cast({{ year }} as integer) - 1, 4, 1)
{%- endmacro %}

{% macro dq_year_end(year) -%}
    make_date(cast({{ year }} as integer), 3, 31)
{%- endmacro %}


{#- The date on which a person born on `dob` attains the age `years` (an SQL expression). The
    legal convention in England (Family Law Reform Act 1969, s.9): someone born on 29 February
    attains an age on 1 March in a year that is not a leap year. (DuckDB's `+ interval n year`
    would land on 28 February.) -#}
{% macro dq_birthday(dob, years) -%}
    cast(case
        when month({{ dob }}) = 2 and day({{ dob }}) = 29
            then make_date(cast(year({{ dob }}) + ({{ years }}) as integer), 3, 1)
            - cast(day(last_day(make_date(cast(year({{ dob }}) + ({{ years }}) as integer), 2, 1))) = 29 as integer)
        else {{ dob }} + to_years(cast({{ years }} as integer))
    end as date)
{%- endmacro %}


{#- Age in whole years on a date, by the same convention as dq_birthday: the age goes up on the
    birthday itself, and on 1 March for a 29 February birthday in a year that is not a leap year. -#}
{% macro dq_age(dob, on_date) -%}
    (year({{ on_date }}) - year({{ dob }})
        - cast(month({{ on_date }}) * 100 + day({{ on_date }}) < month({{ dob }}) * 100 + day({{ dob }}) as integer))
{%- endmacro %}


{#- The offending values as text, 'COLUMN=value; ...', named with the DfE spelling. -#}
{% macro dq_values(values) -%}
    {%- if values -%}
    concat_ws('; '
        {%- for label, expr in values.items() -%}
        , '{{ label }}=' || coalesce(cast({{ expr }} as varchar), '')
        {%- endfor -%}
    )
    {%- else -%}
    cast(null as varchar)
    {%- endif -%}
{%- endmacro %}


{#- The standard columns of a rule failure, from the staged row aliased `alias`. -#}
{% macro dq_columns(rule_code, table_name, values, alias='t') -%}
    '{{ rule_code }}' as rule_code,
    {{ alias }}.la_code,
    cast({{ alias }}.collection_year as integer) as collection_year,
    cast({{ alias }}.child_id as varchar) as child_id,
    '{{ table_name }}' as table_name,
    {{ alias }}.source_file,
    cast({{ alias }}.source_line as bigint) as source_line,
    {{ dq_values(values) }} as offending_values
{%- endmacro %}


{#- True when `code` is not in the DfE code list for the row's collection year. -#}
{% macro dq_not_in_code_list(code, code_list, year='t.collection_year') -%}
    not exists (
        select 1 from {{ ref('code_lists') }} as cl
        where
            cl.code_list = '{{ code_list }}'
            and upper(cl.code) = upper(cast({{ code }} as varchar))
            and coalesce(cl.valid_from_year, 0) <= {{ year }}
            and coalesce(cl.valid_to_year, 9999) >= {{ year }}
    )
{%- endmacro %}
