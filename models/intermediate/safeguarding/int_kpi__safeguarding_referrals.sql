-- Referral KPIs per LA and reporting period, in the KPI contract (macros/kpi.sql). A referral
-- belongs to the period its referral date falls in. DfE definitions (Characteristics of children
-- in need, methodology): referrals include those that led to no further action; rates are per
-- 10,000 children aged 0-17 (ONS mid-year estimate); a re-referral is a referral within 12
-- months of the child's previous referral (int_safeguarding__referrals) and is only reported for
-- periods whose previous 12 months are covered by loaded returns, since a previous referral
-- closed before the first loaded return cannot be seen. Sources are DfE's groups (table A3).
{%- set source_groups = [
    'individual', 'schools', 'education_services', 'health_services', 'housing', 'la_services',
    'police', 'other_legal_agency', 'other', 'anonymous', 'unknown'
] %}
{%- set kpis = [
    {'id': 'sg_referrals_count', 'numerator': 'referrals', 'denominator': 'null'},
    {'id': 'sg_referrals_rate_per_10k', 'numerator': 'referrals', 'denominator': 'population_0_17'},
    {'id': 'sg_children_referred_count', 'numerator': 'children_referred', 'denominator': 'null'},
    {'id': 'sg_rereferrals_12m_pct', 'numerator': 'rereferrals', 'denominator': 'referrals',
        'where': 'has_12_month_lookback'},
    {'id': 'sg_rereferrals_12m_count', 'numerator': 'rereferrals', 'denominator': 'null',
        'where': 'has_12_month_lookback'},
    {'id': 'sg_rereferrals_12m_rate_per_10k', 'numerator': 'rereferrals', 'denominator': 'population_0_17',
        'where': 'has_12_month_lookback'},
    {'id': 'sg_referrals_nfa_pct', 'numerator': 'referrals_nfa', 'denominator': 'referrals'},
    {'id': 'sg_referrals_to_assessment_pct', 'numerator': 'referrals_assessed', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_individual_pct', 'numerator': 'referrals_from_individual', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_schools_pct', 'numerator': 'referrals_from_schools', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_education_services_pct', 'numerator': 'referrals_from_education_services', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_health_services_pct', 'numerator': 'referrals_from_health_services', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_housing_pct', 'numerator': 'referrals_from_housing', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_la_services_pct', 'numerator': 'referrals_from_la_services', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_police_pct', 'numerator': 'referrals_from_police', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_other_legal_agency_pct', 'numerator': 'referrals_from_other_legal_agency', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_other_pct', 'numerator': 'referrals_from_other', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_anonymous_pct', 'numerator': 'referrals_from_anonymous', 'denominator': 'referrals'},
    {'id': 'sg_referrals_source_unknown_pct', 'numerator': 'referrals_from_unknown', 'denominator': 'referrals'},
] %}
with

reporting_periods as not materialized (
    select * from {{ ref('int_safeguarding__reporting_periods') }}
),

referrals as not materialized (
    select * from {{ ref('int_safeguarding__referrals') }}
),

-- Referrals counted per LA and month first, so that each period sums a handful of month rows
-- instead of every referral of the LA being tested against every period. Periods run from the 1st
-- of a month to the last day of a month, so a referral falls in a period exactly when its month
-- (year * 12 + month) does. A child referred several times in a period counts once: only the
-- referral whose previous referral of the same child (earlier_referral_month) came before the
-- period counts as the child's, which turns the distinct count into a sum.
referral_months as (
    select
        la_code,
        child_id,
        referral_id,
        is_rereferral_within_12_months,
        is_referral_nfa,
        referral_source_group,
        has_assessment,
        year(referral_date) * 12 + month(referral_date) as referral_month,
        lag(year(referral_date) * 12 + month(referral_date)) over (
            partition by la_code, child_id order by referral_date
        ) as earlier_referral_month
    from referrals
    where referral_date is not null
),

referral_month_counts as (
    select
        la_code,
        referral_month,
        earlier_referral_month,
        count(child_id) as child_referrals,
        count(referral_id) as referrals,
        count(case when is_rereferral_within_12_months then 1 end) as rereferrals,
        count(case when is_referral_nfa then 1 end) as referrals_nfa,
        {%- for group in source_groups %}
            count(case when referral_source_group = '{{ group }}' then 1 end) as referrals_from_{{ group }},
        {%- endfor %}
        count(case when has_assessment then 1 end) as referrals_assessed
    from referral_months
    group by la_code, referral_month, earlier_referral_month
),

period_totals as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.population_0_17,
        reporting_periods.has_12_month_lookback,
        coalesce(cast(sum(referral_month_counts.referrals) as bigint), 0) as referrals,
        coalesce(
            cast(
                sum(
                    case
                        when
                            referral_month_counts.earlier_referral_month is null
                            or referral_month_counts.earlier_referral_month
                            < year(reporting_periods.period_start) * 12 + month(reporting_periods.period_start)
                            then referral_month_counts.child_referrals
                    end
                ) as bigint
            ),
            0
        ) as children_referred,
        coalesce(cast(sum(referral_month_counts.rereferrals) as bigint), 0) as rereferrals,
        coalesce(cast(sum(referral_month_counts.referrals_nfa) as bigint), 0) as referrals_nfa,
        {%- for group in source_groups %}
            coalesce(cast(sum(referral_month_counts.referrals_from_{{ group }}) as bigint), 0)
                as referrals_from_{{ group }},
        {%- endfor %}
        coalesce(cast(sum(referral_month_counts.referrals_assessed) as bigint), 0) as referrals_assessed
    from reporting_periods
    left join referral_month_counts
        on
            reporting_periods.la_code = referral_month_counts.la_code
            and referral_month_counts.referral_month
            between year(reporting_periods.period_start) * 12 + month(reporting_periods.period_start)
            and year(reporting_periods.period_end) * 12 + month(reporting_periods.period_end)
    group by all
),

kpi_values as (
    {{ kpi_rows('period_totals', kpis) }}
)

select * from kpi_values
