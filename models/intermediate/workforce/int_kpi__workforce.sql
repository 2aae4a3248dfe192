-- Workforce KPIs per LA, in the KPI contract (macros/kpi.sql). The census is a snapshot at
-- 30 September with flows over the 12 months to it, so every KPI is 'year' only, and the year is
-- the financial year (1 April to 31 March) that contains the 30 September reference date: the
-- census at 30 September 2023 reports for 2023-24 (collection_year 2024, int_workforce__censuses:
-- the date is the file's ReferenceDate). DfE definitions (Children's social work
-- workforce methodology; each checked against DfE's published 2023 national figures):
-- - social workers: LA-employed children and family social workers in post (FTE; headcount
--   de-duplicated by person);
-- - agency rate = agency FTE / (agency FTE + social worker FTE); permanent share is the rest;
-- - vacancy rate = vacancy FTE / (vacancy FTE + social worker FTE);
-- - turnover rate = leavers' FTE in the year (the FTE each leaver's record returns; FTE30 is
--   blank for a leaver and not used) / social worker FTE at 30 September;
-- - absence rate = working days lost to sickness / (social worker FTE x working days in a year),
--   the var csww_working_days_per_year, 253, which reproduces DfE's 3.2% for 2023 (270,751 days
--   over 33,119.1 FTE);
-- - average caseload = cases held / FTE (FTE30) of the case holders, LA employees only.
-- Local variants: Rotherham's caseload on role-weighted FTE, caseloads per role, Doncaster's
-- counts of workers at or above 16, 20 and 25 cases and the highest caseload, Slough's children in
-- need per social worker (children in need at 30 September from the CIN census / social worker
-- FTE, where the CIN return for that date is loaded).
{%- set kpis = [
    {'id': 'wf_social_workers_fte', 'numerator': 'social_worker_fte', 'denominator': 'null'},
    {'id': 'wf_social_workers_headcount', 'numerator': 'social_worker_headcount', 'denominator': 'null'},
    {'id': 'wf_agency_workers_fte', 'numerator': 'agency_fte', 'denominator': 'null'},
    {'id': 'wf_agency_workers_headcount', 'numerator': 'agency_headcount', 'denominator': 'null'},
    {'id': 'wf_agency_rate_pct', 'numerator': 'agency_fte', 'denominator': 'agency_fte + social_worker_fte'},
    {'id': 'wf_permanent_staff_pct', 'numerator': 'social_worker_fte',
        'denominator': 'agency_fte + social_worker_fte'},
    {'id': 'wf_vacancies_fte', 'numerator': 'vacancies_fte', 'denominator': 'null', 'where': 'vacancies_fte is not null'},
    {'id': 'wf_vacancy_rate_pct', 'numerator': 'vacancies_fte', 'denominator': 'vacancies_fte + social_worker_fte',
        'where': 'vacancies_fte is not null'},
    {'id': 'wf_starters_fte', 'numerator': 'starters_fte', 'denominator': 'null'},
    {'id': 'wf_starters_headcount', 'numerator': 'starters_headcount', 'denominator': 'null'},
    {'id': 'wf_leavers_fte', 'numerator': 'leavers_fte', 'denominator': 'null'},
    {'id': 'wf_leavers_headcount', 'numerator': 'leavers_headcount', 'denominator': 'null'},
    {'id': 'wf_turnover_rate_pct', 'numerator': 'leavers_fte', 'denominator': 'social_worker_fte'},
    {'id': 'wf_turnover_rate_headcount_pct', 'numerator': 'leavers_headcount',
        'denominator': 'social_worker_headcount'},
    {'id': 'wf_sickness_days_lost', 'numerator': 'working_days_lost', 'denominator': 'null'},
    {'id': 'wf_absence_rate_pct', 'numerator': 'working_days_lost',
        'denominator': 'social_worker_fte * ' ~ var('csww_working_days_per_year', 253)},
    {'id': 'wf_in_role_2y_plus_pct', 'numerator': 'in_role_2_years_plus_headcount',
        'denominator': 'social_worker_headcount'},
    {'id': 'wf_newly_qualified_pct', 'numerator': 'newly_qualified_headcount', 'denominator': 'social_worker_headcount'},
    {'id': 'wf_case_holders_fte', 'numerator': 'case_holder_fte', 'denominator': 'null'},
    {'id': 'wf_cases_held_count', 'numerator': 'cases', 'denominator': 'null'},
    {'id': 'wf_caseload_avg_per_fte', 'numerator': 'cases', 'denominator': 'case_holder_fte'},
    {'id': 'wf_caseload_avg_per_weighted_fte', 'numerator': 'cases', 'denominator': 'weighted_case_holder_fte'},
    {'id': 'wf_caseload_avg_senior_practitioner', 'numerator': 'senior_practitioner_cases',
        'denominator': 'senior_practitioner_fte'},
    {'id': 'wf_caseload_avg_case_holder_role', 'numerator': 'case_holder_role_cases',
        'denominator': 'case_holder_role_fte'},
    {'id': 'wf_caseload_avg_newly_qualified', 'numerator': 'newly_qualified_cases',
        'denominator': 'newly_qualified_fte'},
    {'id': 'wf_caseload_max', 'numerator': 'max_cases', 'denominator': 'null'},
    {'id': 'wf_workers_16_plus_cases_count', 'numerator': 'workers_16_plus', 'denominator': 'null'},
    {'id': 'wf_workers_20_plus_cases_count', 'numerator': 'workers_20_plus', 'denominator': 'null'},
    {'id': 'wf_workers_25_plus_cases_count', 'numerator': 'workers_25_plus', 'denominator': 'null'},
    {'id': 'wf_cin_per_social_worker_fte', 'numerator': 'children_in_need', 'denominator': 'social_worker_fte',
        'where': 'children_in_need is not null'},
] %}
with

