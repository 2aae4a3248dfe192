-- Legal-status spells: consecutive episodes of a period of care under the same legal status. A
-- spell starts with the period and wherever the legal status changes (RNE L, B or U); a change of
-- placement alone (P, T) continues it. The adoption journey takes the placement order date from
-- the start of the first E1 (placement order) or D1 (freeing order) spell.
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

spell_boundaries as (
    select
        *,
        case
            when episode_start_date = period_start_date then 1
            when
                coalesce(legal_status, '')
                <> coalesce(lag(legal_status) over (partition by period_of_care_key order by episode_start_date), '')
                then 1
            else 0
        end as starts_spell
    from episodes_in_periods
),

episodes_numbered as (
    select
        *,
        sum(starts_spell) over (
            partition by period_of_care_key order by episode_start_date rows unbounded preceding
        ) as spell_number
    from spell_boundaries
)

select
    md5(concat_ws('|', la_code, child_id, min(episode_start_date))) as legal_status_spell_key,
    md5(concat_ws('|', la_code, child_id)) as child_key,
    period_of_care_key,
    la_code,
    child_id,
    spell_number,
    arg_min_null(legal_status, episode_start_date) as legal_status,
    min(episode_start_date) as spell_start_date,
    arg_max_null(episode_end_date, episode_start_date) as spell_end_date,
    arg_max_null(known_until_date, episode_start_date) as known_until_date,
    arg_max_null(episode_end_date, episode_start_date) is null as is_open,
    -- The child's first episode in the loaded returns hides an earlier start unless it starts care
    -- or changes the legal status itself.
    not bool_or(is_first_episode_in_data and coalesce(reason_new_episode, '') not in ('S', 'L', 'B', 'U'))
        as is_start_observed,
    bool_and(is_short_break) as is_short_break,
    count(*) as episode_count
from episodes_numbered
group by la_code, child_id, period_of_care_key, spell_number
