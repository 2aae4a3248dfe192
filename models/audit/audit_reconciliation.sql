{#- For every file: raw rows read = rows staged + rows quarantined. A test fails the build when it does not hold. -#}
{%- set raw_tables = cscare_raw_tables() %}
with

files as (
    select * from {{ ref('audit_load_files') }}
),

staged as (
    {%- for src, tbl in raw_tables %}
        select
            source_file,
            count(*) as n
        from {{ ref('stg_' ~ src ~ '__' ~ tbl) }}
        group by source_file
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

staged_by_file as (
    select
        source_file,
        sum(n) as rows_staged
    from staged
    group by source_file
),

quarantined_by_file as (
    select
        source_file,
        count(distinct table_name || ':' || source_line) as rows_quarantined
    from {{ ref('audit_quarantine') }}
    group by source_file
)

select
    files.source_file,
    files.return_name,
    files.la_code,
    files.collection_year,
    files.status,
    files.rows_read,
    coalesce(staged_by_file.rows_staged, 0) as rows_staged,
    coalesce(quarantined_by_file.rows_quarantined, 0) as rows_quarantined,
    files.rows_read
    = coalesce(staged_by_file.rows_staged, 0) + coalesce(quarantined_by_file.rows_quarantined, 0) as is_reconciled
from files
left join staged_by_file on files.source_file = staged_by_file.source_file
left join quarantined_by_file on files.source_file = quarantined_by_file.source_file
