{#- One row per broken rule instance: the DfE validation rules of the 903 and the CIN census,
    our case-management rules, and everything the loader and staging quarantined or flagged,
    each with its message, severity and what to do about it. Rules apply only in the collection
    years they are in force (dq_rules.valid_from_year / valid_to_year).
    A new family of rules is one more model (with the standard columns, dq_failure_columns) in
    failure_models. -#}
{%- set failure_models = [
    'int_dq__ssda903_rule_failures',
    'int_dq__cin_census_rule_failures',
    'int_dq__case_management_rules',
    'int_dq__load_findings',
    'int_dq__care_leavers_without_oc3',
    'int_dq__local_figure_findings',
] %}
with

rules as not materialized (
    select * from {{ ref('dq_rules') }}
),

failures as (
    {% for failure_model in failure_models -%}
        select
            {{ dq_failure_columns() }}
        from {{ ref(failure_model) }}
        {% if not loop.last %}union all
        {% endif -%}
    {%- endfor %}
),

-- A rule can reach the same row by two paths (e.g. an episode flagged against two neighbours).
distinct_failures as (
    select distinct * from failures
),

-- A load finding that repeats, word for word, at many lines of one file (an XSD complaint about
-- every NumberOfPreviousCPP = 0, thousands in a real CIN census) is one issue for the file: the
-- first line, and how many lines have it. Findings about rows and children stay one per row.
repeated_file_findings as (
    select
        rule_code,
        la_code,
        collection_year,
        child_id,
        table_name,
        source_file,
        offending_values,
        min(source_line) as source_line,
        count(*) as instance_count
    from distinct_failures
    where rule_code in ('CSC-110', 'CSC-111', 'CSC-112') and child_id is null
    group by rule_code, la_code, collection_year, child_id, table_name, source_file, offending_values
),

one_row_per_finding as (
    select
        *,
        1 as instance_count
    from distinct_failures
    where not (rule_code in ('CSC-110', 'CSC-111', 'CSC-112') and child_id is null)
    union all
    select
        rule_code,
        la_code,
        collection_year,
        child_id,
        table_name,
        source_file,
        source_line,
        case
            when instance_count > 1
                then offending_values || '; lines with this finding=' || instance_count || ' (first shown)'
            else offending_values
        end as offending_values,
        instance_count
    from repeated_file_findings
),

in_force as (
    select
        one_row_per_finding.*,
        -- The DfE message with its rule code and the fields it names, as the DfE's tools show it.
        concat(
            rules.rule_code, ': ', rules.message,
            case
                when nullif(rules.dfe_fields, '') is not null then ' [' || replace(rules.dfe_fields, ' ', ', ') || ']'
            end
        ) as message,
        rules.severity,
        rules.fix_hint,
        coalesce(
            nullif(rules.return_name, ''),
            case
                when one_row_per_finding.source_file like '%/ssda903/%' then 'ssda903'
                when one_row_per_finding.source_file like '%cin_census.xml' then 'cin_census'
                when one_row_per_finding.source_file like '%csww.xml' then 'csww'
            end
        ) as return_name
    from one_row_per_finding
    inner join rules on one_row_per_finding.rule_code = rules.rule_code
    where
        -- findings about a folder that could not be placed in a year apply whatever the year
        coalesce(rules.valid_from_year, 0) <= coalesce(one_row_per_finding.collection_year, 9999)
        and coalesce(rules.valid_to_year, 9999) >= coalesce(one_row_per_finding.collection_year, 0)
)

select
    md5(concat_ws(
        '|', rule_code, source_file, source_line, table_name, child_id, offending_values, la_code, collection_year
    )) as dq_issue_key,
    rule_code,
    message,
    severity,
    la_code,
    collection_year,
    return_name,
    table_name,
    child_id,
    source_file,
    source_line,
    offending_values,
    instance_count,
    fix_hint
from in_force
