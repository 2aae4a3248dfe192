{#- DfE CIN census rules about child protection plans and their reviews, each plan read once with
    its episode, the episode's conference dates and the child's date of death (plans_in_context). -#}
with

cp_plans as not materialized (
    select * from {{ ref('stg_cin_census__cp_plans') }}
),

reviews as not materialized (
    select * from {{ ref('stg_cin_census__cp_reviews') }}
),

cin_plans as not materialized (
    select * from {{ ref('stg_cin_census__cin_plans') }}
),

episodes as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

-- The initial conference dates of each episode: on the CIN details or on its section 47 enquiries.
episode_icpc_dates as (
    select
        cin_episode_key,
        initial_cpc_date as icpc_date
    from episodes
    where initial_cpc_date is not null
    union
    select
        cin_episode_key,
        icpc_date
    from {{ ref('stg_cin_census__section47') }}
    where icpc_date is not null
),

icpcs_per_episode as (
    select
        cin_episode_key,
        count(*) as icpcs
    from episode_icpc_dates
    group by cin_episode_key
),

plans_starting_per_return as (
    select
        la_code,
        collection_year,
        min(source_file) as source_file,
        count(*) as plans_starting
    from cp_plans
    where
        cp_plan_start_date between {{ dq_year_start('collection_year') }} and {{ dq_year_end('collection_year') }}
    group by la_code, collection_year
),

conferences_in_year as (
    select
        la_code,
        collection_year,
        initial_cpc_date as icpc_date
    from episodes
    union all
    select
        la_code,
        collection_year,
        icpc_date
    from {{ ref('stg_cin_census__section47') }}
),

-- One row per return (no child, no line) for the return-level query 2883.
conferences_per_return as (
    select
        plans_starting_per_return.la_code,
        plans_starting_per_return.collection_year,
        cast(null as varchar) as child_id,
        plans_starting_per_return.source_file,
        cast(null as bigint) as source_line,
        plans_starting_per_return.plans_starting,
        count(conferences_in_year.icpc_date) as conferences
    from plans_starting_per_return
    left join conferences_in_year
        on
            plans_starting_per_return.la_code = conferences_in_year.la_code
            and plans_starting_per_return.collection_year = conferences_in_year.collection_year
            and conferences_in_year.icpc_date
            between {{ dq_year_start('conferences_in_year.collection_year') }}
            and {{ dq_year_end('conferences_in_year.collection_year') }}
    group by
        plans_starting_per_return.la_code,
        plans_starting_per_return.collection_year,
        plans_starting_per_return.source_file,
        plans_starting_per_return.plans_starting
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

-- Children (by LA, year and LAchildID) with more than one CP plan: only they can have two open
-- plans (8935). Grouping and joining back these few is much faster than a window over every plan.
children_with_many_plans as (
    select
        la_code,
        collection_year,
        child_id,
        count(*) filter (where cp_plan_end_date is null) as open_plans
    from cp_plans
    group by la_code, collection_year, child_id
    having count(*) > 1
),

plans_in_context as (
    select
        cp_plans.*,
        {{ dq_year_start('cp_plans.collection_year') }} as year_start,
        {{ dq_year_end('cp_plans.collection_year') }} as year_end,
        episodes.referral_date as episode_referral_date,
        episodes.is_referral_nfa,
        child_deaths.date_of_death,
        coalesce(icpcs_per_episode.icpcs, 0) as icpcs_of_episode,
        -- for a child with one plan: that plan's own figure
        coalesce(
            children_with_many_plans.open_plans,
            case when cp_plans.cp_plan_end_date is null then 1 else 0 end
        ) as open_plans_of_child
    from cp_plans
    left join episodes on cp_plans.cin_episode_key = episodes.cin_episode_key
    left join icpcs_per_episode on cp_plans.cin_episode_key = icpcs_per_episode.cin_episode_key
    left join child_deaths
        on
            cp_plans.la_code = child_deaths.la_code
            and cp_plans.collection_year = child_deaths.collection_year
            and cp_plans.child_id = child_deaths.child_id
    -- "is not distinct from": a blank LAchildID counts as one value, as in a window partition
    left join children_with_many_plans
        on
            cp_plans.la_code is not distinct from children_with_many_plans.la_code
            and cp_plans.collection_year is not distinct from children_with_many_plans.collection_year
            and cp_plans.child_id is not distinct from children_with_many_plans.child_id
),

rule_1105 as (
    select {{ dq_columns('1105', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'CINreferralDate': 't.episode_referral_date'}) }}
    from plans_in_context as t
    where t.cp_plan_start_date < t.episode_referral_date
),

-- 2883: a return-level query: no more CP plans start in the census year than there are initial
-- conferences in it (on the CIN details and on the section 47 enquiries).
rule_2883 as (
    select {{ dq_columns('2883', 'cp_plans', {
        'CPPstartDate in year': 't.plans_starting', 'DateOfInitialCPC in year': 't.conferences'}) }}
    from conferences_per_return as t
    where t.plans_starting > t.conferences
),

-- 2885: a plan starting in the census year starts on one of the episode's conference dates.
rule_2885 as (
    select {{ dq_columns('2885', 'cp_plans', {'CPPstartDate': 't.cp_plan_start_date'}) }}
    from plans_in_context as t
    where
        t.cp_plan_start_date >= t.year_start
        and t.icpcs_of_episode > 0
        and not exists (
            select 1 from episode_icpc_dates
            where
                episode_icpc_dates.cin_episode_key = t.cin_episode_key
                and episode_icpc_dates.icpc_date = t.cp_plan_start_date
        )
),

-- 4017: a CP plan does not start while a CIN plan is open (from its start to its end, or to 31 March).
rule_4017 as (
    select {{ dq_columns('4017', 'cp_plans', {'CPPstartDate': 't.cp_plan_start_date'}) }}
    from plans_in_context as t
    where exists (
        select 1 from cin_plans
        where
            cin_plans.la_code = t.la_code
            and cin_plans.collection_year = t.collection_year
            and cin_plans.child_id = t.child_id
            and t.cp_plan_start_date >= cin_plans.cin_plan_start_date
            and t.cp_plan_start_date < coalesce(cin_plans.cin_plan_end_date, t.year_end + interval 1 day)
    )
),

rule_8720 as (
    select {{ dq_columns('8720', 'cp_plans', {'CPPstartDate': 't.cp_plan_start_date'}) }}
    from plans_in_context as t
    where t.cp_plan_start_date > t.year_end
),

-- 8730: NumberOfPreviousCPP is given and not negative (a value that does not read as a number is
-- raised from the quarantine, int_dq__load_findings).
rule_8730 as (
    select {{ dq_columns('8730', 'cp_plans', {'NumberOfPreviousCPP': 't.number_of_previous_cpp'}) }}
    from plans_in_context as t
    where t.number_of_previous_cpp is null or t.number_of_previous_cpp < 0
),

rule_8832 as (
    select {{ dq_columns('8832', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'ReferralNFA': 't.is_referral_nfa'}) }}
    from plans_in_context as t
    where t.is_referral_nfa
),

