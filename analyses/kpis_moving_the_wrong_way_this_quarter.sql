-- Asked each quarter by a performance board: which KPIs moved against their polarity between the
-- last two quarter ends (year to date where the KPI has one, else the month-end figure)? Information
-- measures have no good direction and are left out.
with

kpi_values as (
    select * from {{ ref('fct_kpi_values') }}
    where period_type in ('fytd', 'month') and month(period_end) in (3, 6, 9, 12)
),

kpis as (
    select
        kpi_id,
        kpi_name,
        polarity,
        unit
    from {{ ref('dim_kpi') }}
    where polarity in ('high_is_good', 'low_is_good')
),

-- the one series per KPI a quarter is judged on: the year to date where it exists
judged_series as (
    select kpi_values.*
    from kpi_values
    qualify dense_rank() over (
        partition by kpi_values.la_code, kpi_values.kpi_id
        order by case kpi_values.period_type when 'fytd' then 0 else 1 end
    ) = 1
),

quarters as (
    select
        la_code,
        kpi_id,
        period_type,
        period_end,
        value,
        lag(value) over (partition by la_code, kpi_id order by period_end) as previous_quarter_value,
        row_number() over (partition by la_code, kpi_id order by period_end desc) as quarters_back
    from judged_series
)

select
    quarters.la_code,
    quarters.kpi_id,
    kpis.kpi_name,
    kpis.polarity,
    quarters.period_type,
    quarters.period_end as quarter_end,
    quarters.previous_quarter_value,
    quarters.value,
    quarters.value - quarters.previous_quarter_value as change_since_previous_quarter
from quarters
inner join kpis on quarters.kpi_id = kpis.kpi_id
where
    quarters.quarters_back = 1
    and (
        (kpis.polarity = 'high_is_good' and quarters.value < quarters.previous_quarter_value)
        or (kpis.polarity = 'low_is_good' and quarters.value > quarters.previous_quarter_value)
    )
order by quarters.la_code, abs(quarters.value - quarters.previous_quarter_value) desc
