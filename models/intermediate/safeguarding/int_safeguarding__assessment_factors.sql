-- One row per factor identified at the end of an assessment, for the version of the assessment
-- kept in int_safeguarding__assessments (the latest return), with the factor families the KPIs
-- report. Codes are the CIN census AssessmentFactors list (DfE CIN census guide, "factors
-- identified at the end of assessment"); the "parent" families are the codes ending in B
-- (parent(s)/carer(s) the subject), which is what Slough's "as a parental factor" and the West
-- Midlands "parenting ability compromised" indicators ask for. Radicalisation has no code in the
-- 2017-2024 census schemas, so no family is built for it.
with

assessment_factors as not materialized (
    select * from {{ ref('stg_cin_census__assessment_factors') }}
),

assessments as not materialized (
    select * from {{ ref('int_safeguarding__assessments') }}
),

factors_of_kept_assessments as (
    select distinct
        assessments.assessment_id,
        assessments.la_code,
        assessments.child_id,
        assessments.assessment_start_date,
        assessments.assessment_authorised_date,
        assessment_factors.factor_code
    from assessment_factors
    inner join assessments
        on assessment_factors.assessment_key = assessments.source_assessment_key
    where assessment_factors.factor_code is not null
)

select
    md5(concat_ws('|', assessment_id, factor_code)) as assessment_factor_id,
    assessment_id,
    la_code,
    child_id,
    assessment_start_date,
    assessment_authorised_date,
    factor_code,
    factor_code in ('3A', '3B', '3C') as is_domestic_violence,
    factor_code = '3B' as is_parental_domestic_violence,
    factor_code in ('1A', '1B', '1C', '2A', '2B', '2C') as is_substance_misuse,
    factor_code in ('1B', '2B') as is_parental_substance_misuse,
    factor_code in ('4A', '4B', '4C') as is_mental_health,
    factor_code = '4B' as is_parental_mental_health,
    factor_code = '5B' as is_parental_learning_disability,
    factor_code = '11A' as is_child_sexual_exploitation,
    factor_code = '24A' as is_child_criminal_exploitation,
    factor_code = '22A' as is_female_genital_mutilation
from factors_of_kept_assessments
