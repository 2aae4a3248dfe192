{#- DfE SSDA903 validation rules that compare a return with the same LA's return for the
    previous collection year (staged rows of collection_year - 1). They are silent when last
    year's return has not been loaded, as the DfE's own tool is. One CTE per rule, then their union. -#}
with

rule_202 as (
    -- The 2024-25 recoding of sex (1/2 to M/F) is not a change of sex.
    select distinct
        {{ dq_columns('202', 'header', {'SEX': 't.sex', 'last_year_SEX': 'p.sex'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.sex is not null and p.sex is not null
        and replace(replace(t.sex, '1', 'M'), '2', 'F') <> replace(replace(p.sex, '1', 'M'), '2', 'F')
),

rule_203 as (
    -- A header value that must not change from last year's return.
    select distinct
        {{ dq_columns('203', 'header', {'DOB': 't.date_of_birth', 'last_year_DOB': 'p.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where t.date_of_birth is not null and p.date_of_birth is not null and t.date_of_birth <> p.date_of_birth
),

rule_204 as (
    -- A header value that must not change from last year's return.
    select distinct
        {{ dq_columns('204', 'header', {'ETHNIC': 't.ethnicity', 'last_year_ETHNIC': 'p.ethnicity'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where t.ethnicity is not null and p.ethnicity is not null and t.ethnicity <> p.ethnicity
),

rule_208 as (
    -- A known UPN may be added but not changed; the UN codes are placeholders.
    select distinct
        {{ dq_columns('208', 'header', {'UPN': 't.upn', 'last_year_UPN': 'p.upn'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.upn is not null and p.upn is not null and upper(t.upn) <> upper(p.upn)
        and upper(p.upn) not in ('UN1', 'UN2', 'UN3', 'UN4', 'UN5')
),

rule_502 as (
    -- The episode open at last year's end is the first episode of this year.
    select distinct
        {{ dq_columns('502', 'episodes', {
            'DECOM': 't.episode_start_date',
            'last_year_open_DECOM': 'p.episode_start_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where t.episode_seq = 1 and p.episode_end_date is null and p.episode_start_date <> t.episode_start_date
),

rule_503a as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503A', 'episodes', {'RNE': 't.reason_new_episode', 'last_year_RNE': 'p.reason_new_episode'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.reason_new_episode, '') <> coalesce(p.reason_new_episode, '')
),

rule_503b as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503B', 'episodes', {'LS': 't.legal_status', 'last_year_LS': 'p.legal_status'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.legal_status, '') <> coalesce(p.legal_status, '')
),

rule_503c as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503C', 'episodes', {'CIN': 't.category_of_need', 'last_year_CIN': 'p.category_of_need'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.category_of_need, '') <> coalesce(p.category_of_need, '')
),

rule_503d as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503D', 'episodes', {'PLACE': 't.placement_type', 'last_year_PLACE': 'p.placement_type'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.placement_type, '') <> coalesce(p.placement_type, '')
        and not (t.placement_type = 'K3' and p.placement_type = 'H5')
),

rule_503e as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503E', 'episodes', {
            'PLACE_PROVIDER': 't.placement_provider',
            'last_year_PLACE_PROVIDER': 'p.placement_provider',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.placement_provider, '') <> coalesce(p.placement_provider, '')
),

rule_503f as (
    -- The child's first episode this year repeats last year's latest episode when that one was
    -- still open, field by field. The 2024-25 recoding of H5 as K3 is not a change of placement.
    select distinct
        {{ dq_columns('503F', 'episodes', {'URN': 't.ofsted_urn', 'last_year_URN': 'p.ofsted_urn'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        t.episode_seq = 1 and p.is_last_in_year and p.episode_end_date is null
        and coalesce(t.ofsted_urn, '') <> coalesce(p.ofsted_urn, '')
),

rule_559 as (
    -- A decision to place for adoption dated before this year must have been in last year's return.
    select distinct
        {{ dq_columns('559', 'placed_for_adoption', {'DATE_PLACED': 't.date_decision_to_adopt'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where
        t.date_decision_to_adopt < {{ dq_year_start('t.collection_year') }}
        and exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year - 1
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__placed_for_adoption') }} as p
            where
                p.la_code = t.la_code and p.collection_year = t.collection_year - 1
                and p.child_id = t.child_id and p.date_decision_to_adopt = t.date_decision_to_adopt
        )
),

rule_560 as (
    -- A new decision date is only possible once last year's decision was reversed.
    select distinct
        {{ dq_columns('560', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'last_year_DATE_PLACED': 'p.date_decision_to_adopt',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('stg_ssda903__placed_for_adoption') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        p.date_decision_ceased is null and p.date_decision_to_adopt <> t.date_decision_to_adopt
        and not exists (
            select 1 from {{ ref('stg_ssda903__placed_for_adoption') }} as s
            where
                s.la_code = t.la_code and s.collection_year = t.collection_year
                and s.child_id = t.child_id and s.date_decision_to_adopt = p.date_decision_to_adopt
        )
),

rule_561 as (
    -- The same decision as last year cannot be reopened after it was reversed last year.
    select distinct
        {{ dq_columns('561', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'last_year_DATE_PLACED_CEASED': 'p.date_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('stg_ssda903__placed_for_adoption') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where
        p.date_decision_to_adopt = t.date_decision_to_adopt and p.date_decision_ceased is not null
        and t.date_decision_ceased is null
),

rule_562 as (
    -- An episode that began before 1 April must be last year's latest episode.
    select distinct
        {{ dq_columns('562', 'episodes', {'DECOM': 't.episode_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq = 1 and t.episode_start_date < t.year_start
        and exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year - 1
        )
        and not exists (
            select 1 from {{ ref('int_dq__ssda903_episodes') }} as p
            where
                p.la_code = t.la_code and p.collection_year = t.collection_year - 1
                and p.child_id = t.child_id and p.is_last_in_year and p.episode_start_date = t.episode_start_date
        )
),

rule_576 as (
    -- A missing period still open at last year's end continues into this year's return.
    select distinct
        {{ dq_columns('576', 'missing', {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date is null and exists (
        select 1 from {{ ref('stg_ssda903__missing') }} as a
        where a.la_code = t.la_code and a.collection_year = t.collection_year + 1
    )
    and not exists (
        select 1 from {{ ref('stg_ssda903__missing') }} as n
        where
            n.la_code = t.la_code and n.collection_year = t.collection_year + 1
            and n.child_id = t.child_id and n.missing_start_date = t.missing_start_date
    )
),

rule_624 as (
    -- A mother's first child's date of birth, once recorded, is neither changed nor removed. A
    -- care leaver with no episode this year is exempt from the removal part: rule 628 says her
    -- motherhood details are not required.
    select distinct
        {{ dq_columns('624', 'header', {'MC_DOB': 't.mother_child_dob', 'last_year_MC_DOB': 'p.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where p.mother_child_dob is not null and (
        t.mother_child_dob <> p.mother_child_dob
        or (t.mother_child_dob is null and exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
        ))
    )
),

rule_626 as (
    select distinct
        {{ dq_columns('626', 'header', {
            'MOTHER': 't.is_mother',
            'MC_DOB': 't.mother_child_dob',
            'last_year_MOTHER': 'p.is_mother',
        }) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where t.is_mother and p.is_mother = false and t.mother_child_dob < {{ dq_year_start('t.collection_year') }}
),

rule_noe as (
    select distinct
        {{ dq_columns('NoE', 'episodes', {'DECOM': 't.episode_start_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where
        t.episode_seq = 1 and t.episode_start_date < t.year_start
        and exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year - 1
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year - 1 and p.child_id = t.child_id
        )
)

select * from rule_202
union all
select * from rule_203
union all
select * from rule_204
union all
select * from rule_208
union all
select * from rule_502
union all
select * from rule_503a
union all
select * from rule_503b
union all
select * from rule_503c
union all
select * from rule_503d
union all
select * from rule_503e
union all
select * from rule_503f
union all
select * from rule_559
union all
select * from rule_560
union all
select * from rule_561
union all
select * from rule_562
union all
select * from rule_576
union all
select * from rule_624
union all
select * from rule_626
union all
select * from rule_noe
