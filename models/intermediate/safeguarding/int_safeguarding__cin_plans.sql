-- One row per child in need plan (CIN census from 2021-22) across the annual returns; the latest
-- return's end date wins. Child protection plans and care plans are not CIN plans.
with

cin_plans as not materialized (
    select * from {{ ref('stg_cin_census__cin_plans') }}
),

latest_plan_version as (
    select *
    from cin_plans
    where cin_plan_start_date is not null
    qualify row_number() over (
        partition by la_code, child_id, cin_plan_start_date
        order by collection_year desc, source_line asc
    ) = 1
)

select
    md5(concat_ws('|', la_code, child_id, cin_plan_start_date)) as cin_plan_id,
    md5(concat_ws('|', la_code, child_id, referral_date)) as cin_episode_id,
    la_code,
    child_id,
    referral_date,
    cin_plan_start_date,
    cin_plan_end_date,
    date_diff('day', cin_plan_start_date, cin_plan_end_date) as plan_length_days,
    collection_year as source_collection_year
from latest_plan_version
