{#- Our own rules (CSC-xxx) for faults that case-management systems put into the returns and
    that the DfE rules either miss or report in a way that hides the cause. They complement the
    DfE rules: the DfE 501 says 'episodes overlap'; CSC-001 says 'this is the Liquid Logic
    duplicated end date', which needs a different fix. -#}

{% macro dq_csc_001() %}
    {#- Liquid Logic copies a child's latest end date (DEC) into earlier episodes of the same
        period (Rotherham, 2021). Signature: two or more episodes share one DEC, and the earlier
        one's DEC falls after a later episode starts. The episodes whose DEC was overwritten
        (all but the latest holder of the date) are flagged; the repair is done downstream. -#}
    with shared_end as (
        select
            *,
            count(*) over same_end as episodes_sharing_dec,
            max(episode_start_date) over same_end as latest_start_with_dec
        from {{ ref('int_dq__ssda903_episodes') }}
        where episode_end_date is not null
        window same_end as (partition by la_code, collection_year, child_id, episode_end_date)
    )

    {{ dq_row_rule('CSC-001', 'episodes', 'shared_end',
        "t.episodes_sharing_dec > 1 and t.episode_start_date < t.latest_start_with_dec
         and t.next_start_date is not null and t.episode_end_date > t.next_start_date",
        {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date', 'next_DECOM': 't.next_start_date',
         'episodes_sharing_DEC': 't.episodes_sharing_dec'}) }}
{% endmacro %}

{% macro dq_csc_002() %}
    {#- An episode starting before the previous one ended, when the previous end date is not a
        Liquid Logic copy (those are CSC-001). -#}
    {{ dq_row_rule('CSC-002', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_start_date < t.prev_end_date and not exists (
            select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
              and o.episode_end_date = t.prev_end_date and o.episode_start_date > t.prev_start_date)",
        {'DECOM': 't.episode_start_date', 'previous_DECOM': 't.prev_start_date', 'previous_DEC': 't.prev_end_date'}) }}
{% endmacro %}

{% macro dq_csc_003() %}
    {{ dq_row_rule('CSC-003', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_end_date < t.episode_start_date", {'DECOM': 't.episode_start_date', 'DEC': 't.episode_end_date'}) }}
{% endmacro %}

{% macro dq_csc_004() %}
    {#- X1 says the period of care continues; a later start than the previous DEC leaves days
        in which the child was neither in nor out of care. -#}
    {{ dq_row_rule('CSC-004', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.prev_reason_ceased = 'X1' and t.episode_start_date > t.prev_end_date",
        {'previous_DEC': 't.prev_end_date', 'previous_REC': 't.prev_reason_ceased', 'DECOM': 't.episode_start_date',
         'gap_days': "date_diff('day', t.prev_end_date, t.episode_start_date)"}) }}
{% endmacro %}

{% macro dq_csc_006() %}
    {#- The same UPN under two child identifiers is one child recorded twice (or a typing slip). -#}
    {{ dq_row_rule('CSC-006', 'header', ref('stg_ssda903__header'),
        "t.upn is not null and upper(t.upn) not like 'UN%'
         and count(*) over (partition by t.la_code, t.collection_year, upper(t.upn)) > 1",
        {'UPN': 't.upn', 'DOB': 't.date_of_birth'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
    union all
    {{ dq_row_rule('CSC-006', 'children', ref('stg_cin_census__children'),
        "t.upn is not null
         and count(distinct t.child_id) over (partition by t.la_code, t.collection_year, upper(t.upn)) > 1",
        {'UPN': 't.upn', 'PersonBirthDate': 't.date_of_birth'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{#- (return, table, raw column, staged column) of the event dates that cannot be after the year end. -#}
{% macro dqh_event_dates() %}
    {%- do return([
        ('ssda903', 'header', 'DOB', 'date_of_birth'),
        ('ssda903', 'header', 'MC_DOB', 'mother_child_dob'),
        ('ssda903', 'episodes', 'DECOM', 'episode_start_date'),
        ('ssda903', 'episodes', 'DEC', 'episode_end_date'),
        ('ssda903', 'reviews', 'REVIEW', 'review_date'),
        ('ssda903', 'missing', 'MIS_START', 'missing_start_date'),
        ('ssda903', 'missing', 'MIS_END', 'missing_end_date'),
        ('ssda903', 'ad1', 'DATE_INT', 'date_decision_to_adopt'),
        ('ssda903', 'ad1', 'DATE_MATCH', 'date_matched'),
        ('ssda903', 'placed_for_adoption', 'DATE_PLACED', 'date_decision_to_adopt'),
        ('ssda903', 'placed_for_adoption', 'DATE_PLACED_CEASED', 'date_decision_ceased'),
        ('ssda903', 'social_worker', 'SW_DECOM', 'sw_episode_start_date'),
        ('ssda903', 'social_worker', 'SW_DEC', 'sw_episode_end_date'),
        ('cin_census', 'cin_details', 'CINreferralDate', 'referral_date'),
        ('cin_census', 'cin_details', 'CINclosureDate', 'closure_date'),
        ('cin_census', 'assessments', 'AssessmentActualStartDate', 'assessment_start_date'),
        ('cin_census', 'assessments', 'AssessmentAuthorisationDate', 'assessment_authorised_date'),
        ('cin_census', 'section47', 'S47ActualStartDate', 's47_start_date'),
        ('cin_census', 'section47', 'DateOfInitialCPC', 'icpc_date'),
        ('cin_census', 'cin_plans', 'CINPlanStartDate', 'cin_plan_start_date'),
        ('cin_census', 'cin_plans', 'CINPlanEndDate', 'cin_plan_end_date'),
        ('cin_census', 'cp_plans', 'CPPstartDate', 'cp_plan_start_date'),
        ('cin_census', 'cp_plans', 'CPPendDate', 'cp_plan_end_date'),
        ('cin_census', 'cp_reviews', 'CPPreviewDate', 'cp_review_date')
    ]) -%}
{% endmacro %}

{% macro dq_csc_008() %}
    {#- Nothing recorded in a return can have happened after the year it covers. -#}
    {%- for ret, table, raw_col, stg_col in dqh_event_dates() %}
    {{ dq_row_rule('CSC-008', table, ref('stg_' ~ ret ~ '__' ~ table),
        "t." ~ stg_col ~ " > " ~ dq_year_end('t.collection_year'), {raw_col: 't.' ~ stg_col}) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{% endmacro %}

{#- 903 events that cannot happen before the child is born, against the best known date of birth
    (the header's, else the child's other rows', else last year's header). -#}
{% macro dq_csc_009() %}
    {%- set events = [
        ('episodes', 'DECOM', 'episode_start_date'), ('reviews', 'REVIEW', 'review_date'),
        ('missing', 'MIS_START', 'missing_start_date'), ('ad1', 'DATE_MATCH', 'date_matched'),
        ('placed_for_adoption', 'DATE_PLACED', 'date_decision_to_adopt'), ('social_worker', 'SW_DECOM', 'sw_episode_start_date')
    ] -%}
    {%- for table, raw_col, stg_col in events %}
    {{ dq_row_rule('CSC-009', table, ref('stg_ssda903__' ~ table),
        "t." ~ stg_col ~ " < h.known_date_of_birth", {raw_col: 't.' ~ stg_col, 'DOB': 'h.known_date_of_birth'},
        joins="inner join " ~ ref('int_dq__ssda903_children') ~ " as h
            on h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id") }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{% endmacro %}

{% macro dq_csc_010() %}
    {#- A statutory review is held while the child is looked after, and a return lists the reviews
        of its own year: one dated before 1 April belongs to last year's return (or was typed
        wrongly), and one that no episode covers (before the child entered care, or in a gap
        between periods of care) means a wrong date or a missing episode. -#}
    {{ dq_row_rule('CSC-010', 'reviews', ref('stg_ssda903__reviews'),
        "t.review_date < " ~ dq_year_start('t.collection_year') ~ "
         or (exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                     where a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id)
             and not exists (
                select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                where e.la_code = t.la_code and e.child_id = t.child_id
                  and e.collection_year in (t.collection_year, t.collection_year - 1)
                  and e.episode_start_date <= t.review_date
                  and coalesce(e.episode_end_date, " ~ dq_year_end('t.collection_year') ~ ") >= t.review_date))",
        {'REVIEW': 't.review_date', 'first_DECOM': "(select min(e.episode_start_date) from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)"}) }}
{% endmacro %}

{% macro dq_csc_011() %}
    {%- set plans = [
        ('cin_census', 'cin_plans', 'CINPlanStartDate', 'cin_plan_start_date', 'CINPlanEndDate', 'cin_plan_end_date'),
        ('cin_census', 'cp_plans', 'CPPstartDate', 'cp_plan_start_date', 'CPPendDate', 'cp_plan_end_date'),
        ('ssda903', 'placed_for_adoption', 'DATE_PLACED', 'date_decision_to_adopt', 'DATE_PLACED_CEASED', 'date_decision_ceased'),
        ('ssda903', 'missing', 'MIS_START', 'missing_start_date', 'MIS_END', 'missing_end_date'),
        ('ssda903', 'social_worker', 'SW_DECOM', 'sw_episode_start_date', 'SW_DEC', 'sw_episode_end_date')
    ] -%}
    {%- for ret, table, raw_start, start_col, raw_end, end_col in plans %}
    {{ dq_row_rule('CSC-011', table, ref('stg_' ~ ret ~ '__' ~ table),
        "t." ~ end_col ~ " < t." ~ start_col, {raw_start: 't.' ~ start_col, raw_end: 't.' ~ end_col}) }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{% endmacro %}

{% macro dq_csc_012() %}
    {{ dq_row_rule('CSC-012', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.referral_date > t.closure_date", {'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_csc_013() %}
    {{ dq_row_rule('CSC-013', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date < t.assessment_start_date",
        {'AssessmentActualStartDate': 't.assessment_start_date', 'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_csc_014() %}
    {#- Every 903 table describes children of the header; a header child needs episodes this
        year unless the row is only for the care-leaver (OC3) return. -#}
    {%- set tables = ['episodes', 'reviews', 'uasc', 'oc2', 'oc3', 'ad1', 'placed_for_adoption', 'prev_perm', 'missing', 'social_worker'] -%}
    {%- for table in tables %}
    {{ dq_row_rule('CSC-014', table, ref('stg_ssda903__' ~ table),
        "exists (select 1 from " ~ ref('stg_ssda903__header') ~ " as a where a.la_code = t.la_code and a.collection_year = t.collection_year)
         and not exists (select 1 from " ~ ref('stg_ssda903__header') ~ " as h
                         where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id)
         and not exists (select 1 from " ~ ref('int_dq__quarantined_rows') ~ " as q
                         where q.la_code = t.la_code and q.collection_year = t.collection_year
                           and q.table_name = 'header' and q.child_id = t.child_id)",
        {'CHILD': 't.child_id', 'missing_from': "'header'"}) }}
    union all
    {%- endfor %}
    {{ dq_row_rule('CSC-014', 'header', ref('stg_ssda903__header'),
        "exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a where a.la_code = t.la_code and a.collection_year = t.collection_year)
         and not exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                         where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id)
         and not exists (select 1 from " ~ ref('stg_ssda903__oc3') ~ " as o
                         where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id)
         and not exists (select 1 from " ~ ref('int_dq__quarantined_rows') ~ " as q
                         where q.la_code = t.la_code and q.collection_year = t.collection_year
                           and q.table_name = 'episodes' and q.child_id = t.child_id)",
        {'CHILD': 't.child_id', 'missing_from': "'episodes'"}) }}
{% endmacro %}
