-- The 2013 regional benchmarking sets (seed 004), for every audience: for each regional group and
-- each REF in its set, every LA of the group that the warehouse holds, beside the group's aggregate
-- (sum of numerators over sum of denominators, with coverage) and the LA's rank in the group. Years
-- to 31 March. In the shared audience a group figure a suppressed LA contributes to is withheld.
-- rpt_regional_benchmark is the internal audience, shared_regional_benchmark the shared one.
{{ config(materialized='view') }}
with

kpi_values as (
    select
        audience,
        la_code,
        kpi_id,
        period_end,
        numerator,
        denominator,
        value,
        value_source,
        is_suppressed
    from {{ ref('int_benchmarks__kpi_values_by_audience') }}
    where period_type = 'year'
),

sets as not materialized (
    select * from {{ ref('regional_benchmark_sets') }}
),

groups as not materialized (
    select * from {{ ref('regional_groups') }}
),

kpis as (
    select
        kpi_id,
        kpi_name,
        unit,
        polarity,
        source_returns,
        try_cast(regexp_extract(ref_regional, 'REF (\d+)', 1) as integer) as ref_number
    from {{ ref('kpi_catalogue') }}
    where regexp_matches(ref_regional, 'REF \d+')
),

-- one unit and polarity per KPI, for the group aggregates and ranks
kpi_units as (
    select distinct
        kpi_id,
        unit,
        polarity
    from kpis
),

audiences as (
    select distinct audience
    from kpi_values
),

local_authorities as not materialized (
    select * from {{ ref('ref_local_authorities') }}
),

group_members as (
    select distinct
        groups.group_code,
        groups.group_name,
        local_authorities.la_code,
        local_authorities.la_name,
        local_authorities.valid_from_year,
        local_authorities.valid_to_year
    from groups
    inner join local_authorities
        on
            (groups.member_type = 'region' and groups.member_code = local_authorities.region_code)
            or (groups.member_type = 'la' and groups.member_code = local_authorities.la_code)
),

year_ends as (
    select distinct
        audience,
        period_end
    from kpi_values
),

members_expected as (
    select
        year_ends.audience,
        group_members.group_code,
        year_ends.period_end,
        count(*) as las_expected
    from group_members
    cross join year_ends
    where
        (group_members.valid_from_year is null or group_members.valid_from_year <= year(year_ends.period_end))
        and (group_members.valid_to_year is null or group_members.valid_to_year >= year(year_ends.period_end))
    group by year_ends.audience, group_members.group_code, year_ends.period_end
),

-- the LAs of each group that the warehouse holds
members_present as (
    select distinct
        audiences.audience,
        group_members.group_code,
        group_members.group_name,
        group_members.la_code,
        group_members.la_name
    from group_members
    cross join audiences
    where
        exists (
            select 1
            from kpi_values
            where
                kpi_values.audience = audiences.audience
                and kpi_values.la_code = group_members.la_code
        )
),

layout_rows as (
    select
        members_present.audience,
        members_present.group_code,
        members_present.group_name,
        sets.ref_number,
        sets.ref_description,
        kpis.kpi_id,
        kpis.kpi_name,
        kpis.unit,
        kpis.polarity,
        kpis.source_returns,
        members_present.la_code,
        members_present.la_name,
        year_ends.period_end
    from sets
    inner join members_present on sets.group_code = members_present.group_code
    inner join year_ends on members_present.audience = year_ends.audience
    left join kpis on sets.ref_number = kpis.ref_number
),

group_values as (
    select
        members_present.audience,
        members_present.group_code,
        kpi_values.kpi_id,
        kpi_values.period_end,
        kpi_values.la_code,
        kpi_values.numerator,
        kpi_values.denominator,
        kpi_values.value,
        kpi_values.is_suppressed
    from members_present
    inner join kpi_values
        on
            members_present.audience = kpi_values.audience
            and members_present.la_code = kpi_values.la_code
),

