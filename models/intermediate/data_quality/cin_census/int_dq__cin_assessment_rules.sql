{#- DfE CIN census rules about assessments and their factors. What the rules need from the
    episode and the assessment's factors is gathered once (assessments_in_context). -#}
with

assessments as not materialized (
    select * from {{ ref('stg_cin_census__assessments') }}
),

factors as not materialized (
    select * from {{ ref('stg_cin_census__assessment_factors') }}
),

episodes as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

census_years as not materialized (
    select * from {{ ref('int_dq__cin_census_years') }}
),

factors_per_assessment as (
    select
        assessment_key,
        count(*) as factors,
        bool_or(factor_code like '%21%') as has_no_factors_code
    from factors
    group by assessment_key
),

-- The assessments of each episode (grouped and joined: faster than a window over every assessment).
assessments_per_episode as (
    select
        cin_episode_key,
        count(*) as assessments,
        count(*) filter (where assessment_authorised_date is null) as open_assessments
    from assessments
    group by cin_episode_key
),

assessments_in_context as (
    select
        assessments.*,
        {{ dq_year_start('assessments.collection_year') }} as year_start,
        {{ dq_year_end('assessments.collection_year') }} as year_end,
        census_years.assessment_overdue_before,
        episodes.referral_date as episode_referral_date,
        episodes.reason_for_closure,
        coalesce(factors_per_assessment.factors, 0) as factors,
        coalesce(factors_per_assessment.has_no_factors_code, false) as has_no_factors_code,
        assessments_per_episode.assessments as assessments_of_episode,
        assessments_per_episode.open_assessments as open_assessments_of_episode
    from assessments
    left join assessments_per_episode
        on assessments.cin_episode_key = assessments_per_episode.cin_episode_key
    left join episodes on assessments.cin_episode_key = episodes.cin_episode_key
    left join census_years on assessments.collection_year = census_years.collection_year
    left join factors_per_assessment on assessments.assessment_key = factors_per_assessment.assessment_key
),

rule_1103 as (
    select {{ dq_columns('1103', 'assessments', {
        'AssessmentActualStartDate': 't.assessment_start_date', 'CINreferralDate': 't.episode_referral_date'}) }}
    from assessments_in_context as t
    where t.assessment_start_date < t.episode_referral_date
),

rule_8608 as (
    select {{ dq_columns('8608', 'assessments', {
        'AssessmentActualStartDate': 't.assessment_start_date',
        'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from assessments_in_context as t
    where t.assessment_start_date > t.assessment_authorised_date
),

rule_8614 as (
    select {{ dq_columns('8614', 'assessments', {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from assessments_in_context as t
    where t.assessment_authorised_date is null and t.factors > 0
),

-- 8670Q: an assessment still not authorised at 31 March that started more than 45 working days
-- before it (see int_dq__cin_census_years for how the 45 days are counted).
rule_8670q as (
    select {{ dq_columns('8670Q', 'assessments', {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
    from assessments_in_context as t
    where t.assessment_authorised_date is null and t.assessment_start_date < t.assessment_overdue_before
),

rule_8696 as (
    select {{ dq_columns('8696', 'assessments', {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from assessments_in_context as t
    where t.assessment_authorised_date < t.year_start or t.assessment_authorised_date > t.year_end
),

rule_8736 as (
    select {{ dq_columns('8736', 'assessments', {
        'AssessmentActualStartDate': 't.assessment_start_date',
        'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from assessments_in_context as t
    where
        t.assessment_authorised_date is null
        and (t.assessment_start_date < t.year_start or t.assessment_start_date > t.year_end)
),

-- 8863Q: an assessment does not start while another of the child's is open.
rule_8863q as (
    select {{ dq_columns('8863Q', 'assessments', {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
    from assessments_in_context as t
    where exists (
        select 1 from assessments as other
        where
            other.la_code = t.la_code
            and other.collection_year = t.collection_year
            and other.child_id = t.child_id
            and other.assessment_key <> t.assessment_key
            and t.assessment_start_date > other.assessment_start_date
            and t.assessment_start_date < coalesce(other.assessment_authorised_date, date '9999-12-31')
    )
),

-- 8873Q: the only assessment of an episode found no factors (21): the episode should close RC8 or RC9.
rule_8873q as (
    select {{ dq_columns('8873Q', 'assessments', {'ReasonForClosure': 't.reason_for_closure'}) }}
    from assessments_in_context as t
    where
        coalesce(t.reason_for_closure, '') not in ('RC8', 'RC9')
        and t.has_no_factors_code
        and t.assessments_of_episode = 1
),

rule_8896 as (
    select {{ dq_columns('8896', 'assessments', {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
    from assessments_in_context as t
    where t.assessment_authorised_date is null and t.open_assessments_of_episode > 1
),

rule_8897q as (
    select {{ dq_columns('8897Q', 'assessments', {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
    from assessments_in_context as t
    where t.assessment_authorised_date is not null and t.factors = 0
),

-- 8869: factor 21 (no factors identified) stands alone. The assessments concerned are found by
-- grouping, then their factor 21 rows by a join (cheaper than a window over every factor).
assessments_with_21_and_others as (
    select assessment_key
    from factors
    group by assessment_key
    having bool_or(factor_code = '21') and bool_or(factor_code <> '21')
),

rule_8869 as (
    select {{ dq_columns('8869', 'assessment_factors', {'AssessmentFactors': 't.factor_code'}) }}
    from factors as t
    inner join assessments_with_21_and_others as flagged on t.assessment_key = flagged.assessment_key
    where t.factor_code = '21'
),

-- 8898: an assessment's factors are not repeated (a blank factor repeated counts too).
repeated_factors as (
    select
        assessment_key,
        factor_code
    from factors
    group by assessment_key, factor_code
    having count(*) > 1
),

rule_8898 as (
    select {{ dq_columns('8898', 'assessment_factors', {'AssessmentFactors': 't.factor_code'}) }}
    from factors as t
    inner join repeated_factors as repeated
        on
            t.assessment_key = repeated.assessment_key
            and t.factor_code is not distinct from repeated.factor_code
),

rule_8945q as (
    select {{ dq_columns('8945Q', 'assessment_factors', {'AssessmentFactors': 't.factor_code'}) }}
    from factors as t
    where t.factor_code = '18A'
),

rule_8950q as (
    select {{ dq_columns('8950Q', 'assessment_factors', {'AssessmentFactors': 't.factor_code'}) }}
    from factors as t
    where t.factor_code = '19A'
)

select * from rule_1103
union all
select * from rule_8608
union all
select * from rule_8614
union all
select * from rule_8670q
union all
select * from rule_8696
union all
select * from rule_8736
union all
select * from rule_8863q
union all
select * from rule_8873q
union all
select * from rule_8896
union all
select * from rule_8897q
union all
select * from rule_8869
union all
select * from rule_8898
union all
select * from rule_8945q
union all
select * from rule_8950q
