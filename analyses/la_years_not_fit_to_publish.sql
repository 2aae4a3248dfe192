-- Asked before each return is submitted (and each quarter): which LA-years are not fit to
-- publish, and which error rule stops each one? One row per LA-year with errors, its worst rule
-- first. The rows behind it are marts.dq_issues (reports/internal/dq_issues/<la>_<year>.csv).
with

fitness as (
    select * from {{ ref('dq_fitness') }}
),

error_rules as (
    select
        la_code,
        collection_year,
        rule_code,
        message,
        issue_count,
        row_number() over (
            partition by la_code, collection_year order by issue_count desc, rule_code asc
        ) as rule_rank
    from {{ ref('dq_summary') }}
    where severity = 'error'
)

select
    fitness.la_code,
    fitness.collection_year,
    fitness.error_count,
    fitness.error_rule_count,
    fitness.children_with_errors,
    error_rules.rule_code as worst_rule_code,
    error_rules.message as worst_rule_message,
    error_rules.issue_count as worst_rule_issue_count
from fitness
left join error_rules
    on
        fitness.la_code = error_rules.la_code
        and fitness.collection_year = error_rules.collection_year
        and error_rules.rule_rank = 1
where not fitness.is_fit_to_publish
order by fitness.la_code, fitness.collection_year
