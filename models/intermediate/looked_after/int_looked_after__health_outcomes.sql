-- The OC2 cohort of each return: children looked after continuously for at least 12 months at
-- 31 March (short breaks excluded), with the health, offending and SDQ outcomes the LA returned
-- for them. Like care leavers, a child the episodes show to qualify but with no OC2 record stays in
-- the cohort with unknown (not achieved) outcomes; a child with an OC2 record is always in it.
with

oc2_records as not materialized (
    select * from {{ ref('stg_ssda903__oc2') }}
),

periods as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

children as not materialized (
    select * from {{ ref('int_looked_after__children') }}
),

returns as not materialized (
    select * from {{ ref('int_looked_after__returns') }}
),

-- In care on 31 March and since at least the same date a year before.
derived_cohort as (
    select
        periods.la_code,
        periods.child_id,
        returns.collection_year
    from periods
    inner join returns
        on
            periods.la_code = returns.la_code
            and periods.period_start_date <= {{ shift_months('returns.return_end_date', -12) }}
            and (
                periods.period_end_date > returns.return_end_date
                or (periods.period_end_date is null and periods.known_until_date >= returns.return_end_date)
            )
    where not periods.is_short_break
),

cohort as (
    select
        la_code,
        child_id,
        collection_year
    from derived_cohort
    union
    select
        la_code,
        child_id,
        collection_year
    from oc2_records
)

select
    md5(concat_ws('|', cohort.la_code, cohort.child_id, cohort.collection_year)) as health_outcome_key,
    md5(concat_ws('|', cohort.la_code, cohort.child_id)) as child_key,
    cohort.la_code,
    cohort.child_id,
    cohort.collection_year,
    {{ age_on(
        'coalesce(children.date_of_birth, oc2_records.date_of_birth)',
        'make_date(cohort.collection_year, 3, 31)'
    ) }}
        as age_at_year_end,
    oc2_records.child_id is not null as has_oc2_record,
    -- OC2 HEALTH_ASSESSMENT is the annual health assessment the DfE publishes as "health
    -- assessments up to date"; HEALTH_CHECK is the under-5 development / health-promotion item
    -- (DfE 903 rule 545 tests it only for children under 5), a different measure.
    coalesce(oc2_records.had_health_assessment, false) as had_health_assessment,
    coalesce(oc2_records.had_health_check, false) as had_development_check,
    coalesce(oc2_records.had_teeth_check, false) as had_teeth_check,
    coalesce(oc2_records.immunisations_up_to_date, false) as immunisations_up_to_date,
    coalesce(oc2_records.is_convicted, false) as is_convicted,
    oc2_records.sdq_score,
    oc2_records.sdq_reason
from cohort
left join oc2_records
    on
        cohort.la_code = oc2_records.la_code
        and cohort.child_id = oc2_records.child_id
        and cohort.collection_year = oc2_records.collection_year
left join children
    on
        cohort.la_code = children.la_code
        and cohort.child_id = children.child_id
