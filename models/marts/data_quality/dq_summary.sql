{#- Issues counted by LA, collection year, rule and return, for a data-quality owner to work down
    the list, with the LA-year's fit-to-publish flag beside each rule. The return is part of the
    grain: a rule can fire in two returns of one LA-year (a load warning in the CIN census and in
    the workforce census), and one row picking either return would differ from build to build. -#}
with

issues as not materialized (
    select * from {{ ref('dq_issues') }}
),

fitness as not materialized (
    select * from {{ ref('dq_fitness') }}
),

by_rule as (
    select
        la_code,
        collection_year,
        rule_code,
        return_name,
        any_value(severity) as severity,
        any_value(message) as message,
        any_value(fix_hint) as fix_hint,
        count(*) as issue_count,
        count(distinct child_id) as child_count,
        count(distinct source_file) as file_count
    from issues
    group by la_code, collection_year, rule_code, return_name
)

select
    md5(concat_ws('|', by_rule.la_code, by_rule.collection_year, by_rule.rule_code, by_rule.return_name))
        as dq_summary_key,
    by_rule.la_code,
    by_rule.collection_year,
    by_rule.rule_code,
    by_rule.return_name,
    by_rule.severity,
    by_rule.message,
    by_rule.issue_count,
    by_rule.child_count,
    by_rule.file_count,
    by_rule.fix_hint,
    fitness.error_count as la_year_error_count,
    fitness.is_fit_to_publish
from by_rule
left join fitness
    on
        by_rule.la_code = fitness.la_code
        and by_rule.collection_year = fitness.collection_year
