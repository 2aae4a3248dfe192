{#- Our own rules (CSC-xxx) for faults that case-management systems put into the returns and
    that the DfE rules either miss or report in a way that hides the cause. They complement the
    DfE rules: the DfE 501 says 'episodes overlap'; CSC-001 says 'this is the Liquid Logic
    duplicated end date', which needs a different fix. One CTE per rule, then their union. -#}
with

rule_csc_001__shared_end as (
    select
        *,
        count(*) over same_end as episodes_sharing_dec,
        max(episode_start_date) over same_end as latest_start_with_dec
    from {{ ref('int_dq__ssda903_episodes') }}
    where episode_end_date is not null
    window same_end as (partition by la_code, collection_year, child_id, episode_end_date)

),

rule_csc_001 as (
    -- Our own rules (CSC-xxx) for faults that case-management systems put into the returns and
    -- that the DfE rules either miss or report in a way that hides the cause. They complement the
    -- DfE rules: the DfE 501 says 'episodes overlap'; CSC-001 says 'this is the Liquid Logic
    -- duplicated end date', which needs a different fix.
    -- Liquid Logic copies a child's latest end date (DEC) into earlier episodes of the same
    -- period (Rotherham, 2021). Signature: two or more episodes share one DEC, and the earlier
    -- one's DEC falls after a later episode starts. The episodes whose DEC was overwritten
    -- (all but the latest holder of the date) are flagged; the repair is done downstream.
    select distinct
        {{ dq_columns('CSC-001', 'episodes', {
            'DECOM': 't.episode_start_date',
            'DEC': 't.episode_end_date',
            'next_DECOM': 't.next_start_date',
            'episodes_sharing_DEC': 't.episodes_sharing_dec',
        }) }}
    from rule_csc_001__shared_end as t
    where
        t.episodes_sharing_dec > 1 and t.episode_start_date < t.latest_start_with_dec
        and t.next_start_date is not null and t.episode_end_date > t.next_start_date
),

rule_csc_002 as (
    -- An episode starting before the previous one ended, when the previous end date is not a
    -- Liquid Logic copy (those are CSC-001).
    select distinct
        {{ dq_columns('CSC-002', 'episodes', {
            'DECOM': 't.episode_start_date',
            'previous_DECOM': 't.prev_start_date',
            'previous_DEC': 't.prev_end_date',
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_start_date < t.prev_end_date and not exists (
        select 1 from {{ ref('int_dq__ssda903_episodes') }} as o
        where
            o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
            and o.episode_end_date = t.prev_end_date and o.episode_start_date > t.prev_start_date
    )
),

rule_csc_003 as (
    select distinct
        {{ dq_columns('CSC-003', 'episodes', {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.episode_end_date < t.episode_start_date
),

rule_csc_004 as (
    -- X1 says the period of care continues; a later start than the previous DEC leaves days
    -- in which the child was neither in nor out of care.
    select distinct
        {{ dq_columns('CSC-004', 'episodes', {
            'previous_DEC': 't.prev_end_date',
            'previous_REC': 't.prev_reason_ceased',
            'DECOM': 't.episode_start_date',
            'gap_days': "date_diff('day', t.prev_end_date, t.episode_start_date)",
        }) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    where t.prev_reason_ceased = 'X1' and t.episode_start_date > t.prev_end_date
),

rule_csc_006 as (
    -- The same UPN under two child identifiers is one child recorded twice (or a typing slip).
    select
        {{ dq_columns('CSC-006', 'header', {'UPN': 't.upn', 'DOB': 't.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    qualify
        t.upn is not null and upper(t.upn) not like 'UN%'
        and count(*) over (partition by t.la_code, t.collection_year, upper(t.upn)) > 1
    union all
    select
        {{ dq_columns('CSC-006', 'children', {'UPN': 't.upn', 'PersonBirthDate': 't.date_of_birth'}) }}
    from {{ ref('stg_cin_census__children') }} as t
    qualify
        t.upn is not null
        and count(distinct t.child_id) over (partition by t.la_code, t.collection_year, upper(t.upn)) > 1
),

rule_csc_008 as (
    -- (return, table, raw column, staged column) of the event dates that cannot be after the year end.
    -- Nothing recorded in a return can have happened after the year it covers.
    select distinct
        {{ dq_columns('CSC-008', 'header', {'DOB': 't.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.date_of_birth > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'header', {'MC_DOB': 't.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.mother_child_dob > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'episodes', {'DECOM': 't.episode_start_date'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where t.episode_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'episodes', {'DEC': 't.episode_end_date'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where t.episode_end_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'reviews', {'REVIEW': 't.review_date'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    where t.review_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'missing', {'MIS_START': 't.missing_start_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'missing', {'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'ad1', {'DATE_INT': 't.date_decision_to_adopt'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.date_decision_to_adopt > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'ad1', {'DATE_MATCH': 't.date_matched'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where t.date_matched > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'placed_for_adoption', {'DATE_PLACED': 't.date_decision_to_adopt'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where t.date_decision_to_adopt > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'placed_for_adoption', {'DATE_PLACED_CEASED': 't.date_decision_ceased'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where t.date_decision_ceased > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'social_worker', {'SW_DECOM': 't.sw_episode_start_date'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'social_worker', {'SW_DEC': 't.sw_episode_end_date'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_end_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cin_details', {'CINreferralDate': 't.referral_date'}) }}
    from {{ ref('stg_cin_census__cin_details') }} as t
    where t.referral_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cin_details', {'CINclosureDate': 't.closure_date'}) }}
    from {{ ref('stg_cin_census__cin_details') }} as t
    where t.closure_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'assessments', {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
    from {{ ref('stg_cin_census__assessments') }} as t
    where t.assessment_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'assessments', {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from {{ ref('stg_cin_census__assessments') }} as t
    where t.assessment_authorised_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'section47', {'S47ActualStartDate': 't.s47_start_date'}) }}
    from {{ ref('stg_cin_census__section47') }} as t
    where t.s47_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'section47', {'DateOfInitialCPC': 't.icpc_date'}) }}
    from {{ ref('stg_cin_census__section47') }} as t
    where t.icpc_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cin_plans', {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
    from {{ ref('stg_cin_census__cin_plans') }} as t
    where t.cin_plan_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cin_plans', {'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from {{ ref('stg_cin_census__cin_plans') }} as t
    where t.cin_plan_end_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cp_plans', {'CPPstartDate': 't.cp_plan_start_date'}) }}
    from {{ ref('stg_cin_census__cp_plans') }} as t
    where t.cp_plan_start_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cp_plans', {'CPPendDate': 't.cp_plan_end_date'}) }}
    from {{ ref('stg_cin_census__cp_plans') }} as t
    where t.cp_plan_end_date > {{ dq_year_end('t.collection_year') }}
    union all
    select distinct
        {{ dq_columns('CSC-008', 'cp_reviews', {'CPPreviewDate': 't.cp_review_date'}) }}
    from {{ ref('stg_cin_census__cp_reviews') }} as t
    where t.cp_review_date > {{ dq_year_end('t.collection_year') }}
),

rule_csc_009 as (
    -- 903 events that cannot happen before the child is born, against the best known date of birth
    -- (the header's, else the child's other rows', else last year's header).
    select distinct
        {{ dq_columns('CSC-009', 'episodes', {'DECOM': 't.episode_start_date', 'DOB': 'h.known_date_of_birth'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.episode_start_date < h.known_date_of_birth
    union all
    select distinct
        {{ dq_columns('CSC-009', 'reviews', {'REVIEW': 't.review_date', 'DOB': 'h.known_date_of_birth'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.review_date < h.known_date_of_birth
    union all
    select distinct
        {{ dq_columns('CSC-009', 'missing', {'MIS_START': 't.missing_start_date', 'DOB': 'h.known_date_of_birth'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.missing_start_date < h.known_date_of_birth
    union all
    select distinct
        {{ dq_columns('CSC-009', 'ad1', {'DATE_MATCH': 't.date_matched', 'DOB': 'h.known_date_of_birth'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_matched < h.known_date_of_birth
    union all
    select distinct
        {{ dq_columns('CSC-009', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DOB': 'h.known_date_of_birth',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_decision_to_adopt < h.known_date_of_birth
    union all
    select distinct
        {{ dq_columns('CSC-009', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'DOB': 'h.known_date_of_birth',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.sw_episode_start_date < h.known_date_of_birth
),

rule_csc_010 as (
    -- A statutory review is held while the child is looked after, and a return lists the reviews
    -- of its own year: one dated before 1 April belongs to last year's return (or was typed
    -- wrongly), and one that no episode covers (before the child entered care, or in a gap
    -- between periods of care) means a wrong date or a missing episode.
    select distinct
        {{ dq_columns('CSC-010', 'reviews', {'REVIEW': 't.review_date', 'first_DECOM': 'c.first_episode_start'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.review_date < {{ dq_year_start('t.collection_year') }}
        or (exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as e
            where
                e.la_code = t.la_code and e.child_id = t.child_id
                and e.collection_year in (t.collection_year, t.collection_year - 1)
                and e.episode_start_date <= t.review_date
                and coalesce(e.episode_end_date, {{ dq_year_end('t.collection_year') }}) >= t.review_date
        ))
),

rule_csc_011 as (
    select distinct
        {{ dq_columns('CSC-011', 'cin_plans', {
            'CINPlanStartDate': 't.cin_plan_start_date',
            'CINPlanEndDate': 't.cin_plan_end_date',
        }) }}
    from {{ ref('stg_cin_census__cin_plans') }} as t
    where t.cin_plan_end_date < t.cin_plan_start_date
    union all
    select distinct
        {{ dq_columns('CSC-011', 'cp_plans', {
            'CPPstartDate': 't.cp_plan_start_date',
            'CPPendDate': 't.cp_plan_end_date',
        }) }}
    from {{ ref('stg_cin_census__cp_plans') }} as t
    where t.cp_plan_end_date < t.cp_plan_start_date
    union all
    select distinct
        {{ dq_columns('CSC-011', 'placed_for_adoption', {
            'DATE_PLACED': 't.date_decision_to_adopt',
            'DATE_PLACED_CEASED': 't.date_decision_ceased',
        }) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where t.date_decision_ceased < t.date_decision_to_adopt
    union all
    select distinct
        {{ dq_columns('CSC-011', 'missing', {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date < t.missing_start_date
    union all
    select distinct
        {{ dq_columns('CSC-011', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'SW_DEC': 't.sw_episode_end_date',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_end_date < t.sw_episode_start_date
),

rule_csc_012 as (
    select distinct
        {{ dq_columns('CSC-012', 'cin_details', {
            'CINreferralDate': 't.referral_date',
            'CINclosureDate': 't.closure_date',
        }) }}
    from {{ ref('stg_cin_census__cin_details') }} as t
    where t.referral_date > t.closure_date
),

rule_csc_013 as (
    select distinct
        {{ dq_columns('CSC-013', 'assessments', {
            'AssessmentActualStartDate': 't.assessment_start_date',
            'AssessmentAuthorisationDate': 't.assessment_authorised_date',
        }) }}
    from {{ ref('stg_cin_census__assessments') }} as t
    where t.assessment_authorised_date < t.assessment_start_date
),

rule_csc_014 as (
    -- Every 903 table describes children of the header; a header child needs episodes this
    -- year unless the row is only for the care-leaver (OC3) return.
    select distinct
        {{ dq_columns('CSC-014', 'episodes', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'reviews', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'uasc', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__uasc') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'oc2', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'oc3', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'ad1', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'placed_for_adoption', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'prev_perm', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'missing', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'social_worker', {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__header') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__header') }} as h
            where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'header' and q.child_id = t.child_id
        )
    union all
    select distinct
        {{ dq_columns('CSC-014', 'header', {'CHILD': 't.child_id', 'missing_from': "'episodes'"}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where
        exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('stg_ssda903__oc3') }} as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
        )
        and not exists (
            select 1 from {{ ref('int_dq__quarantined_rows') }} as q
            where
                q.la_code = t.la_code and q.collection_year = t.collection_year
                and q.table_name = 'episodes' and q.child_id = t.child_id
        )
)

select * from rule_csc_001
union all
select * from rule_csc_002
union all
select * from rule_csc_003
union all
select * from rule_csc_004
union all
select * from rule_csc_006
union all
select * from rule_csc_008
union all
select * from rule_csc_009
union all
select * from rule_csc_010
union all
select * from rule_csc_011
union all
select * from rule_csc_012
union all
select * from rule_csc_013
union all
select * from rule_csc_014
