{#- DfE CIN census rules about section 47 enquiries and their initial child protection
    conferences, each enquiry read once with its episode (enquiries_in_context). -#}
with

enquiries as not materialized (
    select * from {{ ref('stg_cin_census__section47') }}
),

episodes as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

census_years as not materialized (
    select * from {{ ref('int_dq__cin_census_years') }}
),

enquiries_in_context as (
    select
        enquiries.*,
        {{ dq_year_start('enquiries.collection_year') }} as year_start,
        {{ dq_year_end('enquiries.collection_year') }} as year_end,
        census_years.icpc_overdue_before,
        episodes.referral_date as episode_referral_date,
        episodes.initial_cpc_date as episode_initial_cpc_date,
        -- no conference yet, and not marked as needing none
        enquiries.icpc_date is null and not coalesce(enquiries.is_icpc_not_required, false) as is_awaiting_icpc
    from enquiries
    left join episodes on enquiries.cin_episode_key = episodes.cin_episode_key
    left join census_years on enquiries.collection_year = census_years.collection_year
),

rule_1104 as (
    select {{ dq_columns('1104', 'section47', {
        'DateOfInitialCPC': 't.icpc_date', 'CINreferralDate': 't.episode_referral_date'}) }}
    from enquiries_in_context as t
    where t.icpc_date < t.episode_referral_date
),

rule_2884 as (
    select {{ dq_columns('2884', 'section47', {
        'S47_DateOfInitialCPC': 't.icpc_date', 'CINdetails_DateOfInitialCPC': 't.episode_initial_cpc_date'}) }}
    from enquiries_in_context as t
    where t.icpc_date is not null and t.episode_initial_cpc_date is not null
),

rule_2889 as (
    select {{ dq_columns('2889', 'section47', {
        'S47ActualStartDate': 't.s47_start_date', 'CINreferralDate': 't.episode_referral_date'}) }}
    from enquiries_in_context as t
    where t.s47_start_date < t.episode_referral_date
),

rule_8615 as (
    select {{ dq_columns('8615', 'section47', {
        'S47ActualStartDate': 't.s47_start_date', 'DateOfInitialCPC': 't.icpc_date'}) }}
    from enquiries_in_context as t
    where t.s47_start_date > t.icpc_date
),

-- 8675Q: an enquiry with no conference at 31 March, ICPCnotRequired false, that started more than
-- 15 working days before it (see int_dq__cin_census_years for how the 15 days are counted).
rule_8675q as (
    select {{ dq_columns('8675Q', 'section47', {
        'S47ActualStartDate': 't.s47_start_date', 'ICPCnotRequired': 't.is_icpc_not_required'}) }}
    from enquiries_in_context as t
    where
        t.icpc_date is null
        and t.is_icpc_not_required = false
        and t.s47_start_date < t.icpc_overdue_before
),

-- 8715: the conference falls in the census year (the episode's own: int_dq__cin_episode_rules).
rule_8715 as (
    select {{ dq_columns('8715', 'section47', {'DateOfInitialCPC': 't.icpc_date'}) }}
    from enquiries_in_context as t
    where t.icpc_date < t.year_start or t.icpc_date > t.year_end
),

rule_8740 as (
    select {{ dq_columns('8740', 'section47', {
        'S47ActualStartDate': 't.s47_start_date', 'ICPCnotRequired': 't.is_icpc_not_required'}) }}
    from enquiries_in_context as t
    where t.is_awaiting_icpc and (t.s47_start_date < t.year_start or t.s47_start_date > t.year_end)
),

-- 8839: at most one enquiry per episode awaits its conference. The episodes concerned are found
-- by grouping, then their enquiries by a join (cheaper than a window over every enquiry).
episodes_with_enquiries_awaiting_icpc as (
    select cin_episode_key
    from enquiries_in_context
    where is_awaiting_icpc
    group by cin_episode_key
    having count(*) > 1
),

rule_8839 as (
    select {{ dq_columns('8839', 'section47', {'S47ActualStartDate': 't.s47_start_date'}) }}
    from enquiries_in_context as t
    inner join episodes_with_enquiries_awaiting_icpc as flagged on t.cin_episode_key = flagged.cin_episode_key
    where t.is_awaiting_icpc
),

rule_8870q as (
    select {{ dq_columns('8870Q', 'section47', {'InitialCPCtarget': 't.icpc_target_date'}) }}
    from enquiries_in_context as t
    where dayofweek(t.icpc_target_date) in (0, 6)
),

-- 8875: a conference is not held at a weekend (the episode's own: int_dq__cin_episode_rules).
rule_8875 as (
    select {{ dq_columns('8875', 'section47', {'DateOfInitialCPC': 't.icpc_date'}) }}
    from enquiries_in_context as t
    where dayofweek(t.icpc_date) in (0, 6)
),

-- 8890: no enquiry starts after another of the child's that still awaits its conference.
rule_8890 as (
    select {{ dq_columns('8890', 'section47', {'S47ActualStartDate': 't.s47_start_date'}) }}
    from enquiries_in_context as t
    where exists (
        select 1 from enquiries_in_context as other
        where
            other.la_code = t.la_code
            and other.collection_year = t.collection_year
            and other.child_id = t.child_id
            and other.s47_key <> t.s47_key
            and t.s47_start_date > other.s47_start_date
            and other.is_awaiting_icpc
    )
)

select * from rule_1104
union all
select * from rule_2884
union all
select * from rule_2889
union all
select * from rule_8615
union all
select * from rule_8675q
union all
select * from rule_8715
union all
select * from rule_8740
union all
select * from rule_8839
union all
select * from rule_8870q
union all
select * from rule_8875
union all
select * from rule_8890
