-- Adoption KPIs over the children adopted in a period (adoption order date, i.e. care ended E11 or
-- E12, inside it): the adoption scorecard's timeliness measures (A1, A10, A2 and the share waiting
-- under the 14, 18 and 21 months thresholds the seed documents name) and the time from the best
-- interest decision (SHOBPA) to placement and to the order. Averages are a sum of days over a
-- count of children; a child whose care began before the loaded returns is left out of the
-- averages, since their wait cannot be measured. The thresholds are different: a child whose care
-- began before the loaded returns entered care on or before the first loaded day of that care, so
-- when the adoptive placement came N months or more after that day the wait is PROVEN to be N
-- months or more, and the child counts (in the denominator, not the numerator). Only a child whose
-- answer depends on the returns not loaded is left out, and the row says how many (excluded_count).
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

adoption_journeys as not materialized (
    select * from {{ ref('int_looked_after__adoption_journeys') }}
),

adoptions_in_period as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_end,
        count(*) as children_adopted,
        sum(adoption_journeys.days_entered_care_to_placed_for_adoption) as days_entered_care_to_placed,
        count(adoption_journeys.days_entered_care_to_placed_for_adoption) as children_with_days_to_placed,
        sum(adoption_journeys.days_entered_care_to_moved_in_adjusted) as days_entered_care_to_moved_in,
        count(adoption_journeys.days_entered_care_to_moved_in_adjusted) as children_with_days_to_moved_in,
        -- placed for adoption before the order, but the wait cannot be measured from the loaded
        -- returns (care, or the move to the adopters, began before them): outside the averages
        count_if(
            adoption_journeys.placed_for_adoption_date <= adoption_journeys.adoption_order_date
            and adoption_journeys.days_entered_care_to_placed_for_adoption is null
        ) as children_without_days_to_placed,
        count_if(
            adoption_journeys.placed_for_adoption_date <= adoption_journeys.adoption_order_date
            and adoption_journeys.days_entered_care_to_moved_in_adjusted is null
        ) as children_without_days_to_moved_in,
        sum(adoption_journeys.days_placement_order_to_match) as days_placement_order_to_match,
        count(adoption_journeys.days_placement_order_to_match) as children_with_days_to_match,
        {%- for months in [14, 18, 21] %}
            count_if(
                adoption_journeys.is_entered_care_observed
                and adoption_journeys.placed_for_adoption_date <= adoption_journeys.adoption_order_date
                and adoption_journeys.placed_for_adoption_date
                < {{ shift_months('adoption_journeys.entered_care_date', months) }}
            ) as placed_within_{{ months }}_months,
            -- decided: care began inside the loaded returns, or the placement came so long after
            -- the first loaded day of care that the wait is over the threshold whenever care began
            count_if(
                adoption_journeys.placed_for_adoption_date <= adoption_journeys.adoption_order_date
                and (
                    adoption_journeys.is_entered_care_observed
                    or adoption_journeys.placed_for_adoption_date
                    >= {{ shift_months('adoption_journeys.entered_care_date', months) }}
                )
            ) as wait_decided_{{ months }}_months,
            count_if(
                adoption_journeys.placed_for_adoption_date <= adoption_journeys.adoption_order_date
                and not adoption_journeys.is_entered_care_observed
                and adoption_journeys.placed_for_adoption_date
                < {{ shift_months('adoption_journeys.entered_care_date', months) }}
            ) as wait_undecided_{{ months }}_months,
        {%- endfor %}
        -- NI 61: placed for adoption within 12 months of the decision that the child should be.
        count_if(
            adoption_journeys.placed_for_adoption_date
            <= {{ shift_months('adoption_journeys.decision_date', 12) }}
        ) as placed_within_12_months_of_decision,
        count_if(
            adoption_journeys.adoption_order_date
            <= {{ shift_months('adoption_journeys.decision_date', 12) }}
        ) as adopted_within_12_months_of_decision
    from reporting_periods
    inner join adoption_journeys
        on
            reporting_periods.la_code = adoption_journeys.la_code
            and adoption_journeys.is_adopted
            and adoption_journeys.adoption_order_date
            between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.la_code, reporting_periods.period_type, reporting_periods.period_end
),

