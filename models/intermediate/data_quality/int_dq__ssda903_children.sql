{#- One row per child per LA and collection year in the 903: the header facts and what the
    year's episodes say about the child (in care at 31 March, ceased care, looked after
    continuously for 12 months). Several DfE rules apply only to one of these cohorts. -#}
with

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

episodes as not materialized (
    select * from {{ ref('int_dq__ssda903_episodes') }}
),

children as (
    select
        la_code,
        collection_year,
        child_id
    from header
    union
    select
        la_code,
        collection_year,
        child_id
    from episodes
),

-- The date of birth from the header, else from the child's other 903 rows this year, else from
-- last year's header: a child missing from the header still has a known date of birth.
other_dobs as (
    {%- for table in ['reviews', 'missing', 'oc2', 'oc3', 'ad1', 'placed_for_adoption', 'prev_perm', 'uasc'] %}
        select
            la_code,
            collection_year,
            child_id,
            date_of_birth
        from {{ ref('stg_ssda903__' ~ table) }}
        where date_of_birth is not null
        union all
    {%- endfor %}
    select
        la_code,
        collection_year + 1 as collection_year,
        child_id,
        date_of_birth
    from header
    where date_of_birth is not null
),

known_dobs as (
    select
        la_code,
        collection_year,
        child_id,
        mode(date_of_birth) as date_of_birth
    from other_dobs
    group by la_code, collection_year, child_id
),

episode_facts as (
    select
        la_code,
        collection_year,
        child_id,
        count(*) as episode_count,
        min(episode_start_date) as first_episode_start,
        max(episode_start_date) as last_episode_start,
        bool_or(episode_end_date is null) as has_open_episode,
        -- DfE definition of 'looked after continuously for 12 months at 31 March' (used by the
        -- OC2 rules): in care during the year and no episode that starts a period of care after
        -- 1 April, ends one before 31 March, or is a short break (V3/V4).
        bool_or(
            episode_start_date <= year_end and (episode_end_date is null or episode_end_date >= year_start)
        ) as in_care_during_year,
        bool_or(
            coalesce(
                reason_new_episode = 'S' and episode_start_date > year_start and episode_start_date <= year_end, false
            )
            or coalesce(
                coalesce(reason_episode_ceased, '') <> 'X1'
                and episode_end_date >= year_start and episode_end_date < year_end, false
            )
            or coalesce(
                legal_status in ('V3', 'V4')
                and episode_start_date <= year_end
                and (episode_end_date is null or episode_end_date >= year_start), false
            )
        ) as has_break_in_year,
        bool_or(
            episode_end_date between year_start and year_end and coalesce(reason_episode_ceased, 'X1') <> 'X1'
        ) as ceased_care_in_year,
        bool_and(legal_status in ('V3', 'V4')) as is_short_breaks_only,
        -- arg_max_null, not max_by: the latest episode's values are wanted even when null (open episode)
        arg_max_null(reason_episode_ceased, episode_seq) as last_reason_ceased,
        arg_max_null(episode_end_date, episode_seq) as last_episode_end,
        arg_max_null(legal_status, episode_seq) as last_legal_status,
        arg_max_null(placement_type, episode_seq) as last_placement_type
    from episodes
    group by la_code, collection_year, child_id
)

select
    children.la_code,
    children.collection_year,
    children.child_id,
    header.date_of_birth,
    coalesce(header.date_of_birth, known_dobs.date_of_birth) as known_date_of_birth,
    header.sex,
    header.ethnicity,
    header.upn,
    header.is_mother,
    header.mother_child_dob,
    header.source_file as header_source_file,
    header.source_line as header_source_line,
    header.child_id is not null as is_in_header,
    coalesce(episode_facts.episode_count, 0) as episode_count,
    episode_facts.first_episode_start,
    episode_facts.last_episode_start,
    episode_facts.last_episode_end,
    episode_facts.last_reason_ceased,
    episode_facts.last_legal_status,
    episode_facts.last_placement_type,
    coalesce(episode_facts.has_open_episode, false) as is_looked_after_at_year_end,
    coalesce(episode_facts.ceased_care_in_year, false) as ceased_care_in_year,
    coalesce(episode_facts.is_short_breaks_only, false) as is_short_breaks_only,
    coalesce(episode_facts.in_care_during_year and not episode_facts.has_break_in_year, false)
        as is_continuously_looked_after,
    {{ dq_year_start('children.collection_year') }} as year_start,
    {{ dq_year_end('children.collection_year') }} as year_end,
    {{ age_on('header.date_of_birth', dq_year_start('children.collection_year')) }} as age_at_year_start,
    {{ age_on('header.date_of_birth', dq_year_end('children.collection_year')) }} as age_at_year_end
from children
left join header
    on
        children.la_code = header.la_code
        and children.collection_year = header.collection_year
        and children.child_id = header.child_id
left join known_dobs
    on
        children.la_code = known_dobs.la_code
        and children.collection_year = known_dobs.collection_year
        and children.child_id = known_dobs.child_id
left join episode_facts
    on
        children.la_code = episode_facts.la_code
        and children.collection_year = episode_facts.collection_year
        and children.child_id = episode_facts.child_id
