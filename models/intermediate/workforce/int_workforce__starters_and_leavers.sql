-- LA-employed social workers who started or left in the census year (1 October to 30 September),
-- one row per person and movement. DfE de-duplicates starters by person and start date and leavers
-- by person and leaving date, so a worker who left and came back in the same year is both a leaver
-- and a starter, and a person leaving two posts on one day is one leaver. FTE adds the posts.
with

workers as not materialized (
    select * from {{ ref('int_workforce__workers') }}
),

movements as (
    select
        la_code,
        collection_year,
        worker_person_key,
        'starter' as movement,
        role_start_date as movement_date,
        fte
    from workers
    where is_starter and not is_agency_worker

    union all

    select
        la_code,
        collection_year,
        worker_person_key,
        'leaver' as movement,
        role_end_date as movement_date,
        fte
    from workers
    where is_leaver and not is_agency_worker
)

select
    md5(concat_ws('|', la_code, collection_year, movement, worker_person_key, movement_date)) as movement_id,
    la_code,
    collection_year,
    worker_person_key,
    movement,
    movement_date,
    count(*) as posts_count,
    {{ exact_sum('fte') }} as fte
from movements
group by la_code, collection_year, worker_person_key, movement, movement_date
