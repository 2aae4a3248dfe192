{#- Rows of the LA's local-figures file that failed validation (audit_local_figures_quarantine), as
    instances of rule CSC-120, so that the people who work the dq_issues list see them. A local
    figure has no return or collection year of its own: it is filed under the collection year its
    period ends in, else the year written in period_end, else the year it was supplied, else the
    current one. -#}
with

quarantine as not materialized (
    select * from {{ ref('audit_local_figures_quarantine') }}
),

local_rows as not materialized (
    select * from {{ ref('stg_local__kpi_figures') }}
)

select
    'CSC-120' as rule_code,
    quarantine.la_code,
    cast(coalesce(
        year(quarantine.period_end_date) + case when month(quarantine.period_end_date) >= 4 then 1 else 0 end,
        try_cast(nullif(regexp_extract(quarantine.period_end, '(\d{4})', 1), '') as integer),
        year(local_rows.supplied_on) + case when month(local_rows.supplied_on) >= 4 then 1 else 0 end,
        year(current_date) + case when month(current_date) >= 4 then 1 else 0 end
    ) as integer) as collection_year,
    cast(null as varchar) as child_id,
    'local_kpi_figures' as table_name,
    quarantine.source_file,
    quarantine.source_line,
    concat_ws(
        '; ',
        'kpi_id=' || coalesce(quarantine.kpi_id, ''),
        'period=' || coalesce(quarantine.period_type, '') || ' ' || coalesce(quarantine.period_end, ''),
        quarantine.column_name || '=' || coalesce(quarantine.raw_value, ''),
        'reason=' || quarantine.reason_code || ': ' || quarantine.reason
    ) as offending_values
from quarantine
inner join local_rows
    on quarantine.row_number = local_rows.row_number
