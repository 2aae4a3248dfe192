-- What followed a referral or a child protection plan, per LA and reporting period, in the KPI
-- contract (docs/KPI_CONTRACT.md). Three measures of the 2013 regional sets and the DfE safeguarding
-- performance information framework (SPIF), on the DfE's own terms (Characteristics of children in
-- need: referrals, episodes ceasing by reason for closure, plans ending; the SSDA903 for care):
--
-- REF 48 / N9, referrals leading to a social care service "as defined by the child becoming a child
-- in need": referrals whose date falls in the period that were not closed NFA at referral, were
-- assessed (an authorised assessment) or led to a child protection plan, and whose episode did not
-- close as "case closed after assessment, no further action" (RC8) or "referred to early help"
-- (RC9, from 2023-24): the DfE's children assessed not to be in need. Denominator: every referral in
-- the period, as the DfE's referral percentages (NFA, re-referrals) use, so a referral still being
-- assessed at the last loaded return is not (yet) in the numerator.
--
-- REF 78, plans that close where the CIN case also closes or the child becomes looked after: plans
-- ending in the period whose CIN episode closed on or before the plan's end date, or whose child
-- was looked after that day (a 903 period of care, short breaks V3/V4 apart, begun on or before it
-- and not ended on or before it: a child taken into care the day the plan ends counts).
--
-- REF 77 / N21, CIN cases closed within 6 months of a) the plan end date or b) the child ceasing to
-- be looked after: CIN episodes in which, during the year, a child protection plan ended or the
-- child ceased to be looked after (a period of care ended other than X1, short breaks apart, while
-- the episode was open), each counted once at its first such event in the year; numerator: the
-- episode closed on or before that date plus 6 calendar months. Published only for years whose
-- next CIN return is loaded, because a closure up to 30 September after the year must be seen.
--
-- REF 78 and REF 77 need both returns: they are published only for periods both cover.
{%- set kpis = [
    {'id': 'sg_referrals_to_service_pct', 'numerator': 'referrals_found_in_need', 'denominator': 'referrals'},
    {'id': 'sg_cpp_closed_with_cin_closed_or_cla_pct', 'numerator': 'plans_ended_with_case_closed_or_cla',
        'denominator': 'plans_ended', 'where': 'has_ssda903'},
    {'id': 'sg_cin_closed_after_cpp_or_cla_6m_pct', 'numerator': 'cases_closed_within_6_months',
        'denominator': 'cases_stepping_down',
        'where': "period_type = 'year' and has_ssda903 and has_next_cin_census"},
] %}
with

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

looked_after_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

referrals as not materialized (
    select * from {{ ref('int_safeguarding__referrals') }}
),

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

