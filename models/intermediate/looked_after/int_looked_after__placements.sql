-- Placements: a placement starts with the period of care (RNE 'S') and with every change of
-- placement the 903 records (RNE P change of placement and carer, T change of placement with the
-- same carer, B legal status and placement and carer, U legal status and placement with the same
-- carer). A change of legal status alone (RNE L) continues the placement. Consecutive placements
-- with the same carer (T, U) make a carer spell: the DfE's long-term stability measure and the
-- adoption scorecard's foster-carer adjustment (A10) both count from the start of the spell.
with

episodes as not materialized (
    select * from {{ ref('int_looked_after__episodes') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

episodes_in_periods as (
    {{ episodes_in_periods() }}
),

placement_boundaries as (
    select
        *,
        case
            when episode_start_date = period_start_date then 1
            when reason_new_episode in ('P', 'T', 'B', 'U') then 1
            else 0
        end as starts_placement
    from episodes_in_periods
),

episodes_numbered as (
    select
        *,
        sum(starts_placement) over (
            partition by period_of_care_key order by episode_start_date rows unbounded preceding
        ) as placement_number
    from placement_boundaries
),

placements as (
    select
        la_code,
        child_id,
        period_of_care_key,
        placement_number,
        min(episode_start_date) as placement_start_date,
        arg_max_null(episode_end_date, episode_start_date) as placement_end_date,
        arg_max_null(known_until_date, episode_start_date) as known_until_date,
        arg_min_null(reason_new_episode, episode_start_date) as reason_placement_started,
        arg_min_null(placement_type, episode_start_date) as placement_type,
        arg_min_null(placement_provider, episode_start_date) as placement_provider,
        arg_min_null(placement_postcode, episode_start_date) as placement_postcode,
        arg_min_null(home_postcode, episode_start_date) as home_postcode,
        arg_min_null(ofsted_urn, episode_start_date) as ofsted_urn,
        arg_max_null(reason_placement_change, episode_start_date) as reason_placement_change,
        -- Only the child's first episode in the loaded returns can hide an earlier start: one that
        -- is a change of legal status (L) continues a placement that began before the data does,
        -- and one that is a same-carer change (T, U) continues a carer spell that did.
        bool_or(is_first_episode_in_data and coalesce(reason_new_episode, '') not in ('S', 'P', 'T', 'B', 'U'))
            as is_start_censored,
        bool_or(is_first_episode_in_data and coalesce(reason_new_episode, '') not in ('S', 'P', 'B'))
            as is_carer_spell_start_censored,
        bool_and(is_short_break) as is_short_break,
        count(*) as episode_count
    from episodes_numbered
    group by la_code, child_id, period_of_care_key, placement_number
),

placements_with_carer as (
    select
        *,
        coalesce(placement_number > 1 and reason_placement_started in ('T', 'U'), false) as is_same_carer_as_previous,
        lag(placement_start_date)
            over (partition by period_of_care_key order by placement_number)
            as previous_placement_start_date
    from placements
),

carer_spells as (
    select
        *,
        sum(case when is_same_carer_as_previous then 0 else 1 end) over (
            partition by period_of_care_key order by placement_number rows unbounded preceding
        ) as carer_spell_number
    from placements_with_carer
)

select
    md5(concat_ws('|', la_code, child_id, placement_start_date)) as placement_key,
    md5(concat_ws('|', la_code, child_id)) as child_key,
    period_of_care_key,
    la_code,
    child_id,
    placement_number,
    placement_start_date,
    placement_end_date,
    known_until_date,
    placement_end_date is null as is_open,
    not is_start_censored as is_start_observed,
    reason_placement_started,
    reason_placement_change,
    placement_type,
    placement_provider,
    placement_postcode,
    home_postcode,
    ofsted_urn,
    is_same_carer_as_previous,
    previous_placement_start_date,
    carer_spell_number,
    min(placement_start_date) over (partition by period_of_care_key, carer_spell_number) as carer_spell_start_date,
    not bool_or(is_carer_spell_start_censored) over (partition by period_of_care_key, carer_spell_number)
        as is_carer_spell_start_observed,
    coalesce(placement_type in ('A3', 'A4', 'A5', 'A6'), false) as is_placed_for_adoption,
    coalesce(placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6'), false) as is_foster_placement,
    coalesce(placement_type in ('U1', 'U2', 'U3'), false) as is_family_and_friends_foster_placement,
    coalesce(placement_type = 'P1', false) as is_placed_with_parents,
    coalesce(placement_type like 'T%', false) as is_temporary_placement,
    is_short_break,
    episode_count
from carer_spells
