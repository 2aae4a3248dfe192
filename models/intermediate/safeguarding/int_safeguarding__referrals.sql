-- One row per referral (each CIN episode starts with one) with the same child's previous
-- referral to the same LA, found across every loaded return. DfE: "a re-referral occurs when a
-- child is referred within 12 months of a previous referral" (Children in need: a focus on
-- re-referrals, and Characteristics of children in need). "Within 12 months" is taken in calendar
-- months and inclusively: a referral on 1 March 2024 after one on 1 March 2023 is a re-referral
-- (366 days, a leap year), and so is 28 February 2025 after 29 February 2024, while 1 March 2025
-- after 29 February 2024 is not. Referrals that led to no further action count as previous
-- referrals: the child was still referred.
with

episodes as not materialized (
    select * from {{ ref('int_safeguarding__cin_episodes') }}
),

assessments as not materialized (
    select * from {{ ref('int_safeguarding__assessments') }}
),

referrals_with_previous as (
    select
        *,
        lag(referral_date) over (
            partition by la_code, child_id
            order by referral_date
        ) as previous_referral_date,
        row_number() over (
            partition by la_code, child_id
            order by referral_date
        ) as referral_number_in_data
    from episodes
),

episodes_assessed as (
    select distinct cin_episode_id
    from assessments
)

select
    referrals_with_previous.cin_episode_id as referral_id,
    referrals_with_previous.cin_episode_id,
    referrals_with_previous.child_key,
    referrals_with_previous.la_code,
    referrals_with_previous.child_id,
    referrals_with_previous.referral_date,
    referrals_with_previous.referral_source,
    referrals_with_previous.referral_source_group,
    referrals_with_previous.is_referral_nfa,
    referrals_with_previous.previous_referral_date,
    referrals_with_previous.referral_number_in_data,
    date_diff('day', referrals_with_previous.previous_referral_date, referrals_with_previous.referral_date)
        as days_since_previous_referral,
    coalesce(
        referrals_with_previous.previous_referral_date
        >= cast(referrals_with_previous.referral_date - to_months(12) as date),
        false
    ) as is_rereferral_within_12_months,
    episodes_assessed.cin_episode_id is not null as has_assessment
from referrals_with_previous
left join episodes_assessed
    on referrals_with_previous.cin_episode_id = episodes_assessed.cin_episode_id