assessments as not materialized (
    select * from {{ ref('int_safeguarding__assessments') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

-- every period the CIN census covers, with whether the 903 covers it too and whether the next
-- year's CIN census is loaded (a year's 6-month follow-up reaches into it)
periods as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        looked_after_periods.la_code is not null as has_ssda903,
        next_year.la_code is not null as has_next_cin_census
    from reporting_periods
    left join looked_after_periods
        on
            reporting_periods.la_code = looked_after_periods.la_code
            and reporting_periods.period_type = looked_after_periods.period_type
            and reporting_periods.period_end = looked_after_periods.period_end
    left join reporting_periods as next_year
        on
            reporting_periods.la_code = next_year.la_code
            and next_year.period_type = 'year'
            and next_year.period_end = {{ shift_months('reporting_periods.period_end', 12) }}
),

care_spells as (
    select
        la_code,
        child_id,
        period_start_date,
        period_end_date,
        is_ceased
    from periods_of_care
    where not is_short_break
),

-- REF 48: the referral made the child a child in need
episodes_assessed as (
    select distinct cin_episode_id
    from assessments
    where is_authorised
),

episodes_with_plan as (
    select distinct cin_episode_id
    from cp_plans
),

referral_outcomes as (
    select
        referrals.la_code,
        referrals.referral_date,
        (
            not referrals.is_referral_nfa
            and not episodes.is_closed_after_assessment_nfa
            and (episodes_assessed.cin_episode_id is not null or episodes_with_plan.cin_episode_id is not null)
        ) as is_found_in_need
    from referrals
    inner join episodes
        on referrals.cin_episode_id = episodes.cin_episode_id
    left join episodes_assessed
        on referrals.cin_episode_id = episodes_assessed.cin_episode_id
    left join episodes_with_plan
        on referrals.cin_episode_id = episodes_with_plan.cin_episode_id
),

-- REF 78: what happened to the case the day each plan ended
plans_ended as (
    select
        cp_plans.la_code,
        cp_plans.cp_plan_id,
        cp_plans.cp_plan_end_date,
        coalesce(episodes.closure_date <= cp_plans.cp_plan_end_date, false) as is_case_closed,
        exists(
            select 1 from care_spells
            where
                care_spells.la_code = cp_plans.la_code
                and care_spells.child_id = cp_plans.child_id
                and care_spells.period_start_date <= cp_plans.cp_plan_end_date
                and (care_spells.period_end_date is null or care_spells.period_end_date > cp_plans.cp_plan_end_date)
        ) as is_looked_after
    from cp_plans
    left join episodes
        on cp_plans.cin_episode_id = episodes.cin_episode_id
    where cp_plans.cp_plan_end_date is not null
),

-- REF 77: the events after which a CIN case may step down, each tied to the CIN episode open then
step_down_events as (
    select
        cp_plans.la_code,
        cp_plans.cin_episode_id,
        cp_plans.cp_plan_end_date as event_date
    from cp_plans
    where cp_plans.cp_plan_end_date is not null

    union all

    select
        episodes.la_code,
        episodes.cin_episode_id,
        care_spells.period_end_date as event_date
    from care_spells
    inner join episodes
        on
            care_spells.la_code = episodes.la_code
            and care_spells.child_id = episodes.child_id
            and care_spells.period_end_date >= episodes.referral_date
            and (episodes.closure_date is null or care_spells.period_end_date <= episodes.closure_date)
    where care_spells.is_ceased and not episodes.is_referral_nfa
),

first_event_in_year as (
    select
        periods.la_code,
        periods.period_end,
        step_down_events.cin_episode_id,
        min(step_down_events.event_date) as event_date
    from periods
    inner join step_down_events
        on
            periods.la_code = step_down_events.la_code
            and step_down_events.event_date between periods.period_start and periods.period_end
    where periods.period_type = 'year'
    group by periods.la_code, periods.period_end, step_down_events.cin_episode_id
),

cases_stepping_down as (
    select
        first_event_in_year.la_code,
        first_event_in_year.period_end,
        count(*) as cases_stepping_down,
        count_if(
            episodes.closure_date <= {{ shift_months('first_event_in_year.event_date', 6) }}
        ) as cases_closed_within_6_months
    from first_event_in_year
    inner join episodes
        on first_event_in_year.cin_episode_id = episodes.cin_episode_id
    group by first_event_in_year.la_code, first_event_in_year.period_end
),

-- Referrals and ended plans are counted per LA and day first, and the days' counts summed over
-- each period: a referral falls in some 18 periods (its month, year to date, rolling years, year),
-- so matching each one to its periods made 55 million rows at 150 LAs where the days make 6.
referrals_by_day as (
    select
        la_code,
        referral_date,
        count(*) as referrals,
        count(case when is_found_in_need then 1 end) as referrals_found_in_need
    from referral_outcomes
    where referral_date is not null
    group by la_code, referral_date
),

referral_totals as (
    select
        periods.la_code,
        periods.period_type,
        periods.period_end,
        cast(coalesce(sum(referrals_by_day.referrals), 0) as bigint) as referrals,
        cast(coalesce(sum(referrals_by_day.referrals_found_in_need), 0) as bigint) as referrals_found_in_need
    from periods
    left join referrals_by_day
        on
            periods.la_code = referrals_by_day.la_code
            and referrals_by_day.referral_date between periods.period_start and periods.period_end
    group by periods.la_code, periods.period_type, periods.period_end
),

plans_ended_by_day as (
    select
        la_code,
        cp_plan_end_date,
        count(cp_plan_id) as plans_ended,
        count(case when is_case_closed or is_looked_after then 1 end) as plans_ended_with_case_closed_or_cla
    from plans_ended
    group by la_code, cp_plan_end_date
),

plan_totals as (
    select
        periods.la_code,
        periods.period_type,
        periods.period_end,
        cast(coalesce(sum(plans_ended_by_day.plans_ended), 0) as bigint) as plans_ended,
        cast(coalesce(sum(plans_ended_by_day.plans_ended_with_case_closed_or_cla), 0) as bigint)
            as plans_ended_with_case_closed_or_cla
    from periods
    left join plans_ended_by_day
        on
            periods.la_code = plans_ended_by_day.la_code
            and plans_ended_by_day.cp_plan_end_date between periods.period_start and periods.period_end
    group by periods.la_code, periods.period_type, periods.period_end
),

period_totals as (
    select
        periods.*,
        referral_totals.referrals,
        referral_totals.referrals_found_in_need,
        plan_totals.plans_ended,
        plan_totals.plans_ended_with_case_closed_or_cla,
        coalesce(cases_stepping_down.cases_stepping_down, 0) as cases_stepping_down,
        coalesce(cases_stepping_down.cases_closed_within_6_months, 0) as cases_closed_within_6_months
    from periods
    inner join referral_totals
        on
            periods.la_code = referral_totals.la_code
            and periods.period_type = referral_totals.period_type
            and periods.period_end = referral_totals.period_end
    inner join plan_totals
        on
            periods.la_code = plan_totals.la_code
            and periods.period_type = plan_totals.period_type
            and periods.period_end = plan_totals.period_end
    left join cases_stepping_down
        on
            periods.la_code = cases_stepping_down.la_code
            and periods.period_type = 'year'
            and periods.period_end = cases_stepping_down.period_end
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
