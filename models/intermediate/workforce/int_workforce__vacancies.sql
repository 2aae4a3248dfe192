-- The LA-level part of the workforce census, one row per LA and census used
-- (int_workforce__censuses, dated by the file's ReferenceDate): FTE vacancies and the
-- agency workers covering children and family social work at 30 September (NumberOfVacancies,
-- NoAgencyFTE, NoAgencyHeadcount), beside the agency FTE and headcount the individual agency
-- worker records add up to. DfE's agency rate uses the LA-level figures; the record totals are
-- the fallback when an LA leaves them blank.
with

censuses as (
    select * from {{ ref('int_workforce__censuses') }}
    where is_used
),

-- the LA-level figures of the census files used, in the year their census date falls in
vacancies as (
    select
        stg_vacancies.* exclude (collection_year),  -- noqa: RF02
        censuses.collection_year
    from {{ ref('stg_csww__vacancies') }} as stg_vacancies
    inner join censuses
        on stg_vacancies.source_file = censuses.source_file
),

workers as not materialized (
    select * from {{ ref('int_workforce__workers') }}
),

la_level as (
    select
        la_code,
        collection_year,
        {{ exact_sum('vacancies_fte') }} as vacancies_fte,
        {{ exact_sum('agency_fte') }} as agency_fte,
        cast(sum(agency_headcount) as bigint) as agency_headcount,
        count(*) as la_level_rows
    from vacancies
    group by la_code, collection_year
),

agency_records as (
    select
        la_code,
        collection_year,
        {{ exact_sum('fte') }} as agency_fte_from_records,
        count(*) as agency_headcount_from_records
    from workers
    where is_agency_worker and is_in_post
    group by la_code, collection_year
),

census_years as (
    select
        la_code,
        collection_year,
        reference_date
    from censuses
)

select
    md5(concat_ws('|', census_years.la_code, census_years.collection_year)) as la_census_id,
    census_years.la_code,
    census_years.collection_year,
    census_years.reference_date,
    la_level.vacancies_fte,
    la_level.agency_fte,
    la_level.agency_headcount,
    agency_records.agency_fte_from_records,
    agency_records.agency_headcount_from_records,
    coalesce(la_level.agency_fte, agency_records.agency_fte_from_records, 0) as agency_fte_used,
    coalesce(la_level.agency_headcount, agency_records.agency_headcount_from_records, 0) as agency_headcount_used,
    coalesce(la_level.la_level_rows, 0) as la_level_rows
from census_years
left join la_level
    on
        census_years.la_code = la_level.la_code
        and census_years.collection_year = la_level.collection_year
left join agency_records
    on
        census_years.la_code = agency_records.la_code
        and census_years.collection_year = agency_records.collection_year
