-- One row per child protection review, with the date it was due. Working Together to Safeguard
-- Children: the first review conference within 3 months of the initial conference (the plan
-- start), later ones at intervals of no more than 6 months; the old NI 67 and the CIN census
-- COLLECT report "CPPs reviewed within timescales" measure the same. Each return lists the
-- reviews held in its year, so reviews are gathered from every return.
with

cp_reviews as not materialized (
    select * from {{ ref('stg_cin_census__cp_reviews') }}
),

cp_plans as not materialized (
    select * from {{ ref('int_safeguarding__cp_plans') }}
),

distinct_reviews as (
    select distinct
        la_code,
        child_id,
        cp_plan_start_date,
        cp_review_date
    from cp_reviews
    where cp_plan_start_date is not null and cp_review_date is not null
),

reviews_in_order as (
    select
        distinct_reviews.*,
        cp_plans.cp_plan_id,
        cp_plans.cp_plan_end_date,
        row_number() over (
            partition by distinct_reviews.la_code, distinct_reviews.child_id, distinct_reviews.cp_plan_start_date
            order by distinct_reviews.cp_review_date
        ) as review_number,
        lag(distinct_reviews.cp_review_date) over (
            partition by distinct_reviews.la_code, distinct_reviews.child_id, distinct_reviews.cp_plan_start_date
            order by distinct_reviews.cp_review_date
        ) as previous_review_date
    from distinct_reviews
    inner join cp_plans
        on
            distinct_reviews.la_code = cp_plans.la_code
            and distinct_reviews.child_id = cp_plans.child_id
            and distinct_reviews.cp_plan_start_date = cp_plans.cp_plan_start_date
),

reviews_with_due_dates as (
    select
        *,
        case
            when previous_review_date is null then cast(cp_plan_start_date + to_months(3) as date)
            else cast(previous_review_date + to_months(6) as date)
        end as review_due_date
    from reviews_in_order
)

select
    md5(concat_ws('|', cp_plan_id, cp_review_date)) as cp_review_id,
    cp_plan_id,
    la_code,
    child_id,
    cp_plan_start_date,
    cp_plan_end_date,
    cp_review_date,
    review_number,
    previous_review_date,
    review_due_date,
    cp_review_date <= review_due_date as is_on_time
from reviews_with_due_dates