workers as not materialized (
    select * from {{ ref('int_workforce__workers') }}
),

social_workers_in_post as not materialized (
    select * from {{ ref('int_workforce__social_workers_in_post') }}
),

starters_and_leavers as not materialized (
    select * from {{ ref('int_workforce__starters_and_leavers') }}
),

caseloads as not materialized (
    select * from {{ ref('int_workforce__caseloads') }}
),

vacancies as not materialized (
    select * from {{ ref('int_workforce__vacancies') }}
),

children_in_need_at_date as not materialized (
    select * from {{ ref('int_safeguarding__children_in_need_at_date') }}
),

in_post_totals as (
    select
        la_code,
        collection_year,
        {{ exact_sum('fte') }} as social_worker_fte,
        count(*) as social_worker_headcount,
        count(case when is_in_role_2_years_plus then 1 end) as in_role_2_years_plus_headcount,
        count(case when is_newly_qualified then 1 end) as newly_qualified_headcount
    from social_workers_in_post
    group by la_code, collection_year
),

movement_totals as (
    select
        la_code,
        collection_year,
        {{ exact_sum("case when movement = 'starter' then fte end") }} as starters_fte,
        count(case when movement = 'starter' then 1 end) as starters_headcount,
        {{ exact_sum("case when movement = 'leaver' then fte end") }} as leavers_fte,
        count(case when movement = 'leaver' then 1 end) as leavers_headcount
    from starters_and_leavers
    group by la_code, collection_year
),

-- sickness over the year, by every LA employee on the return (leavers included)
absence_totals as (
    select
        la_code,
        collection_year,
        {{ exact_sum('working_days_lost') }} as working_days_lost
    from workers
    where not is_agency_worker
    group by la_code, collection_year
),

