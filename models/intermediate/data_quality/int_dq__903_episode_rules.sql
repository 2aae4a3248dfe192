{#- DfE SSDA903 validation rules on the episodes table, one CTE per rule (named rule_<code>),
    then their union. `t` is a row of int_dq__ssda903_episodes: a staged episode with its neighbours. -#}
with

rule_142 as (
    -- Every episode but the child's latest must have ended, with a reason.
    select distinct
        {{ dq_columns('142', 'episodes', {
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
            'REC': 't.reason_episode_ceased',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where not t.is_last_in_year and (t.episode_end_date is null or t.reason_episode_ceased is null)
),

rule_148 as (
    select distinct
        {{ dq_columns('148', 'episodes', {'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where (t.episode_end_date is null) <> (t.reason_episode_ceased is null)
),

rule_164 as (
    -- Both postcodes are given but no valid distance follows from them (one is not a real postcode).
    select distinct
        {{ dq_columns('164', 'episodes', {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where
        coalesce(t.legal_status, '') not in ('V3', 'V4')
        and t.home_postcode is not null
        and t.placement_postcode is not null
        and t.placement_distance_miles is null and not exists (
            select 1 from {{ ref('stg_ssda903__uasc') }} as u
            where
                u.la_code = t.la_code and u.child_id = t.child_id
                and u.collection_year in (t.collection_year, t.collection_year - 1)
        )
),

rule_169 as (
    select distinct
        {{ dq_columns('169', 'episodes', {'LS': 't.legal_status', 'PL_POST': 't.placement_postcode'}) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where coalesce(t.legal_status, '') not in ('V3', 'V4') and t.placement_la_gss_code is null
),

rule_199 as (
    -- A child adopted from care (E11/E12) does not come back into care (this year and last year's
    -- returns; any earlier return loaded for the LA counts too).
    select distinct
        {{ dq_columns('199', 'episodes', {'DECOM': 't.episode_start_date', 'REC': 't.reason_episode_ceased'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as a
        where
            a.la_code = t.la_code and a.child_id = t.child_id and a.collection_year <= t.collection_year
            and a.reason_episode_ceased in ('E11', 'E12') and a.episode_start_date < t.episode_start_date
            and not (a.collection_year < t.collection_year and a.episode_start_date = t.episode_start_date)
    )
),

rule_213 as (
    select distinct
        {{ dq_columns('213', 'episodes', {'PLACE': 't.placement_type', 'PLACE_PROVIDER': 't.placement_provider'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider is not null and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
),

rule_214 as (
    select distinct
        {{ dq_columns('214', 'episodes', {
            'LS': 't.legal_status',
            'PL_POST': 't.placement_postcode',
            'URN': 't.ofsted_urn',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('V3', 'V4') and (t.placement_postcode is not null or t.ofsted_urn is not null)
),

rule_217 as (
    -- From 1 April 2015 a child placed for adoption with current foster carers starts a new episode (S, T or U).
    select distinct
        {{ dq_columns('217', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'RNE': 't.reason_new_episode',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.placement_type in ('A3', 'A5') and t.episode_start_date >= date '2015-04-01'
        and coalesce(t.reason_new_episode, '') not in ('S', 'T', 'U')
),

rule_218 as (
    -- Every placement open in the year needs the provider's Ofsted URN, except placements that
    -- Ofsted does not register: with parents, in the community, hospital, custody, temporary
    -- (the DfE's exempt PLACE codes); short breaks (V3/V4: the child stays with a carer the LA
    -- commissions for the break, not in a registered placement of their own); placements
    -- outside England (the placement postcode's LA is Welsh, Scottish or Northern Irish); and
    -- semi-independent or supported accommodation (H5) before Ofsted began registering it on
    -- 28 October 2023, i.e. H5 episodes that ended by that day (230 covers H5 after it).
    select distinct
        {{ dq_columns('218', 'episodes', {
            'PLACE': 't.placement_type',
            'LS': 't.legal_status',
            'PLACE_PROVIDER': 't.placement_provider',
            'URN': 't.ofsted_urn',
            'DEC': 't.episode_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    left join {{ ref('int_dq__ssda903_episode_places') }} as places
        on t.episode_key = places.episode_key
    where
        t.ofsted_urn is null
        and t.placement_type not in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
        and coalesce(t.legal_status, '') not in ('V3', 'V4')
        and coalesce(left(places.placement_la_gss_code, 1), 'E') = 'E'
        and not (t.placement_type = 'H5' and t.episode_end_date < date '2023-10-29')
        and (t.episode_end_date is null or t.episode_end_date >= t.year_start)
),

rule_222 as (
    select distinct
        {{ dq_columns('222', 'episodes', {'PLACE': 't.placement_type', 'URN': 't.ofsted_urn'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.ofsted_urn is not null and upper(t.ofsted_urn) <> 'XXXXXXX'
        and t.placement_type in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
),

rule_225 as (
    -- The reason for a placement change is recorded on the episode that ends (X1) when the
    -- next episode changes placement (RNE P, B, T or U); temporary placements are exempt.
    select distinct
        {{ dq_columns('225', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'REASON_PLACE_CHANGE': 't.reason_placement_change',
            'next_RNE': 't.next_reason_new_episode',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.reason_episode_ceased = 'X1' and t.reason_placement_change is null
        and t.placement_type not in ('T0', 'T1', 'T2', 'T3', 'T4')
        and t.next_reason_new_episode in ('P', 'B', 'T', 'U')
        and t.next_placement_type not in ('T0', 'T1', 'T2', 'T3', 'T4')
),

rule_226 as (
    select distinct
        {{ dq_columns('226', 'episodes', {
            'PLACE': 't.placement_type',
            'REASON_PLACE_CHANGE': 't.reason_placement_change',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_placement_change is not null and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4')
),

rule_302 as (
    -- Only the child's first episode of the year is compared with the date of birth.
    select distinct
        {{ dq_columns('302', 'episodes', {'DECOM': 't.episode_start_date', 'DOB': 't.date_of_birth'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_seq = 1 and t.episode_start_date < t.date_of_birth
),

rule_230 as (
    -- Supported accommodation (H5) in England became Ofsted-registered on 28 October 2023: an H5
    -- episode still open after that day needs the provider's URN (XXXXXXX is a placeholder, not
    -- a URN). An episode that ended on the 28th ended as registration began (the registered
    -- placement is a new episode from that day), as the DfE engine counts it; 218 exempts it.
    select distinct
        {{ dq_columns('230', 'episodes', {
            'PLACE': 't.placement_type',
            'DEC': 't.episode_end_date',
            'URN': 't.ofsted_urn',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    left join {{ ref('int_dq__ssda903_episode_places') }} as places
        on t.episode_key = places.episode_key
    where
        t.placement_type = 'H5'
        and (t.episode_end_date is null or t.episode_end_date >= date '2023-10-29')
        and (t.ofsted_urn is null or upper(t.ofsted_urn) = 'XXXXXXX')
        and coalesce(left(places.placement_la_gss_code, 1), 'E') = 'E'
),

rule_336 as (
    -- A child placed for adoption with their current foster carers (A3: with consent, A5: with a
    -- placement order) must have been in foster care (or already placed for adoption) in the
    -- episode before: the DfE text reads "Where <PL> = 'A3' or 'A5' previous episode <PL> must be
    -- one of A3, A4, A5, A6, U1-U6".
    select distinct
        {{ dq_columns('336', 'episodes', {'PLACE': 't.placement_type', 'previous_PLACE': 't.prev_placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.placement_type in ('A3', 'A5') and t.prev_placement_type is not null
        and t.prev_placement_type not in ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6')
),

rule_352 as (
    select distinct
        {{ dq_columns('352', 'episodes', {
            'DECOM': 't.episode_start_date',
            'RNE': 't.reason_new_episode',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_new_episode = 'S' and {{ age_on('t.date_of_birth', 't.episode_start_date') }} >= 18
),

rule_353 as (
    -- The 903 began on 14 October 1991 (Children Act 1989 in force).
    select distinct
        {{ dq_columns('353', 'episodes', {'DECOM': 't.episode_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_start_date < date '1991-10-14'
),

rule_354 as (
    select distinct
        {{ dq_columns('354', 'episodes', {'DECOM': 't.episode_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_start_date > t.year_end
),

rule_355 as (
    select distinct
        {{ dq_columns('355', 'episodes', {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_start_date = t.episode_end_date
),

rule_356 as (
    select distinct
        {{ dq_columns('356', 'episodes', {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_end_date < t.episode_start_date
),

rule_357 as (
    -- A first episode that starts inside the year is the child's first ever: it must be S.
    select distinct
        {{ dq_columns('357', 'episodes', {'DECOM': 't.episode_start_date', 'RNE': 't.reason_new_episode'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_seq = 1 and t.episode_start_date >= t.year_start and coalesce(t.reason_new_episode, '') <> 'S'
),

rule_358 as (
    -- Youth justice legal statuses (J1-J3) apply from the age of criminal responsibility.
    select distinct
        {{ dq_columns('358', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('J1', 'J2', 'J3') and {{ age_on('t.date_of_birth', 't.episode_start_date') }} < 10
),

rule_359 as (
    -- An episode open at 31 March for a young person 18 or over must be V2 in K2.
    select distinct
        {{ dq_columns('359', 'episodes', {
            'LS': 't.legal_status',
            'PLACE': 't.placement_type',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is null and {{ birthday('t.date_of_birth', 18) }} < t.year_end
        and not (t.legal_status = 'V2' and t.placement_type = 'K2')
),

legal_status_spells as (
    -- Runs of consecutive episodes with the same legal status (for the maximum lengths of the
    -- short legal statuses, rules 361 to 364).
    select
        *,
        sum(case when prev_end_date = episode_start_date and prev_legal_status = legal_status then 0 else 1 end)
            over (partition by la_code, collection_year, child_id order by episode_seq) as spell_seq
    from {{ ref('int_dq__ssda903_episodes') }}

),

legal_status_spell_lengths as (
    select
        *,
        min(episode_start_date) over spell as spell_start,
        max(coalesce(episode_end_date, year_end)) over spell as spell_end
    from legal_status_spells
    window spell as (partition by la_code, collection_year, child_id, spell_seq)

),

rule_361 as (
    -- Maximum lengths of the short legal statuses (Children Act 1989 / PACE), across consecutive episodes.
    select distinct
        {{ dq_columns('361', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from legal_status_spell_lengths as t
    where t.legal_status = 'L1' and date_diff('day', t.spell_start, t.spell_end) > 3
),

rule_362 as (
    -- Maximum lengths of the short legal statuses (Children Act 1989 / PACE), across consecutive episodes.
    select distinct
        {{ dq_columns('362', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from legal_status_spell_lengths as t
    where t.legal_status = 'L2' and date_diff('day', t.spell_start, t.spell_end) > 21
),

rule_363 as (
    -- Maximum lengths of the short legal statuses (Children Act 1989 / PACE), across consecutive episodes.
    select distinct
        {{ dq_columns('363', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from legal_status_spell_lengths as t
    where t.legal_status = 'L3' and date_diff('day', t.spell_start, t.spell_end) > 7
),

rule_364 as (
    -- Maximum lengths of the short legal statuses (Children Act 1989 / PACE), across consecutive episodes.
    select distinct
        {{ dq_columns('364', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from legal_status_spell_lengths as t
    where t.legal_status = 'J2' and date_diff('day', t.spell_start, t.spell_end) > 3
),

rule_365 as (
    select distinct
        {{ dq_columns('365', 'episodes', {
            'LS': 't.legal_status',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status = 'V3' and coalesce(t.episode_end_date, t.year_end) > t.episode_start_date + interval 17 day
),

rule_366 as (
    select distinct
        {{ dq_columns('366', 'episodes', {'LS': 't.legal_status', 'RNE': 't.reason_new_episode'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status = 'V3' and coalesce(t.reason_new_episode, '') <> 'S'
),

rule_367__respite as (
    select
        *,
        sum(
            date_diff(
                'day', greatest(episode_start_date, year_start), least(coalesce(episode_end_date, year_end), year_end)
            )
        )
            over (partition by la_code, collection_year, child_id) as respite_days
    from {{ ref('int_dq__ssda903_episodes') }}
    where legal_status = 'V3'

),

rule_367 as (
    -- Days of V3 short breaks inside the collection year, added up per child.
    select distinct
        {{ dq_columns('367', 'episodes', {'LS': 't.legal_status', 'respite_days_in_year': 't.respite_days'}) }}
    from rule_367__respite as t
    where t.respite_days > 75
),

rule_371 as (
    -- Minimum ages for a placement type, at the start of the episode.
    -- H5 (semi-independent living) became K3 (supported accommodation) in 2024-25.
    select distinct
        {{ dq_columns('371', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('H5', 'K3') and {{ age_on('t.date_of_birth', 't.episode_start_date') }} < 16
),

rule_372 as (
    -- Minimum ages for a placement type, at the start of the episode.
    select distinct
        {{ dq_columns('372', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('R5') and {{ age_on('t.date_of_birth', 't.episode_start_date') }} < 10
),

rule_373 as (
    -- Minimum ages for a placement type, at the start of the episode.
    select distinct
        {{ dq_columns('373', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('S1') and {{ age_on('t.date_of_birth', 't.episode_start_date') }} < 4
),

rule_374 as (
    -- Minimum ages for a placement type, at the start of the episode.
    select distinct
        {{ dq_columns('374', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('P3') and {{ age_on('t.date_of_birth', 't.episode_start_date') }} < 14
),

rule_375 as (
    -- Maximum lengths of temporary placements.
    select distinct
        {{ dq_columns('375', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type = 'T1' and t.episode_end_date > t.episode_start_date + interval 42 day
),

rule_376 as (
    -- Maximum lengths of temporary placements.
    select distinct
        {{ dq_columns('376', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type = 'T3' and t.episode_end_date > t.episode_start_date + interval 21 day
),

rule_377__holiday_placements as (
    select
        *,
        count(*) over (partition by la_code, collection_year, child_id) as t3_count
    from {{ ref('int_dq__ssda903_episodes') }}
    where placement_type = 'T3'

),

rule_377 as (
    select distinct
        {{ dq_columns('377', 'episodes', {'PLACE': 't.placement_type', 'T3_in_year': 't.t3_count'}) }}
    from rule_377__holiday_placements as t
    where t.t3_count > 2
),

rule_378 as (
    select distinct
        {{ dq_columns('378', 'episodes', {'PLACE': 't.placement_type', 'LS': 't.legal_status'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type = 'P1' and t.legal_status = 'V2'
),

rule_379 as (
    -- Maximum lengths of temporary placements.
    select distinct
        {{ dq_columns('379', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type = 'T4' and t.episode_end_date > t.episode_start_date + interval 7 day
),

rule_380 as (
    select distinct
        {{ dq_columns('380', 'episodes', {'PLACE': 't.placement_type', 'RNE': 't.reason_new_episode'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4') and coalesce(t.reason_new_episode, '') not in ('P', 'B')
),

rule_381 as (
    select distinct
        {{ dq_columns('381', 'episodes', {'PLACE': 't.placement_type', 'REC': 't.reason_episode_ceased'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4') and t.reason_episode_ceased <> 'X1'
),

rule_382 as (
    select distinct
        {{ dq_columns('382', 'episodes', {'LS': 't.legal_status', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('V3', 'V4') and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4')
),

rule_383__three as (
    select
        *,
        lag(placement_type, 1) over w as place_before,
        lag(placement_type, 2) over w as place_two_before
    from {{ ref('int_dq__ssda903_episodes') }}
    window w as (partition by la_code, collection_year, child_id order by episode_seq)

),

rule_383 as (
    -- After a temporary placement the child returns (RNE P) to the placement held before it.
    select distinct
        {{ dq_columns('383', 'episodes', {
            'PLACE': 't.placement_type',
            'RNE': 't.reason_new_episode',
            'previous_PLACE': 't.place_before',
            'PLACE_before_temporary': 't.place_two_before',
        }) }}
    from rule_383__three as t
    where
        t.place_before in ('T0', 'T1', 'T2', 'T3', 'T4') and t.place_two_before is not null
        and (coalesce(t.reason_new_episode, '') <> 'P' or t.placement_type <> t.place_two_before)
),

rule_384 as (
    select distinct
        {{ dq_columns('384', 'episodes', {'LS': 't.legal_status', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('V3', 'V4') and t.placement_type in ('U1', 'U4')
),

rule_385 as (
    select distinct
        {{ dq_columns('385', 'episodes', {'DEC': 't.episode_end_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_end_date > t.year_end
),

rule_386 as (
    -- Reasons for ceasing care that need a minimum or maximum age on the date care ceased.
    select distinct
        {{ dq_columns('386', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'DEC': 't.episode_end_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is not null
        and t.reason_episode_ceased in ('E11', 'E12')
        and {{ age_on('t.date_of_birth', 't.episode_end_date') }} >= 18
),

rule_387 as (
    -- Reasons for ceasing care that need a minimum or maximum age on the date care ceased.
    select distinct
        {{ dq_columns('387', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'DEC': 't.episode_end_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is not null
        and t.reason_episode_ceased in ('E5', 'E6')
        and {{ age_on('t.date_of_birth', 't.episode_end_date') }} < 14
),

rule_388 as (
    -- X1 means another episode follows on the same day; any other reason means none does.
    select distinct
        {{ dq_columns('388', 'episodes', {
            'DEC': 't.episode_end_date',
            'REC': 't.reason_episode_ceased',
            'next_DECOM': 't.next_start_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where (
        t.reason_episode_ceased = 'X1' and t.episode_end_date is not null
        and (t.next_start_date is null or t.next_start_date <> t.episode_end_date)
    )
    or (t.reason_episode_ceased <> 'X1' and t.next_start_date = t.episode_end_date)
),

rule_389 as (
    -- Reasons for ceasing care that need a minimum or maximum age on the date care ceased.
    select distinct
        {{ dq_columns('389', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'DEC': 't.episode_end_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is not null
        and t.reason_episode_ceased in ('E7')
        and {{ age_on('t.date_of_birth', 't.episode_end_date') }} < 16
),

rule_390 as (
    select distinct
        {{ dq_columns('390', 'episodes', {'REC': 't.reason_episode_ceased', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_episode_ceased in ('E11', 'E12') and t.placement_type not in ('A3', 'A4', 'A5', 'A6')
),

rule_392a as (
    select distinct
        {{ dq_columns('392a', 'episodes', {
            'LS': 't.legal_status',
            'HOME_POST': 't.home_postcode',
            'PL_POST': 't.placement_postcode',
        }) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where coalesce(
        t.legal_status, ''
    ) not in ('V3', 'V4')
    and t.placement_distance_miles is null
    and not exists (
        select 1 from {{ ref('stg_ssda903__uasc') }} as u
        where
            u.la_code = t.la_code and u.child_id = t.child_id
            and u.collection_year in (t.collection_year, t.collection_year - 1)
    )
),

rule_392b as (
    -- Postcodes are expected for every placement apart from short breaks (V3/V4); children who
    -- are or were unaccompanied asylum seekers (in the UASC table this year or last) are exempt,
    -- as their home postcode is often unknown.
    select distinct
        {{ dq_columns('392b', 'episodes', {
            'LS': 't.legal_status',
            'HOME_POST': 't.home_postcode',
            'PL_POST': 't.placement_postcode',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        coalesce(t.legal_status, '') not in ('V3', 'V4') and (t.home_postcode is null or t.placement_postcode is null)
        and not exists (
            select 1 from {{ ref('stg_ssda903__uasc') }} as u
            where
                u.la_code = t.la_code and u.child_id = t.child_id
                and u.collection_year in (t.collection_year, t.collection_year - 1)
        )
),

rule_392c as (
    -- A postcode given must be a real one (in the ONS postcode directory); XX is the placeholder.
    select distinct
        {{ dq_columns('392c', 'episodes', {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where
        (t.home_postcode is not null and t.home_postcode not like 'XX%' and not t.is_home_postcode_known)
        or (
            t.placement_postcode is not null
            and t.placement_postcode not like 'XX%'
            and not t.is_placement_postcode_known
        )
),

rule_392d as (
    select distinct
        {{ dq_columns('392d', 'episodes', {
            'HOME_POST': 't.home_postcode',
            'PL_POST': 't.placement_postcode',
            'PLACE': 't.placement_type',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.home_postcode = t.placement_postcode and t.placement_type <> 'P1'
),

rule_398 as (
    select distinct
        {{ dq_columns('398', 'episodes', {
            'LS': 't.legal_status',
            'HOME_POST': 't.home_postcode',
            'PL_POST': 't.placement_postcode',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('V3', 'V4') and (t.home_postcode is not null or t.placement_postcode is not null)
),

rule_406 as (
    -- An unaccompanied asylum-seeking child (now or formerly) has no home postcode, so no distance.
    select distinct
        {{ dq_columns('406', 'episodes', {
            'HOME_POST': 't.home_postcode',
            'PL_POST': 't.placement_postcode',
            'PL_DISTANCE': 't.placement_distance_miles',
        }) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where t.placement_distance_miles is not null and exists (
        select 1 from {{ ref('stg_ssda903__uasc') }} as u
        where
            u.la_code = t.la_code and u.child_id = t.child_id
            and u.collection_year in (t.collection_year, t.collection_year - 1)
    )
),

rule_407 as (
    -- Reasons for ceasing care that need a minimum or maximum age on the date care ceased.
    select distinct
        {{ dq_columns('407', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'DEC': 't.episode_end_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is not null
        and t.reason_episode_ceased in ('E45', 'E46', 'E47', 'E48')
        and {{ age_on('t.date_of_birth', 't.episode_end_date') }} >= 18
),

rule_408 as (
    -- Placed for adoption (A5/A6) under a placement order means the legal status is E1.
    select distinct
        {{ dq_columns('408', 'episodes', {'PLACE': 't.placement_type', 'LS': 't.legal_status'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_type in ('A5', 'A6') and t.legal_status not in ('E1', 'D1')
),

rule_420 as (
    select distinct
        {{ dq_columns('420', 'episodes', {'LS': 't.legal_status', 'PL_POST': 't.placement_postcode'}) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where t.legal_status in ('V3', 'V4') and t.placement_la_gss_code is not null
),

rule_426 as (
    select distinct
        {{ dq_columns('426', 'episodes', {'LS': 't.legal_status'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status in ('V3', 'V4') and exists (
        select 1 from {{ ref('int_dq__ssda903_episodes') }} as o
        where
            o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
            and o.legal_status in ('V3', 'V4') and o.legal_status <> t.legal_status
    )
),

rule_431 as (
    select distinct
        {{ dq_columns('431', 'episodes', {
            'RNE': 't.reason_new_episode',
            'DECOM': 't.episode_start_date',
            'previous_DEC': 't.prev_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_new_episode = 'S' and t.episode_start_date <= t.prev_end_date
),

rule_432 as (
    select distinct
        {{ dq_columns('432', 'episodes', {'RNE': 't.reason_new_episode', 'previous_REC': 't.prev_reason_ceased'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.prev_reason_ceased is not null and t.prev_reason_ceased <> 'X1' and coalesce(t.reason_new_episode, '') <> 'S'
),

rule_433 as (
    select distinct
        {{ dq_columns('433', 'episodes', {
            'RNE': 't.reason_new_episode',
            'DECOM': 't.episode_start_date',
            'previous_DEC': 't.prev_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq > 1 and t.reason_new_episode in ('P', 'L', 'T', 'U', 'B')
        and (t.prev_end_date is null or t.prev_end_date <> t.episode_start_date)
),

rule_434 as (
    -- What changed between consecutive episodes must agree with the reason for the new episode.
    select distinct
        {{ dq_columns('434', 'episodes', {
            'RNE': 't.reason_new_episode',
            'LS': 't.legal_status',
            'previous_LS': 't.prev_legal_status',
            'PLACE': 't.placement_type',
            'previous_PLACE': 't.prev_placement_type',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq > 1 and t.reason_new_episode = 'L'
        and (t.legal_status = t.prev_legal_status or (
            coalesce(t.placement_type, '') <> coalesce(t.prev_placement_type, '')
            or coalesce(t.placement_postcode, '') <> coalesce(t.prev_placement_postcode, '')
            or coalesce(t.ofsted_urn, '') <> coalesce(t.prev_ofsted_urn, '')
            or coalesce(t.placement_provider, '') <> coalesce(t.prev_placement_provider, '')
        ))
),

rule_435 as (
    -- What changed between consecutive episodes must agree with the reason for the new episode.
    select distinct
        {{ dq_columns('435', 'episodes', {
            'RNE': 't.reason_new_episode',
            'LS': 't.legal_status',
            'previous_LS': 't.prev_legal_status',
            'PLACE': 't.placement_type',
            'previous_PLACE': 't.prev_placement_type',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq > 1 and t.reason_new_episode = 'P'
        and (t.legal_status <> t.prev_legal_status or not (
            coalesce(t.placement_type, '') <> coalesce(t.prev_placement_type, '')
            or coalesce(t.placement_postcode, '') <> coalesce(t.prev_placement_postcode, '')
            or coalesce(t.ofsted_urn, '') <> coalesce(t.prev_ofsted_urn, '')
            or coalesce(t.placement_provider, '') <> coalesce(t.prev_placement_provider, '')
        ))
),

rule_436 as (
    -- RNE B (legal status, placement and carers changed) and U (legal status and placement changed,
    -- same carers) both say the legal status and the placement changed: the episode must show both.
    -- (T is a change of placement with the same carers, legal status unchanged: not this rule.)
    select distinct
        {{ dq_columns('436', 'episodes', {
            'RNE': 't.reason_new_episode',
            'LS': 't.legal_status',
            'previous_LS': 't.prev_legal_status',
            'PLACE': 't.placement_type',
            'previous_PLACE': 't.prev_placement_type',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq > 1 and t.reason_new_episode in ('B', 'U')
        and (t.legal_status is not distinct from t.prev_legal_status or not (
            coalesce(t.placement_type, '') <> coalesce(t.prev_placement_type, '')
            or coalesce(t.placement_postcode, '') <> coalesce(t.prev_placement_postcode, '')
            or coalesce(t.ofsted_urn, '') <> coalesce(t.prev_ofsted_urn, '')
            or coalesce(t.placement_provider, '') <> coalesce(t.prev_placement_provider, '')
        ))
),

rule_437 as (
    select distinct
        {{ dq_columns('437', 'episodes', {'REC': 't.reason_episode_ceased', 'next_DECOM': 't.next_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_episode_ceased in ('E2', 'E15') and not t.is_last_in_year
),

rule_446 as (
    -- Placement orders (E1) exist from 30 December 2005 (Adoption and Children Act 2002).
    select distinct
        {{ dq_columns('446', 'episodes', {'LS': 't.legal_status', 'DECOM': 't.episode_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.legal_status = 'E1' and t.episode_start_date < date '2005-12-30'
),

rule_452__first_this_year as (
    select * from {{ ref('int_dq__ssda903_episode_places') }}
    where episode_seq = 1

),

rule_452 as (
    -- The child's first episode this year against last year's latest episode, on a derived field.
    select distinct
        {{ dq_columns('452', 'episodes', {
            'PL_LA': 't.placement_la_gss_code',
            'last_year_PL_LA': 'p.placement_la_gss_code',
        }) }}
    from rule_452__first_this_year as t
    inner join {{ ref('int_dq__ssda903_episode_places') }} as p
        on
            t.la_code = p.la_code and p.collection_year = t.collection_year - 1 and t.child_id = p.child_id
            and p.is_last_in_year
    where t.placement_la_gss_code <> p.placement_la_gss_code and p.episode_end_date is null
),

rule_453__first_this_year as (
    select * from {{ ref('int_dq__ssda903_episode_places') }}
    where episode_seq = 1

),

rule_453 as (
    -- The child's first episode this year against last year's latest episode, on a derived field.
    select distinct
        {{ dq_columns('453', 'episodes', {
            'PL_DISTANCE': 't.placement_distance_miles',
            'last_year_PL_DISTANCE': 'p.placement_distance_miles',
        }) }}
    from rule_453__first_this_year as t
    inner join {{ ref('int_dq__ssda903_episode_places') }} as p
        on
            t.la_code = p.la_code and p.collection_year = t.collection_year - 1 and t.child_id = p.child_id
            and p.is_last_in_year
    where p.episode_end_date is null and (
        abs(t.placement_distance_miles - p.placement_distance_miles) >= 0.2
        or (p.placement_distance_miles is null and t.placement_distance_miles is not null)
    )
),

rule_460 as (
    -- Reasons for ceasing care that need a minimum or maximum age on the date care ceased.
    select distinct
        {{ dq_columns('460', 'episodes', {
            'REC': 't.reason_episode_ceased',
            'DEC': 't.episode_end_date',
            'DOB': 't.date_of_birth',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_end_date is not null
        and t.reason_episode_ceased in ('E17')
        and {{ age_on('t.date_of_birth', 't.episode_end_date') }} < 18
),

rule_501 as (
    select distinct
        {{ dq_columns('501', 'episodes', {'DECOM': 't.episode_start_date', 'previous_DEC': 't.prev_end_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_start_date < t.prev_end_date
),

rule_503g__first_this_year as (
    select * from {{ ref('int_dq__ssda903_episode_places') }}
    where episode_seq = 1

),

rule_503g as (
    -- The child's first episode this year against last year's latest episode, on a derived field.
    select distinct
        {{ dq_columns('503G', 'episodes', {
            'PL_DISTANCE': 't.placement_distance_miles',
            'last_year_PL_DISTANCE': 'p.placement_distance_miles',
        }) }}
    from rule_503g__first_this_year as t
    inner join {{ ref('int_dq__ssda903_episode_places') }} as p
        on
            t.la_code = p.la_code and p.collection_year = t.collection_year - 1 and t.child_id = p.child_id
            and p.is_last_in_year
    where p.episode_end_date is null and abs(t.placement_distance_miles - p.placement_distance_miles) >= 0.2
),

rule_503h__first_this_year as (
    select * from {{ ref('int_dq__ssda903_episode_places') }}
    where episode_seq = 1

),

rule_503h as (
    -- The child's first episode this year against last year's latest episode, on a derived field.
    select distinct
        {{ dq_columns('503H', 'episodes', {
            'PL_LA': 't.placement_la_gss_code',
            'last_year_PL_LA': 'p.placement_la_gss_code',
        }) }}
    from rule_503h__first_this_year as t
    inner join {{ ref('int_dq__ssda903_episode_places') }} as p
        on
            t.la_code = p.la_code and p.collection_year = t.collection_year - 1 and t.child_id = p.child_id
            and p.is_last_in_year
    where p.episode_end_date is null and coalesce(t.placement_la_gss_code, '') <> coalesce(p.placement_la_gss_code, '')
),

rule_503j__first_this_year as (
    select * from {{ ref('int_dq__ssda903_episode_places') }}
    where episode_seq = 1

),

rule_503j as (
    -- The child's first episode this year against last year's latest episode, on a derived field.
    select distinct
        {{ dq_columns('503J', 'episodes', {
            'PL_LOCATION': 't.placement_location',
            'last_year_PL_LOCATION': 'p.placement_location',
        }) }}
    from rule_503j__first_this_year as t
    inner join {{ ref('int_dq__ssda903_episode_places') }} as p
        on
            t.la_code = p.la_code and p.collection_year = t.collection_year - 1 and t.child_id = p.child_id
            and p.is_last_in_year
    where p.episode_end_date is null and coalesce(t.placement_location, '') <> coalesce(p.placement_location, '')
),

rule_504 as (
    select distinct
        {{ dq_columns('504', 'episodes', {'CIN': 't.category_of_need', 'previous_CIN': 't.prev_category_of_need'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.prev_reason_ceased = 'X1' and t.prev_end_date = t.episode_start_date
        and t.category_of_need <> t.prev_category_of_need
),

rule_516 as (
    -- E45/E46 (SGO or CAO to former foster carers) need a foster placement in the episode that ends.
    select distinct
        {{ dq_columns('516', 'episodes', {'REC': 't.reason_episode_ceased', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.reason_episode_ceased in ('E45', 'E46') and t.placement_type not in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
),

rule_521 as (
    select distinct
        {{ dq_columns('521', 'episodes', {
            'PLACE': 't.placement_type',
            'DECOM': 't.episode_start_date',
            'DATE_INT': 'a.date_decision_to_adopt',
        }) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    inner join {{ ref('stg_ssda903__ad1') }} as a
        on t.la_code = a.la_code and t.collection_year = a.collection_year and t.child_id = a.child_id
    where t.placement_type in ('A3', 'A4', 'A5', 'A6') and a.date_decision_to_adopt > t.episode_start_date
),

rule_526 as (
    -- Every placement except those with parents, in prison or the like needs a provider.
    select distinct
        {{ dq_columns('526', 'episodes', {'PLACE': 't.placement_type', 'PLACE_PROVIDER': 't.placement_provider'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.placement_provider is null
        and t.placement_type not in (
            'A3', 'A4', 'A5', 'A6', 'K1', 'P1', 'P2', 'P3', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1'
        )
),

rule_527 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('527', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider = 'PR1' and t.placement_type in ('P1', 'R2', 'R5')
),

rule_528 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('528', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider = 'PR2' and t.placement_type in ('P1', 'R2', 'R5')
),

rule_529 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('529', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.placement_provider = 'PR3'
        and t.placement_type in ('P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6')
),

rule_530 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('530', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider = 'PR4' and t.placement_type in ('P1')
),

rule_531 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('531', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider = 'PR5' and t.placement_type in ('P1')
),

rule_550 as (
    -- Placement providers that cannot go with some placement types.
    select distinct
        {{ dq_columns('550', 'episodes', {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.placement_provider = 'PR0' and t.placement_type not in ('P1')
),

rule_551 as (
    -- Placed for adoption (A3-A6) needs the decision that the child should be placed.
    select distinct
        {{ dq_columns('551', 'episodes', {'PLACE': 't.placement_type'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where t.placement_type in ('A3', 'A4', 'A5', 'A6') and not exists (
        select 1 from {{ ref('stg_ssda903__placed_for_adoption') }} as p
        where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id
    )
),

rule_553 as (
    -- A placement order (E1) needs the decision that the child should be placed for adoption.
    select distinct
        {{ dq_columns('553', 'episodes', {'LS': 't.legal_status'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where t.legal_status = 'E1' and not exists (
        select 1 from {{ ref('stg_ssda903__placed_for_adoption') }} as p
        where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id
    )
),

rule_580 as (
    -- Missing on the day care ended at 18: the reason the episode ceased is E8 (missing).
    select distinct
        {{ dq_columns('580', 'episodes', {'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where coalesce(t.reason_episode_ceased, '') <> 'E8' and exists (
        select 1 from {{ ref('stg_ssda903__missing') }} as m
        where
            m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
            and m.missing_end_date = t.episode_end_date
            and m.missing_end_date = {{ birthday('m.date_of_birth', 18) }}
    )
),

rule_601 as (
    -- Adopted in the year (E11/E12) with an AD1 row: every AD1 item is due. (A missing AD1 row
    -- altogether is not this rule.)
    select distinct
        {{ dq_columns('601', 'episodes', {'REC': 't.reason_episode_ceased', 'DEC': 't.episode_end_date'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    inner join {{ ref('stg_ssda903__ad1') }} as a
        on t.la_code = a.la_code and t.collection_year = a.collection_year and t.child_id = a.child_id
    where
        t.reason_episode_ceased in ('E11', 'E12')
        and t.episode_end_date
        between {{ dq_year_start('t.collection_year') }} and {{ dq_year_end('t.collection_year') }}
        and (
            a.date_decision_to_adopt is null or a.date_matched is null or a.adopted_by_foster_carer is null
            or a.number_of_adopters is null or a.adopter_sex is null or a.adopter_legal_status is null
        )
),

rule_630 as (
    -- A child starting a period of care (RNE S) in the year needs a previous permanence row; an
    -- option other than Z1 needs the LA and the date.
    select distinct
        {{ dq_columns('630', 'episodes', {
            'RNE': 't.reason_new_episode',
            'DECOM': 't.episode_start_date',
            'PREV_PERM': 'p.previous_permanence',
        }) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    left join {{ ref('stg_ssda903__prev_perm') }} as p
        on t.la_code = p.la_code and t.collection_year = p.collection_year and t.child_id = p.child_id
    where
        t.reason_new_episode = 'S' and t.episode_start_date >= {{ dq_year_start('t.collection_year') }}
        and (
            p.child_id is null or p.previous_permanence is null
            or (
                p.previous_permanence <> 'Z1'
                and (p.previous_permanence_la is null or p.previous_permanence_date is null)
            )
        )
),

rule_1015 as (
    -- The LA's own provision (PR1) other than foster carers, adopters and supported accommodation
    -- is in its own area: such a placement elsewhere (or where no real placement postcode is given)
    -- points at a wrong provider code or postcode.
    select distinct
        {{ dq_columns('1015', 'episodes', {
            'PLACE_PROVIDER': 't.placement_provider',
            'PLACE': 't.placement_type',
            'PL_POST': 't.placement_postcode',
        }) }}
    from {{ ref('int_dq__ssda903_episode_places') }} as t
    where
        t.placement_provider = 'PR1' and t.legal_status not in ('V3', 'V4')
        and t.placement_type not in ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'K3')
        and coalesce(t.placement_la_gss_code, '') <> coalesce(t.own_la_gss_code, '')
),

rule_int03 as (
    select distinct
        {{ dq_columns('INT03', 'episodes', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__header') }} as h
        where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
    )
    and not exists (
        select 1 from {{ ref('int_dq__quarantined_rows') }} as q
        where
            q.la_code = t.la_code and q.collection_year = t.collection_year
            and q.table_name = 'header' and q.child_id = t.child_id
    )
),

rule_sw12stg2 as (
    -- A child looked after at 31 March has social worker episodes for the whole year.
    select distinct
        {{ dq_columns('SW12STG2', 'episodes', {'CHILD': 't.child_id', 'DECOM': 't.period_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.is_last_in_year and t.episode_end_date is null
        and exists (
            select 1 from {{ ref('stg_ssda903__social_worker') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and coalesce((
            select min(s.sw_episode_start_date) from {{ ref('stg_ssda903__social_worker') }} as s
            where s.la_code = t.la_code and s.collection_year = t.collection_year and s.child_id = t.child_id
        ),
        date '9999-12-31') > greatest(t.year_start, t.period_start_date)
)

select * from rule_142
union all
select * from rule_148
union all
select * from rule_164
union all
select * from rule_169
union all
select * from rule_199
union all
select * from rule_213
union all
select * from rule_214
union all
select * from rule_217
union all
select * from rule_218
union all
select * from rule_222
union all
select * from rule_225
union all
select * from rule_226
union all
select * from rule_302
union all
select * from rule_230
union all
select * from rule_336
union all
select * from rule_352
union all
select * from rule_353
union all
select * from rule_354
union all
select * from rule_355
union all
select * from rule_356
union all
select * from rule_357
union all
select * from rule_358
union all
select * from rule_359
union all
select * from rule_361
union all
select * from rule_362
union all
select * from rule_363
union all
select * from rule_364
union all
select * from rule_365
union all
select * from rule_366
union all
select * from rule_367
union all
select * from rule_371
union all
select * from rule_372
union all
select * from rule_373
union all
select * from rule_374
union all
select * from rule_375
union all
select * from rule_376
union all
select * from rule_377
union all
select * from rule_378
union all
select * from rule_379
union all
select * from rule_380
union all
select * from rule_381
union all
select * from rule_382
union all
select * from rule_383
union all
select * from rule_384
union all
select * from rule_385
union all
select * from rule_386
union all
select * from rule_387
union all
select * from rule_388
union all
select * from rule_389
union all
select * from rule_390
union all
select * from rule_392a
union all
select * from rule_392b
union all
select * from rule_392c
union all
select * from rule_392d
union all
select * from rule_398
union all
select * from rule_406
union all
select * from rule_407
union all
select * from rule_408
union all
select * from rule_420
union all
select * from rule_426
union all
select * from rule_431
union all
select * from rule_432
union all
select * from rule_433
union all
select * from rule_434
union all
select * from rule_435
union all
select * from rule_436
union all
select * from rule_437
union all
select * from rule_446
union all
select * from rule_452
union all
select * from rule_453
union all
select * from rule_460
union all
select * from rule_501
union all
select * from rule_503g
union all
select * from rule_503h
union all
select * from rule_503j
union all
select * from rule_504
union all
select * from rule_516
union all
select * from rule_521
union all
select * from rule_526
union all
select * from rule_527
union all
select * from rule_528
union all
select * from rule_529
union all
select * from rule_530
union all
select * from rule_531
union all
select * from rule_550
union all
select * from rule_551
union all
select * from rule_553
union all
select * from rule_580
union all
select * from rule_601
union all
select * from rule_630
union all
select * from rule_1015
union all
select * from rule_int03
union all
select * from rule_sw12stg2
