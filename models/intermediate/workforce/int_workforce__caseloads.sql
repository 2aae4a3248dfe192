-- Case-holding social workers in post at 30 September, one row per worker record, with the cases
-- they held, the FTE the caseload is averaged over (FTE30) and Rotherham's role-weighted FTE
-- (int_workforce__workers). DfE's average caseload counts LA employees only; set the var
-- caseload_include_agency_workers to true to add agency case holders, as operational caseload
-- reports such as Doncaster's do.
with

workers as not materialized (
    select * from {{ ref('int_workforce__workers') }}
)

select
    worker_record_id,
    la_code,
    collection_year,
    reference_date,
    worker_person_key,
    is_agency_worker,
    org_role,
    org_role_name,
    is_senior_practitioner,
    is_newly_qualified,
    cases_at_30_sept as cases,
    caseload_fte,
    caseload_fte_weight,
    caseload_fte * caseload_fte_weight as weighted_caseload_fte,
    cases_at_30_sept >= 16 as has_16_or_more_cases,
    cases_at_30_sept >= 20 as has_20_or_more_cases,
    cases_at_30_sept >= 25 as has_25_or_more_cases
from workers
where
    is_case_holder
    {%- if not var('caseload_include_agency_workers', false) %}
        and not is_agency_worker
    {%- endif %}
