{#- DfE SSDA903 validation rules on the episodes table (our SQL; rule facts from the DfE rule
    specification as implemented in Social Finance's and Data to Insight's validators).
    `t` is a row of int_dq__ssda903_episodes: a staged episode with its neighbours. -#}

{% macro dq_903_142() %}
    {#- Every episode but the child's latest must have ended, with a reason. -#}
    {{ dq_row_rule('142', 'episodes', ref('int_dq__ssda903_episodes'),
        "not t.is_last_in_year and (t.episode_end_date is null or t.reason_episode_ceased is null)",
        {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased'}) }}
{% endmacro %}

{% macro dq_903_148() %}
    {{ dq_row_rule('148', 'episodes', ref('int_dq__ssda903_episodes'),
        "(t.episode_end_date is null) <> (t.reason_episode_ceased is null)",
        {'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased'}) }}
{% endmacro %}

{% macro dq_903_302() %}
    {#- Only the child's first episode of the year is compared with the date of birth. -#}
    {{ dq_row_rule('302', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and t.episode_start_date < t.date_of_birth",
        {'DECOM': 't.episode_start_date', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_352() %}
    {{ dq_row_rule('352', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_new_episode = 'S' and " ~ dq_age('t.date_of_birth', 't.episode_start_date') ~ " >= 18",
        {'DECOM': 't.episode_start_date', 'RNE': 't.reason_new_episode', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_353() %}
    {#- The 903 began on 14 October 1991 (Children Act 1989 in force). -#}
    {{ dq_row_rule('353', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_start_date < date '1991-10-14'", {'DECOM': 't.episode_start_date'}) }}
{% endmacro %}

{% macro dq_903_354() %}
    {{ dq_row_rule('354', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_start_date > t.year_end", {'DECOM': 't.episode_start_date'}) }}
{% endmacro %}

{% macro dq_903_355() %}
    {{ dq_row_rule('355', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_start_date = t.episode_end_date",
        {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_356() %}
    {{ dq_row_rule('356', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_end_date < t.episode_start_date",
        {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_357() %}
    {#- A first episode that starts inside the year is the child's first ever: it must be S. -#}
    {{ dq_row_rule('357', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and t.episode_start_date >= t.year_start and coalesce(t.reason_new_episode, '') <> 'S'",
        {'DECOM': 't.episode_start_date', 'RNE': 't.reason_new_episode'}) }}
{% endmacro %}

{% macro dq_903_358() %}
    {#- Youth justice legal statuses (J1-J3) apply from the age of criminal responsibility. -#}
    {{ dq_row_rule('358', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('J1', 'J2', 'J3') and " ~ dq_age('t.date_of_birth', 't.episode_start_date') ~ " < 10",
        {'LS': 't.legal_status', 'DECOM': 't.episode_start_date', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_359() %}
    {#- An episode open at 31 March for a young person 18 or over must be V2 in K2. -#}
    {{ dq_row_rule('359', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_end_date is null and t.date_of_birth + interval 18 year < t.year_end
         and not (t.legal_status = 'V2' and t.placement_type = 'K2')",
        {'LS': 't.legal_status', 'PLACE': 't.placement_type', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{#- Maximum lengths of the short legal statuses (Children Act 1989 / PACE), across consecutive episodes. -#}
{% macro dqh_legal_status_max_days(rule_code, legal_status, max_days) %}
    with spells as (
        select
            *,
            sum(case when prev_end_date = episode_start_date and prev_legal_status = legal_status then 0 else 1 end)
                over (partition by la_code, collection_year, child_id order by episode_seq) as spell_seq
        from {{ ref('int_dq__ssda903_episodes') }}
    ),

    spell_lengths as (
        select
            *,
            min(episode_start_date) over spell as spell_start,
            max(coalesce(episode_end_date, year_end)) over spell as spell_end
        from spells
        window spell as (partition by la_code, collection_year, child_id, spell_seq)
    )

    {{ dq_row_rule(rule_code, 'episodes', 'spell_lengths',
        "t.legal_status = '" ~ legal_status ~ "' and date_diff('day', t.spell_start, t.spell_end) > " ~ max_days,
        {'LS': 't.legal_status', 'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_361() %}{{ dqh_legal_status_max_days('361', 'L1', 3) }}{% endmacro %}
{% macro dq_903_362() %}{{ dqh_legal_status_max_days('362', 'L2', 21) }}{% endmacro %}
{% macro dq_903_363() %}{{ dqh_legal_status_max_days('363', 'L3', 7) }}{% endmacro %}
{% macro dq_903_364() %}{{ dqh_legal_status_max_days('364', 'J2', 3) }}{% endmacro %}

{% macro dq_903_365() %}
    {{ dq_row_rule('365', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status = 'V3' and coalesce(t.episode_end_date, t.year_end) > t.episode_start_date + interval 17 day",
        {'LS': 't.legal_status', 'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_366() %}
    {{ dq_row_rule('366', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status = 'V3' and coalesce(t.reason_new_episode, '') <> 'S'",
        {'LS': 't.legal_status', 'RNE': 't.reason_new_episode'}) }}
{% endmacro %}

{% macro dq_903_367() %}
    {#- Days of V3 short breaks inside the collection year, added up per child. -#}
    with respite as (
        select
            *,
            sum(date_diff('day', greatest(episode_start_date, year_start), least(coalesce(episode_end_date, year_end), year_end)))
                over (partition by la_code, collection_year, child_id) as respite_days
        from {{ ref('int_dq__ssda903_episodes') }}
        where legal_status = 'V3'
    )

    {{ dq_row_rule('367', 'episodes', 'respite', "t.respite_days > 75",
        {'LS': 't.legal_status', 'respite_days_in_year': 't.respite_days'}) }}
{% endmacro %}

{#- Minimum ages for a placement type, at the start of the episode. -#}
{% macro dqh_min_age(rule_code, places, min_age) %}
    {{ dq_row_rule(rule_code, 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('" ~ places | join("', '") ~ "') and " ~ dq_age('t.date_of_birth', 't.episode_start_date') ~ " < " ~ min_age,
        {'PLACE': 't.placement_type', 'DECOM': 't.episode_start_date', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{#- H5 (semi-independent living) became K3 (supported accommodation) in 2024-25. -#}
{% macro dq_903_371() %}{{ dqh_min_age('371', ['H5', 'K3'], 16) }}{% endmacro %}
{% macro dq_903_372() %}{{ dqh_min_age('372', ['R5'], 10) }}{% endmacro %}
{% macro dq_903_373() %}{{ dqh_min_age('373', ['S1'], 4) }}{% endmacro %}
{% macro dq_903_374() %}{{ dqh_min_age('374', ['P3'], 14) }}{% endmacro %}

{#- Maximum lengths of temporary placements. -#}
{% macro dqh_max_days(rule_code, place, max_days) %}
    {{ dq_row_rule(rule_code, 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type = '" ~ place ~ "' and t.episode_end_date > t.episode_start_date + interval " ~ max_days ~ " day",
        {'PLACE': 't.placement_type', 'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_375() %}{{ dqh_max_days('375', 'T1', 42) }}{% endmacro %}
{% macro dq_903_376() %}{{ dqh_max_days('376', 'T3', 21) }}{% endmacro %}
{% macro dq_903_379() %}{{ dqh_max_days('379', 'T4', 7) }}{% endmacro %}

{% macro dq_903_377() %}
    with holiday_placements as (
        select *, count(*) over (partition by la_code, collection_year, child_id) as t3_count
        from {{ ref('int_dq__ssda903_episodes') }}
        where placement_type = 'T3'
    )

    {{ dq_row_rule('377', 'episodes', 'holiday_placements', "t.t3_count > 2",
        {'PLACE': 't.placement_type', 'T3_in_year': 't.t3_count'}) }}
{% endmacro %}

{% macro dq_903_378() %}
    {{ dq_row_rule('378', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type = 'P1' and t.legal_status = 'V2'",
        {'PLACE': 't.placement_type', 'LS': 't.legal_status'}) }}
{% endmacro %}

{% macro dq_903_380() %}
    {{ dq_row_rule('380', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4') and coalesce(t.reason_new_episode, '') not in ('P', 'B')",
        {'PLACE': 't.placement_type', 'RNE': 't.reason_new_episode'}) }}
{% endmacro %}

{% macro dq_903_381() %}
    {{ dq_row_rule('381', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4') and t.reason_episode_ceased <> 'X1'",
        {'PLACE': 't.placement_type', 'REC': 't.reason_episode_ceased'}) }}
{% endmacro %}

{% macro dq_903_382() %}
    {{ dq_row_rule('382', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('V3', 'V4') and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4')",
        {'LS': 't.legal_status', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_383() %}
    {#- After a temporary placement the child returns (RNE P) to the placement held before it. -#}
    with three as (
        select
            *,
            lag(placement_type, 1) over w as place_before,
            lag(placement_type, 2) over w as place_two_before
        from {{ ref('int_dq__ssda903_episodes') }}
        window w as (partition by la_code, collection_year, child_id order by episode_seq)
    )

    {{ dq_row_rule('383', 'episodes', 'three',
        "t.place_before in ('T0', 'T1', 'T2', 'T3', 'T4') and t.place_two_before is not null
         and (coalesce(t.reason_new_episode, '') <> 'P' or t.placement_type <> t.place_two_before)",
        {'PLACE': 't.placement_type', 'RNE': 't.reason_new_episode', 'previous_PLACE': 't.place_before',
         'PLACE_before_temporary': 't.place_two_before'}) }}
{% endmacro %}

{% macro dq_903_384() %}
    {{ dq_row_rule('384', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('V3', 'V4') and t.placement_type in ('U1', 'U4')",
        {'LS': 't.legal_status', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_385() %}
    {{ dq_row_rule('385', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_end_date > t.year_end", {'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{#- Reasons for ceasing care that need a minimum or maximum age on the date care ceased. -#}
{% macro dqh_rec_age(rule_code, recs, condition) %}
    {{ dq_row_rule(rule_code, 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_end_date is not null and t.reason_episode_ceased in ('" ~ recs | join("', '") ~ "') and "
        ~ dq_age('t.date_of_birth', 't.episode_end_date') ~ " " ~ condition,
        {'REC': 't.reason_episode_ceased', 'DEC': 't.episode_end_date', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_386() %}{{ dqh_rec_age('386', ['E11', 'E12'], '>= 18') }}{% endmacro %}
{% macro dq_903_387() %}{{ dqh_rec_age('387', ['E5', 'E6'], '< 14') }}{% endmacro %}
{% macro dq_903_389() %}{{ dqh_rec_age('389', ['E7'], '< 16') }}{% endmacro %}
{% macro dq_903_407() %}{{ dqh_rec_age('407', ['E45', 'E46', 'E47', 'E48'], '>= 18') }}{% endmacro %}
{% macro dq_903_460() %}{{ dqh_rec_age('460', ['E17'], '< 18') }}{% endmacro %}

{% macro dq_903_388() %}
    {#- X1 means another episode follows on the same day; any other reason means none does. -#}
    {{ dq_row_rule('388', 'episodes', ref('int_dq__ssda903_episodes'),
        "(t.reason_episode_ceased = 'X1' and t.episode_end_date is not null
              and (t.next_start_date is null or t.next_start_date <> t.episode_end_date))
         or (t.reason_episode_ceased <> 'X1' and t.next_start_date = t.episode_end_date)",
        {'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased', 'next_DECOM': 't.next_start_date'}) }}
{% endmacro %}

{% macro dq_903_390() %}
    {{ dq_row_rule('390', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_episode_ceased in ('E11', 'E12') and t.placement_type not in ('A3', 'A4', 'A5', 'A6')",
        {'REC': 't.reason_episode_ceased', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_431() %}
    {{ dq_row_rule('431', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_new_episode = 'S' and t.episode_start_date <= t.prev_end_date",
        {'RNE': 't.reason_new_episode', 'DECOM': 't.episode_start_date', 'previous_DEC': 't.prev_end_date'}) }}
{% endmacro %}

{% macro dq_903_432() %}
    {{ dq_row_rule('432', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.prev_reason_ceased is not null and t.prev_reason_ceased <> 'X1' and coalesce(t.reason_new_episode, '') <> 'S'",
        {'RNE': 't.reason_new_episode', 'previous_REC': 't.prev_reason_ceased'}) }}
{% endmacro %}

{% macro dq_903_433() %}
    {{ dq_row_rule('433', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq > 1 and t.reason_new_episode in ('P', 'L', 'T', 'U', 'B')
         and (t.prev_end_date is null or t.prev_end_date <> t.episode_start_date)",
        {'RNE': 't.reason_new_episode', 'DECOM': 't.episode_start_date', 'previous_DEC': 't.prev_end_date'}) }}
{% endmacro %}

{#- What changed between consecutive episodes must agree with the reason for the new episode. -#}
{% macro dqh_placement_changed(alias='t') -%}
    (coalesce({{ alias }}.placement_type, '') <> coalesce({{ alias }}.prev_placement_type, '')
     or coalesce({{ alias }}.placement_postcode, '') <> coalesce({{ alias }}.prev_placement_postcode, '')
     or coalesce({{ alias }}.ofsted_urn, '') <> coalesce({{ alias }}.prev_ofsted_urn, '')
     or coalesce({{ alias }}.placement_provider, '') <> coalesce({{ alias }}.prev_placement_provider, ''))
{%- endmacro %}

{% macro dq_903_434() %}
    {{ dq_row_rule('434', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq > 1 and t.reason_new_episode = 'L'
         and (t.legal_status = t.prev_legal_status or " ~ dqh_placement_changed() ~ ")",
        {'RNE': 't.reason_new_episode', 'LS': 't.legal_status', 'previous_LS': 't.prev_legal_status',
         'PLACE': 't.placement_type', 'previous_PLACE': 't.prev_placement_type'}) }}
{% endmacro %}

{% macro dq_903_435() %}
    {{ dq_row_rule('435', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq > 1 and t.reason_new_episode = 'P'
         and (t.legal_status <> t.prev_legal_status or not " ~ dqh_placement_changed() ~ ")",
        {'RNE': 't.reason_new_episode', 'LS': 't.legal_status', 'previous_LS': 't.prev_legal_status',
         'PLACE': 't.placement_type', 'previous_PLACE': 't.prev_placement_type'}) }}
{% endmacro %}

{% macro dq_903_436() %}
    {{ dq_row_rule('436', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq > 1 and t.reason_new_episode = 'T'
         and (t.legal_status = t.prev_legal_status or not " ~ dqh_placement_changed() ~ ")",
        {'RNE': 't.reason_new_episode', 'LS': 't.legal_status', 'previous_LS': 't.prev_legal_status',
         'PLACE': 't.placement_type', 'previous_PLACE': 't.prev_placement_type'}) }}
{% endmacro %}

{% macro dq_903_437() %}
    {{ dq_row_rule('437', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_episode_ceased in ('E2', 'E15') and not t.is_last_in_year",
        {'REC': 't.reason_episode_ceased', 'next_DECOM': 't.next_start_date'}) }}
{% endmacro %}

{% macro dq_903_446() %}
    {#- Placement orders (E1) exist from 30 December 2005 (Adoption and Children Act 2002). -#}
    {{ dq_row_rule('446', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status = 'E1' and t.episode_start_date < date '2005-12-30'",
        {'LS': 't.legal_status', 'DECOM': 't.episode_start_date'}) }}
{% endmacro %}

{% macro dq_903_501() %}
    {{ dq_row_rule('501', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_start_date < t.prev_end_date",
        {'DECOM': 't.episode_start_date', 'previous_DEC': 't.prev_end_date'}) }}
{% endmacro %}

{% macro dq_903_504() %}
    {{ dq_row_rule('504', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.prev_reason_ceased = 'X1' and t.prev_end_date = t.episode_start_date
         and t.category_of_need <> t.prev_category_of_need",
        {'CIN': 't.category_of_need', 'previous_CIN': 't.prev_category_of_need'}) }}
{% endmacro %}

{#- Placement providers that cannot go with some placement types. -#}
{% macro dqh_provider_place(rule_code, provider, places, negate=false) %}
    {{ dq_row_rule(rule_code, 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_provider = '" ~ provider ~ "' and t.placement_type " ~ ('not ' if negate else '') ~ "in ('" ~ places | join("', '") ~ "')",
        {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_527() %}{{ dqh_provider_place('527', 'PR1', ['P1', 'R2', 'R5']) }}{% endmacro %}
{% macro dq_903_528() %}{{ dqh_provider_place('528', 'PR2', ['P1', 'R2', 'R5']) }}{% endmacro %}
{% macro dq_903_529() %}{{ dqh_provider_place('529', 'PR3', ['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6']) }}{% endmacro %}
{% macro dq_903_530() %}{{ dqh_provider_place('530', 'PR4', ['P1']) }}{% endmacro %}
{% macro dq_903_531() %}{{ dqh_provider_place('531', 'PR5', ['P1']) }}{% endmacro %}
{% macro dq_903_550() %}{{ dqh_provider_place('550', 'PR0', ['P1'], negate=true) }}{% endmacro %}

{% macro dq_903_526() %}
    {#- Every placement except those with parents, in prison or the like needs a provider. -#}
    {{ dq_row_rule('526', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_provider is null and t.placement_type not in ('A3', 'A4', 'A5', 'A6', 'K1', 'P1', 'P2', 'P3', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')",
        {'PLACE': 't.placement_type', 'PLACE_PROVIDER': 't.placement_provider'}) }}
{% endmacro %}

{% macro dq_903_213() %}
    {{ dq_row_rule('213', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_provider is not null and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')",
        {'PLACE': 't.placement_type', 'PLACE_PROVIDER': 't.placement_provider'}) }}
{% endmacro %}

{% macro dq_903_214() %}
    {{ dq_row_rule('214', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('V3', 'V4') and (t.placement_postcode is not null or t.ofsted_urn is not null)",
        {'LS': 't.legal_status', 'PL_POST': 't.placement_postcode', 'URN': 't.ofsted_urn'}) }}
{% endmacro %}

{% macro dq_903_217() %}
    {#- From 1 April 2015 a child placed for adoption with current foster carers starts a new episode (S, T or U). -#}
    {{ dq_row_rule('217', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('A3', 'A5') and t.episode_start_date >= date '2015-04-01'
         and coalesce(t.reason_new_episode, '') not in ('S', 'T', 'U')",
        {'PLACE': 't.placement_type', 'DECOM': 't.episode_start_date', 'RNE': 't.reason_new_episode'}) }}
{% endmacro %}

{% macro dq_903_218() %}
    {#- Every placement open in the year needs the provider's Ofsted URN, except placements that
        Ofsted does not register (with parents, in the community, hospital, custody, temporary).
        The DfE also exempts placements outside England, which needs the placement LA we do not stage. -#}
    {{ dq_row_rule('218', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.ofsted_urn is null
         and t.placement_type not in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
         and (t.episode_end_date is null or t.episode_end_date >= t.year_start)",
        {'PLACE': 't.placement_type', 'PLACE_PROVIDER': 't.placement_provider', 'URN': 't.ofsted_urn'}) }}
{% endmacro %}

{% macro dq_903_222() %}
    {{ dq_row_rule('222', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.ofsted_urn is not null and upper(t.ofsted_urn) <> 'XXXXXXX'
         and t.placement_type in ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')",
        {'PLACE': 't.placement_type', 'URN': 't.ofsted_urn'}) }}
{% endmacro %}

{% macro dq_903_225() %}
    {#- The reason for a placement change is recorded on the episode that ends (X1) when the
        next episode changes placement (RNE P, B, T or U); temporary placements are exempt. -#}
    {{ dq_row_rule('225', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_episode_ceased = 'X1' and t.reason_placement_change is null
         and t.placement_type not in ('T0', 'T1', 'T2', 'T3', 'T4')
         and t.next_reason_new_episode in ('P', 'B', 'T', 'U')
         and t.next_placement_type not in ('T0', 'T1', 'T2', 'T3', 'T4')",
        {'REC': 't.reason_episode_ceased', 'REASON_PLACE_CHANGE': 't.reason_placement_change',
         'next_RNE': 't.next_reason_new_episode'}) }}
{% endmacro %}

{% macro dq_903_226() %}
    {{ dq_row_rule('226', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_placement_change is not null and t.placement_type in ('T0', 'T1', 'T2', 'T3', 'T4')",
        {'PLACE': 't.placement_type', 'REASON_PLACE_CHANGE': 't.reason_placement_change'}) }}
{% endmacro %}

{% macro dq_903_392b() %}
    {#- Postcodes are expected for every placement apart from short breaks (V3/V4); children who
        are or were unaccompanied asylum seekers (in the UASC table this year or last) are exempt,
        as their home postcode is often unknown. -#}
    {{ dq_row_rule('392b', 'episodes', ref('int_dq__ssda903_episodes'),
        "coalesce(t.legal_status, '') not in ('V3', 'V4') and (t.home_postcode is null or t.placement_postcode is null)
         and not exists (select 1 from " ~ ref('stg_ssda903__uasc') ~ " as u
                         where u.la_code = t.la_code and u.child_id = t.child_id
                           and u.collection_year in (t.collection_year, t.collection_year - 1))",
        {'LS': 't.legal_status', 'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_392d() %}
    {{ dq_row_rule('392d', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.home_postcode = t.placement_postcode and t.placement_type <> 'P1'",
        {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_398() %}
    {{ dq_row_rule('398', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('V3', 'V4') and (t.home_postcode is not null or t.placement_postcode is not null)",
        {'LS': 't.legal_status', 'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_408() %}
    {#- Placed for adoption (A5/A6) under a placement order means the legal status is E1. -#}
    {{ dq_row_rule('408', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('A5', 'A6') and t.legal_status not in ('E1', 'D1')",
        {'PLACE': 't.placement_type', 'LS': 't.legal_status'}) }}
{% endmacro %}

{% macro dq_903_426() %}
    {{ dq_row_rule('426', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.legal_status in ('V3', 'V4') and exists (
            select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
              and o.legal_status in ('V3', 'V4') and o.legal_status <> t.legal_status)",
        {'LS': 't.legal_status'}) }}
{% endmacro %}

{% macro dq_903_516() %}
    {#- E45/E46 (SGO or CAO to former foster carers) need a foster placement in the episode that ends. -#}
    {{ dq_row_rule('516', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.reason_episode_ceased in ('E45', 'E46') and t.placement_type not in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')",
        {'REC': 't.reason_episode_ceased', 'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_336() %}
    {#- A child placed for adoption with other than current foster carers (A4/A6) came from foster care or was already placed. -#}
    {{ dq_row_rule('336', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.placement_type in ('A4', 'A6') and t.prev_placement_type is not null
         and t.prev_placement_type not in ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6')",
        {'PLACE': 't.placement_type', 'previous_PLACE': 't.prev_placement_type'}) }}
{% endmacro %}