group_aggregates as (
    select
        group_values.audience,
        group_values.group_code,
        group_values.kpi_id,
        group_values.period_end,
        case
            when not bool_or(group_values.is_suppressed)
                then {{ kpi_value(
                    'any_value(kpi_units.unit)', 'sum(group_values.numerator)', 'sum(group_values.denominator)'
                ) }}
        end as group_value,
        bool_or(group_values.is_suppressed) as has_suppressed_la,
        count(*) as las_present
    from group_values
    inner join kpi_units on group_values.kpi_id = kpi_units.kpi_id
    where group_values.numerator is not null or group_values.is_suppressed
    group by group_values.audience, group_values.group_code, group_values.kpi_id, group_values.period_end
),

group_ranks as (
    select
        group_values.audience,
        group_values.group_code,
        group_values.kpi_id,
        group_values.period_end,
        group_values.la_code,
        rank() over (
            partition by
                group_values.audience, group_values.group_code, group_values.kpi_id, group_values.period_end
            order by case when kpi_units.polarity = 'low_is_good' then group_values.value else -group_values.value end
        ) as group_rank,
        count(*) over (
            partition by
                group_values.audience, group_values.group_code, group_values.kpi_id, group_values.period_end
        ) as group_rank_of
    from group_values
    inner join kpi_units on group_values.kpi_id = kpi_units.kpi_id
    where
        group_values.value is not null
        and not group_values.is_suppressed
        and kpi_units.polarity in ('high_is_good', 'low_is_good')
)

select
    layout_rows.audience,
    layout_rows.group_code,
    layout_rows.group_name,
    layout_rows.ref_number,
    layout_rows.ref_description,
    layout_rows.kpi_id,
    layout_rows.kpi_name,
    {{ polarity_words('layout_rows.polarity') }} as good_performance_is,
    layout_rows.unit,
    layout_rows.period_end,
    {{ financial_year_label('year(layout_rows.period_end)') }} as year_label,
    layout_rows.la_code,
    layout_rows.la_name,
    case when not coalesce(la_value.is_suppressed, false) then la_value.value end as value,  -- noqa: RF04
    group_aggregates.group_value,
    case
        when group_aggregates.group_value is not null then 'computed'
        when group_aggregates.has_suppressed_la then 'withheld: a contributing LA figure is suppressed'
    end as group_value_source,
    coalesce(group_aggregates.las_present, 0) || ' of ' || members_expected.las_expected || ' LAs'
        as group_coverage,
    group_ranks.group_rank,
    group_ranks.group_rank_of,
    la_value.value_source,
    case
        when layout_rows.kpi_id is null then 'not in the catalogue'
        else {{ value_status('la_value.value_source', 'la_value.value', 'coalesce(la_value.is_suppressed, false)',
            'layout_rows.source_returns') }}
    end as value_status
from layout_rows
left join kpi_values as la_value
    on
        layout_rows.audience = la_value.audience
        and layout_rows.la_code = la_value.la_code
        and layout_rows.kpi_id = la_value.kpi_id
        and layout_rows.period_end = la_value.period_end
left join group_aggregates
    on
        layout_rows.audience = group_aggregates.audience
        and layout_rows.group_code = group_aggregates.group_code
        and layout_rows.kpi_id = group_aggregates.kpi_id
        and layout_rows.period_end = group_aggregates.period_end
left join group_ranks
    on
        layout_rows.audience = group_ranks.audience
        and layout_rows.group_code = group_ranks.group_code
        and layout_rows.kpi_id = group_ranks.kpi_id
        and layout_rows.period_end = group_ranks.period_end
        and layout_rows.la_code = group_ranks.la_code
left join members_expected
    on
        layout_rows.audience = members_expected.audience
        and layout_rows.group_code = members_expected.group_code
        and layout_rows.period_end = members_expected.period_end
