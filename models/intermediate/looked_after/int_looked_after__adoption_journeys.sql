-- The adoption journey of each period of care that reached any step of it: entering care, the
-- agency decision that the child should be placed for adoption (the "best interest" decision,
-- SHOBPA), the placement order, the match, moving in with the adoptive family, the adoption order.
-- Dates come from the episodes (placement order: legal status E1, or a D1 freeing order before
-- 2005; placed for adoption: placement types A3-A6; adoption: reason ceased E11/E12), the
-- PlacedAdoption table (decisions) and AD1 (decision and match dates of children adopted).
-- The day counts are those of the DfE adoption scorecard: A1 entering care to moving in with the
-- adoptive family, A10 the same adjusted for foster-carer adoptions (counted from the day the child
-- moved in with the carers who adopted them), A2 placement order to match (zero when the match came
-- first; only children placed for adoption before the order).
with

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

placements as not materialized (
    select * from {{ ref('int_looked_after__placements') }}
),

legal_status_spells as not materialized (
    select * from {{ ref('int_looked_after__legal_status_spells') }}
),

adoptions_ad1 as not materialized (
    select * from {{ ref('stg_ssda903__ad1') }}
),

placed_for_adoption_decisions as not materialized (
    select * from {{ ref('stg_ssda903__placed_for_adoption') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
),

care_periods as (
    select * from periods
    where not is_short_break
),

-- A decision appears in every return while it stands; the newest return's version wins, and of a
-- decision given twice in one return, its first line (a fixed pick: every build keeps the same).
latest_decisions as (
    select
        la_code,
        child_id,
        date_decision_to_adopt,
        date_decision_ceased,
        reason_decision_ceased
    from placed_for_adoption_decisions
    qualify row_number() over (
        partition by la_code, child_id, date_decision_to_adopt order by collection_year desc, source_line asc
    ) = 1
),

latest_decision_in_period as (
    select
        care_periods.period_of_care_key,
        latest_decisions.date_decision_to_adopt,
        latest_decisions.date_decision_ceased,
        latest_decisions.reason_decision_ceased
    from care_periods
    inner join latest_decisions
        on
            care_periods.la_code = latest_decisions.la_code
            and care_periods.child_id = latest_decisions.child_id
            and care_periods.period_start_date <= latest_decisions.date_decision_to_adopt
            and latest_decisions.date_decision_to_adopt
            <= coalesce(care_periods.period_end_date, care_periods.known_until_date)
    qualify row_number() over (
        partition by care_periods.period_of_care_key order by latest_decisions.date_decision_to_adopt desc
    ) = 1
),

-- AD1 is returned for each child adopted in the year: it belongs to the period of care that ended
-- in adoption within the year of its return.
ad1_for_adoption as (
    select
        care_periods.period_of_care_key,
        adoptions_ad1.date_decision_to_adopt,
        adoptions_ad1.date_matched,
        adoptions_ad1.adopted_by_foster_carer
    from care_periods
    inner join returns
        on
            care_periods.la_code = returns.la_code
            and care_periods.period_end_date between returns.return_start_date and returns.return_end_date
    inner join adoptions_ad1
        on
            care_periods.la_code = adoptions_ad1.la_code
            and care_periods.child_id = adoptions_ad1.child_id
            and returns.collection_year = adoptions_ad1.collection_year
    where care_periods.is_adopted
),

first_placement_order as (
    select
        period_of_care_key,
        min(spell_start_date) as placement_order_date,
        arg_min_null(is_start_observed, spell_start_date) as is_placement_order_date_observed
    from legal_status_spells
    where legal_status in ('E1', 'D1')
    group by period_of_care_key
),

-- The adoptive placement that led to the order: the start of the last run of adoptive placements
-- (A3-A6) with the same adopters (a change of adoptive placement type with the same carers, RNE
-- T/U, continues the run). An earlier adoptive placement that broke down does not count.
adoptive_placement_runs as (
    select
        period_of_care_key,
        placement_start_date,
        placement_type,
        carer_spell_start_date,
        is_carer_spell_start_observed,
        is_placed_for_adoption
        and not coalesce(
            lag(is_placed_for_adoption) over (partition by period_of_care_key order by placement_start_date)
            and is_same_carer_as_previous,
            false
        ) as starts_adoptive_run
    from placements
),

last_adoptive_placement as (
    select
        period_of_care_key,
        max(placement_start_date) as placed_for_adoption_date,
        arg_max_null(placement_type, placement_start_date) as adoptive_placement_type,
        arg_max_null(carer_spell_start_date, placement_start_date) as carer_spell_start_date,
        arg_max_null(is_carer_spell_start_observed, placement_start_date) as is_carer_spell_start_observed
    from adoptive_placement_runs
    where starts_adoptive_run
    group by period_of_care_key
),

journeys as (
    select
        care_periods.period_of_care_key,
        care_periods.child_key,
        care_periods.la_code,
        care_periods.child_id,
        care_periods.period_start_date as entered_care_date,
        care_periods.is_start_observed as is_entered_care_observed,
        coalesce(ad1_for_adoption.date_decision_to_adopt, latest_decision_in_period.date_decision_to_adopt)
            as decision_date,
        latest_decision_in_period.date_decision_ceased as decision_ceased_date,
        latest_decision_in_period.reason_decision_ceased,
        first_placement_order.placement_order_date,
        coalesce(first_placement_order.is_placement_order_date_observed, false) as is_placement_order_date_observed,
        ad1_for_adoption.date_matched as matched_date,
        last_adoptive_placement.placed_for_adoption_date,
        last_adoptive_placement.adoptive_placement_type,
        ad1_for_adoption.adopted_by_foster_carer,
        case
            when ad1_for_adoption.adopted_by_foster_carer then last_adoptive_placement.carer_spell_start_date
            else last_adoptive_placement.placed_for_adoption_date
        end as moved_in_with_adopters_date,
        case
            when ad1_for_adoption.adopted_by_foster_carer then last_adoptive_placement.is_carer_spell_start_observed
            else last_adoptive_placement.placed_for_adoption_date is not null
        end as is_moved_in_date_observed,
        case when care_periods.is_adopted then care_periods.period_end_date end as adoption_order_date,
        care_periods.is_adopted
    from care_periods
    left join latest_decision_in_period
        on care_periods.period_of_care_key = latest_decision_in_period.period_of_care_key
    left join ad1_for_adoption
        on care_periods.period_of_care_key = ad1_for_adoption.period_of_care_key
    left join first_placement_order
        on care_periods.period_of_care_key = first_placement_order.period_of_care_key
    left join last_adoptive_placement
        on care_periods.period_of_care_key = last_adoptive_placement.period_of_care_key
    where
        care_periods.is_adopted
        or latest_decision_in_period.period_of_care_key is not null
        or first_placement_order.period_of_care_key is not null
        or last_adoptive_placement.period_of_care_key is not null
)

select
    period_of_care_key as adoption_journey_key,
    period_of_care_key,
    child_key,
    la_code,
    child_id,
    entered_care_date,
    is_entered_care_observed,
    decision_date,
    decision_ceased_date,
    reason_decision_ceased,
    placement_order_date,
    is_placement_order_date_observed,
    matched_date,
    placed_for_adoption_date,
    adoptive_placement_type,
    adopted_by_foster_carer,
    moved_in_with_adopters_date,
    adoption_order_date,
    is_adopted,
    -- A1: only where care began inside the loaded returns and the child was placed before the order.
    case
        when
            is_entered_care_observed
            and placed_for_adoption_date <= coalesce(adoption_order_date, placed_for_adoption_date)
            then placed_for_adoption_date - entered_care_date
    end as days_entered_care_to_placed_for_adoption,
    case
        when
            is_entered_care_observed and is_moved_in_date_observed
            and moved_in_with_adopters_date <= coalesce(adoption_order_date, moved_in_with_adopters_date)
            then moved_in_with_adopters_date - entered_care_date
    end as days_entered_care_to_moved_in_adjusted,
    case
        when is_placement_order_date_observed and matched_date is not null and placed_for_adoption_date is not null
            then greatest(matched_date - placement_order_date, 0)
    end as days_placement_order_to_match
from journeys
