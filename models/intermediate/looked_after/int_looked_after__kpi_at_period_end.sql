-- Looked-after KPIs measured on the children looked after at the end of a period (31 March for the
-- year, each month end): numbers, rate, placement type and location, stability, fostering, UASC.
-- One row per LA, KPI and period of the types each KPI is published for, zero when no child counts.
-- A measure that looks back (2.5 years in care) is only published where the loaded returns reach
-- back far enough to see when each child's care began.
{#- Which periods a KPI is published for, and the history it needs. -#}
{%- set at_year_and_month_ends = "period_type in ('year', 'month')" %}
{%- set with_12_months_history = " and data_from_date <= " ~ shift_months('period_end', -12) %}
{%- set with_30_months_history = " and data_from_date <= " ~ shift_months('period_end', -30) %}
{%- set measures = [
    'children_looked_after', 'in_care_12_months_plus', 'uasc', 'three_or_more_placements', 'long_term_cohort',
    'long_term_stable', 'distance_known', 'placed_20_miles_plus', 'placed_outside_la_over_20_miles',
    'placement_location_known', 'placed_outside_la', 'family_setting', 'placed_with_parents', 'commissioned',
    'fostered', 'fostered_not_by_family_or_friends', 'fostered_in_house', 'fostered_by_agency', 'placed_for_adoption',
] %}
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

snapshots as not materialized (
    select * from {{ ref('int_looked_after__month_end_snapshots') }}
),

measures_at_month_end as (
    select
        la_code,
        snapshot_date,
        count(*) as children_looked_after,
        count_if(
            period_start_date <= {{ shift_months('snapshot_date', -12) }}
        ) as in_care_12_months_plus,
        count_if(is_uasc) as uasc,
        -- DfE NI 62: looked after at the date with three or more placements in the 12 months to it.
        count_if(placements_in_last_12_months >= 3) as three_or_more_placements,
        -- DfE NI 63 / stability measures: under 16, looked after continuously for 2.5 years or
        -- more, and with the same carer for 2 years or more, or placed for adoption with the
        -- adoptive placement and the one before it together lasting 2 years or more.
        count_if(
            age_at_snapshot < 16 and period_start_date <= {{ shift_months('snapshot_date', -30) }}
        ) as long_term_cohort,
        count_if(
            age_at_snapshot < 16 and period_start_date <= {{ shift_months('snapshot_date', -30) }}
            and (
                carer_spell_start_date <= {{ shift_months('snapshot_date', -24) }}
                or (
                    is_placed_for_adoption
                    and previous_placement_start_date
                    <= {{ shift_months('snapshot_date', -24) }}
                )
            )
        ) as long_term_stable,
        -- Distance from home: children placed for adoption are left out (their addresses are
        -- confidential), and so are those whose home or placement postcode is not known.
        count_if(not is_placed_for_adoption and distance_miles is not null) as distance_known,
        count_if(not is_placed_for_adoption and distance_miles >= 20) as placed_20_miles_plus,
        count_if(not is_placed_for_adoption and distance_miles > 20 and is_placed_outside_la)
            as placed_outside_la_over_20_miles,
        count_if(is_placed_outside_la is not null) as placement_location_known,
        count_if(is_placed_outside_la) as placed_outside_la,
        -- Family-based settings: foster care, placed for adoption, or placed with parents.
        count_if(is_foster_placement or is_placed_for_adoption or is_placed_with_parents) as family_setting,
        count_if(is_placed_with_parents) as placed_with_parents,
        -- Commissioned: bought from private (PR4) or voluntary (PR5) providers.
        count_if(placement_provider in ('PR4', 'PR5')) as commissioned,
        count_if(is_foster_placement) as fostered,
        count_if(is_foster_placement and not is_family_and_friends_foster_placement)
            as fostered_not_by_family_or_friends,
        count_if(
            is_foster_placement and not is_family_and_friends_foster_placement and placement_provider = 'PR1'
        ) as fostered_in_house,
        count_if(is_foster_placement and placement_provider in ('PR4', 'PR5')) as fostered_by_agency,
        count_if(is_placed_for_adoption) as placed_for_adoption
    from snapshots
    group by la_code, snapshot_date
),

measures_for_periods as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.data_from_date,
        {%- for measure in measures %}
            coalesce(measures_at_month_end.{{ measure }}, 0) as {{ measure }},
        {%- endfor %}
        reporting_periods.population_0_17 as population
    from reporting_periods
    left join measures_at_month_end
        on
            reporting_periods.la_code = measures_at_month_end.la_code
            and reporting_periods.period_end = measures_at_month_end.snapshot_date
)

{{ kpi_rows('measures_for_periods', [
    {'id': 'cla_count', 'numerator': 'children_looked_after', 'denominator': 'null',
        'where': at_year_and_month_ends},
    {'id': 'cla_rate_per_10k', 'numerator': 'children_looked_after', 'denominator': 'population',
        'where': at_year_and_month_ends},
    {'id': 'cla_in_care_12_months_plus_pct', 'numerator': 'in_care_12_months_plus', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends ~ with_12_months_history},
    {'id': 'cla_uasc_count', 'numerator': 'uasc', 'denominator': 'null',
        'where': at_year_and_month_ends},
    {'id': 'cla_uasc_pct', 'numerator': 'uasc', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'placement_3plus_in_12_months_pct', 'numerator': 'three_or_more_placements', 'denominator': 'children_looked_after',
        'where': "period_type in ('year', 'rolling_12_months')"},
    {'id': 'placement_long_term_stability_pct', 'numerator': 'long_term_stable', 'denominator': 'long_term_cohort',
        'where': at_year_and_month_ends ~ with_30_months_history},
    {'id': 'placement_20_miles_plus_pct', 'numerator': 'placed_20_miles_plus', 'denominator': 'distance_known',
        'where': at_year_and_month_ends},
    {'id': 'placement_outside_la_20_miles_plus_pct', 'numerator': 'placed_outside_la_over_20_miles', 'denominator': 'distance_known',
        'where': at_year_and_month_ends},
    {'id': 'placement_outside_la_count', 'numerator': 'placed_outside_la', 'denominator': 'null',
        'where': at_year_and_month_ends},
    {'id': 'placement_outside_la_pct', 'numerator': 'placed_outside_la', 'denominator': 'placement_location_known',
        'where': at_year_and_month_ends},
    {'id': 'placement_family_setting_pct', 'numerator': 'family_setting', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'placement_with_parents_pct', 'numerator': 'placed_with_parents', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'placement_commissioned_pct', 'numerator': 'commissioned', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'fostering_cla_in_foster_care_count', 'numerator': 'fostered_not_by_family_or_friends', 'denominator': 'null',
        'where': at_year_and_month_ends},
    {'id': 'fostering_cla_in_foster_care_pct', 'numerator': 'fostered_not_by_family_or_friends', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'fostering_all_foster_placements_pct', 'numerator': 'fostered', 'denominator': 'children_looked_after',
        'where': at_year_and_month_ends},
    {'id': 'fostering_in_house_pct', 'numerator': 'fostered_in_house', 'denominator': 'fostered',
        'where': at_year_and_month_ends},
    {'id': 'fostering_ifa_placement_count', 'numerator': 'fostered_by_agency', 'denominator': 'null',
        'where': at_year_and_month_ends},
    {'id': 'adoption_placed_for_adoption_count', 'numerator': 'placed_for_adoption', 'denominator': 'null',
        'where': at_year_and_month_ends},
]) }}
