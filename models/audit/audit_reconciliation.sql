{#- For every file: raw rows read = rows staged + rows quarantined, and (CSV) every physical line
    of the file, counted without the CSV parser, is the header, a blank line, the first line of a
    staged or quarantined record, or a continuation line of a quoted field that spans lines. A test
    fails the build when either does not hold. -#}
{%- set raw_tables = cscare_raw_tables() %}
with

files as not materialized (
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
),

counted as (
    select
        files.source_file,
        files.return_name,
        files.la_code,
        files.collection_year,
        files.status,
        files.rows_read,
        coalesce(staged_by_file.rows_staged, 0) as rows_staged,
        coalesce(quarantined_by_file.rows_quarantined, 0) as rows_quarantined,
        files.physical_lines,
        files.header_lines,
        files.blank_lines,
        files.continuation_lines
    from files
    left join staged_by_file on files.source_file = staged_by_file.source_file
    left join quarantined_by_file on files.source_file = quarantined_by_file.source_file
)

select
    *,
    -- XML has no line-per-record layout: its elements are reconciled as rows only.
    case
        when physical_lines is not null
            then header_lines + blank_lines + continuation_lines + rows_staged + rows_quarantined
    end as lines_accounted,
    rows_read = rows_staged + rows_quarantined as is_rows_reconciled,
    physical_lines is null
    or physical_lines = header_lines + blank_lines + continuation_lines + rows_staged + rows_quarantined
        as is_lines_reconciled,
    rows_read = rows_staged + rows_quarantined
    and (
        physical_lines is null
        or physical_lines = header_lines + blank_lines + continuation_lines + rows_staged + rows_quarantined
    ) as is_reconciled
from counted
