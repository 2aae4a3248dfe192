{#- DfE SSDA903 validation rules on the adoption tables (AD1, placed for adoption) and previous
    permanence. One CTE per rule (rule_<code>), then their union. -#}
-- A rule's small derived tables (a join to per-child facts) stay inside the rule's CTE, so that
-- each rule reads as one unit against the DfE text: hence no ST05 here.
-- noqa: disable=ST05
with

rule_117 as (
    select distinct
        {{ dq_columns('117', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
            'DEC': 'c.last_episode_end',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.date_decision_to_adopt > {{ dq_year_end('t.collection_year') }}
        or t.date_decision_ceased > {{ dq_year_end('t.collection_year') }}
        or (
            c.ceased_care_in_year and not c.is_looked_after_at_year_end
            and (t.date_decision_to_adopt > c.last_episode_end or t.date_decision_ceased > c.last_episode_end)
        )
),

rule_118 as (
    -- A reversed decision (DATE_PLACED_CEASED) falls in the year and after the child's first
    -- episode (short breaks aside).
    select distinct
        {{ dq_columns('118', 'placed_for_adoption', {
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
            'first_DECOM': 'e.first_start',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join (
        select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as first_start
        from {{ ref('stg_ssda903__episodes') }}
        where coalesce(legal_status, '') not in ('V3', 'V4')
        group by all
    ) as e
        on t.la_code = e.la_code and t.collection_year = e.collection_year and t.child_id = e.child_id
    where t.date_decision_ceased < {{ dq_year_start('t.collection_year') }} or t.date_decision_ceased < e.first_start
),

rule_119 as (
    select distinct
        {{ dq_columns('119', 'placed_for_adoption', {
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
            'REASON_PLACED_CEASED': 't.reason_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where (t.date_decision_ceased is null) <> (t.reason_decision_ceased is null)
),

rule_151 as (
    select distinct
        {{ dq_columns('151', 'ad1', {
            'DATE_INT': 't.date_decision_to_adopt',
            'DATE_MATCH': 't.date_matched',
            'FOSTER_CARE': 't.adopted_by_foster_carer',
            'NB_ADOPTR': 't.number_of_adopters',
            'SEX_ADOPTR': 't.adopter_sex',
            'LS_ADOPTR': 't.adopter_legal_status',
        }) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where (
        t.date_decision_to_adopt is null or t.date_matched is null or t.adopted_by_foster_carer is null
        or t.number_of_adopters is null or t.adopter_sex is null or t.adopter_legal_status is null
    )
    and (
        t.date_decision_to_adopt is not null or t.date_matched is not null or t.adopted_by_foster_carer is not null
        or t.number_of_adopters is not null or t.adopter_sex is not null or t.adopter_legal_status is not null
    )
),

rule_175 as (
    select distinct
        {{ dq_columns('175', 'ad1', {'NB_ADOPTR': 't.number_of_adopters'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.number_of_adopters not in (1, 2)
),

rule_184 as (
    select distinct
        {{ dq_columns('184', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where t.date_decision_to_adopt < coalesce(t.date_of_birth, c.date_of_birth)
),

rule_331 as (
    -- Matched on or before the child was placed for adoption (the first A3-A6 episode).
    select distinct
        {{ dq_columns('331', 'ad1', {'DATE_MATCH': 't.date_matched', 'placed_DECOM': 'p.first_adoption_placement'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as first_adoption_placement
        from {{ ref('stg_ssda903__episodes') }}
        where placement_type in ('A3', 'A4', 'A5', 'A6')
        group by all
    ) as p
        on t.la_code = p.la_code and t.collection_year = p.collection_year and t.child_id = p.child_id
    where t.date_matched > p.first_adoption_placement
),

rule_333 as (
    select distinct
        {{ dq_columns('333', 'ad1', {'DATE_INT': 't.date_decision_to_adopt', 'DATE_MATCH': 't.date_matched'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.date_decision_to_adopt > t.date_matched
),

rule_334 as (
    -- The decision to adopt comes on or after the start (RNE S) of the latest period of care.
    select distinct
        {{ dq_columns('334', 'ad1', {
            'DATE_INT': 't.date_decision_to_adopt',
            'latest_S_DECOM': 's.latest_care_start',
        }) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            max(episode_start_date) as latest_care_start
        from {{ ref('stg_ssda903__episodes') }}
        where reason_new_episode = 'S'
        group by all
    ) as s
        on t.la_code = s.la_code and t.collection_year = s.collection_year and t.child_id = s.child_id
    where t.date_decision_to_adopt < s.latest_care_start
),

rule_335 as (
    -- FOSTER_CARE says whether the adopters were the foster carers (A3/A5) or not (A4/A6).
    select distinct
        {{ dq_columns('335', 'ad1', {'FOSTER_CARE': 't.adopted_by_foster_carer', 'PLACE': 'e.placement_type'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join {{ ref('int_dq__ssda903_episodes') }} as e
        on
            t.la_code = e.la_code and t.collection_year = e.collection_year and t.child_id = e.child_id
            and e.reason_episode_ceased in ('E11', 'E12')
    where
        (t.adopted_by_foster_carer = false and e.placement_type in ('A3', 'A5'))
        or (t.adopted_by_foster_carer and e.placement_type in ('A4', 'A6'))
),

rule_511 as (
    select distinct
        {{ dq_columns('511', 'ad1', {'NB_ADOPTR': 't.number_of_adopters', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.number_of_adopters = 2 and t.adopter_sex not in ('MM', 'FF', 'MF')
),

rule_514 as (
    select distinct
        {{ dq_columns('514', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L1' and t.adopter_sex in ('MM', 'FF', 'MF')
),

rule_517 as (
    select distinct
        {{ dq_columns('517', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L3' and t.adopter_sex <> 'MF'
),

rule_518 as (
    select distinct
        {{ dq_columns('518', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L4' and t.adopter_sex not in ('MM', 'FF')
),

rule_519 as (
    select distinct
        {{ dq_columns('519', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L2' and t.adopter_sex not in ('MM', 'FF', 'MF')
),

rule_520 as (
    select distinct
        {{ dq_columns('520', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L11' and t.adopter_sex <> 'MF'
),

rule_522 as (
    select distinct
        {{ dq_columns('522', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where t.date_decision_to_adopt > t.date_decision_ceased
),

rule_523 as (
    select distinct
        {{ dq_columns('523', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_INT': 'a.date_decision_to_adopt',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('stg_ssda903__ad1') }} as a
        on t.la_code = a.la_code and t.collection_year = a.collection_year and t.child_id = a.child_id
    where
        a.date_decision_to_adopt is not null and t.date_decision_to_adopt <> a.date_decision_to_adopt
        and t.date_decision_to_adopt = (
            select max(m.date_decision_to_adopt) from {{ ref('stg_ssda903__placed_for_adoption') }} as m
            where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
        )
),

rule_524 as (
    select distinct
        {{ dq_columns('524', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.adopter_legal_status = 'L12' and t.adopter_sex not in ('MM', 'FF')
),

rule_525 as (
    select distinct
        {{ dq_columns('525', 'placed_for_adoption', {'DATE_PLACED_CEASED': 't.date_decision_ceased'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join {{ ref('stg_ssda903__ad1') }} as a
        on t.la_code = a.la_code and t.collection_year = a.collection_year and t.child_id = a.child_id
    where
        t.date_decision_ceased is not null and a.child_id is not null
        and t.date_decision_to_adopt = (
            select max(m.date_decision_to_adopt) from {{ ref('stg_ssda903__placed_for_adoption') }} as m
            where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
        )
),

rule_552 as (
    select distinct
        {{ dq_columns('552', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'placed_DECOM': 'p.first_adoption_placement',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as first_adoption_placement
        from {{ ref('stg_ssda903__episodes') }}
        where placement_type in ('A3', 'A4', 'A5', 'A6')
        group by all
    ) as p
        on t.la_code = p.la_code and t.collection_year = p.collection_year and t.child_id = p.child_id
    where t.date_decision_to_adopt > p.first_adoption_placement
),

rule_554 as (
    select distinct
        {{ dq_columns('554', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'E1_DECOM': 'p.first_placement_order',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as first_placement_order
        from {{ ref('stg_ssda903__episodes') }}
        where legal_status = 'E1'
        group by all
    ) as p
        on t.la_code = p.la_code and t.collection_year = p.collection_year and t.child_id = p.child_id
    where t.date_decision_to_adopt > p.first_placement_order
),

rule_557 as (
    -- Left care other than by adoption while a decision to place was open: the decision should be closed.
    select distinct
        {{ dq_columns('557', 'placed_for_adoption', {
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
            'REC': 'c.last_reason_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.date_decision_ceased is null and c.ceased_care_in_year and not c.is_looked_after_at_year_end
        and c.last_reason_ceased not in ('E11', 'E12', 'X1')
),

rule_558 as (
    select distinct
        {{ dq_columns('558', 'placed_for_adoption', {
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
            'REC': 'c.last_reason_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.date_decision_ceased is not null and c.last_reason_ceased in ('E11', 'E12')
        and t.date_decision_to_adopt = (
            select max(m.date_decision_to_adopt) from {{ ref('stg_ssda903__placed_for_adoption') }} as m
            where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
        )
),

rule_563 as (
    select distinct
        {{ dq_columns('563', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where
        t.date_decision_to_adopt is null
        and (t.date_decision_ceased is not null or t.reason_decision_ceased is not null)
),

rule_579 as (
    select distinct
        {{ dq_columns('579', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'previous_DATE_PLACED': 'p.date_decision_to_adopt',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('stg_ssda903__placed_for_adoption') }} as p
        on
            t.la_code = p.la_code and t.collection_year = p.collection_year and t.child_id = p.child_id
            and t.source_line <> p.source_line
    where p.date_decision_ceased is null and t.date_decision_to_adopt > p.date_decision_to_adopt
),

rule_582 as (
    select distinct
        {{ dq_columns('582', 'ad1', {'DATE_MATCH': 't.date_matched', 'DEC': 'e.episode_end_date'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join {{ ref('stg_ssda903__episodes') }} as e
        on
            t.la_code = e.la_code and t.collection_year = e.collection_year and t.child_id = e.child_id
            and e.reason_episode_ceased in ('E11', 'E12')
    where t.date_matched = e.episode_end_date
),

rule_583 as (
    -- Only the latest decision to place for adoption may still be open.
    select distinct
        {{ dq_columns('583', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where
        t.date_decision_ceased is null
        and t.date_decision_to_adopt < (
            select max(m.date_decision_to_adopt) from {{ ref('stg_ssda903__placed_for_adoption') }} as m
            where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id
        )
),

rule_584 as (
    -- After last year's decision was reversed, a new decision is dated after the old one.
    select distinct
        {{ dq_columns('584', 'placed_for_adoption', {
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
        (p.date_decision_ceased is not null or p.reason_decision_ceased is not null)
        and (t.date_decision_to_adopt is null or t.date_decision_to_adopt <= p.date_decision_to_adopt)
),

rule_602 as (
    -- An AD1 record needs an episode that ended in adoption (E11/E12) during the year.
    select distinct
        {{ dq_columns('602', 'ad1', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.reason_episode_ceased in ('E11', 'E12')
            -- adopted during the year: the adoption episode ended inside it
            and e.episode_end_date
            between {{ dq_year_start('t.collection_year') }} and {{ dq_year_end('t.collection_year') }}
    )
),

rule_632 as (
    -- DATE_PERM may be partly unknown: dd/mm/yyyy with zz standing for the unknown parts.
    select distinct
        {{ dq_columns('632', 'prev_perm', {'DATE_PERM': 't.previous_permanence_date'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    where t.previous_permanence_date is not null and not regexp_full_match(
        lower(t.previous_permanence_date),
        '(\d{2}|zz)/(\d{2}|zz)/\d{4}|\d{4}-\d{2}-\d{2}'
    )
),

rule_633 as (
    -- LA_PERM is a DfE LA code, or WAL, SCO, NIR or NUK for arrangements outside England.
    select distinct
        {{ dq_columns('633', 'prev_perm', {'LA_PERM': 't.previous_permanence_la'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    where
        t.previous_permanence_la is not null
        and upper(t.previous_permanence_la) not in ('WAL', 'SCO', 'NUK', 'NIR', '999')
        and t.previous_permanence_la not in (
            select cast(la.la_code as varchar) from {{ ref('ref_local_authorities') }} as la
        )
),

rule_634 as (
    -- Previous permanence is only returned for a child who started a period of care this year.
    select distinct
        {{ dq_columns('634', 'prev_perm', {'PREV_PERM': 't.previous_permanence', 'latest_DECOM': 'e.last_start'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            max(episode_start_date) as last_start
        from {{ ref('stg_ssda903__episodes') }}
        group by all
    ) as e
        on t.la_code = e.la_code and t.collection_year = e.collection_year and t.child_id = e.child_id
    where
        (
            t.previous_permanence is not null
            or t.previous_permanence_date is not null
            or t.previous_permanence_la is not null
        )
        and e.last_start < {{ dq_year_start('t.collection_year') }}
),

rule_635 as (
    -- An LA or date of a previous permanence order needs the option itself (not Z1, 'none').
    select distinct
        {{ dq_columns('635', 'prev_perm', {
            'PREV_PERM': 't.previous_permanence',
            'LA_PERM': 't.previous_permanence_la',
            'DATE_PERM': 't.previous_permanence_date',
        }) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    where
        (t.previous_permanence_la is not null or t.previous_permanence_date is not null)
        and (t.previous_permanence is null or t.previous_permanence = 'Z1')
),

rule_1003 as (
    -- Compared with the start (RNE S) of the latest period of care in the return.
    select distinct
        {{ dq_columns('1003', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'latest_S_DECOM': 's.latest_care_start',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join (
        select
            la_code,
            collection_year,
            child_id,
            max(episode_start_date) as latest_care_start
        from {{ ref('stg_ssda903__episodes') }}
        where reason_new_episode = 'S'
        group by all
    ) as s
        on t.la_code = s.la_code and t.collection_year = s.collection_year and t.child_id = s.child_id
    where t.date_decision_to_adopt < s.latest_care_start
),

rule_int01 as (
    select distinct
        {{ dq_columns('INT01', 'ad1', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
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

rule_int02 as (
    select distinct
        {{ dq_columns('INT02', 'placed_for_adoption', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
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

rule_int07 as (
    select distinct
        {{ dq_columns('INT07', 'prev_perm', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
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

rule_int11 as (
    select distinct
        {{ dq_columns('INT11', 'ad1', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int12 as (
    select distinct
        {{ dq_columns('INT12', 'placed_for_adoption', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int16 as (
    select distinct
        {{ dq_columns('INT16', 'prev_perm', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
)

select * from rule_117
union all
select * from rule_118
union all
select * from rule_119
union all
select * from rule_151
union all
select * from rule_175
union all
select * from rule_184
union all
select * from rule_331
union all
select * from rule_333
union all
select * from rule_334
union all
select * from rule_335
union all
select * from rule_511
union all
select * from rule_514
union all
select * from rule_517
union all
select * from rule_518
union all
select * from rule_519
union all
select * from rule_520
union all
select * from rule_522
union all
select * from rule_523
union all
select * from rule_524
union all
select * from rule_525
union all
select * from rule_552
union all
select * from rule_554
union all
select * from rule_557
union all
select * from rule_558
union all
select * from rule_563
union all
select * from rule_579
union all
select * from rule_582
union all
select * from rule_583
union all
select * from rule_584
union all
select * from rule_602
union all
select * from rule_632
union all
select * from rule_633
union all
select * from rule_634
union all
select * from rule_635
union all
select * from rule_1003
union all
select * from rule_int01
union all
select * from rule_int02
union all
select * from rule_int07
union all
select * from rule_int11
union all
select * from rule_int12
union all
select * from rule_int16