rule_8840 as (
    select {{ dq_columns('8840', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
    from plans_in_context as t
    where t.cp_plan_start_date = t.cp_plan_end_date
),

-- 8905 / 8910: the initial and latest categories of abuse are required and from the DfE code list.
rule_8905 as (
    select {{ dq_columns('8905', 'cp_plans', {'InitialCategoryOfAbuse': 't.initial_category'}) }}
    from plans_in_context as t
    where
        {{ dq_not_in_code_list('t.initial_category', 'cin_category_of_abuse') }}
        and {{ dq_code_list_in_force('cin_category_of_abuse') }}
),

rule_8910 as (
    select {{ dq_columns('8910', 'cp_plans', {'LatestCategoryOfAbuse': 't.latest_category'}) }}
    from plans_in_context as t
    where
        {{ dq_not_in_code_list('t.latest_category', 'cin_category_of_abuse') }}
        and {{ dq_code_list_in_force('cin_category_of_abuse') }}
),

rule_8915 as (
    select {{ dq_columns('8915', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'PersonDeathDate': 't.date_of_death'}) }}
    from plans_in_context as t
    where t.cp_plan_start_date > t.date_of_death
),

rule_8920 as (
    select {{ dq_columns('8920', 'cp_plans', {
        'CPPendDate': 't.cp_plan_end_date', 'PersonDeathDate': 't.date_of_death'}) }}
    from plans_in_context as t
    where t.cp_plan_end_date > t.date_of_death
),

rule_8925 as (
    select {{ dq_columns('8925', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
    from plans_in_context as t
    where t.cp_plan_end_date < t.cp_plan_start_date
),

rule_8930 as (
    select {{ dq_columns('8930', 'cp_plans', {'CPPendDate': 't.cp_plan_end_date'}) }}
    from plans_in_context as t
    where t.cp_plan_end_date < t.year_start or t.cp_plan_end_date > t.year_end
),

-- 8935: at most one open CP plan per child.
rule_8935 as (
    select {{ dq_columns('8935', 'cp_plans', {'CPPstartDate': 't.cp_plan_start_date'}) }}
    from plans_in_context as t
    where t.cp_plan_end_date is null and t.open_plans_of_child > 1
),

-- 8940: a child's CP plans do not overlap (the later of two starting on the same day is flagged).
rule_8940 as (
    select {{ dq_columns('8940', 'cp_plans', {
        'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
    from plans_in_context as t
    where exists (
        select 1 from cp_plans as other
        where
            other.la_code = t.la_code
            and other.collection_year = t.collection_year
            and other.child_id = t.child_id
            and other.cp_plan_key <> t.cp_plan_key
            and other.cp_plan_start_date >= t.cp_plan_start_date
            and other.cp_plan_start_date < coalesce(t.cp_plan_end_date, date '9999-12-31')
            and not (other.cp_plan_start_date = t.cp_plan_start_date and other.source_line < t.source_line)
    )
),

-- 4003: a review of a CP plan that has ended is not held during one of the child's CIN plans
-- (from its start to before its end; a review on the CP plan's end date is allowed).
rule_4003 as (
    select {{ dq_columns('4003', 'cp_reviews', {'CPPreviewDate': 't.cp_review_date'}) }}
    from reviews as t
    inner join cp_plans as plan on t.cp_plan_key = plan.cp_plan_key
    where
        plan.cp_plan_end_date is not null
        and t.cp_review_date <> plan.cp_plan_end_date
        and exists (
            select 1 from cin_plans
            where
                cin_plans.la_code = t.la_code
                and cin_plans.collection_year = t.collection_year
                and cin_plans.child_id = t.child_id
                and t.cp_review_date >= cin_plans.cin_plan_start_date
                and t.cp_review_date < cin_plans.cin_plan_end_date
        )
),

rule_8841 as (
    select {{ dq_columns('8841', 'cp_reviews', {
        'CPPreviewDate': 't.cp_review_date', 'CPPstartDate': 'plan.cp_plan_start_date'}) }}
    from reviews as t
    inner join cp_plans as plan on t.cp_plan_key = plan.cp_plan_key
    where t.cp_review_date <= plan.cp_plan_start_date
)

select * from rule_1105
union all
select * from rule_2883
union all
select * from rule_2885
union all
select * from rule_4017
union all
select * from rule_8720
union all
select * from rule_8730
union all
select * from rule_8832
union all
select * from rule_8840
union all
select * from rule_8905
union all
select * from rule_8910
union all
select * from rule_8915
union all
select * from rule_8920
union all
select * from rule_8925
union all
select * from rule_8930
union all
select * from rule_8935
union all
select * from rule_8940
union all
select * from rule_4003
union all
select * from rule_8841
