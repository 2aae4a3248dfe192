{#- Every staged 903 episode with its neighbours in the child's sequence, the child's date of
    birth and sex from the header, and the period of care it belongs to. The 903 rules compare
    an episode with the one before or after it so often that the sequence is worked out once. -#}
with

episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

header as not materialized (
    select * from {{ ref('stg_ssda903__header') }}
),

-- An episode ends its period of care unless it ended X1 (the period continues into the next
-- episode); one without a start date ends it too.
episodes_marked as (
    select
        *,
        episode_start_date is null or coalesce(reason_episode_ceased, '') <> 'X1' as ends_period
    from episodes
),

sequenced as (
    select
        episodes.*,
        header.date_of_birth,
        header.sex,
        {{ dq_year_start('episodes.collection_year') }} as year_start,
        {{ dq_year_end('episodes.collection_year') }} as year_end,
        row_number() over child_episodes as episode_seq,
        count(*) over (child_episodes rows between unbounded preceding and unbounded following)
            as episodes_in_year,
        -- A period of care starts at the first episode of the year or after one that ends a period:
        -- its number counts the episodes before this one that end a period, worked out in the same
        -- pass over the child's episodes as the rest.
        1 + coalesce(
            count_if(episodes.ends_period) over (child_episodes rows between unbounded preceding and 1 preceding),
            0
        ) as period_seq,
        -- this episode ends its period, or no episode follows
        episodes.ends_period or lead(1) over child_episodes is null as is_last_in_period,
        lag(episodes.episode_start_date) over child_episodes as prev_start_date,
        lag(episodes.episode_end_date) over child_episodes as prev_end_date,
        lag(episodes.reason_episode_ceased) over child_episodes as prev_reason_ceased,
        lag(episodes.legal_status) over child_episodes as prev_legal_status,
        lag(episodes.placement_type) over child_episodes as prev_placement_type,
        lag(episodes.placement_provider) over child_episodes as prev_placement_provider,
        lag(episodes.placement_postcode) over child_episodes as prev_placement_postcode,
        lag(episodes.ofsted_urn) over child_episodes as prev_ofsted_urn,
        lag(episodes.category_of_need) over child_episodes as prev_category_of_need,
        lead(episodes.episode_start_date) over child_episodes as next_start_date,
        lead(episodes.episode_end_date) over child_episodes as next_end_date,
        lead(episodes.reason_new_episode) over child_episodes as next_reason_new_episode,
        lead(episodes.placement_type) over child_episodes as next_placement_type,
        lead(episodes.legal_status) over child_episodes as next_legal_status
    from episodes_marked as episodes
    left join header
        on
            episodes.la_code = header.la_code
            and episodes.collection_year = header.collection_year
            and episodes.child_id = header.child_id
    window child_episodes as (
        partition by episodes.la_code, episodes.collection_year, episodes.child_id
        order by episodes.episode_start_date, episodes.episode_end_date nulls last, episodes.source_line
    )
)

select
    episode_key,
    la_code,
    collection_year,
    child_id,
    episode_start_date,
    reason_new_episode,
    legal_status,
    category_of_need,
    placement_type,
    placement_provider,
    episode_end_date,
    reason_episode_ceased,
    reason_placement_change,
    home_postcode,
    placement_postcode,
    ofsted_urn,
    source_file,
    source_line,
    date_of_birth,
    sex,
    year_start,
    year_end,
    episode_seq,
    episodes_in_year,
    prev_start_date,
    prev_end_date,
    prev_reason_ceased,
    prev_legal_status,
    prev_placement_type,
    prev_placement_provider,
    prev_placement_postcode,
    prev_ofsted_urn,
    prev_category_of_need,
    next_start_date,
    next_end_date,
    next_reason_new_episode,
    next_placement_type,
    next_legal_status,
    period_seq,
    min(episode_start_date) over (partition by la_code, collection_year, child_id, period_seq) as period_start_date,
    is_last_in_period,
    episode_seq = episodes_in_year as is_last_in_year
from sequenced
