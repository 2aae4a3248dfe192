{#- Every raw row that staging could not use, one row per problem, with file, line, column,
    value and reason. Built from the same column definitions as the staging models. -#}
{%- set raw_tables = cscare_raw_tables() %}
{#- Built after the staging models it mirrors, so both come from the same raw tables in one build. #}
{%- for src, tbl in raw_tables %}
-- depends_on: {{ ref('stg_' ~ src ~ '__' ~ tbl) }}
{%- endfor %}
with

quarantined as (
    {%- for src, tbl in raw_tables %}
        select * from ({{ quarantine_rows(src, tbl) }})
        {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select
    md5(concat_ws('|', source_file, source_line, table_name, column_name, reason_code, reason)) as quarantine_key,
    return_name,
    table_name,
    source_file,
    source_line,
    la_code,
    collection_year,
    column_name,
    raw_value,
    reason_code,
    reason
from quarantined
