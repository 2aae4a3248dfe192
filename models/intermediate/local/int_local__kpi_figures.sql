-- The local figures that passed every check (audit_local_figures_quarantine lists the rest), in
-- the KPI contract's shape (docs/KPI_CONTRACT.md) plus the value as supplied and its provenance.
-- period_start follows the shared calendar's rule for the type. A count's numerator is its value
-- when the LA gave no numerator, as for computed counts, so that shared_kpi_values can judge
-- small numbers; other numerators and denominators are kept as supplied (blank stays null).
with

local_rows as not materialized (
    select * from {{ ref('stg_local__kpi_figures') }}
),

quarantine as not materialized (
    select * from {{ ref('audit_local_figures_quarantine') }}
),

kpi_catalogue as not materialized (
    select * from {{ ref('kpi_catalogue') }}
),

accepted as (
    select local_rows.*
    from local_rows
    where local_rows.row_number not in (select quarantine.row_number from quarantine)
)

select
    accepted.la_code,
    accepted.kpi_id,
    accepted.period_type,
    case accepted.period_type
        when 'year' then cast(accepted.period_end - interval 1 year + interval 1 day as date)
        when 'month' then cast(date_trunc('month', accepted.period_end) as date)
        when 'rolling_12_months' then cast(date_trunc('month', accepted.period_end) - interval 11 month as date)
        when 'fytd' then make_date(
            year(accepted.period_end) - case when month(accepted.period_end) >= 4 then 0 else 1 end, 4, 1
        )
    end as period_start,
    accepted.period_end,
    case when kpi_catalogue.unit = 'count' then coalesce(accepted.numerator, accepted.value) else accepted.numerator end
        as numerator,
    accepted.denominator,
    accepted.value,
    kpi_catalogue.unit,
    accepted.source,
    accepted.supplied_on,
    accepted.note,
    accepted.source_file,
    accepted.row_number
from accepted
inner join kpi_catalogue
    on accepted.kpi_id = kpi_catalogue.kpi_id
