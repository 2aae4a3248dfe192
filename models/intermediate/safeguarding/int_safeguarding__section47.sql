-- One row per section 47 enquiry across the annual returns (latest return wins), with the
-- initial child protection conference (ICPC) it led to. Timeliness follows DfE: "ICPCs held within
-- 15 working days of the start of the section 47 enquiry which led to the conference", counted
-- with the start day not included (macros/working_days.sql), which is how the census's own
-- InitialCPCtarget (S47 start + 15 working days) is set. An ICPC led to a plan when the child has
-- a child protection plan starting on the conference date: the plan starts at the ICPC.
with

section47 as not materialized (
    select * from {{ ref('stg_cin_census__section47') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

latest_enquiry_version as (
    select *
    from section47
    where s47_start_date is not null
    qualify row_number() over (
        partition by la_code, child_id, s47_start_date
        order by collection_year desc, source_line asc
    ) = 1
),

enquiries_with_icpc_timing as (
    select
        *,
        {{ working_days_between('s47_start_date', 'icpc_date') }} as working_days_to_icpc
    from latest_enquiry_version
),

plan_start_dates as (
    select distinct
        la_code,
        child_id,
        cp_plan_start_date
    from cp_plans
)

select
    md5(concat_ws(
        '|', enquiries_with_icpc_timing.la_code, enquiries_with_icpc_timing.child_id,
        enquiries_with_icpc_timing.s47_start_date
    )) as s47_id,
    md5(concat_ws(
        '|', enquiries_with_icpc_timing.la_code, enquiries_with_icpc_timing.child_id,
        enquiries_with_icpc_timing.referral_date
    )) as cin_episode_id,
    enquiries_with_icpc_timing.la_code,
    enquiries_with_icpc_timing.child_id,
    enquiries_with_icpc_timing.referral_date,
    enquiries_with_icpc_timing.s47_start_date,
    enquiries_with_icpc_timing.icpc_target_date,
    enquiries_with_icpc_timing.icpc_date,
    coalesce(enquiries_with_icpc_timing.is_icpc_not_required, false) as is_icpc_not_required,
    enquiries_with_icpc_timing.icpc_date is not null as led_to_icpc,
    enquiries_with_icpc_timing.working_days_to_icpc,
    enquiries_with_icpc_timing.working_days_to_icpc between 0 and 15 as is_icpc_within_15_working_days,
    case
        when enquiries_with_icpc_timing.icpc_date is not null then plan_start_dates.cp_plan_start_date is not null
    end as icpc_led_to_cp_plan,
    enquiries_with_icpc_timing.collection_year as source_collection_year
from enquiries_with_icpc_timing
left join plan_start_dates
    on
        enquiries_with_icpc_timing.la_code = plan_start_dates.la_code
        and enquiries_with_icpc_timing.child_id = plan_start_dates.child_id
        and enquiries_with_icpc_timing.icpc_date = plan_start_dates.cp_plan_start_date
