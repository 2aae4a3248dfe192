-- Every row of the local-figures file is either accepted (int_local__kpi_figures, hence in
-- fct_kpi_values with value_source 'local') or quarantined (audit_local_figures_quarantine), never
-- both and never neither: rows in = accepted + quarantined. Returns the rows that break it.
with

rows_in as (
    select row_number from {{ ref('stg_local__kpi_figures') }}
),

accepted as (
    select row_number from {{ ref('int_local__kpi_figures') }}
),

quarantined as (
    select distinct row_number from {{ ref('audit_local_figures_quarantine') }}
),

local_values as (
    select count(*) as local_rows from {{ ref('fct_kpi_values') }}
    where value_source = 'local'
),

accounted as (
    select
        rows_in.row_number,
        accepted.row_number is not null as is_accepted,
        quarantined.row_number is not null as is_quarantined
    from rows_in
    left join accepted on rows_in.row_number = accepted.row_number
    left join quarantined on rows_in.row_number = quarantined.row_number
)

select
    row_number,
    case when is_accepted then 'accepted and quarantined' else 'neither accepted nor quarantined' end as problem
from accounted
where is_accepted = is_quarantined

union all

-- the accepted rows all reach the mart, and nothing else arrives there as local
select
    null as row_number,
    'fct_kpi_values has ' || local_values.local_rows || ' local rows, int_local__kpi_figures '
    || (select count(*) from accepted) as problem
from local_values
where local_values.local_rows != (select count(*) from accepted)
