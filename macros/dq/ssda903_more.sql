{#- More DfE SSDA903 rules: adoption decisions, care leavers, motherhood, previous permanence
    and social worker episodes. -#}

{% macro dq_903_118() %}
    {#- A reversed decision (DATE_PLACED_CEASED) falls in the year and after the child's first
        episode (short breaks aside). -#}
    {{ dq_row_rule('118', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_ceased < " ~ dq_year_start('t.collection_year') ~ " or t.date_decision_ceased < e.first_start",
        {'DATE_PLACED_CEASED': 't.date_decision_ceased', 'first_DECOM': 'e.first_start'},
        joins="left join (select la_code, collection_year, child_id, min(episode_start_date) as first_start
                          from " ~ ref('stg_ssda903__episodes') ~ " where coalesce(legal_status, '') not in ('V3', 'V4')
                          group by all) as e
            on e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_199() %}
    {#- A child adopted from care (E11/E12) does not come back into care (this year and last year's
        returns; any earlier return loaded for the LA counts too). -#}
    {{ dq_row_rule('199', 'episodes', ref('stg_ssda903__episodes'),
        "exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                 where a.la_code = t.la_code and a.child_id = t.child_id and a.collection_year <= t.collection_year
                   and a.reason_episode_ceased in ('E11', 'E12') and a.episode_start_date < t.episode_start_date
                   and not (a.collection_year < t.collection_year and a.episode_start_date = t.episode_start_date))",
        {'DECOM': 't.episode_start_date', 'REC': 't.reason_episode_ceased'}) }}
{% endmacro %}

{% macro dq_903_207() %}
    {#- Once a mother, always a mother (for children looked after this year). -#}
    {{ dq_row_rule('207', 'header', ref('stg_ssda903__header'),
        "p.is_mother and coalesce(t.is_mother, false) = false and exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)",
        {'MOTHER': 't.is_mother', 'last_year_MOTHER': 'p.is_mother'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}

{% macro dq_903_215() %}
    {{ dq_row_rule('215', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and (o.is_convicted is not null or o.had_health_check is not null
            or o.immunisations_up_to_date is not null or o.had_teeth_check is not null or o.had_health_assessment is not null
            or o.has_substance_misuse is not null or o.intervention_received is not null or o.intervention_offered is not null)",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'},
        joins="inner join " ~ ref('stg_ssda903__oc2') ~ " as o
            on o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_347() %}
    {#- A foyer (accommodation T) is for young people of 18 and over. -#}
    {{ dq_row_rule('347', 'oc3', ref('stg_ssda903__oc3'),
        "t.accommodation = 'T' and " ~ dq_age('coalesce(t.date_of_birth, c.date_of_birth)', dq_year_start('t.collection_year')) ~ " < 18",
        {'ACCOM': 't.accommodation', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_521() %}
    {{ dq_row_rule('521', 'episodes', ref('stg_ssda903__episodes'),
        "t.placement_type in ('A3', 'A4', 'A5', 'A6') and a.date_decision_to_adopt > t.episode_start_date",
        {'PLACE': 't.placement_type', 'DECOM': 't.episode_start_date', 'DATE_INT': 'a.date_decision_to_adopt'},
        joins="inner join " ~ ref('stg_ssda903__ad1') ~ " as a
            on a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_575() %}
    {#- A missing period that began during an episode which has since ended must have ended too. -#}
    {{ dq_row_rule('575', 'missing', ref('stg_ssda903__missing'),
        "t.missing_end_date is null and exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
              and e.episode_end_date is not null
              and t.missing_start_date between e.episode_start_date and e.episode_end_date)",
        {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_580() %}
    {#- Missing on the day care ended at 18: the reason the episode ceased is E8 (missing). -#}
    {{ dq_row_rule('580', 'episodes', ref('stg_ssda903__episodes'),
        "coalesce(t.reason_episode_ceased, '') <> 'E8' and exists (
            select 1 from " ~ ref('stg_ssda903__missing') ~ " as m
            where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
              and m.missing_end_date = t.episode_end_date
              and m.missing_end_date = m.date_of_birth + interval 18 year)",
        {'DEC': 't.episode_end_date', 'REC': 't.reason_episode_ceased'}) }}
{% endmacro %}

{% macro dq_903_583() %}
    {#- Only the latest decision to place for adoption may still be open. -#}
    {{ dq_row_rule('583', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_ceased is null
         and t.date_decision_to_adopt < (select max(m.date_decision_to_adopt) from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as m
                                         where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DATE_PLACED_CEASED': 't.date_decision_ceased'}) }}
{% endmacro %}

{% macro dq_903_584() %}
    {#- After last year's decision was reversed, a new decision is dated after the old one. -#}
    {{ dq_row_rule('584', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "(p.date_decision_ceased is not null or p.reason_decision_ceased is not null)
         and (t.date_decision_to_adopt is null or t.date_decision_to_adopt <= p.date_decision_to_adopt)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'last_year_DATE_PLACED': 'p.date_decision_to_adopt'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__placed_for_adoption'))) }}
{% endmacro %}

{% macro dq_903_628() %}
    {{ dq_row_rule('628', 'header', ref('stg_ssda903__header'),
        "t.is_mother is not null
         and not exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                         where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)
         and exists (select 1 from " ~ ref('stg_ssda903__oc3') ~ " as o
                     where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                       and (o.in_touch is not null or o.activity is not null or o.accommodation is not null))",
        {'MOTHER': 't.is_mother'}) }}
{% endmacro %}

{% macro dq_903_633() %}
    {#- LA_PERM is a DfE LA code, or WAL, SCO, NIR or NUK for arrangements outside England. -#}
    {{ dq_row_rule('633', 'prev_perm', ref('stg_ssda903__prev_perm'),
        "t.previous_permanence_la is not null
         and upper(t.previous_permanence_la) not in ('WAL', 'SCO', 'NUK', 'NIR', '999')
         and t.previous_permanence_la not in (select cast(la.la_code as varchar) from " ~ ref('ref_local_authorities') ~ " as la)",
        {'LA_PERM': 't.previous_permanence_la'}) }}
{% endmacro %}

{% macro dq_903_634() %}
    {#- Previous permanence is only returned for a child who started a period of care this year. -#}
    {{ dq_row_rule('634', 'prev_perm', ref('stg_ssda903__prev_perm'),
        "(t.previous_permanence is not null or t.previous_permanence_date is not null or t.previous_permanence_la is not null)
         and e.last_start < " ~ dq_year_start('t.collection_year'),
        {'PREV_PERM': 't.previous_permanence', 'latest_DECOM': 'e.last_start'},
        joins="inner join (select la_code, collection_year, child_id, max(episode_start_date) as last_start
                           from " ~ ref('stg_ssda903__episodes') ~ " group by all) as e
            on e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_1010() %}
    {{ dq_row_rule('1010', 'oc3', ref('stg_ssda903__oc3'),
        "not exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                     where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)
         and exists (select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as p
                     where p.la_code = t.la_code and p.collection_year = t.collection_year - 1 and p.child_id = t.child_id
                       and p.is_last_in_year and p.episode_end_date is null)",
        {'CHILD': 't.child_id'}) }}
{% endmacro %}

{% macro dq_903_1016() %}
    {#- Care leaver information is for young people who left care before their 17th (or, aged 18
        at 31 March, before their 18th) birthday. -#}
    {{ dq_row_rule('1016', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
              and ((" ~ dq_age('t.date_of_birth', dq_year_end('t.collection_year')) ~ " = 17
                    and e.episode_end_date >= t.date_of_birth + interval 17 year)
                or (" ~ dq_age('t.date_of_birth', dq_year_end('t.collection_year')) ~ " = 18
                    and e.episode_end_date >= t.date_of_birth + interval 18 year)))",
        {'DOB': 't.date_of_birth', 'IN_TOUCH': 't.in_touch'}) }}
{% endmacro %}

{% macro dq_903_3001() %}
    {#- Around the 17th birthday a care leaver cannot be living with former foster carers (Z1/Z2 'staying put' is from 18). -#}
    {{ dq_row_rule('3001', 'oc3', ref('stg_ssda903__oc3'),
        "t.accommodation in ('Z1', 'Z2') and h.date_of_birth + interval 17 year
            between " ~ dq_year_start('t.collection_year') ~ " and " ~ dq_year_end('t.collection_year'),
        {'ACCOM': 't.accommodation', 'DOB': 'h.date_of_birth'},
        joins="inner join " ~ ref('stg_ssda903__header') ~ " as h
            on h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id") }}
{% endmacro %}

{#- ---------- social worker episodes ---------- -#}

{% macro dq_903_SW01bSTG1() %}
    {#- From 1 April 2023 a social worker episode also says why the social worker changed. (A
        blank SW_ID or SW_DECOM is quarantined by staging and raised as SW01aSTG1.) -#}
    {{ dq_row_rule('SW01bSTG1', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_start_date >= date '2023-04-01' and t.sw_change_reason is null",
        {'SW_DECOM': 't.sw_episode_start_date', 'SW_REASON': 't.sw_change_reason'}) }}
{% endmacro %}

{% macro dq_903_SW06STG2() %}
    {#- Social worker episodes cover the two years to 31 March: none may start after it. -#}
    {{ dq_row_rule('SW06STG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_start_date > " ~ dq_year_end('t.collection_year'), {'SW_DECOM': 't.sw_episode_start_date'}) }}
{% endmacro %}

{% macro dq_903_SW11bSTG2() %}
    {#- A child's latest social worker episode ended before 31 March with no episode after it. -#}
    {{ dq_row_rule('SW11bSTG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_end_date < " ~ dq_year_end('t.collection_year') ~ "
         and not exists (select 1 from " ~ ref('stg_ssda903__social_worker') ~ " as n
                         where n.la_code = t.la_code and n.collection_year = t.collection_year and n.child_id = t.child_id
                           and n.sw_episode_start_date >= t.sw_episode_start_date and n.source_line <> t.source_line)
         and exists (select 1 from " ~ ref('int_dq__ssda903_children') ~ " as c
                     where c.la_code = t.la_code and c.collection_year = t.collection_year and c.child_id = t.child_id
                       and c.is_looked_after_at_year_end)",
        {'SW_DEC': 't.sw_episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_SW12STG2() %}
    {#- A child looked after at 31 March has social worker episodes for the whole year. -#}
    {{ dq_row_rule('SW12STG2', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.is_last_in_year and t.episode_end_date is null
         and exists (select 1 from " ~ ref('stg_ssda903__social_worker') ~ " as a
                     where a.la_code = t.la_code and a.collection_year = t.collection_year)
         and coalesce((select min(s.sw_episode_start_date) from " ~ ref('stg_ssda903__social_worker') ~ " as s
                       where s.la_code = t.la_code and s.collection_year = t.collection_year and s.child_id = t.child_id),
                      date '9999-12-31') > greatest(t.year_start, t.period_start_date)",
        {'CHILD': 't.child_id', 'DECOM': 't.period_start_date'}) }}
{% endmacro %}

{#- ---------- placement location and distance (from the postcodes, as the DfE's tools derive them) ---------- -#}

{% macro dqh_former_uasc(alias='t') -%}
    exists (select 1 from {{ ref('stg_ssda903__uasc') }} as u
            where u.la_code = {{ alias }}.la_code and u.child_id = {{ alias }}.child_id
              and u.collection_year in ({{ alias }}.collection_year, {{ alias }}.collection_year - 1))
{%- endmacro %}

{% macro dq_903_392c() %}
    {#- A postcode given must be a real one (in the ONS postcode directory); XX is the placeholder. -#}
    {{ dq_row_rule('392c', 'episodes', ref('int_dq__ssda903_episode_places'),
        "(t.home_postcode is not null and t.home_postcode not like 'XX%' and not t.is_home_postcode_known)
         or (t.placement_postcode is not null and t.placement_postcode not like 'XX%' and not t.is_placement_postcode_known)",
        {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_392a() %}
    {{ dq_row_rule('392a', 'episodes', ref('int_dq__ssda903_episode_places'),
        "coalesce(t.legal_status, '') not in ('V3', 'V4') and t.placement_distance_miles is null and not " ~ dqh_former_uasc(),
        {'LS': 't.legal_status', 'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_164() %}
    {#- Both postcodes are given but no valid distance follows from them (one is not a real postcode). -#}
    {{ dq_row_rule('164', 'episodes', ref('int_dq__ssda903_episode_places'),
        "coalesce(t.legal_status, '') not in ('V3', 'V4') and t.home_postcode is not null and t.placement_postcode is not null
         and t.placement_distance_miles is null and not " ~ dqh_former_uasc(),
        {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_169() %}
    {{ dq_row_rule('169', 'episodes', ref('int_dq__ssda903_episode_places'),
        "coalesce(t.legal_status, '') not in ('V3', 'V4') and t.placement_la_gss_code is null",
        {'LS': 't.legal_status', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_420() %}
    {{ dq_row_rule('420', 'episodes', ref('int_dq__ssda903_episode_places'),
        "t.legal_status in ('V3', 'V4') and t.placement_la_gss_code is not null",
        {'LS': 't.legal_status', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{% macro dq_903_406() %}
    {#- An unaccompanied asylum-seeking child (now or formerly) has no home postcode, so no distance. -#}
    {{ dq_row_rule('406', 'episodes', ref('int_dq__ssda903_episode_places'),
        "t.placement_distance_miles is not null and " ~ dqh_former_uasc(),
        {'HOME_POST': 't.home_postcode', 'PL_POST': 't.placement_postcode', 'PL_DISTANCE': 't.placement_distance_miles'}) }}
{% endmacro %}

{% macro dq_903_1015() %}
    {#- The LA's own provision (PR1) other than foster carers, adopters and supported accommodation
        is in its own area: such a placement elsewhere (or where no real placement postcode is given)
        points at a wrong provider code or postcode. -#}
    {{ dq_row_rule('1015', 'episodes', ref('int_dq__ssda903_episode_places'),
        "t.placement_provider = 'PR1' and t.legal_status not in ('V3', 'V4')
         and t.placement_type not in ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'K3')
         and coalesce(t.placement_la_gss_code, '') <> coalesce(t.own_la_gss_code, '')",
        {'PLACE_PROVIDER': 't.placement_provider', 'PLACE': 't.placement_type', 'PL_POST': 't.placement_postcode'}) }}
{% endmacro %}

{#- The child's first episode this year against last year's latest episode, on a derived field. -#}
{% macro dqh_first_vs_last_year(rule_code, condition, values) %}
    with first_this_year as (
        select * from {{ ref('int_dq__ssda903_episode_places') }} where episode_seq = 1
    )

    {{ dq_row_rule(rule_code, 'episodes', 'first_this_year', condition, values,
        joins="inner join " ~ ref('int_dq__ssda903_episode_places') ~ " as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year - 1 and p.child_id = t.child_id
            and p.is_last_in_year") }}
{% endmacro %}

{% macro dq_903_452() %}
    {{ dqh_first_vs_last_year('452', "t.placement_la_gss_code <> p.placement_la_gss_code and p.episode_end_date is null",
        {'PL_LA': 't.placement_la_gss_code', 'last_year_PL_LA': 'p.placement_la_gss_code'}) }}
{% endmacro %}

{% macro dq_903_453() %}
    {{ dqh_first_vs_last_year('453', "p.episode_end_date is null and (abs(t.placement_distance_miles - p.placement_distance_miles) >= 0.2
         or (p.placement_distance_miles is null and t.placement_distance_miles is not null))",
        {'PL_DISTANCE': 't.placement_distance_miles', 'last_year_PL_DISTANCE': 'p.placement_distance_miles'}) }}
{% endmacro %}

{% macro dq_903_503G() %}
    {{ dqh_first_vs_last_year('503G', "p.episode_end_date is null and abs(t.placement_distance_miles - p.placement_distance_miles) >= 0.2",
        {'PL_DISTANCE': 't.placement_distance_miles', 'last_year_PL_DISTANCE': 'p.placement_distance_miles'}) }}
{% endmacro %}

{% macro dq_903_503H() %}
    {{ dqh_first_vs_last_year('503H', "p.episode_end_date is null and coalesce(t.placement_la_gss_code, '') <> coalesce(p.placement_la_gss_code, '')",
        {'PL_LA': 't.placement_la_gss_code', 'last_year_PL_LA': 'p.placement_la_gss_code'}) }}
{% endmacro %}

{% macro dq_903_503J() %}
    {{ dqh_first_vs_last_year('503J', "p.episode_end_date is null and coalesce(t.placement_location, '') <> coalesce(p.placement_location, '')",
        {'PL_LOCATION': 't.placement_location', 'last_year_PL_LOCATION': 'p.placement_location'}) }}
{% endmacro %}
