-- Section 47 enquiry and initial child protection conference (ICPC) KPIs per LA and reporting
-- period, in the KPI contract (macros/kpi.sql). An enquiry belongs to the period it started in
-- (the census has no S47 end date, so Slough's "S47 enquiries completed in month" is read as
-- started); "led to an ICPC" = it has a conference date. ICPCs belong to the period they were held
-- in: every distinct child and conference date, from the S47 enquiries and from the episode's
-- DateOfInitialCPC (a conference after a transfer-in has no S47 in this LA). DfE's timeliness
-- measure, ICPCs within 15 working days of the start of the S47 that led to them, needs the S47 and
-- so counts conferences with one. A conference led to a plan when a child protection plan for the
-- child starts on the conference date. Regional REF 81 counts children with an enquiry in the
-- period who had been on a plan that ended before the enquiry started.
{%- set kpis = [
    {'id': 'sg_s47_count', 'numerator': 'enquiries', 'denominator': 'null'},
    {'id': 'sg_s47_rate_per_10k', 'numerator': 'enquiries', 'denominator': 'population_0_17'},
    {'id': 'sg_children_s47_count', 'numerator': 'children_with_enquiry', 'denominator': 'null'},
    {'id': 'sg_s47_to_icpc_pct', 'numerator': 'enquiries_to_icpc', 'denominator': 'enquiries'},
    {'id': 'sg_s47_children_previous_cpp_count', 'numerator': 'children_with_enquiry_after_a_plan',
        'denominator': 'null'},
    {'id': 'sg_children_icpc_count', 'numerator': 'children_with_conference', 'denominator': 'null'},
    {'id': 'sg_icpc_count', 'numerator': 'conferences', 'denominator': 'null'},
    {'id': 'sg_icpc_rate_per_10k', 'numerator': 'conferences', 'denominator': 'population_0_17'},
    {'id': 'sg_icpc_within_15wd_pct', 'numerator': 'conferences_within_15', 'denominator': 'conferences_after_s47'},
    {'id': 'sg_icpc_working_days_avg', 'numerator': 'working_days_to_icpc_sum',
        'denominator': 'conferences_after_s47'},
    {'id': 'sg_icpc_to_cpp_pct', 'numerator': 'conferences_to_plan', 'denominator': 'conferences'},
    {'id': 'sg_icpc_no_cpp_pct', 'numerator': 'conferences - conferences_to_plan', 'denominator': 'conferences'},
] %}
with

-- Each period numbered: the totals below are grouped on this integer rather than on the
-- 32-character period key (counts of distinct children over millions of period-child pairs).
reporting_periods as materialized (
    select
        *,
        row_number() over () as period_number
    from {{ ref('int_safeguarding__reporting_periods') }}
),

section47 as not materialized (
    select * from {{ ref('int_safeguarding__section47') }}
),

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

conference_dates as (
    select
        la_code,
        child_id,
        icpc_date
    from section47
    where icpc_date is not null

    union

    select
        la_code,
        child_id,
        initial_cpc_date as icpc_date
    from episodes
    where initial_cpc_date is not null
),

-- the S47 that led to the conference: the latest enquiry started on or before it
conferences as (
    select
        conference_dates.la_code,
        conference_dates.child_id,
        conference_dates.icpc_date,
        section47.working_days_to_icpc,
        section47.is_icpc_within_15_working_days,
        exists(
            select 1
            from cp_plans
            where
                cp_plans.la_code = conference_dates.la_code
                and cp_plans.child_id = conference_dates.child_id
                and cp_plans.cp_plan_start_date = conference_dates.icpc_date
        ) as led_to_cp_plan
    from conference_dates
    left join section47
        on
            conference_dates.la_code = section47.la_code
            and conference_dates.child_id = section47.child_id
            and conference_dates.icpc_date = section47.icpc_date
    qualify row_number() over (
        partition by conference_dates.la_code, conference_dates.child_id, conference_dates.icpc_date
        order by section47.s47_start_date desc nulls last
    ) = 1
),

enquiries_after_a_plan as (
    select distinct section47.s47_id
    from section47
    inner join cp_plans
        on
            section47.la_code = cp_plans.la_code
            and section47.child_id = cp_plans.child_id
            and section47.s47_start_date >= cp_plans.cp_plan_end_date
),

enquiry_totals as (
    select
        reporting_periods.period_number,
        count(section47.s47_id) as enquiries,
        count(distinct section47.child_id) as children_with_enquiry,
        count(case when section47.led_to_icpc then 1 end) as enquiries_to_icpc,
        count(distinct case when enquiries_after_a_plan.s47_id is not null then section47.child_id end)
            as children_with_enquiry_after_a_plan
    from reporting_periods
    left join section47
        on
            reporting_periods.la_code = section47.la_code
            and section47.s47_start_date between reporting_periods.period_start and reporting_periods.period_end
    left join enquiries_after_a_plan
        on section47.s47_id = enquiries_after_a_plan.s47_id
    group by reporting_periods.period_number
),

conference_totals as (
    select
        reporting_periods.period_number,
        count(conferences.icpc_date) as conferences,
        count(distinct conferences.child_id) as children_with_conference,
        count(conferences.working_days_to_icpc) as conferences_after_s47,
        count(case when conferences.is_icpc_within_15_working_days then 1 end) as conferences_within_15,
        sum(conferences.working_days_to_icpc) as working_days_to_icpc_sum,
        count(case when conferences.led_to_cp_plan then 1 end) as conferences_to_plan
    from reporting_periods
    left join conferences
        on
            reporting_periods.la_code = conferences.la_code
            and conferences.icpc_date between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.period_number
),

period_totals as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.population_0_17,
        enquiry_totals.enquiries,
        enquiry_totals.children_with_enquiry,
        enquiry_totals.enquiries_to_icpc,
        enquiry_totals.children_with_enquiry_after_a_plan,
        conference_totals.children_with_conference,
        conference_totals.conferences,
        conference_totals.conferences_after_s47,
        conference_totals.conferences_within_15,
        conference_totals.working_days_to_icpc_sum,
        conference_totals.conferences_to_plan
    from reporting_periods
    inner join enquiry_totals
        on reporting_periods.period_number = enquiry_totals.period_number
    inner join conference_totals
        on reporting_periods.period_number = conference_totals.period_number
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
