-- Assessment KPIs per LA and reporting period, in the KPI contract (macros/kpi.sql). DfE counts
-- an assessment as completed in the period its authorisation date falls in (an assessment not yet
-- authorised is not completed, whenever it started). Timeliness is in working days from the
-- assessment start, start day not counted (int_safeguarding__assessments): "within 45 working
-- days" is at most 45, Doncaster's "less than 20 days" under 20, and the duration bands are DfE's
-- (table C2). Assessed as not in need = the episode closed RC8/RC9 (case closed after assessment).
-- Factor families are the share of completed assessments with at least one such factor.
-- Assessments still open at the period end (and those open over 45 working days, the CIN census
-- query 8670Q) are snapshots, reported for year and month periods only.
{%- set bands = ['same_day', '1_10', '11_20', '21_30', '31_40', '41_45', '46_50', '51_60', '61_plus'] %}
{%- set factor_families = [
    'domestic_violence', 'parental_domestic_violence', 'substance_misuse', 'parental_substance_misuse',
    'mental_health', 'parental_mental_health', 'parental_learning_disability',
    'child_sexual_exploitation', 'child_criminal_exploitation', 'female_genital_mutilation'
] %}
{%- set snapshot = "period_type in ('year', 'month')" %}
{%- set kpis = [
    {'id': 'sg_assessments_completed_count', 'numerator': 'completed', 'denominator': 'null'},
    {'id': 'sg_assessments_completed_rate_per_10k', 'numerator': 'completed', 'denominator': 'population_0_17'},
    {'id': 'sg_assessments_started_count', 'numerator': 'started', 'denominator': 'null'},
    {'id': 'sg_assessments_within_45wd_pct', 'numerator': 'completed_within_45', 'denominator': 'completed'},
    {'id': 'sg_assessments_under_20wd_pct', 'numerator': 'completed_under_20', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_avg_wd', 'numerator': 'duration_sum', 'denominator': 'duration_count'},
    {'id': 'sg_assessment_duration_median_wd', 'numerator': 'duration_median',
        'denominator': 'case when duration_count > 0 then 1 end'},
    {'id': 'sg_assessments_nfa_pct', 'numerator': 'completed_nfa', 'denominator': 'completed'},
    {'id': 'sg_assessments_open_count', 'numerator': 'open_at_end', 'denominator': 'null', 'where': snapshot},
    {'id': 'sg_assessments_open_over_45wd_count', 'numerator': 'open_over_45_at_end', 'denominator': 'null',
        'where': snapshot},
    {'id': 'sg_assessment_duration_same_day_wd_pct', 'numerator': 'band_same_day', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_1_10_wd_pct', 'numerator': 'band_1_10', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_11_20_wd_pct', 'numerator': 'band_11_20', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_21_30_wd_pct', 'numerator': 'band_21_30', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_31_40_wd_pct', 'numerator': 'band_31_40', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_41_45_wd_pct', 'numerator': 'band_41_45', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_46_50_wd_pct', 'numerator': 'band_46_50', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_51_60_wd_pct', 'numerator': 'band_51_60', 'denominator': 'completed'},
    {'id': 'sg_assessment_duration_61_plus_wd_pct', 'numerator': 'band_61_plus', 'denominator': 'completed'},
    {'id': 'sg_assessment_factor_domestic_violence_pct', 'numerator': 'factor_domestic_violence',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_parental_domestic_violence_pct', 'numerator': 'factor_parental_domestic_violence',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_substance_misuse_pct', 'numerator': 'factor_substance_misuse',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_parental_substance_misuse_pct', 'numerator': 'factor_parental_substance_misuse',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_mental_health_pct', 'numerator': 'factor_mental_health', 'denominator': 'completed'},
    {'id': 'sg_assessment_factor_parental_mental_health_pct', 'numerator': 'factor_parental_mental_health',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_parental_learning_disability_pct', 'numerator': 'factor_parental_learning_disability',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_child_sexual_exploitation_pct', 'numerator': 'factor_child_sexual_exploitation',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_child_criminal_exploitation_pct', 'numerator': 'factor_child_criminal_exploitation',
        'denominator': 'completed'},
    {'id': 'sg_assessment_factor_female_genital_mutilation_pct', 'numerator': 'factor_female_genital_mutilation',
        'denominator': 'completed'},
] %}
with

reporting_periods as (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

assessments as (
    select * from {{ ref('int_safeguarding__assessments') }}
),

assessment_factors as (
    select * from {{ ref('int_safeguarding__assessment_factors') }}
),

factor_families_per_assessment as (
    select
        {%- for family in factor_families %}
            bool_or(is_{{ family }}) as has_{{ family }},
        {%- endfor %}
        assessment_id
    from assessment_factors
    group by assessment_id
),

completed_totals as (
    select
        reporting_periods.reporting_period_key,
        count(assessments.assessment_id) as completed,
        count(case when assessments.is_within_45_working_days then 1 end) as completed_within_45,
        count(case when assessments.duration_working_days between 0 and 19 then 1 end) as completed_under_20,
        sum(case when assessments.duration_working_days >= 0 then assessments.duration_working_days end)
            as duration_sum,
        count(case when assessments.duration_working_days >= 0 then 1 end) as duration_count,
        median(case when assessments.duration_working_days >= 0 then assessments.duration_working_days end)
            as duration_median,
        {%- for band in bands %}
            count(case when assessments.duration_band = '{{ band }}' then 1 end) as band_{{ band }},
        {%- endfor %}
        {%- for family in factor_families %}
            count(case when factor_families_per_assessment.has_{{ family }} then 1 end) as factor_{{ family }},
        {%- endfor %}
        count(case when assessments.is_episode_closed_after_assessment_nfa then 1 end) as completed_nfa
    from reporting_periods
    left join assessments
        on
            reporting_periods.la_code = assessments.la_code
            and assessments.assessment_authorised_date
            between reporting_periods.period_start and reporting_periods.period_end
    left join factor_families_per_assessment
        on assessments.assessment_id = factor_families_per_assessment.assessment_id
    group by reporting_periods.reporting_period_key
),

started_totals as (
    select
        reporting_periods.reporting_period_key,
        count(assessments.assessment_id) as started
    from reporting_periods
    left join assessments
        on
            reporting_periods.la_code = assessments.la_code
            and assessments.assessment_start_date
            between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.reporting_period_key
),

open_at_end_totals as (
    select
        reporting_periods.reporting_period_key,
        count(assessments.assessment_id) as open_at_end,
        count(
            case
                when
                    {{ working_days_between('assessments.assessment_start_date', 'reporting_periods.period_end') }} > 45
                    then 1
            end
        ) as open_over_45_at_end
    from reporting_periods
    left join assessments
        on
            reporting_periods.la_code = assessments.la_code
            and reporting_periods.period_end >= assessments.assessment_start_date
            and (
                assessments.assessment_authorised_date is null
                or reporting_periods.period_end < assessments.assessment_authorised_date
            )
    group by reporting_periods.reporting_period_key
),

period_totals as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.population_0_17,
        completed_totals.completed,
        completed_totals.completed_within_45,
        completed_totals.completed_under_20,
        completed_totals.duration_sum,
        completed_totals.duration_count,
        completed_totals.duration_median,
        completed_totals.completed_nfa,
        {%- for band in bands %}
            completed_totals.band_{{ band }},
        {%- endfor %}
        {%- for family in factor_families %}
            completed_totals.factor_{{ family }},
        {%- endfor %}
        started_totals.started,
        open_at_end_totals.open_at_end,
        open_at_end_totals.open_over_45_at_end
    from reporting_periods
    inner join completed_totals
        on reporting_periods.reporting_period_key = completed_totals.reporting_period_key
    inner join started_totals
        on reporting_periods.reporting_period_key = started_totals.reporting_period_key
    inner join open_at_end_totals
        on reporting_periods.reporting_period_key = open_at_end_totals.reporting_period_key
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
