{#- Fails once for every listed column that holds a null, with the number of rows it is null in.
    One scan of the model answers for all its columns (dbt's not_null takes one query per column). -#}
{% test not_null_columns(model, columns) %}
with

null_counts as (
    select
        {%- for c in columns %}
        count(*) filter (where {{ c }} is null) as {{ adapter.quote(c) }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ model }}
)

select
    column_name,
    null_rows
from null_counts
unpivot (null_rows for column_name in ({% for c in columns %}{{ adapter.quote(c) }}{{ ', ' if not loop.last }}{% endfor %}))
where null_rows > 0
{% endtest %}
