-- One row per child per LA across all the annual CIN census returns loaded. A child open at
-- 1 April appears in two consecutive returns; the latest return is taken as the truth for the
-- child's characteristics (LAs correct dates of birth and ethnicity between returns).
with

cin_children as not materialized (
    select * from {{ ref('stg_cin_census__children') }}
),

child_returns as (
    select
        la_code,
        child_id,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year,
        count(distinct collection_year) as returns_count
    from cin_children
    group by la_code, child_id
),

latest_child_record as (
    select *
    from cin_children
    qualify row_number() over (
        partition by la_code, child_id
        order by collection_year desc, source_line asc
    ) = 1
)

select
    md5(concat_ws('|', latest_child_record.la_code, latest_child_record.child_id)) as child_key,
    latest_child_record.la_code,
    latest_child_record.child_id,
    latest_child_record.upn,
    latest_child_record.date_of_birth,
    latest_child_record.expected_date_of_birth,
    latest_child_record.gender,
    latest_child_record.ethnicity,
    latest_child_record.date_of_death,
    child_returns.first_collection_year,
    child_returns.last_collection_year,
    child_returns.returns_count
from latest_child_record
inner join child_returns
    on
        latest_child_record.la_code = child_returns.la_code
        and latest_child_record.child_id = child_returns.child_id
