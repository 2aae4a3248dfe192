-- The local-figures file, one row per data row: KPIs no statutory return can compute (visits,
-- PEPs, health assessments, pathway plans, costs, youth justice, education...) supplied by an LA
-- in the long format of docs/KPI_CONTRACT.md section 6. The file is the dbt var
-- local_figures_path (relative to the directory dbt runs in). Unset, there are no local figures:
-- the illustrative example seeds/local/local_kpi_figures.csv is read only by the demo, so that its
-- made-up figures never reach a warehouse of real returns. Every column is read as text so that
-- nothing is lost to type guessing; the typed columns below are null where the text does not
-- parse, and audit_local_figures_quarantine says why.
-- UNION ALL BY NAME against an empty template gives a file without the optional columns (numerator,
-- denominator, supplied_on, note) nulls there instead of a binder error; a file without a required
-- column has every row quarantined for it.
{%- set path = var('local_figures_path', '') %}
{%- set columns = [
    'la_code', 'kpi_id', 'period_type', 'period_end', 'value', 'numerator', 'denominator', 'source',
    'supplied_on', 'note'
] %}
with

file_rows as (
    {%- if path %}
        select
            *,
            -- DuckDB keeps a single file's rows in file order: this is the data row's number
            row_number() over () as row_number
        from read_csv('{{ path }}', header = true, all_varchar = true, null_padding = true)
    {%- else %}
        select cast(null as bigint) as row_number
        where false
    {%- endif %}
),

template as (
    select
        {%- for column in columns %}
            cast(null as varchar) as {{ column }},
        {%- endfor %}
        cast(null as bigint) as row_number
    where false
),

local_rows as (
    select * from template
    union all by name
    select * from file_rows
),

trimmed as (
    select
        row_number,
        {%- for column in columns %}
            nullif(trim({{ column }}), '') as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from local_rows
)

select
    row_number,
    '{{ path }}' as source_file,
    upper(la_code) as la_code,
    lower(kpi_id) as kpi_id,
    lower(period_type) as period_type,
    period_end as period_end_text,
    value as value_text,
    numerator as numerator_text,
    denominator as denominator_text,
    source,
    supplied_on as supplied_on_text,
    note,
    {{ cscare_parse_date('period_end') }} as period_end,
    {{ cscare_parse_date('supplied_on') }} as supplied_on,
    -- a thousands separator is a common spreadsheet habit, not an error
    try_cast(replace(value, ',', '') as double) as value,  -- noqa: RF04
    try_cast(replace(numerator, ',', '') as double) as numerator,
    try_cast(replace(denominator, ',', '') as double) as denominator
from trimmed
