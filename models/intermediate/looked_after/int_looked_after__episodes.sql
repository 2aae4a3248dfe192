-- One truth per episode of care across overlapping annual returns. Each year's 903 holds every
-- episode open at any time in that year, so an episode open across 31 March appears in two or
-- more returns, open in the older one and (usually) closed in the newer. Where two returns
-- disagree about the same stretch of a child's time (the same episode, or a start date the LA has
-- since corrected), the newer return wins: an episode version is dropped when a version from a
-- newer return of the same LA overlaps it in time.
with

staged_episodes as not materialized (
    select * from {{ ref('stg_ssda903__episodes') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
),

-- An open episode (no DEC) is only known to have lasted to the end of the year its return covers.
episode_versions as (
    select
        staged_episodes.*,
        returns.return_end_date,
        coalesce(staged_episodes.episode_end_date, returns.return_end_date) as known_until_date,
        coalesce(staged_episodes.episode_end_date, returns.return_end_date + 1) as covered_until_exclusive
    from staged_episodes
    inner join returns
        on
            staged_episodes.la_code = returns.la_code
            and staged_episodes.collection_year = returns.collection_year
),

superseded_versions as (
    select distinct older.episode_key
    from episode_versions as older
    inner join episode_versions as newer
        on
            older.la_code = newer.la_code
            and older.child_id = newer.child_id
            and older.collection_year < newer.collection_year
            and (
                older.episode_start_date = newer.episode_start_date
                or (
                    older.episode_start_date < newer.covered_until_exclusive
                    and older.covered_until_exclusive > newer.episode_start_date
                )
            )
),

current_versions as (
    select episode_versions.*
    from episode_versions
    left join superseded_versions
        on episode_versions.episode_key = superseded_versions.episode_key
    where superseded_versions.episode_key is null
),

-- The Liquid Logic fault (Rotherham's scorecard, December 2019): a child's latest end date copied
-- into the earlier episodes of the period of care. An episode that ceased X1 (a new episode began
-- the same day) cannot end after the next one began: its end is repaired to the next start, and the
-- date the LA returned is kept.
episodes_with_next_start as (
    select
        *,
        lead(episode_start_date) over (partition by la_code, child_id order by episode_start_date)
            as next_episode_start_date
    from current_versions
),

-- The repair can be switched off (var repair_liquid_logic_end_dates) to measure what the fault
-- does to every KPI: `cscare repair-impact` builds both ways and compares.
repaired_episodes as (
    select
        *,
        coalesce(
            reason_episode_ceased = 'X1' and episode_end_date > next_episode_start_date, false
        ) and {{ 'true' if var('repair_liquid_logic_end_dates', true) else 'false' }} as is_end_date_repaired
    from episodes_with_next_start
)

select
    md5(concat_ws('|', la_code, child_id, episode_start_date)) as episode_key,
    md5(concat_ws('|', la_code, child_id)) as child_key,
    la_code,
    child_id,
    episode_start_date,
    case when is_end_date_repaired then next_episode_start_date else episode_end_date end as episode_end_date,
    episode_end_date as reported_episode_end_date,
    is_end_date_repaired,
    reason_new_episode,
    legal_status,
    category_of_need,
    placement_type,
    placement_provider,
    reason_episode_ceased,
    reason_placement_change,
    home_postcode,
    placement_postcode,
    ofsted_urn,
    -- V3/V4: an agreed series of short-term breaks. The DfE leaves these children out of the
    -- numbers looked after at 31 March, starting and ceasing, and most other measures.
    coalesce(legal_status in ('V3', 'V4'), false) as is_short_break,
    episode_end_date is null as is_open,
    case when is_end_date_repaired then next_episode_start_date else known_until_date end as known_until_date,
    collection_year as source_collection_year,
    episode_key as source_episode_key,
    source_file,
    source_line
from repaired_episodes
