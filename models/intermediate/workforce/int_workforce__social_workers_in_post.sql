-- Children and family social workers employed by the LA (agency workers excluded) in post at the
-- 30 September reference date, one row per person: DfE's headcount counts a person holding two
-- posts once, keeping the more senior role (the lower OrgRole code), while FTE adds every post.
with

workers as not materialized (
    select * from {{ ref('int_workforce__workers') }}
),

employees_in_post as (
    select * from workers
    where is_in_post and not is_agency_worker
)

select
    md5(concat_ws('|', la_code, collection_year, worker_person_key)) as social_worker_in_post_id,
    la_code,
    collection_year,
    reference_date,
    worker_person_key,
    count(*) as posts_count,
    {{ exact_sum('fte') }} as fte,
    min(org_role) as most_senior_org_role,
    min(role_start_date) as earliest_role_start_date,
    bool_or(is_in_role_2_years_plus) as is_in_role_2_years_plus,
    bool_or(is_newly_qualified) as is_newly_qualified,
    bool_or(is_case_holder) as is_case_holder,
    bool_or(coalesce(is_absent_at_30_sept, false)) as is_absent_at_30_sept
from employees_in_post
group by la_code, collection_year, reference_date, worker_person_key
