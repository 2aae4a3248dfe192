{#- DfE CIN census rules about CIN plans (CINPlanDates), each plan read once with its episode
    and the child's date of death (plans_in_context). -#}
with

cin_plans as not materialized (
    select * from {{ ref('stg_cin_census__cin_plans') }}
),

cp_plans as not materialized (
    select * from {{ ref('stg_cin_census__cp_plans') }}
),

episodes as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

-- The child's date of death by LA, year and LAchildID (the earliest, should the ID repeat). Only
-- children with a date of death are grouped: for the others the left join gives no date either.
child_deaths as (
    select
        la_code,
        collection_year,
        child_id,
        min(date_of_death) as date_of_death
    from {{ ref('stg_cin_census__children') }}
    where date_of_death is not null
    group by la_code, collection_year, child_id
),

-- Episodes with more than one CIN plan: only they can have two open plans (4004). Grouping and
-- joining back these few is much faster than a window over every plan.
episodes_with_many_plans as (
    select
        cin_episode_key,
        count(*) filter (where cin_plan_end_date is null) as open_plans
    from cin_plans
    group by cin_episode_key
    having count(*) > 1
),

plans_in_context as (
    select
        cin_plans.*,
        {{ dq_year_start('cin_plans.collection_year') }} as year_start,
        {{ dq_year_end('cin_plans.collection_year') }} as year_end,
        episodes.referral_date as episode_referral_date,
        episodes.is_referral_nfa,
        child_deaths.date_of_death,
        -- for an episode with one plan: that plan's own figure
        coalesce(
            episodes_with_many_plans.open_plans,
            case when cin_plans.cin_plan_end_date is null then 1 else 0 end
        ) as open_plans_of_episode
    from cin_plans
    left join episodes on cin_plans.cin_episode_key = episodes.cin_episode_key
    left join episodes_with_many_plans on cin_plans.cin_episode_key = episodes_with_many_plans.cin_episode_key
    left join child_deaths
        on
            cin_plans.la_code = child_deaths.la_code
            and cin_plans.collection_year = child_deaths.collection_year
            and cin_plans.child_id = child_deaths.child_id
),

rule_4000 as (
    select {{ dq_columns('4000', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'ReferralNFA': 't.is_referral_nfa'}) }}
    from plans_in_context as t
    where t.is_referral_nfa
),

-- 4001: a CIN plan and a CP plan of the same CIN episode are not both open (neither has an end date).
rule_4001 as (
    select {{ dq_columns('4001', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from plans_in_context as t
    where
        t.cin_plan_start_date is not null
        and t.cin_plan_end_date is null
        and exists (
            select 1 from cp_plans
            where cp_plans.cin_episode_key = t.cin_episode_key and cp_plans.cp_plan_end_date is null
        )
),

rule_4004 as (
    select {{ dq_columns('4004', 'cin_plans', {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
    from plans_in_context as t
    where t.cin_plan_end_date is null and t.open_plans_of_episode > 1
),

rule_4008 as (
    select {{ dq_columns('4008', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'PersonDeathDate': 't.date_of_death'}) }}
    from plans_in_context as t
    where t.cin_plan_start_date > t.date_of_death
),

rule_4009q as (
    select {{ dq_columns('4009Q', 'cin_plans', {
        'CINPlanEndDate': 't.cin_plan_end_date', 'PersonDeathDate': 't.date_of_death'}) }}
    from plans_in_context as t
    where t.cin_plan_end_date > t.date_of_death
),

rule_4010 as (
    select {{ dq_columns('4010', 'cin_plans', {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
    from plans_in_context as t
    where t.cin_plan_start_date > t.year_end
),

rule_4011 as (
    select {{ dq_columns('4011', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from plans_in_context as t
    where t.cin_plan_end_date < t.cin_plan_start_date
),

rule_4012q as (
    select {{ dq_columns('4012Q', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from plans_in_context as t
    where t.cin_plan_end_date = t.cin_plan_start_date
),

rule_4013 as (
    select {{ dq_columns('4013', 'cin_plans', {'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from plans_in_context as t
    where t.cin_plan_end_date < t.year_start or t.cin_plan_end_date > t.year_end
),

-- 4014: a child's CIN plans do not overlap (the later of two starting on the same day is flagged).
rule_4014 as (
    select {{ dq_columns('4014', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
    from plans_in_context as t
    where exists (
        select 1 from cin_plans as other
        where
            other.la_code = t.la_code
            and other.collection_year = t.collection_year
            and other.child_id = t.child_id
            and other.cin_plan_key <> t.cin_plan_key
            and other.cin_plan_start_date >= t.cin_plan_start_date
            and other.cin_plan_start_date < coalesce(t.cin_plan_end_date, date '9999-12-31')
            and not (other.cin_plan_start_date = t.cin_plan_start_date and other.source_line < t.source_line)
    )
),

rule_4015 as (
    select {{ dq_columns('4015', 'cin_plans', {
        'CINPlanStartDate': 't.cin_plan_start_date', 'CINreferralDate': 't.episode_referral_date'}) }}
    from plans_in_context as t
    where t.cin_plan_start_date < t.episode_referral_date
),

-- 4016: a CIN plan does not start while a CP plan is open (from its start to its end, or to 31 March).
rule_4016 as (
    select {{ dq_columns('4016', 'cin_plans', {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
    from plans_in_context as t
    where exists (
        select 1 from cp_plans
        where
            cp_plans.la_code = t.la_code
            and cp_plans.collection_year = t.collection_year
            and cp_plans.child_id = t.child_id
            and t.cin_plan_start_date >= cp_plans.cp_plan_start_date
            and t.cin_plan_start_date < coalesce(cp_plans.cp_plan_end_date, t.year_end + interval 1 day)
    )
)

select * from rule_4000
union all
select * from rule_4001
union all
select * from rule_4004
union all
select * from rule_4008
union all
select * from rule_4009q
union all
select * from rule_4010
union all
select * from rule_4011
union all
select * from rule_4012q
union all
select * from rule_4013
union all
select * from rule_4014
union all
select * from rule_4015
union all
select * from rule_4016
