{#- DfE CIN census rules about the CIN episode (CINdetails): referral, closure, and what the
    episode holds. What the rules need from the episode's assessments, section 47 enquiries and
    plans is gathered once per episode (episode_contents) rather than looked up rule by rule. -#}
with

episodes as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

children as not materialized (
    select * from {{ ref('stg_cin_census__children') }}
),

assessments_per_episode as (
    select
        cin_episode_key,
        count(*) as assessments,
        count(*) filter (where assessment_authorised_date is null) as assessments_open,
        max(greatest(assessment_start_date, assessment_authorised_date)) as latest_assessment_date
    from {{ ref('stg_cin_census__assessments') }}
    group by cin_episode_key
),

section47_per_episode as (
    select
        cin_episode_key,
        count(*) as enquiries,
        -- 8868: enquiries left unresolved: no conference and not marked as needing none, or a
        -- conference although marked as needing none
        count(*) filter (
            where
            (icpc_date is null and not coalesce(is_icpc_not_required, false))
            or (icpc_date is not null and coalesce(is_icpc_not_required, false))
        ) as enquiries_unresolved,
        max(greatest(s47_start_date, icpc_date)) as latest_s47_date
    from {{ ref('stg_cin_census__section47') }}
    group by cin_episode_key
),

cp_plans_per_episode as (
    select
        cin_episode_key,
        count(*) as cp_plans,
        max(cp_plan_end_date) as latest_cp_plan_end
    from {{ ref('stg_cin_census__cp_plans') }}
    group by cin_episode_key
),

cin_plans_per_episode as (
    select
        cin_episode_key,
        count(*) as cin_plans,
        max(greatest(cin_plan_start_date, cin_plan_end_date)) as latest_cin_plan_date
    from {{ ref('stg_cin_census__cin_plans') }}
    group by cin_episode_key
),

-- Children with more than one episode: only they can have two open episodes (8815) or an open
-- episode that is not their latest (8816). Grouping and joining back these few is much faster
-- than windows over every episode.
children_with_many_episodes as (
    select
        cin_child_key,
        -- open episodes (no closure date) that are not a referral with no further action
        count(*) filter (where closure_date is null and not coalesce(is_referral_nfa, false)) as open_episodes,
        max(referral_date) as latest_referral
    from episodes
    group by cin_child_key
    having count(*) > 1
),

episode_contents as (
    select
        episodes.*,
        {{ dq_year_start('episodes.collection_year') }} as year_start,
        {{ dq_year_end('episodes.collection_year') }} as year_end,
        children.date_of_birth,
        children.expected_date_of_birth,
        children.date_of_death,
        coalesce(assessments_per_episode.assessments, 0) as assessments,
        coalesce(assessments_per_episode.assessments_open, 0) as assessments_open,
        coalesce(section47_per_episode.enquiries, 0) as enquiries,
        coalesce(section47_per_episode.enquiries_unresolved, 0) as enquiries_unresolved,
        coalesce(cp_plans_per_episode.cp_plans, 0) as cp_plans,
        coalesce(cin_plans_per_episode.cin_plans, 0) as cin_plans,
        greatest(
            episodes.initial_cpc_date,
            assessments_per_episode.latest_assessment_date,
            section47_per_episode.latest_s47_date,
            cp_plans_per_episode.latest_cp_plan_end,
            cin_plans_per_episode.latest_cin_plan_date
        ) as latest_activity_date,
        -- for a child with one episode: that episode's own figures
        coalesce(
            children_with_many_episodes.open_episodes,
            case when episodes.closure_date is null and not coalesce(episodes.is_referral_nfa, false) then 1 else 0 end
        ) as open_episodes_of_child,
        case
            when children_with_many_episodes.cin_child_key is null then episodes.referral_date
            else children_with_many_episodes.latest_referral
        end as latest_referral_of_child
    from episodes
    left join children on episodes.cin_child_key = children.cin_child_key
    left join assessments_per_episode on episodes.cin_episode_key = assessments_per_episode.cin_episode_key
    left join section47_per_episode on episodes.cin_episode_key = section47_per_episode.cin_episode_key
    left join cp_plans_per_episode on episodes.cin_episode_key = cp_plans_per_episode.cin_episode_key
    left join cin_plans_per_episode on episodes.cin_episode_key = cin_plans_per_episode.cin_episode_key
    left join children_with_many_episodes on episodes.cin_child_key = children_with_many_episodes.cin_child_key
),

rule_2990 as (
    select {{ dq_columns('2990', 'cin_details', {'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where t.reason_for_closure in ('RC8', 'RC9') and (t.cin_plans > 0 or t.enquiries > 0 or t.cp_plans > 0)
),

rule_2991q as (
    select {{ dq_columns('2991Q', 'cin_details', {'CINreferralDate': 't.referral_date'}) }}
    from episode_contents as t
    where t.enquiries > 0 and t.assessments = 0
),

rule_8555q as (
    select {{ dq_columns('8555Q', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'PersonDeathDate': 't.date_of_death'}) }}
    from episode_contents as t
    where t.referral_date > t.date_of_death
),

-- 8565: nothing on a CIN episode happens after the episode closed.
rule_8565 as (
    select {{ dq_columns('8565', 'cin_details', {'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date < t.latest_activity_date
),

-- 8569Q: a referral made before the census year (before 1 April) cannot be flagged as no further
-- action (ReferralNFA must be false; missing counts as not false).
rule_8569q as (
    select {{ dq_columns('8569Q', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'ReferralNFA': 't.is_referral_nfa'}) }}
    from episode_contents as t
    where t.referral_date < t.year_start and t.is_referral_nfa is distinct from false
),

rule_8585q as (
    select {{ dq_columns('8585Q', 'cin_details', {'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where t.reason_for_closure = 'RC2' and t.date_of_death is null
),

rule_8600 as (
    select {{ dq_columns('8600', 'cin_details', {'CINreferralDate': 't.referral_date'}) }}
    from episode_contents as t
    where t.referral_date > t.year_end
),

rule_8606 as (
    select {{ dq_columns('8606', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'PersonBirthDate': 't.date_of_birth',
        'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
    from episode_contents as t
    where t.referral_date < coalesce(t.date_of_birth, t.expected_date_of_birth) - interval 280 day
),

rule_8610 as (
    select {{ dq_columns('8610', 'cin_details', {
        'ReferralNFA': 't.is_referral_nfa', 'PrimaryNeedCode': 't.primary_need'}) }}
    from episode_contents as t
    where t.is_referral_nfa = false and t.primary_need is null
),

rule_8620 as (
    select {{ dq_columns('8620', 'cin_details', {'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date < t.year_start or t.closure_date > t.year_end
),

rule_8630 as (
    select {{ dq_columns('8630', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date < t.referral_date
),

-- 8640: ReasonForClosure from the DfE code list of the year.
rule_8640 as (
    select {{ dq_columns('8640', 'cin_details', {'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where
        t.reason_for_closure is not null
        and {{ dq_not_in_code_list('t.reason_for_closure', 'cin_reason_for_closure') }}
        and {{ dq_code_list_in_force('cin_reason_for_closure') }}
),

-- 8650: PrimaryNeedCode from the DfE code list of the year.
rule_8650 as (
    select {{ dq_columns('8650', 'cin_details', {'PrimaryNeedCode': 't.primary_need'}) }}
    from episode_contents as t
    where
        t.primary_need is not null
        and {{ dq_not_in_code_list('t.primary_need', 'cin_primary_need') }}
        and {{ dq_code_list_in_force('cin_primary_need') }}
),

-- 8715: the initial child protection conference on the episode falls in the census year (the
-- section 47 conferences are checked in int_dq__cin_s47_rules).
rule_8715 as (
    select {{ dq_columns('8715', 'cin_details', {'DateOfInitialCPC': 't.initial_cpc_date'}) }}
    from episode_contents as t
    where t.initial_cpc_date < t.year_start or t.initial_cpc_date > t.year_end
),

rule_8805 as (
    select {{ dq_columns('8805', 'cin_details', {
        'CINclosureDate': 't.closure_date', 'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where t.closure_date is not null and t.reason_for_closure is null
),

rule_8810 as (
    select {{ dq_columns('8810', 'cin_details', {
        'CINclosureDate': 't.closure_date', 'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where t.closure_date is null and t.reason_for_closure is not null
),

-- 8815: at most one open episode per child.
rule_8815 as (
    select {{ dq_columns('8815', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date is null and not coalesce(t.is_referral_nfa, false) and t.open_episodes_of_child > 1
),

-- 8816: the open episode is the child's latest.
rule_8816 as (
    select {{ dq_columns('8816', 'cin_details', {'CINreferralDate': 't.referral_date'}) }}
    from episode_contents as t
    where
        t.closure_date is null
        and not coalesce(t.is_referral_nfa, false)
        and t.referral_date < t.latest_referral_of_child
),

-- 8820: a child's episodes do not overlap (the later of two starting on the same day is flagged).
rule_8820 as (
    select {{ dq_columns('8820', 'cin_details', {
        'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where exists (
        select 1 from episodes as other
        where
            other.cin_child_key = t.cin_child_key
            and other.cin_episode_key <> t.cin_episode_key
            and other.referral_date >= t.referral_date
            and other.referral_date < coalesce(t.closure_date, date '9999-12-31')
            and not (other.referral_date = t.referral_date and other.source_line < t.source_line)
    )
),

rule_8825q as (
    select {{ dq_columns('8825Q', 'cin_details', {'ReasonForClosure': 't.reason_for_closure'}) }}
    from episode_contents as t
    where t.reason_for_closure in ('RC8', 'RC9') and t.assessments = 0
),

rule_8831 as (
    select {{ dq_columns('8831', 'cin_details', {'ReferralNFA': 't.is_referral_nfa'}) }}
    from episode_contents as t
    where t.is_referral_nfa and (t.initial_cpc_date is not null or t.assessments > 0 or t.enquiries > 0)
),

-- 8866: ReferralSource is required and from the DfE code list of the year.
rule_8866 as (
    select {{ dq_columns('8866', 'cin_details', {'ReferralSource': 't.referral_source'}) }}
    from episode_contents as t
    where
        {{ dq_not_in_code_list('t.referral_source', 'cin_referral_source') }}
        and {{ dq_code_list_in_force('cin_referral_source') }}
),

rule_8867 as (
    select {{ dq_columns('8867', 'cin_details', {'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date is not null and t.assessments_open > 0
),

rule_8868 as (
    select {{ dq_columns('8868', 'cin_details', {'CINclosureDate': 't.closure_date'}) }}
    from episode_contents as t
    where t.closure_date is not null and t.enquiries_unresolved > 0
),

-- 8875: a conference is not held at a weekend (section 47 conferences: int_dq__cin_s47_rules).
rule_8875 as (
    select {{ dq_columns('8875', 'cin_details', {'DateOfInitialCPC': 't.initial_cpc_date'}) }}
    from episode_contents as t
    where dayofweek(t.initial_cpc_date) in (0, 6)
)

select * from rule_2990
union all
select * from rule_2991q
union all
select * from rule_8555q
union all
select * from rule_8565
union all
select * from rule_8569q
union all
select * from rule_8585q
union all
select * from rule_8600
union all
select * from rule_8606
union all
select * from rule_8610
union all
select * from rule_8620
union all
select * from rule_8630
union all
select * from rule_8640
union all
select * from rule_8650
union all
select * from rule_8715
union all
select * from rule_8805
union all
select * from rule_8810
union all
select * from rule_8815
union all
select * from rule_8816
union all
select * from rule_8820
union all
select * from rule_8825q
union all
select * from rule_8831
union all
select * from rule_8866
union all
select * from rule_8867
union all
select * from rule_8868
union all
select * from rule_8875
