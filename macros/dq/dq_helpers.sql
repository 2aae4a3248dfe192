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


{#- Ages and birthdays: the rules use age_on and birthday from macros/care_dates.sql, the same
    convention as the KPIs (29 February births attain an age on 1 March in common years). -#}


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
