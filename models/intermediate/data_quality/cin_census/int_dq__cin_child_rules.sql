{#- DfE CIN census rules about the child: identifiers, characteristics and disabilities. One CTE
    per rule, each selecting the standard issue columns (dq_columns), then one union. Rule facts
    from the DfE CIN census validation rules as the DfE engine csc-validator-be-cin applies them. -#}
with

children as not materialized (
    select * from {{ ref('stg_cin_census__children') }}
),

disabilities as not materialized (
    select * from {{ ref('stg_cin_census__disabilities') }}
),

la_codes as (
    select distinct cast(la_code as varchar) as la_code from {{ ref('ref_local_authorities') }}
),

-- What the rules need from the child's CIN episodes, one row per child element.
child_episodes as (
    select
        cin_child_key,
        count(*) as episodes,
        -- an episode that is not a referral with no further action (ReferralNFA false or missing)
        bool_or(not coalesce(is_referral_nfa, false)) as has_episode_not_nfa,
        -- ReferralNFA given as false
        bool_or(is_referral_nfa = false) as has_episode_nfa_false
    from {{ ref('stg_cin_census__cin_details') }}
    group by cin_child_key
),

children_with_episodes as (
    select
        children.*,
        coalesce(child_episodes.episodes, 0) as episodes,
        coalesce(child_episodes.has_episode_not_nfa, false) as has_episode_not_nfa,
        child_episodes.has_episode_nfa_false
    from children
    left join child_episodes on children.cin_child_key = child_episodes.cin_child_key
),

-- LAchildIDs given to more than one child element of a return (8510). Grouping (a hash
-- aggregate) and joining back the few repeated IDs is much faster than a window over every child.
repeated_child_ids as (
    select
        la_code,
        collection_year,
        child_id,
        count(*) as child_id_rows,
        bool_or(has_episode_nfa_false) as has_episode_nfa_false
    from children_with_episodes
    group by la_code, collection_year, child_id
    having count(*) > 1
),

-- UPNs (in any case) given to more than one child element of a return (1520).
repeated_upns as (
    select
        la_code,
        collection_year,
        upper(upn) as upn_upper,
        count(*) as upn_rows
    from children
    where upn is not null
    group by la_code, collection_year, upper(upn)
    having count(*) > 1
),

children_in_year as (
    select
        t.* exclude (has_episode_nfa_false),
        {{ dq_year_start('t.collection_year') }} as year_start,
        {{ dq_year_end('t.collection_year') }} as year_end,
        -- by LAchildID, as the DfE engine matches episodes to children (a repeated ID is 8510)
        coalesce(
            case
                when repeated_child_ids.child_id_rows is null then t.has_episode_nfa_false
                else repeated_child_ids.has_episode_nfa_false
            end,
            false
        ) as has_episode_nfa_false,
        coalesce(repeated_child_ids.child_id_rows, 1) as child_id_rows,
        -- the number of the return's non-blank UPNs equal to this one (0 for a blank UPN)
        case
            when t.upn is null then 0
            else coalesce(repeated_upns.upn_rows, 1)
        end as upn_rows
    from children_with_episodes as t
    -- "is not distinct from": a blank LAchildID or UPN counts as one value, as in a window partition
    left join repeated_child_ids
        on
            t.la_code is not distinct from repeated_child_ids.la_code
            and t.collection_year is not distinct from repeated_child_ids.collection_year
            and t.child_id is not distinct from repeated_child_ids.child_id
    left join repeated_upns
        on
            t.la_code is not distinct from repeated_upns.la_code
            and t.collection_year is not distinct from repeated_upns.collection_year
            and upper(t.upn) = repeated_upns.upn_upper
),

-- 1510: the UPN check letter is the weighted sum of characters 2-13 (weights 2-13) modulo 23,
-- mapped onto ABCDEFGHJKLMNPQRTUVWXYZ. Only UPNs whose characters 2-13 are all digits are checked
-- (a temporary UPN ends in a letter).
rule_1510 as (
    select {{ dq_columns('1510', 'children', {'UPN': 't.upn'}) }}
    from children_in_year as t
    where
        regexp_full_match(t.upn, '.[0-9]{12}')
        and upper(left(t.upn, 1)) <> substr(
            'ABCDEFGHJKLMNPQRTUVWXYZ',
            1 + (
                cast(substr(t.upn, 2, 1) as integer) * 2 + cast(substr(t.upn, 3, 1) as integer) * 3
                + cast(substr(t.upn, 4, 1) as integer) * 4 + cast(substr(t.upn, 5, 1) as integer) * 5
                + cast(substr(t.upn, 6, 1) as integer) * 6 + cast(substr(t.upn, 7, 1) as integer) * 7
                + cast(substr(t.upn, 8, 1) as integer) * 8 + cast(substr(t.upn, 9, 1) as integer) * 9
                + cast(substr(t.upn, 10, 1) as integer) * 10 + cast(substr(t.upn, 11, 1) as integer) * 11
                + cast(substr(t.upn, 12, 1) as integer) * 12 + cast(substr(t.upn, 13, 1) as integer) * 13
            ) % 23,
            1
        )
),

rule_1520 as (
    select {{ dq_columns('1520', 'children', {'UPN': 't.upn'}) }}
    from children_in_year as t
    where t.upn is not null and t.upn_rows > 1
),

-- 1530: characters 2-4 are the DfE number of the LA that issued the UPN.
rule_1530 as (
    select {{ dq_columns('1530', 'children', {'UPN': 't.upn'}) }}
    from children_in_year as t
    where
        length(t.upn) = 13
        and substr(t.upn, 2, 3) not in (select la_codes.la_code from la_codes)
),

rule_1540 as (
    select {{ dq_columns('1540', 'children', {'UPN': 't.upn'}) }}
    from children_in_year as t
    where not regexp_full_match(substr(t.upn, 5, 8), '[0-9]{8}')
),

-- 1550: character 13 is a digit or a letter other than I, O and S (those read as 1, 0 and 5).
rule_1550 as (
    select {{ dq_columns('1550', 'children', {'UPN': 't.upn'}) }}
    from children_in_year as t
    where not regexp_full_match(upper(substr(t.upn, 13, 1)), '[0-9A-HJ-NP-RT-Z]')
),

rule_1560q as (
    select {{ dq_columns('1560Q', 'children', {'FormerUPN': 't.former_upn'}) }}
    from children_in_year as t
    where not regexp_full_match(upper(t.former_upn), '[A-Z][0-9]{11}[0-9A-Z]')
),

rule_1570 as (
    select {{ dq_columns('1570', 'children', {'LAchildID': 't.child_id'}) }}
    from children_in_year as t
    where length(t.child_id) > 20
),

rule_1580 as (
    select {{ dq_columns('1580', 'children', {'LAchildID': 't.child_id'}) }}
    from children_in_year as t
    where not regexp_full_match(t.child_id, '[A-Za-z0-9]+')
),

-- 4180: GenderCurrent is required ("Gender is missing") and from the DfE code list of the year;
-- not checked in years whose list is empty (the element was replaced by Sex in 2024-25), where
-- its values are reported as unknown codes (CSC-106).
rule_4180 as (
    select {{ dq_columns('4180', 'children', {'GenderCurrent': 't.gender'}) }}
    from children_in_year as t
    where
        {{ dq_not_in_code_list('t.gender', 'cin_gender') }}
        and {{ dq_code_list_in_force('cin_gender') }}
),

-- 4220: Ethnicity is required and from the DfE code list of the year.
rule_4220 as (
    select {{ dq_columns('4220', 'children', {'Ethnicity': 't.ethnicity'}) }}
    from children_in_year as t
    where
        {{ dq_not_in_code_list('t.ethnicity', 'cin_ethnicity') }}
        and {{ dq_code_list_in_force('cin_ethnicity') }}
),

rule_8510 as (
    select {{ dq_columns('8510', 'children', {'LAchildID': 't.child_id'}) }}
    from children_in_year as t
    where t.child_id_rows > 1
),

rule_8520 as (
    select {{ dq_columns('8520', 'children', {'PersonBirthDate': 't.date_of_birth'}) }}
    from children_in_year as t
    where t.date_of_birth > t.year_end
),

rule_8525q as (
    select {{ dq_columns('8525Q', 'children', {
        'PersonBirthDate': 't.date_of_birth', 'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
    from children_in_year as t
    where (t.date_of_birth is null) = (t.expected_date_of_birth is null)
),

rule_8530q as (
    select {{ dq_columns('8530Q', 'children', {'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
    from children_in_year as t
    where
        t.expected_date_of_birth < t.year_end - interval 30 day
        or t.expected_date_of_birth > t.year_end + interval 9 month
),

rule_8535q as (
    select {{ dq_columns('8535Q', 'children', {
        'PersonBirthDate': 't.date_of_birth', 'PersonDeathDate': 't.date_of_death'}) }}
    from children_in_year as t
    where t.date_of_death < t.date_of_birth
),

rule_8545q as (
    select {{ dq_columns('8545Q', 'children', {'PersonDeathDate': 't.date_of_death'}) }}
    from children_in_year as t
    where t.date_of_death < t.year_start or t.date_of_death > t.year_end
),

rule_8590 as (
    select {{ dq_columns('8590', 'children', {'LAchildID': 't.child_id'}) }}
    from children_in_year as t
    where t.episodes = 0
),

-- 8750: an unborn child (expected date of birth only) has no recorded sex or gender.
rule_8750 as (
    select {{ dq_columns('8750', 'children', {
        'GenderCurrent': 't.gender', 'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
    from children_in_year as t
    where
        t.date_of_birth is null
        and t.expected_date_of_birth is not null
        and t.gender not in ('0', '9', 'U')
),

-- 8770Q: a child of school age with a CIN episode that is not NFA (ReferralNFA false) needs a UPN
-- or a reason other than UN1 (UN2-UN7). School age: born on or before 31 March six years before
-- the census year ends (to 2023-24); from 2024-25 born on or before 31 August six years before.
rule_8770q as (
    select {{ dq_columns('8770Q', 'children', {
        'UPN': 't.upn', 'UPNunknown': 't.upn_unknown_reason', 'PersonBirthDate': 't.date_of_birth'}) }}
    from children_in_year as t
    where
        t.upn is null
        and coalesce(upper(t.upn_unknown_reason), '') not in ('UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7')
        and t.has_episode_nfa_false
        and t.date_of_birth <= case
            when t.collection_year >= 2025 then make_date(t.collection_year - 6, 8, 31)
            else make_date(t.collection_year - 6, 3, 31)
        end
),

rule_8772 as (
    select {{ dq_columns('8772', 'children', {'UPNunknown': 't.upn_unknown_reason'}) }}
    from children_in_year as t
    where t.upn_unknown_reason = 'UN7' and t.has_episode_not_nfa
),

rule_8775q as (
    select {{ dq_columns('8775Q', 'children', {'PersonBirthDate': 't.date_of_birth'}) }}
    from children_in_year as t
    where {{ birthday('t.date_of_birth', 25) }} < t.year_end
),

-- 8540: Disability from the DfE code list of the year.
rule_8540 as (
    select {{ dq_columns('8540', 'disabilities', {'Disability': 't.disability_code'}) }}
    from disabilities as t
    where
        t.disability_code is not null
        and {{ dq_not_in_code_list('t.disability_code', 'cin_disability') }}
        and {{ dq_code_list_in_force('cin_disability') }}
),

-- 8790: NONE cannot sit beside a disability code for the same child. The children concerned are
-- found by grouping, then their rows by a join (cheaper than windows over every disability).
children_with_none_and_codes as (
    select cin_child_key
    from disabilities
    group by cin_child_key
    having bool_or(disability_code = 'NONE') and bool_or(disability_code <> 'NONE')
),

rule_8790 as (
    select {{ dq_columns('8790', 'disabilities', {'Disability': 't.disability_code'}) }}
    from disabilities as t
    inner join children_with_none_and_codes as flagged on t.cin_child_key = flagged.cin_child_key
),

-- 8794: a child's disability codes are not repeated (a blank code repeated counts too).
repeated_disability_codes as (
    select
        cin_child_key,
        disability_code
    from disabilities
    group by cin_child_key, disability_code
    having count(*) > 1
),

rule_8794 as (
    select {{ dq_columns('8794', 'disabilities', {'Disability': 't.disability_code'}) }}
    from disabilities as t
    inner join repeated_disability_codes as repeated
        on
            t.cin_child_key = repeated.cin_child_key
            and t.disability_code is not distinct from repeated.disability_code
),

disability_codes_per_child as (
    select
        la_code,
        collection_year,
        cin_child_key,
        min(source_file) as source_file,
        count(*) as codes
    from disabilities
    where disability_code <> 'NONE'
    group by la_code, collection_year, cin_child_key
),

-- One row per return (no child, no line) for the return-level queries.
disability_codes_per_return as (
    select
        la_code,
        collection_year,
        cast(null as varchar) as child_id,
        min(source_file) as source_file,
        cast(null as bigint) as source_line,
        max(codes) as most_codes_of_a_child
    from disability_codes_per_child
    group by la_code, collection_year
),

distinct_disability_codes_per_return as (
    select
        la_code,
        collection_year,
        count(distinct disability_code) as codes_used
    from disabilities
    where disability_code <> 'NONE'
    group by la_code, collection_year
),

-- 2887Q: a return-level query: fewer than 8 disability codes used in the whole return.
rule_2887q as (
    select {{ dq_columns('2887Q', 'disabilities', {'distinct Disability codes used': 'used.codes_used'}) }}
    from disability_codes_per_return as t
    inner join distinct_disability_codes_per_return as used
        on t.la_code = used.la_code and t.collection_year = used.collection_year
    where used.codes_used < 8
),

-- 2888Q: a return-level query: no child has more than one disability recorded.
rule_2888q as (
    select {{ dq_columns('2888Q', 'disabilities', {'most Disability codes for one child': 't.most_codes_of_a_child'}) }}
    from disability_codes_per_return as t
    where t.most_codes_of_a_child <= 1
)

select * from rule_1510
union all
select * from rule_1520
union all
select * from rule_1530
union all
select * from rule_1540
union all
select * from rule_1550
union all
select * from rule_1560q
union all
select * from rule_1570
union all
select * from rule_1580
union all
select * from rule_4180
union all
select * from rule_4220
union all
select * from rule_8510
union all
select * from rule_8520
union all
select * from rule_8525q
union all
select * from rule_8530q
union all
select * from rule_8535q
union all
select * from rule_8545q
union all
select * from rule_8590
union all
select * from rule_8750
union all
select * from rule_8770q
union all
select * from rule_8772
union all
select * from rule_8775q
union all
select * from rule_8540
union all
select * from rule_8790
union all
select * from rule_8794
union all
select * from rule_2887q
union all
select * from rule_2888q
