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

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

assessments as not materialized (
    select * from {{ ref('int_safeguarding__assessments') }}
),

assessment_factors as not materialized (
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

-- Periods run from the 1st of a month to the last day of a month, so an assessment is completed
-- (started) in a period exactly when the month of its authorisation (start) is one of the
-- period's months: each count is taken per LA and month once, and a period sums its months,
-- instead of every assessment of the LA being tested against every period.
assessment_months as (
    select
        assessments.la_code,
        assessments.duration_working_days,
        assessments.duration_band,
        assessments.is_within_45_working_days,
        assessments.is_episode_closed_after_assessment_nfa,
        {%- for family in factor_families %}
            factor_families_per_assessment.has_{{ family }},
        {%- endfor %}
        year(assessments.assessment_authorised_date) * 12 + month(assessments.assessment_authorised_date)
            as completed_month
    from assessments
    left join factor_families_per_assessment
        on assessments.assessment_id = factor_families_per_assessment.assessment_id
    where assessments.assessment_authorised_date is not null
),

completed_month_counts as (
    select
        la_code,
        completed_month,
        count(*) as completed,
        count(case when is_within_45_working_days then 1 end) as completed_within_45,
        count(case when duration_working_days between 0 and 19 then 1 end) as completed_under_20,
        sum(case when duration_working_days >= 0 then duration_working_days end) as duration_sum,
        count(case when duration_working_days >= 0 then 1 end) as duration_count,
        {%- for band in bands %}
            count(case when duration_band = '{{ band }}' then 1 end) as band_{{ band }},
        {%- endfor %}
        {%- for family in factor_families %}
            count(case when has_{{ family }} then 1 end) as factor_{{ family }},
        {%- endfor %}
        count(case when is_episode_closed_after_assessment_nfa then 1 end) as completed_nfa
    from assessment_months
    group by la_code, completed_month
),

-- The median duration from a histogram: assessments per LA, month and duration.
duration_month_counts as (
    select
        la_code,
        completed_month,
        duration_working_days,
        count(*) as assessments
    from assessment_months
    where duration_working_days >= 0
    group by la_code, completed_month, duration_working_days
),

started_month_counts as (
    select
        la_code,
        year(assessment_start_date) * 12 + month(assessment_start_date) as started_month,
        count(*) as started
    from assessments
    group by la_code, started_month
),

period_months as (
    select
        reporting_period_key,
        la_code,
        year(period_start) * 12 + month(period_start) as first_month,
        year(period_end) * 12 + month(period_end) as last_month
    from reporting_periods
),

completed_totals as (
    select
        period_months.reporting_period_key,
        coalesce(cast(sum(completed_month_counts.completed) as bigint), 0) as completed,
        coalesce(cast(sum(completed_month_counts.completed_within_45) as bigint), 0) as completed_within_45,
        coalesce(cast(sum(completed_month_counts.completed_under_20) as bigint), 0) as completed_under_20,
        sum(completed_month_counts.duration_sum) as duration_sum,
        coalesce(cast(sum(completed_month_counts.duration_count) as bigint), 0) as duration_count,
        {%- for band in bands %}
            coalesce(cast(sum(completed_month_counts.band_{{ band }}) as bigint), 0) as band_{{ band }},
        {%- endfor %}
        {%- for family in factor_families %}
            coalesce(cast(sum(completed_month_counts.factor_{{ family }}) as bigint), 0) as factor_{{ family }},
        {%- endfor %}
        coalesce(cast(sum(completed_month_counts.completed_nfa) as bigint), 0) as completed_nfa
    from period_months
    left join completed_month_counts
        on
            period_months.la_code = completed_month_counts.la_code
            and completed_month_counts.completed_month between period_months.first_month and period_months.last_month
    group by period_months.reporting_period_key
),

period_durations as (
    select
        period_months.reporting_period_key,
        duration_month_counts.duration_working_days,
        sum(duration_month_counts.assessments) as assessments
    from period_months
    inner join duration_month_counts
        on
            period_months.la_code = duration_month_counts.la_code
            and duration_month_counts.completed_month between period_months.first_month and period_months.last_month
    group by period_months.reporting_period_key, duration_month_counts.duration_working_days
),

period_duration_ranks as (
    select
        reporting_period_key,
        duration_working_days,
        sum(assessments) over (
            partition by reporting_period_key order by duration_working_days
            rows between unbounded preceding and current row
        ) as assessments_up_to,
        sum(assessments) over (partition by reporting_period_key) as assessments_in_period
    from period_durations
),

-- As median(): the middle duration, or the mean of the two middle ones for an even count. The
-- durations in 0-based sorted positions floor((n - 1) / 2) and ceil((n - 1) / 2) are the first
-- whose running count passes those positions.
duration_medians as (
    select
        reporting_period_key,
        (
            min(case when assessments_up_to > floor((assessments_in_period - 1) / 2) then duration_working_days end)
            + min(case when assessments_up_to > ceil((assessments_in_period - 1) / 2) then duration_working_days end)
        ) / 2 as duration_median
    from period_duration_ranks
    group by reporting_period_key
),

started_totals as (
    select
        period_months.reporting_period_key,
        coalesce(cast(sum(started_month_counts.started) as bigint), 0) as started
    from period_months
    left join started_month_counts
        on
            period_months.la_code = started_month_counts.la_code
            and started_month_counts.started_month between period_months.first_month and period_months.last_month
    group by period_months.reporting_period_key
),

-- Assessments still open at each distinct period end of the LA (a month end), then shared by
-- every period ending that day.
period_ends as (
    select distinct
        la_code,
        period_end
    from reporting_periods
),

open_at_period_end as (
    select
        period_ends.la_code,
        period_ends.period_end,
        count(assessments.assessment_id) as open_at_end,
        count(
            case
                when
                    {{ working_days_between('assessments.assessment_start_date', 'period_ends.period_end') }} > 45
                    then 1
            end
        ) as open_over_45_at_end
    from period_ends
    left join assessments
        on
            period_ends.la_code = assessments.la_code
            and period_ends.period_end >= assessments.assessment_start_date
            and (
                assessments.assessment_authorised_date is null
                or period_ends.period_end < assessments.assessment_authorised_date
            )
    group by period_ends.la_code, period_ends.period_end
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
        duration_medians.duration_median,
        completed_totals.completed_nfa,
        {%- for band in bands %}
            completed_totals.band_{{ band }},
        {%- endfor %}
        {%- for family in factor_families %}
            completed_totals.factor_{{ family }},
        {%- endfor %}
        started_totals.started,
        open_at_period_end.open_at_end,
        open_at_period_end.open_over_45_at_end
    from reporting_periods
    inner join completed_totals
        on reporting_periods.reporting_period_key = completed_totals.reporting_period_key
    inner join started_totals
        on reporting_periods.reporting_period_key = started_totals.reporting_period_key
    inner join open_at_period_end
        on
            reporting_periods.la_code = open_at_period_end.la_code
            and reporting_periods.period_end = open_at_period_end.period_end
    left join duration_medians
        on reporting_periods.reporting_period_key = duration_medians.reporting_period_key
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
