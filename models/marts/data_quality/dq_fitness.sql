{#- One row per LA and collection year loaded: issue counts by severity and whether the LA-year
    is fit to publish (no error-severity issue). LA-years with no issue at all are listed too. -#}
with

la_years as (
    select distinct
        la_code,
        cast(collection_year as integer) as collection_year
    from {{ ref('audit_load_files') }}
    where la_code is not null and collection_year is not null
),

issues as not materialized (
    select * from {{ ref('dq_issues') }}
),

counts as (
    select
        la_code,
        collection_year,
        count(*) filter (where severity = 'error') as error_count,
        count(*) filter (where severity = 'warning') as warning_count,
        count(*) filter (where severity = 'info') as info_count,
        count(distinct rule_code) filter (where severity = 'error') as error_rule_count,
        count(distinct child_id) filter (where severity = 'error') as children_with_errors
    from issues
    group by la_code, collection_year
)

select
    la_years.la_code,
    la_years.collection_year,
    coalesce(counts.error_count, 0) as error_count,
    coalesce(counts.warning_count, 0) as warning_count,
    coalesce(counts.info_count, 0) as info_count,
    coalesce(counts.error_rule_count, 0) as error_rule_count,
    coalesce(counts.children_with_errors, 0) as children_with_errors,
    coalesce(counts.error_count, 0) = 0 as is_fit_to_publish
from la_years
left join counts
    on
        la_years.la_code = counts.la_code
        and la_years.collection_year = counts.collection_year
