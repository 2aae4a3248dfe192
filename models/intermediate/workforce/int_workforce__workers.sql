-- One row per worker record in the children's social work workforce census (CSWW), dated. The
-- census date is the file's own ReferenceDate (int_workforce__censuses: 30 September; the folder
-- only places the file) and the census year is the 12 months to it (1 October to 30 September);
-- collection_year is the year ending 31 March that contains the census date, as everywhere else
-- (the census of 30 September 2023, DfE "reporting year 2023", belongs to 2023-24). Records of a
-- file that int_workforce__censuses does not use (a second census for the LA and year) are left
-- out here and reported in audit_load_issues. DfE methodology definitions:
-- - in post at the reference date: started on or before it (agency records may carry no start
--   date) and not left on or before it, so a worker whose role ended on 30 September is a leaver;
-- - starters and leavers: role start / end date within the census year;
-- - headcount removes duplicate posts of one person by LA, Social Work England number, date of
--   birth, gender and ethnicity (worker_person_key); FTE is never de-duplicated;
-- - FTE is the contracted FTE as returned (a leaver's FTE is their FTE when they left; FTE30 is
--   blank for a leaver); FTE30 and Cases30 are the case holder's FTE and cases at 30 September,
--   which the average caseload divides (cases / case-holder FTE).
-- Rotherham weights caseload FTE by role (advanced practitioners at 0.4, newly qualified social
-- workers at 0.6 of their FTE): the weights are the vars caseload_weight_senior_practitioner and
-- caseload_weight_newly_qualified. The census has no "advanced practitioner" role: its nearest is
-- OrgRole 4, senior practitioner. Newly qualified = in the assessed and supported year in
-- employment (CFKSSstatus 1, ASYE), the only marker of qualification the census carries.
with

workers as not materialized (
    select * from {{ ref('stg_csww__workers') }}
),

censuses as (
    select * from {{ ref('int_workforce__censuses') }}
    where is_used
),

workers_dated as (
    select
        workers.* exclude (collection_year),  -- noqa: RF02
        censuses.collection_year,
        censuses.reference_date,
        censuses.census_year_start
    from workers
    inner join censuses
        on workers.source_file = censuses.source_file
),

workers_classified as (
    select
        *,
        (role_start_date is null or role_start_date <= reference_date)
        and (role_end_date is null or role_end_date > reference_date) as is_in_post,
        coalesce(role_start_date between census_year_start and reference_date, false) as is_starter,
        coalesce(role_end_date between census_year_start and reference_date, false) as is_leaver,
        coalesce(org_role = '4', false) as is_senior_practitioner,
        coalesce(cfkss_status = '1', false) as is_newly_qualified
    from workers_dated
)

select
    worker_key as worker_record_id,
    la_code,
    collection_year,
    reference_date,
    census_year_start,
    md5(concat_ws('|', la_code, upper(trim(swe_number)), date_of_birth, gender, ethnicity)) as worker_person_key,
    swe_number,
    coalesce(is_agency_worker, false) as is_agency_worker,
    org_role,
    case org_role
        when '1' then 'senior_manager'
        when '2' then 'middle_manager'
        when '3' then 'first_line_manager'
        when '4' then 'senior_practitioner'
        when '5' then 'case_holder'
        when '6' then 'qualified_without_cases'
        else 'not_recorded'
    end as org_role_name,
    role_start_date,
    role_end_date,
    start_origin,
    reason_leave,
    is_in_post,
    is_starter,
    is_leaver,
    fte,
    fte_at_30_sept,
    cases_at_30_sept,
    is_in_post and coalesce(cases_at_30_sept, 0) > 0 as is_case_holder,
    -- the FTE a caseload is averaged over: the case holder's FTE at 30 September
    case when is_in_post and coalesce(cases_at_30_sept, 0) > 0 then coalesce(fte_at_30_sept, fte) end
        as caseload_fte,
    cast(case
        when is_senior_practitioner and is_newly_qualified
            then least(
                {{ var('caseload_weight_senior_practitioner', 0.4) }},
                {{ var('caseload_weight_newly_qualified', 0.6) }}
            )
        when is_senior_practitioner then {{ var('caseload_weight_senior_practitioner', 0.4) }}
        when is_newly_qualified then {{ var('caseload_weight_newly_qualified', 0.6) }}
        else 1.0
    end as double) as caseload_fte_weight,
    is_senior_practitioner,
    is_newly_qualified,
    coalesce(role_start_date <= cast(reference_date - to_years(2) as date), false) as is_in_role_2_years_plus,
    working_days_lost,
    is_absent_at_30_sept,
    reason_absence,
    cfkss_status
from workers_classified