caseload_totals as (
    select
        la_code,
        collection_year,
        {{ exact_sum('caseload_fte') }} as case_holder_fte,
        sum(cases) as cases,
        {{ exact_sum('weighted_caseload_fte') }} as weighted_case_holder_fte,
        sum(case when is_senior_practitioner then cases end) as senior_practitioner_cases,
        {{ exact_sum('case when is_senior_practitioner then caseload_fte end') }} as senior_practitioner_fte,
        sum(case when org_role = '5' then cases end) as case_holder_role_cases,
        {{ exact_sum("case when org_role = '5' then caseload_fte end") }} as case_holder_role_fte,
        sum(case when is_newly_qualified then cases end) as newly_qualified_cases,
        {{ exact_sum('case when is_newly_qualified then caseload_fte end') }} as newly_qualified_fte,
        max(cases) as max_cases,
        count(case when has_16_or_more_cases then 1 end) as workers_16_plus,
        count(case when has_20_or_more_cases then 1 end) as workers_20_plus,
        count(case when has_25_or_more_cases then 1 end) as workers_25_plus
    from caseloads
    group by la_code, collection_year
),

children_in_need_at_reference_date as (
    select
        vacancies.la_code,
        vacancies.collection_year,
        count(children_in_need_at_date.child_id) as children_in_need
    from vacancies
    inner join children_in_need_at_date
        on
            vacancies.la_code = children_in_need_at_date.la_code
            and vacancies.reference_date = children_in_need_at_date.as_at_date
    group by vacancies.la_code, vacancies.collection_year
),

census_totals as (
    select
        vacancies.la_code,
        'year' as period_type,
        make_date(vacancies.collection_year - 1, 4, 1) as period_start,
        make_date(vacancies.collection_year, 3, 31) as period_end,
        coalesce(in_post_totals.social_worker_fte, 0) as social_worker_fte,
        coalesce(in_post_totals.social_worker_headcount, 0) as social_worker_headcount,
        coalesce(in_post_totals.in_role_2_years_plus_headcount, 0) as in_role_2_years_plus_headcount,
        coalesce(in_post_totals.newly_qualified_headcount, 0) as newly_qualified_headcount,
        vacancies.agency_fte_used as agency_fte,
        vacancies.agency_headcount_used as agency_headcount,
        vacancies.vacancies_fte,
        coalesce(movement_totals.starters_fte, 0) as starters_fte,
        coalesce(movement_totals.starters_headcount, 0) as starters_headcount,
        coalesce(movement_totals.leavers_fte, 0) as leavers_fte,
        coalesce(movement_totals.leavers_headcount, 0) as leavers_headcount,
        coalesce(absence_totals.working_days_lost, 0) as working_days_lost,
        coalesce(caseload_totals.case_holder_fte, 0) as case_holder_fte,
        coalesce(caseload_totals.cases, 0) as cases,
        caseload_totals.weighted_case_holder_fte,
        caseload_totals.senior_practitioner_cases,
        caseload_totals.senior_practitioner_fte,
        caseload_totals.case_holder_role_cases,
        caseload_totals.case_holder_role_fte,
        caseload_totals.newly_qualified_cases,
        caseload_totals.newly_qualified_fte,
        caseload_totals.max_cases,
        coalesce(caseload_totals.workers_16_plus, 0) as workers_16_plus,
        coalesce(caseload_totals.workers_20_plus, 0) as workers_20_plus,
        coalesce(caseload_totals.workers_25_plus, 0) as workers_25_plus,
        children_in_need_at_reference_date.children_in_need
    from vacancies
    left join in_post_totals
        on
            vacancies.la_code = in_post_totals.la_code
            and vacancies.collection_year = in_post_totals.collection_year
    left join movement_totals
        on
            vacancies.la_code = movement_totals.la_code
            and vacancies.collection_year = movement_totals.collection_year
    left join absence_totals
        on
            vacancies.la_code = absence_totals.la_code
            and vacancies.collection_year = absence_totals.collection_year
    left join caseload_totals
        on
            vacancies.la_code = caseload_totals.la_code
            and vacancies.collection_year = caseload_totals.collection_year
    left join children_in_need_at_reference_date
        on
            vacancies.la_code = children_in_need_at_reference_date.la_code
            and vacancies.collection_year = children_in_need_at_reference_date.collection_year
),

kpi_values as (
    {{ kpi_rows('census_totals', kpis) }}
)

select * from kpi_values
