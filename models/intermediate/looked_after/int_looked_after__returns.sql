-- One row per SSDA903 return loaded (LA and collection year), with the dates it covers and the
-- first date of the unbroken run of returns it belongs to: a measure that looks back (12 months of
-- placements, 2.5 years in care) is only published where the loaded returns reach back that far.
with

headers as (
    select
        la_code,
        collection_year
    from {{ ref('stg_ssda903__header') }}
),

episodes as (
    select
        la_code,
        collection_year
    from {{ ref('stg_ssda903__episodes') }}
),

returns_loaded as (
    select
        la_code,
        collection_year
    from headers
    union
    select
        la_code,
        collection_year
    from episodes
),

runs_of_consecutive_years as (
    select
        la_code,
        collection_year,
        collection_year - row_number() over (partition by la_code order by collection_year) as run_id
    from returns_loaded
)

select
    la_code,
    collection_year,
    make_date(collection_year - 1, 4, 1) as return_start_date,
    make_date(collection_year, 3, 31) as return_end_date,
    make_date(min(collection_year) over (partition by la_code, run_id) - 1, 4, 1) as data_from_date,
    collection_year = max(collection_year) over (partition by la_code) as is_latest_return
from runs_of_consecutive_years
