-- Looked-after KPIs counted over a period: children starting and ceasing to be looked after, and
-- how care ended. As in the DfE's tables, children on an agreed series of short breaks are left out,
-- a child is counted once (the first occasion they started in the period, the last occasion they
-- ceased, with that occasion's reason), and percentages are of the children who ceased.
with

reporting_periods as not materialized (
    select * from {{ ref('int_looked_after__reporting_periods') }}
),

periods_of_care as not materialized (
    select * from {{ ref('int_looked_after__periods_of_care') }}
),

care_periods as (
    select * from periods_of_care
    where not is_short_break
),

-- A start is a period beginning with RNE 'S' (or moving from short breaks into full care); a period
-- whose start the returns do not show (it began before them) is not one.
starts_in_period as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_end,
        count(distinct care_periods.child_id) as children_started
    from reporting_periods
    inner join care_periods
        on
            reporting_periods.la_code = care_periods.la_code
            and care_periods.is_started
            and care_periods.period_start_date between reporting_periods.period_start and reporting_periods.period_end
    group by reporting_periods.la_code, reporting_periods.period_type, reporting_periods.period_end
),

last_ceasing_in_period as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_end,
        care_periods.child_id,
        care_periods.is_adopted,
        care_periods.is_special_guardianship,
        care_periods.is_child_arrangements_order,
        care_periods.age_at_end
    from reporting_periods
    inner join care_periods
        on
            reporting_periods.la_code = care_periods.la_code
            and care_periods.is_ceased
            and care_periods.period_end_date between reporting_periods.period_start and reporting_periods.period_end
    qualify row_number() over (
        partition by
            reporting_periods.la_code,
            reporting_periods.period_type,
            reporting_periods.period_end,
            care_periods.child_id
        order by care_periods.period_end_date desc
    ) = 1
),

ceasings_in_period as (
    select
        la_code,
        period_type,
        period_end,
        count(*) as children_ceased,
        count_if(is_adopted) as adopted,
        count_if(is_special_guardianship) as special_guardianship,
        count_if(is_child_arrangements_order) as child_arrangements_order,
        count_if(is_adopted or is_special_guardianship or is_child_arrangements_order) as permanence,
        count_if(is_special_guardianship or is_child_arrangements_order) as residence_or_special_guardianship,
        count_if(age_at_end >= 16) as ceased_aged_16_plus,
        -- Care ends by law at 18: ceasing aged 18 means staying looked after to the 18th birthday.
        count_if(age_at_end >= 18) as ceased_aged_18
    from last_ceasing_in_period
    group by la_code, period_type, period_end
),

-- Children who went home (E4A/E4B) in the 2 years to the period end, and whether care began
-- again before it ended.
returned_home_in_two_years as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_end,
        care_periods.child_id,
        bool_or(readmissions.period_of_care_key is not null) as was_readmitted
    from reporting_periods
    inner join care_periods
        on
            reporting_periods.la_code = care_periods.la_code
            and care_periods.is_returned_home
            and care_periods.period_end_date > {{ shift_months('reporting_periods.period_end', -24) }}
            and reporting_periods.period_end >= care_periods.period_end_date
    left join care_periods as readmissions
        on
            care_periods.la_code = readmissions.la_code
            and care_periods.child_id = readmissions.child_id
            and care_periods.period_end_date <= readmissions.period_start_date
            and reporting_periods.period_end >= readmissions.period_start_date
            and care_periods.period_of_care_key <> readmissions.period_of_care_key
    where reporting_periods.period_type in ('year', 'month')
    group by
        reporting_periods.la_code, reporting_periods.period_type, reporting_periods.period_end, care_periods.child_id
),

readmissions_in_period as (
    select
        la_code,
        period_type,
        period_end,
        count(*) as returned_home,
        count_if(was_readmitted) as readmitted
    from returned_home_in_two_years
    group by la_code, period_type, period_end
),

measures_for_periods as (
    select
        reporting_periods.la_code,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        reporting_periods.data_from_date,
        coalesce(starts_in_period.children_started, 0) as children_started,
        coalesce(ceasings_in_period.children_ceased, 0) as children_ceased,
        coalesce(ceasings_in_period.adopted, 0) as adopted,
        coalesce(ceasings_in_period.special_guardianship, 0) as special_guardianship,
        coalesce(ceasings_in_period.child_arrangements_order, 0) as child_arrangements_order,
        coalesce(ceasings_in_period.permanence, 0) as permanence,
        coalesce(ceasings_in_period.residence_or_special_guardianship, 0) as residence_or_special_guardianship,
        coalesce(ceasings_in_period.ceased_aged_16_plus, 0) as ceased_aged_16_plus,
        coalesce(ceasings_in_period.ceased_aged_18, 0) as ceased_aged_18,
        coalesce(readmissions_in_period.returned_home, 0) as returned_home,
        coalesce(readmissions_in_period.readmitted, 0) as readmitted
    from reporting_periods
    left join starts_in_period
        on
            reporting_periods.la_code = starts_in_period.la_code
            and reporting_periods.period_type = starts_in_period.period_type
            and reporting_periods.period_end = starts_in_period.period_end
    left join ceasings_in_period
        on
            reporting_periods.la_code = ceasings_in_period.la_code
            and reporting_periods.period_type = ceasings_in_period.period_type
            and reporting_periods.period_end = ceasings_in_period.period_end
    left join readmissions_in_period
        on
            reporting_periods.la_code = readmissions_in_period.la_code
            and reporting_periods.period_type = readmissions_in_period.period_type
            and reporting_periods.period_end = readmissions_in_period.period_end
)

{#- Slough's "children returning home in the last 2 years who have been admitted to care again"
    looks back 2 years from the period end, so needs 2 years of returns. -#}
{{ kpi_rows('measures_for_periods', [
    {'id': 'cla_started_count', 'numerator': 'children_started', 'denominator': 'null'},
    {'id': 'cla_ceased_count', 'numerator': 'children_ceased', 'denominator': 'null'},
    {'id': 'cla_adopted_count', 'numerator': 'adopted', 'denominator': 'null'},
    {'id': 'cla_ceased_adopted_pct', 'numerator': 'adopted', 'denominator': 'children_ceased'},
    {'id': 'cla_ceased_sgo_count', 'numerator': 'special_guardianship', 'denominator': 'null'},
    {'id': 'cla_ceased_sgo_pct', 'numerator': 'special_guardianship', 'denominator': 'children_ceased'},
    {'id': 'cla_ceased_cao_pct', 'numerator': 'child_arrangements_order', 'denominator': 'children_ceased'},
    {'id': 'cla_ceased_permanence_pct', 'numerator': 'permanence', 'denominator': 'children_ceased'},
    {'id': 'cla_ceased_ro_sgo_count', 'numerator': 'residence_or_special_guardianship', 'denominator': 'null'},
    {'id': 'care_leaver_remained_looked_after_to_18_pct', 'numerator': 'ceased_aged_18', 'denominator': 'ceased_aged_16_plus'},
    {'id': 'cla_returned_home_readmitted_pct', 'numerator': 'readmitted', 'denominator': 'returned_home',
        'where': "period_type in ('year', 'month') and data_from_date <= " ~ shift_months('period_end', -24) ~ " + 1"},
]) }}
