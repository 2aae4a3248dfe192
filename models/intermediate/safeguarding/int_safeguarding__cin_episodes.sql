-- One row per CIN episode (referral) per child across the annual returns. An episode open at
-- 1 April is returned again the next year, usually with its closure date or later assessments
-- filled in, so the version from the latest return is the truth. An episode is identified by
-- the child and the referral date, as the DfE does when it links returns (an LA that corrects a
-- referral date between returns therefore shows two episodes; see the dq flags).
with

cin_details as not materialized (
    select * from {{ ref('stg_cin_census__cin_details') }}
),

returns_loaded as (
    select
        la_code,
        max(collection_year) as latest_collection_year
    from {{ ref('stg_cin_census__children') }}
    group by la_code
),

episode_returns as (
    select
        la_code,
        child_id,
        referral_date,
        min(collection_year) as first_collection_year,
        max(collection_year) as last_collection_year
    from cin_details
    group by la_code, child_id, referral_date
),

latest_episode_version as (
    select *
    from cin_details
    qualify row_number() over (
        partition by la_code, child_id, referral_date
        order by collection_year desc, source_line asc
    ) = 1
),

episodes as (
    select
        md5(concat_ws(
            '|', latest_episode_version.la_code, latest_episode_version.child_id,
            latest_episode_version.referral_date
        )) as cin_episode_id,
        md5(concat_ws('|', latest_episode_version.la_code, latest_episode_version.child_id)) as child_key,
        latest_episode_version.la_code,
        latest_episode_version.child_id,
        latest_episode_version.referral_date,
        latest_episode_version.referral_source,
        -- the groups of DfE's "referrals by source" table (Characteristics of children in need, A3)
        case
            when latest_episode_version.referral_source in ('1A', '1B', '1C', '1D') then 'individual'
            when latest_episode_version.referral_source = '2A' then 'schools'
            when latest_episode_version.referral_source = '2B' then 'education_services'
            when latest_episode_version.referral_source in ('3A', '3B', '3C', '3D', '3E', '3F')
                then 'health_services'
            when latest_episode_version.referral_source = '4' then 'housing'
            when latest_episode_version.referral_source in ('5A', '5B', '5C', '5D') then 'la_services'
            when latest_episode_version.referral_source = '6' then 'police'
            when latest_episode_version.referral_source = '7' then 'other_legal_agency'
            when latest_episode_version.referral_source = '8' then 'other'
            when latest_episode_version.referral_source = '9' then 'anonymous'
            when latest_episode_version.referral_source = '10' then 'unknown'
            else 'not_recorded'
        end as referral_source_group,
        latest_episode_version.primary_need,
        latest_episode_version.closure_date,
        latest_episode_version.reason_for_closure,
        coalesce(latest_episode_version.is_referral_nfa, false) as is_referral_nfa,
        -- RC8 "case closed after assessment, no further action"; RC9 (from 2023-24) "case closed
        -- after assessment, referred to early help": DfE's children assessed not to be in need
        coalesce(latest_episode_version.reason_for_closure in ('RC8', 'RC9'), false)
            as is_closed_after_assessment_nfa,
        latest_episode_version.initial_cpc_date,
        episode_returns.first_collection_year,
        episode_returns.last_collection_year,
        -- still open in its last return, yet a later return for the LA was loaded without it:
        -- its closure was never reported, so it looks open for ever
        (
            episode_returns.last_collection_year < returns_loaded.latest_collection_year
            and (
                latest_episode_version.closure_date is null
                or latest_episode_version.closure_date > make_date(episode_returns.last_collection_year, 3, 31)
            )
        ) as is_missing_from_later_return,
        latest_episode_version.cin_episode_key as source_cin_episode_key
    from latest_episode_version
    inner join episode_returns
        on
            latest_episode_version.la_code = episode_returns.la_code
            and latest_episode_version.child_id = episode_returns.child_id
            and latest_episode_version.referral_date = episode_returns.referral_date
    inner join returns_loaded
        on latest_episode_version.la_code = returns_loaded.la_code
)

select * from episodes
