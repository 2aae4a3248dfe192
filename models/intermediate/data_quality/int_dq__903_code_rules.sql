{#- DfE SSDA903 rules about one column's codes: a value outside the DfE code list for the
    collection year (or blank where the DfE requires one). One CTE per rule, then their union.
    A column whose code list has no code in force in the year (an element the DfE retired) is not
    checked here: its values are reported as unknown codes (CSC-106, int_dq__load_findings, which
    reads the same (rule, table, column) list from dq_code_rules() to know what is covered). -#}
with

rule_101 as (
    -- SEX is required and must be a code of ssda903_sex in force in the year.
    select distinct
        {{ dq_columns('101', 'header', {'SEX': 't.sex'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where
        (t.sex is null or {{ dq_not_in_code_list('t.sex', 'ssda903_sex') }})
        and {{ dq_code_list_in_force('ssda903_sex') }}
),

rule_103 as (
    -- ETHNIC is required and must be a code of ssda903_ethnicity in force in the year.
    select distinct
        {{ dq_columns('103', 'header', {'ETHNIC': 't.ethnicity'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where
        (t.ethnicity is null or {{ dq_not_in_code_list('t.ethnicity', 'ssda903_ethnicity') }})
        and {{ dq_code_list_in_force('ssda903_ethnicity') }}
),

rule_143 as (
    -- RNE is required and must be a code of ssda903_reason_new_episode in force in the year.
    select distinct
        {{ dq_columns('143', 'episodes', {'RNE': 't.reason_new_episode'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (
            t.reason_new_episode is null
            or {{ dq_not_in_code_list('t.reason_new_episode', 'ssda903_reason_new_episode') }}
        )
        and {{ dq_code_list_in_force('ssda903_reason_new_episode') }}
),

rule_144 as (
    -- LS is required and must be a code of ssda903_legal_status in force in the year.
    select distinct
        {{ dq_columns('144', 'episodes', {'LS': 't.legal_status'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (t.legal_status is null or {{ dq_not_in_code_list('t.legal_status', 'ssda903_legal_status') }})
        and {{ dq_code_list_in_force('ssda903_legal_status') }}
),

rule_145 as (
    -- CIN is required and must be a code of ssda903_category_of_need in force in the year.
    select distinct
        {{ dq_columns('145', 'episodes', {'CIN': 't.category_of_need'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (t.category_of_need is null or {{ dq_not_in_code_list('t.category_of_need', 'ssda903_category_of_need') }})
        and {{ dq_code_list_in_force('ssda903_category_of_need') }}
),

rule_146 as (
    -- PLACE is required and must be a code of ssda903_placement in force in the year.
    select distinct
        {{ dq_columns('146', 'episodes', {'PLACE': 't.placement_type'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (t.placement_type is null or {{ dq_not_in_code_list('t.placement_type', 'ssda903_placement') }})
        and {{ dq_code_list_in_force('ssda903_placement') }}
),

rule_149 as (
    -- REC must be a code of ssda903_reason_episode_ceased in force in the year.
    select distinct
        {{ dq_columns('149', 'episodes', {'REC': 't.reason_episode_ceased'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (
            t.reason_episode_ceased is not null
            and {{ dq_not_in_code_list('t.reason_episode_ceased', 'ssda903_reason_episode_ceased') }}
        )
        and {{ dq_code_list_in_force('ssda903_reason_episode_ceased') }}
),

rule_178 as (
    -- PLACE_PROVIDER must be a code of ssda903_placement_provider in force in the year.
    select distinct
        {{ dq_columns('178', 'episodes', {'PLACE_PROVIDER': 't.placement_provider'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (
            t.placement_provider is not null
            and {{ dq_not_in_code_list('t.placement_provider', 'ssda903_placement_provider') }}
        )
        and {{ dq_code_list_in_force('ssda903_placement_provider') }}
),

rule_1009 as (
    -- REASON_PLACE_CHANGE must be a code of ssda903_reason_place_change in force in the year.
    select distinct
        {{ dq_columns('1009', 'episodes', {'REASON_PLACE_CHANGE': 't.reason_placement_change'}) }}
    from {{ ref('stg_ssda903__episodes') }} as t
    where
        (
            t.reason_placement_change is not null
            and {{ dq_not_in_code_list('t.reason_placement_change', 'ssda903_reason_place_change') }}
        )
        and {{ dq_code_list_in_force('ssda903_reason_place_change') }}
),

rule_167 as (
    -- REVIEW_CODE is required and must be a code of ssda903_review_code in force in the year.
    select distinct
        {{ dq_columns('167', 'reviews', {'REVIEW_CODE': 't.review_participation'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    where
        (t.review_participation is null or {{ dq_not_in_code_list('t.review_participation', 'ssda903_review_code') }})
        and {{ dq_code_list_in_force('ssda903_review_code') }}
),

rule_120 as (
    -- REASON_PLACED_CEASED must be a code of ssda903_reason_placed_ceased in force in the year.
    select distinct
        {{ dq_columns('120', 'placed_for_adoption', {'REASON_PLACED_CEASED': 't.reason_decision_ceased'}) }}
    from {{ ref('stg_ssda903__placed_for_adoption') }} as t
    where
        (
            t.reason_decision_ceased is not null
            and {{ dq_not_in_code_list('t.reason_decision_ceased', 'ssda903_reason_placed_ceased') }}
        )
        and {{ dq_code_list_in_force('ssda903_reason_placed_ceased') }}
),

rule_131 as (
    -- IN_TOUCH must be a code of ssda903_in_touch in force in the year.
    select distinct
        {{ dq_columns('131', 'oc3', {'IN_TOUCH': 't.in_touch'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where
        (t.in_touch is not null and {{ dq_not_in_code_list('t.in_touch', 'ssda903_in_touch') }})
        and {{ dq_code_list_in_force('ssda903_in_touch') }}
),

rule_132 as (
    -- ACTIV must be a code of ssda903_oc3_activity in force in the year.
    select distinct
        {{ dq_columns('132', 'oc3', {'ACTIV': 't.activity'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where
        (t.activity is not null and {{ dq_not_in_code_list('t.activity', 'ssda903_oc3_activity') }})
        and {{ dq_code_list_in_force('ssda903_oc3_activity') }}
),

rule_133 as (
    -- ACCOM must be a code of ssda903_oc3_accommodation in force in the year.
    select distinct
        {{ dq_columns('133', 'oc3', {'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where
        (t.accommodation is not null and {{ dq_not_in_code_list('t.accommodation', 'ssda903_oc3_accommodation') }})
        and {{ dq_code_list_in_force('ssda903_oc3_accommodation') }}
),

rule_176 as (
    -- SEX_ADOPTR must be a code of ssda903_sex_adopter in force in the year.
    select distinct
        {{ dq_columns('176', 'ad1', {'SEX_ADOPTR': 't.adopter_sex'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where
        (t.adopter_sex is not null and {{ dq_not_in_code_list('t.adopter_sex', 'ssda903_sex_adopter') }})
        and {{ dq_code_list_in_force('ssda903_sex_adopter') }}
),

rule_177 as (
    -- LS_ADOPTR must be a code of ssda903_ls_adopter in force in the year.
    select distinct
        {{ dq_columns('177', 'ad1', {'LS_ADOPTR': 't.adopter_legal_status'}) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    where
        (
            t.adopter_legal_status is not null
            and {{ dq_not_in_code_list('t.adopter_legal_status', 'ssda903_ls_adopter') }}
        )
        and {{ dq_code_list_in_force('ssda903_ls_adopter') }}
),

rule_196 as (
    -- SDQ_REASON must be a code of ssda903_sdq_reason in force in the year.
    select distinct
        {{ dq_columns('196', 'oc2', {'SDQ_REASON': 't.sdq_reason'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where
        (t.sdq_reason is not null and {{ dq_not_in_code_list('t.sdq_reason', 'ssda903_sdq_reason') }})
        and {{ dq_code_list_in_force('ssda903_sdq_reason') }}
),

rule_1006 as (
    -- MISSING must be a code of ssda903_missing in force in the year.
    select distinct
        {{ dq_columns('1006', 'missing', {'MISSING': 't.missing_type'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where
        (t.missing_type is not null and {{ dq_not_in_code_list('t.missing_type', 'ssda903_missing') }})
        and {{ dq_code_list_in_force('ssda903_missing') }}
),

rule_631 as (
    -- PREV_PERM must be a code of ssda903_prev_perm in force in the year.
    select distinct
        {{ dq_columns('631', 'prev_perm', {'PREV_PERM': 't.previous_permanence'}) }}
    from {{ ref('stg_ssda903__prev_perm') }} as t
    where
        (t.previous_permanence is not null and {{ dq_not_in_code_list('t.previous_permanence', 'ssda903_prev_perm') }})
        and {{ dq_code_list_in_force('ssda903_prev_perm') }}
),

rule_sw13stg1 as (
    -- SW_REASON must be a code of ssda903_social_worker_reason in force in the year.
    select distinct
        {{ dq_columns('SW13STG1', 'social_worker', {'SW_REASON': 't.sw_change_reason'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where
        (
            t.sw_change_reason is not null
            and {{ dq_not_in_code_list('t.sw_change_reason', 'ssda903_social_worker_reason') }}
        )
        and {{ dq_code_list_in_force('ssda903_social_worker_reason') }}
)

select * from rule_101
union all
select * from rule_103
union all
select * from rule_143
union all
select * from rule_144
union all
select * from rule_145
union all
select * from rule_146
union all
select * from rule_149
union all
select * from rule_178
union all
select * from rule_1009
union all
select * from rule_167
union all
select * from rule_120
union all
select * from rule_131
union all
select * from rule_132
union all
select * from rule_133
union all
select * from rule_176
union all
select * from rule_177
union all
select * from rule_196
union all
select * from rule_1006
union all
select * from rule_631
union all
select * from rule_sw13stg1
