{#- The raw rows that staging quarantined, one row per raw row, with the child they belong to
    (read back from the raw table) so that quarantine findings name the child, and so that rules
    that look for a child in another table do not blame a child whose row was only quarantined. -#}
{%- set raw_tables = cscare_raw_tables() %}
with

quarantine as not materialized (
    select * from {{ ref('audit_quarantine') }}
),

raw_children as (
    {%- for src, tbl in raw_tables if src != 'csww' %}
        select
            '{{ tbl }}' as table_name,
            _file as source_file,
            _line as source_line,
            nullif(trim({{ 'CHILD' if src == 'ssda903' else 'LAchildID' }}), '') as child_id
        from {{ source(src, tbl) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

quarantined_rows as (
    select distinct
        return_name,
        table_name,
        la_code,
        collection_year,
        source_file,
        source_line
    from quarantine
)

select
    quarantined_rows.return_name,
    quarantined_rows.table_name,
    quarantined_rows.la_code,
    quarantined_rows.collection_year,
    quarantined_rows.source_file,
    quarantined_rows.source_line,
    min(raw_children.child_id) as child_id
from quarantined_rows
left join raw_children
    on
        quarantined_rows.table_name = raw_children.table_name
        and quarantined_rows.source_file = raw_children.source_file
        and quarantined_rows.source_line = raw_children.source_line
group by all
