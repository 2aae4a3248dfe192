-- One row per child an LA has reported in any 903 return. Each year's header repeats every child
-- looked after that year, so a child appears in several returns; the newest return wins (it holds
-- the LA's latest corrections, e.g. to a date of birth).
with

headers as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

uasc_records as not materialized (
    select * from {{ ref('stg_ssda903__uasc') }}
),

latest_header as (
    select
        la_code,
        child_id,
        sex,
        date_of_birth,
        ethnicity,
        upn,
        collection_year
    from headers
    qualify row_number() over (partition by la_code, child_id order by collection_year desc) = 1
),

returns_per_child as (
    select
        la_code,
        child_id,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year,
        count(*) as returns_reported_in
    from headers
    group by la_code, child_id
),

-- The UASC table names the children who were ever unaccompanied asylum-seeking and the date that
-- status ceased (usually the 18th birthday); the newest return's date wins.
latest_uasc as (
    select
        la_code,
        child_id,
        date_uasc_ceased
    from uasc_records
    qualify row_number() over (partition by la_code, child_id order by collection_year desc) = 1
)

select
    md5(concat_ws('|', latest_header.la_code, latest_header.child_id)) as child_key,
    latest_header.la_code,
    latest_header.child_id,
    latest_header.sex,
    latest_header.date_of_birth,
    latest_header.ethnicity,
    latest_header.upn,
    latest_uasc.child_id is not null as is_ever_uasc,
    latest_uasc.date_uasc_ceased,
    returns_per_child.first_collection_year,
    returns_per_child.last_collection_year,
    returns_per_child.returns_reported_in
from latest_header
inner join returns_per_child
    on
        latest_header.la_code = returns_per_child.la_code
        and latest_header.child_id = returns_per_child.child_id
left join latest_uasc
    on
        latest_header.la_code = latest_uasc.la_code
        and latest_header.child_id = latest_uasc.child_id
