-- The KPI values safe to share outside the LA (regional benchmarking clubs, published
-- scorecards): no child-level data, and small numbers withheld. A count of children from 1 to
-- (suppression_threshold - 1) could identify a child, so it is withheld together with any value
-- computed from it; averages and durations are withheld when fewer children than the threshold
-- stand behind them. Zero is shown: it identifies nobody. Workforce FTE figures are not about
-- children and are not suppressed. Local figures (value_source 'local') follow the same rules on the
-- numerator and denominator the LA supplied; a local percentage or rate supplied without both, or an
-- average without its denominator, cannot be checked for small numbers and is withheld.
{%- set threshold = var('suppression_threshold', 5) %}
with

kpi_values as not materialized (
    select * from {{ ref('fct_kpi_values') }}
),

kpis as (
    select
        kpi_id,
        unit
    from {{ ref('dim_kpi') }}
),

flagged as (
    select
        kpi_values.*,
        kpis.unit,
        case
            when kpis.unit = 'count'
                then kpi_values.numerator > 0 and kpi_values.numerator < {{ threshold }}
            when kpis.unit in ('percent', 'rate_per_10k')
                then
                    (kpi_values.numerator > 0 and kpi_values.numerator < {{ threshold }})
                    or (kpi_values.denominator > 0 and kpi_values.denominator < {{ threshold }})
            when kpis.unit in ('days', 'average', 'ratio')
                then kpi_values.denominator > 0 and kpi_values.denominator < {{ threshold }}
            else false
        end
        or (
            kpi_values.value_source = 'local'
            and (
                (
                    kpis.unit in ('percent', 'rate_per_10k')
                    and (kpi_values.numerator is null or kpi_values.denominator is null)
                )
                or (kpis.unit in ('days', 'average', 'ratio') and kpi_values.denominator is null)
            )
        ) as is_suppressed
    from kpi_values
    left join kpis on kpi_values.kpi_id = kpis.kpi_id
)

select
    la_code,
    kpi_id,
    period_type,
    period_start,
    period_end,
    case when not is_suppressed then numerator end as numerator,
    case when not is_suppressed then denominator end as denominator,
    case when not is_suppressed then value end as value,  -- noqa: RF04
    value_source,
    is_suppressed,
    case
        when is_suppressed and value_source = 'local' and (numerator is null or denominator is null) and unit != 'count'
            then 'local figure supplied without its numerator or denominator: small numbers cannot be ruled out'
        when is_suppressed then 'fewer than {{ threshold }} children: withheld to protect identities'
    end as suppression_note
from flagged