measures_for_periods as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        coalesce(adoptions_in_period.children_adopted, 0) as children_adopted,
        coalesce(adoptions_in_period.days_entered_care_to_placed, 0) as days_entered_care_to_placed,
        coalesce(adoptions_in_period.children_with_days_to_placed, 0) as children_with_days_to_placed,
        coalesce(adoptions_in_period.days_entered_care_to_moved_in, 0) as days_entered_care_to_moved_in,
        coalesce(adoptions_in_period.children_with_days_to_moved_in, 0) as children_with_days_to_moved_in,
        coalesce(adoptions_in_period.children_without_days_to_placed, 0) as children_without_days_to_placed,
        coalesce(adoptions_in_period.children_without_days_to_moved_in, 0) as children_without_days_to_moved_in,
        coalesce(adoptions_in_period.days_placement_order_to_match, 0) as days_placement_order_to_match,
        coalesce(adoptions_in_period.children_with_days_to_match, 0) as children_with_days_to_match,
        coalesce(adoptions_in_period.placed_within_14_months, 0) as placed_within_14_months,
        coalesce(adoptions_in_period.placed_within_18_months, 0) as placed_within_18_months,
        coalesce(adoptions_in_period.placed_within_21_months, 0) as placed_within_21_months,
        coalesce(adoptions_in_period.wait_decided_14_months, 0) as wait_decided_14_months,
        coalesce(adoptions_in_period.wait_decided_18_months, 0) as wait_decided_18_months,
        coalesce(adoptions_in_period.wait_decided_21_months, 0) as wait_decided_21_months,
        coalesce(adoptions_in_period.wait_undecided_14_months, 0) as wait_undecided_14_months,
        coalesce(adoptions_in_period.wait_undecided_18_months, 0) as wait_undecided_18_months,
        coalesce(adoptions_in_period.wait_undecided_21_months, 0) as wait_undecided_21_months,
        coalesce(adoptions_in_period.placed_within_12_months_of_decision, 0) as placed_within_12_months_of_decision,
        coalesce(adoptions_in_period.adopted_within_12_months_of_decision, 0) as adopted_within_12_months_of_decision
    from reporting_periods
    left join adoptions_in_period
        on
            reporting_periods.la_code = adoptions_in_period.la_code
            and reporting_periods.period_type = adoptions_in_period.period_type
            and reporting_periods.period_end = adoptions_in_period.period_end
)

{{ kpi_rows('measures_for_periods', [
    {'id': 'adoption_avg_days_care_to_adoptive_family',
        'numerator': 'days_entered_care_to_placed', 'denominator': 'children_with_days_to_placed',
        'excluded': 'children_without_days_to_placed'},
    {'id': 'adoption_avg_days_care_to_adoptive_family_adjusted',
        'numerator': 'days_entered_care_to_moved_in', 'denominator': 'children_with_days_to_moved_in',
        'excluded': 'children_without_days_to_moved_in'},
    {'id': 'adoption_avg_days_placement_order_to_match',
        'numerator': 'days_placement_order_to_match', 'denominator': 'children_with_days_to_match'},
    {'id': 'adoption_wait_under_14_months_pct',
        'numerator': 'placed_within_14_months', 'denominator': 'wait_decided_14_months',
        'excluded': 'wait_undecided_14_months'},
    {'id': 'adoption_wait_under_18_months_pct',
        'numerator': 'placed_within_18_months', 'denominator': 'wait_decided_18_months',
        'excluded': 'wait_undecided_18_months'},
    {'id': 'adoption_wait_under_21_months_pct',
        'numerator': 'placed_within_21_months', 'denominator': 'wait_decided_21_months',
        'excluded': 'wait_undecided_21_months'},
    {'id': 'adoption_placed_within_12_months_of_decision_pct',
        'numerator': 'placed_within_12_months_of_decision', 'denominator': 'children_adopted'},
    {'id': 'adoption_order_within_12_months_of_decision_count',
        'numerator': 'adopted_within_12_months_of_decision', 'denominator': 'null'},
    {'id': 'adoption_order_within_12_months_of_decision_pct',
        'numerator': 'adopted_within_12_months_of_decision', 'denominator': 'children_adopted'},
]) }}
