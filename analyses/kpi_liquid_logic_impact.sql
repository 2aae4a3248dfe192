-- Every KPI value with and without the Liquid Logic end-date repair, per LA, KPI and period.
-- `cscare repair-impact` builds the KPIs a second time with the dbt var
-- repair_liquid_logic_end_dates false, copies that build's fct_kpi_values into the warehouse as
-- analysis_input.fct_kpi_values_unrepaired (source liquid_logic_unrepaired), compiles this
-- analysis and stores the result as analysis.kpi_liquid_logic_impact.
-- A full join: a value that exists only with (or only without) the repair is a change too.
with

repaired as (
    select * from {{ ref('fct_kpi_values') }}
),

as_returned as (
    select * from {{ source('liquid_logic_unrepaired', 'fct_kpi_values_unrepaired') }}
)

select
    coalesce(repaired.la_code, as_returned.la_code) as la_code,
    coalesce(repaired.kpi_id, as_returned.kpi_id) as kpi_id,
    coalesce(repaired.period_type, as_returned.period_type) as period_type,
    coalesce(repaired.period_end, as_returned.period_end) as period_end,
    repaired.value as value_repaired,
    as_returned.value as value_as_returned,
    repaired.value - as_returned.value as change_from_repair,
    repaired.numerator as numerator_repaired,
    as_returned.numerator as numerator_as_returned,
    repaired.denominator as denominator_repaired,
    as_returned.denominator as denominator_as_returned,
    -- sums taken in another order differ in the last bits: a change is a real one or a null flip
    coalesce(
        abs(repaired.value - as_returned.value) > 1e-9
        or ((repaired.value is null) != (as_returned.value is null)),
        false
    ) as is_changed_by_repair
from repaired
full outer join as_returned
    on
        repaired.la_code = as_returned.la_code
        and repaired.kpi_id = as_returned.kpi_id
        and repaired.period_type = as_returned.period_type
        and repaired.period_end = as_returned.period_end
