-- KPIs from the 903's annual outcome tables, for the year ending 31 March only: care leavers aged
-- 19-21 (OC3: in touch, EET, suitable accommodation, higher education, staying put) and children
-- looked after continuously for 12 months (OC2: annual health assessment HEALTH_ASSESSMENT, dental
-- check TEETH_CHECK, immunisations IMMUNISATIONS, SDQ, offending CONVICTED). The care-leaver
-- cohort is the DfE's: the OC3 records the LA returned (a qualifying young person without one is
-- data-quality finding CSC-015, not a change to these figures). The OC2 cohort includes the
-- children the episodes show to qualify who have no OC2 record: they count in the denominator and
-- not in any numerator.
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

care_leavers as not materialized (
    select * from {{ ref('int_looked_after__care_leavers') }}
),

health_outcomes as not materialized (
    select * from {{ ref('int_looked_after__health_outcomes') }}
),

years as (
    select * from reporting_periods
    where period_type = 'year'
),

care_leaver_measures as (
    select
        la_code,
        collection_year,
        count_if(age_at_year_end between 19 and 21) as care_leavers_19_to_21,
        count_if(age_at_year_end between 19 and 21 and is_in_touch) as in_touch,
        count_if(age_at_year_end between 19 and 21 and is_in_eet) as in_eet,
        count_if(age_at_year_end between 19 and 21 and is_suitably_accommodated) as suitably_accommodated,
        count_if(age_at_year_end between 19 and 21 and is_in_higher_education) as in_higher_education,
        -- Staying put (Doncaster's measure): 19- and 20-year-olds still living with the foster
        -- carers they were with when care ended at 18.
        count_if(
            age_at_year_end between 19 and 20 and (left_care_at_18_from_foster_care or is_with_former_foster_carers)
        ) as left_foster_care_at_18_aged_19_to_20,
        count_if(age_at_year_end between 19 and 20 and is_with_former_foster_carers) as staying_put_aged_19_to_20
    from care_leavers
    where is_in_dfe_cohort
    group by la_code, collection_year
),

health_measures as (
    select
        la_code,
        collection_year,
        count(*) as looked_after_12_months,
        count_if(had_health_assessment) as health_assessment_up_to_date,
        count_if(had_teeth_check) as dental_check_up_to_date,
        count_if(immunisations_up_to_date) as immunisations_up_to_date,
        -- Under-5 development assessments (OC2 HEALTH_CHECK, the DfE's "development assessments
        -- up to date" for children under 5 at 31 March).
        count_if(age_at_year_end < 5) as aged_under_5,
        count_if(age_at_year_end < 5 and had_development_check) as development_check_up_to_date,
        -- SDQ: the DfE publishes the average total difficulties score over children aged 5 to 16
        -- at 31 March with a score (the return collects it from age 4; former NI 58 used 4-16).
        sum(case when age_at_year_end between 5 and 16 then sdq_score end) as sdq_score_total,
        count(case when age_at_year_end between 5 and 16 then sdq_score end) as sdq_scores_returned,
        -- Offending: children aged 10 or over convicted or given a final warning or reprimand.
        count_if(age_at_year_end >= 10) as aged_10_plus,
        count_if(age_at_year_end >= 10 and is_convicted) as convicted
    from health_outcomes
    group by la_code, collection_year
),

measures_for_years as (
    select
        years.la_code,
        years.period_type,
        years.period_start,
        years.period_end,
        years.data_from_date,
        coalesce(care_leaver_measures.care_leavers_19_to_21, 0) as care_leavers_19_to_21,
        coalesce(care_leaver_measures.in_touch, 0) as in_touch,
        coalesce(care_leaver_measures.in_eet, 0) as in_eet,
        coalesce(care_leaver_measures.suitably_accommodated, 0) as suitably_accommodated,
        coalesce(care_leaver_measures.in_higher_education, 0) as in_higher_education,
        coalesce(care_leaver_measures.left_foster_care_at_18_aged_19_to_20, 0) as left_foster_care_at_18_aged_19_to_20,
        coalesce(care_leaver_measures.staying_put_aged_19_to_20, 0) as staying_put_aged_19_to_20,
        coalesce(health_measures.looked_after_12_months, 0) as looked_after_12_months,
        coalesce(health_measures.health_assessment_up_to_date, 0) as health_assessment_up_to_date,
        coalesce(health_measures.dental_check_up_to_date, 0) as dental_check_up_to_date,
        coalesce(health_measures.immunisations_up_to_date, 0) as immunisations_up_to_date,
        coalesce(health_measures.aged_under_5, 0) as aged_under_5,
        coalesce(health_measures.development_check_up_to_date, 0) as development_check_up_to_date,
        coalesce(health_measures.sdq_score_total, 0) as sdq_score_total,
        coalesce(health_measures.sdq_scores_returned, 0) as sdq_scores_returned,
        coalesce(health_measures.aged_10_plus, 0) as aged_10_plus,
        coalesce(health_measures.convicted, 0) as convicted
    from years
    left join care_leaver_measures
        on
            years.la_code = care_leaver_measures.la_code
            and years.collection_year = care_leaver_measures.collection_year
    left join health_measures
        on
            years.la_code = health_measures.la_code
            and years.collection_year = health_measures.collection_year
)

{#- The OC2 cohort (12 months continuously in care) can only be derived with a year's history. -#}
{%- set with_12_months_history = "data_from_date <= " ~ shift_months('period_end', -12) %}
{{ kpi_rows('measures_for_years', [
    {'id': 'care_leaver_count', 'numerator': 'care_leavers_19_to_21', 'denominator': 'null'},
    {'id': 'care_leaver_in_touch_pct', 'numerator': 'in_touch', 'denominator': 'care_leavers_19_to_21'},
    {'id': 'care_leaver_eet_pct', 'numerator': 'in_eet', 'denominator': 'care_leavers_19_to_21'},
    {'id': 'care_leaver_suitable_accommodation_pct', 'numerator': 'suitably_accommodated',
        'denominator': 'care_leavers_19_to_21'},
    {'id': 'care_leaver_higher_education_pct', 'numerator': 'in_higher_education', 'denominator': 'care_leavers_19_to_21'},
    {'id': 'care_leaver_staying_put_19_20_pct', 'numerator': 'staying_put_aged_19_to_20',
        'denominator': 'left_foster_care_at_18_aged_19_to_20'},
    {'id': 'cla_health_assessment_up_to_date_pct', 'numerator': 'health_assessment_up_to_date',
        'denominator': 'looked_after_12_months', 'where': with_12_months_history},
    {'id': 'cla_dental_check_up_to_date_pct', 'numerator': 'dental_check_up_to_date',
        'denominator': 'looked_after_12_months', 'where': with_12_months_history},
    {'id': 'cla_immunisations_up_to_date_pct', 'numerator': 'immunisations_up_to_date',
        'denominator': 'looked_after_12_months', 'where': with_12_months_history},
    {'id': 'cla_development_assessment_under_5_pct', 'numerator': 'development_check_up_to_date',
        'denominator': 'aged_under_5', 'where': with_12_months_history},
    {'id': 'cla_sdq_average_score', 'numerator': 'sdq_score_total', 'denominator': 'sdq_scores_returned',
        'where': with_12_months_history},
    {'id': 'cla_convicted_pct', 'numerator': 'convicted', 'denominator': 'aged_10_plus', 'where': with_12_months_history},
]) }}
