{#- DfE SSDA903 rules that compare the return with the same LA's return for the previous
    collection year (staged rows of collection_year - 1). They are silent when last year's return
    has not been loaded, as the DfE's own tool is. -#}

{% macro dqh_prev_year_join(prev_alias, relation, alias='t') -%}
    inner join {{ relation }} as {{ prev_alias }}
        on
            {{ prev_alias }}.la_code = {{ alias }}.la_code
            and {{ prev_alias }}.collection_year = {{ alias }}.collection_year - 1
            and {{ prev_alias }}.child_id = {{ alias }}.child_id
{%- endmacro %}

{% macro dq_903_502() %}
    {#- The episode open at last year's end is the first episode of this year. -#}
    {{ dq_row_rule('502', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and p.episode_end_date is null and p.episode_start_date <> t.episode_start_date",
        {'DECOM': 't.episode_start_date', 'last_year_open_DECOM': 'p.episode_start_date'},
        joins=dqh_prev_year_join('p', ref('int_dq__ssda903_episodes'))) }}
{% endmacro %}

{#- The child's first episode this year repeats last year's latest episode when that one was
    still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement. -#}
{% macro dqh_503(rule_code, column, label) %}
    {{ dq_row_rule(rule_code, 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
         and coalesce(t." ~ column ~ ", '') <> coalesce(p." ~ column ~ ", '')"
         ~ (" and not (t.placement_type = 'K3' and p.placement_type = 'H5')" if column == 'placement_type' else ''),
        {label: 't.' ~ column, 'last_year_' ~ label: 'p.' ~ column},
        joins=dqh_prev_year_join('p', ref('int_dq__ssda903_episodes'))) }}
{% endmacro %}

{% macro dq_903_503A() %}{{ dqh_503('503A', 'reason_new_episode', 'RNE') }}{% endmacro %}
{% macro dq_903_503B() %}{{ dqh_503('503B', 'legal_status', 'LS') }}{% endmacro %}
{% macro dq_903_503C() %}{{ dqh_503('503C', 'category_of_need', 'CIN') }}{% endmacro %}
{% macro dq_903_503D() %}{{ dqh_503('503D', 'placement_type', 'PLACE') }}{% endmacro %}
{% macro dq_903_503E() %}{{ dqh_503('503E', 'placement_provider', 'PLACE_PROVIDER') }}{% endmacro %}
{% macro dq_903_503F() %}{{ dqh_503('503F', 'ofsted_urn', 'URN') }}{% endmacro %}

{% macro dq_903_562() %}
    {#- An episode that began before 1 April must be last year's latest episode. -#}
    {{ dq_row_rule('562', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and t.episode_start_date < t.year_start
         and exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                     where a.la_code = t.la_code and a.collection_year = t.collection_year - 1)
         and not exists (
            select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year - 1
              and p.child_id = t.child_id and p.is_last_in_year and p.episode_start_date = t.episode_start_date)",
        {'DECOM': 't.episode_start_date'}) }}
{% endmacro %}

{% macro dq_903_NoE() %}
    {{ dq_row_rule('NoE', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and t.episode_start_date < t.year_start
         and exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                     where a.la_code = t.la_code and a.collection_year = t.collection_year - 1)
         and not exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year - 1 and p.child_id = t.child_id)",
        {'DECOM': 't.episode_start_date'}) }}
{% endmacro %}

{#- A header value that must not change from last year's return. -#}
{% macro dqh_header_same(rule_code, column, label) %}
    {{ dq_row_rule(rule_code, 'header', ref('stg_ssda903__header'),
        "t." ~ column ~ " is not null and p." ~ column ~ " is not null and t." ~ column ~ " <> p." ~ column,
        {label: 't.' ~ column, 'last_year_' ~ label: 'p.' ~ column},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}

{% macro dq_903_202() %}
    {#- The 2024-25 recoding of sex (1/2 to M/F) is not a change of sex. -#}
    {{ dq_row_rule('202', 'header', ref('stg_ssda903__header'),
        "t.sex is not null and p.sex is not null
         and replace(replace(t.sex, '1', 'M'), '2', 'F') <> replace(replace(p.sex, '1', 'M'), '2', 'F')",
        {'SEX': 't.sex', 'last_year_SEX': 'p.sex'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}
{% macro dq_903_203() %}{{ dqh_header_same('203', 'date_of_birth', 'DOB') }}{% endmacro %}
{% macro dq_903_204() %}{{ dqh_header_same('204', 'ethnicity', 'ETHNIC') }}{% endmacro %}
{% macro dq_903_624() %}
    {#- A mother's first child's date of birth, once recorded, is neither changed nor removed. A
        care leaver with no episode this year is exempt from the removal part: rule 628 says her
        motherhood details are not required. -#}
    {{ dq_row_rule('624', 'header', ref('stg_ssda903__header'),
        "p.mother_child_dob is not null and (
            t.mother_child_dob <> p.mother_child_dob
            or (t.mother_child_dob is null and exists (
                select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)))",
        {'MC_DOB': 't.mother_child_dob', 'last_year_MC_DOB': 'p.mother_child_dob'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}

{% macro dq_903_208() %}
    {#- A known UPN may be added but not changed; the UN codes are placeholders. -#}
    {{ dq_row_rule('208', 'header', ref('stg_ssda903__header'),
        "t.upn is not null and p.upn is not null and upper(t.upn) <> upper(p.upn)
         and upper(p.upn) not in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')",
        {'UPN': 't.upn', 'last_year_UPN': 'p.upn'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}

{% macro dq_903_626() %}
    {{ dq_row_rule('626', 'header', ref('stg_ssda903__header'),
        "t.is_mother and p.is_mother = false and t.mother_child_dob < " ~ dq_year_start('t.collection_year'),
        {'MOTHER': 't.is_mother', 'MC_DOB': 't.mother_child_dob', 'last_year_MOTHER': 'p.is_mother'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__header'))) }}
{% endmacro %}

{% macro dq_903_576() %}
    {#- A missing period still open at last year's end continues into this year's return. -#}
    {{ dq_row_rule('576', 'missing', ref('stg_ssda903__missing'),
        "t.missing_end_date is null and exists (
            select 1 from " ~ ref('stg_ssda903__missing') ~ " as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year + 1)
         and not exists (
            select 1 from " ~ ref('stg_ssda903__missing') ~ " as n
            where n.la_code = t.la_code and n.collection_year = t.collection_year + 1
              and n.child_id = t.child_id and n.missing_start_date = t.missing_start_date)",
        {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_559() %}
    {#- A decision to place for adoption dated before this year must have been in last year's return. -#}
    {{ dq_row_rule('559', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt < " ~ dq_year_start('t.collection_year') ~ "
         and exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                     where a.la_code = t.la_code and a.collection_year = t.collection_year - 1)
         and not exists (
            select 1 from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year - 1
              and p.child_id = t.child_id and p.date_decision_to_adopt = t.date_decision_to_adopt)",
        {'DATE_PLACED': 't.date_decision_to_adopt'}) }}
{% endmacro %}

{% macro dq_903_560() %}
    {#- A new decision date is only possible once last year's decision was reversed. -#}
    {{ dq_row_rule('560', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "p.date_decision_ceased is null and p.date_decision_to_adopt <> t.date_decision_to_adopt
         and not exists (select 1 from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as s
                         where s.la_code = t.la_code and s.collection_year = t.collection_year
                           and s.child_id = t.child_id and s.date_decision_to_adopt = p.date_decision_to_adopt)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'last_year_DATE_PLACED': 'p.date_decision_to_adopt'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__placed_for_adoption'))) }}
{% endmacro %}

{% macro dq_903_561() %}
    {#- The same decision as last year cannot be reopened after it was reversed last year. -#}
    {{ dq_row_rule('561', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "p.date_decision_to_adopt = t.date_decision_to_adopt and p.date_decision_ceased is not null
         and t.date_decision_ceased is null",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'last_year_DATE_PLACED_CEASED': 'p.date_decision_ceased'},
        joins=dqh_prev_year_join('p', ref('stg_ssda903__placed_for_adoption'))) }}
{% endmacro %}
