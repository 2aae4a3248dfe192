{#- What the loader and staging already found, as data-quality issues, so that nothing that was
    quarantined or flagged is missed by the people who work the dq_issues list. Every finding
    carries a reason code, and the code decides the rule (macro cscare_reason_rules), never the
    wording of the reason:
    - quarantined rows: a DfE rule where one covers the column (an invalid date is DfE 141 in
      episodes), the DfE integrity rule for duplicate children, else the CSC rule of the code;
      rows quarantined because their whole file is at fault are reported once, by the load issue;
    - unknown codes not already covered by a DfE code rule (CSC-106);
    - values accepted leniently that the DfE upload would reject (CSC-113);
    - load issues (layout, encodings, XSD, malformed files) by their code, else their severity. -#}
{%- set parse_rules = dq_parse_rules() %}
{%- set covered_code_columns = [] %}
{%- for rule in dq_code_rules() %}
    {%- do covered_code_columns.append(rule[2] ~ '.' ~ rule[3]) %}
{%- endfor %}
{#- Tables holding one row per child: a second row for the same child is a DfE integrity error. -#}
{%- set one_row_per_child = {
    'header': 'INT32', 'ad1': 'INT31', 'oc2': 'INT33', 'oc3': 'INT34', 'prev_perm': 'INT35', 'uasc': 'INT36'
} %}
with

quarantine as not materialized (
    select * from {{ ref('audit_quarantine') }}
),

quarantined_rows as not materialized (
    select * from {{ ref('int_dq__quarantined_rows') }}
),

code_findings as not materialized (
    select * from {{ ref('audit_code_findings') }}
),

load_issues as not materialized (
    select * from {{ ref('audit_load_issues') }}
),

lenient_values as not materialized (
    select * from {{ ref('audit_lenient_values') }}
),

code_lists as not materialized (
    select * from {{ ref('code_lists') }}
),

covered_code_columns as (
    {%- for column in covered_code_columns %}
        select '{{ column }}' as table_column
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

quarantine_rules as (
    select
        case
            {%- for rule in parse_rules %}
                {%- set only = rule[4] if rule | length > 4 else none %}
                when
                    quarantine.table_name = '{{ rule[2] }}' and quarantine.column_name = '{{ rule[3] }}'
                    {%- if only == 'invalid' %}
                        and quarantine.reason_code in ('invalid_date', 'invalid_number', 'invalid_flag')
                    {%- elif only == 'blank' %}
                        and quarantine.reason_code = 'required_blank'
                    {%- else %}
                        and quarantine.reason_code in (
                            'invalid_date', 'invalid_number', 'invalid_flag', 'required_blank'
                        )
                    {%- endif %}
                    then '{{ rule[0] }}'
            {%- endfor %}
            {%- for table, rule_code in one_row_per_child.items() %}
                when
                    quarantine.table_name = '{{ table }}'
                    and quarantine.reason_code = 'duplicate_key'
                    then '{{ rule_code }}'
            {%- endfor %}
            else {{ cscare_reason_rule('quarantine.reason_code', "'error'") }}
        end as rule_code,
        quarantine.la_code,
        cast(quarantine.collection_year as integer) as collection_year,
        quarantined_rows.child_id,
        quarantine.table_name,
        quarantine.source_file,
        cast(quarantine.source_line as bigint) as source_line,
        concat_ws(
            '; ',
            coalesce(quarantine.column_name, 'record') || '=' || coalesce(quarantine.raw_value, ''),
            'reason=' || quarantine.reason
        ) as offending_values
    from quarantine
    left join quarantined_rows
        on
            quarantine.source_file = quarantined_rows.source_file
            and quarantine.source_line = quarantined_rows.source_line
            and quarantine.table_name = quarantined_rows.table_name
    where quarantine.reason_code not in ('{{ cscare_file_level_reasons() | join("', '") }}')
),

lenient as (
    select
        {{ cscare_reason_rule('lenient_values.reason_code', "'warning'") }} as rule_code,
        lenient_values.la_code,
        cast(lenient_values.collection_year as integer) as collection_year,
        cast(null as varchar) as child_id,
        lenient_values.table_name,
        lenient_values.source_file,
        cast(lenient_values.source_line as bigint) as source_line,
        lenient_values.column_name || '=' || lenient_values.raw_value || '; reason=' || lenient_values.reason
            as offending_values
    from lenient_values
),

unknown_codes as (
    select
        'CSC-106' as rule_code,
        code_findings.la_code,
        cast(code_findings.collection_year as integer) as collection_year,
        cast(null as varchar) as child_id,
        code_findings.table_name,
        code_findings.source_file,
        cast(code_findings.source_line as bigint) as source_line,
        code_findings.column_name || '=' || code_findings.code_value || '; reason=' || code_findings.reason
            as offending_values
    from code_findings
    where
        (code_findings.table_name || '.' || code_findings.column_name) not in (
            select covered_code_columns.table_column from covered_code_columns
        )
        -- A retired element (no code of its list in force this year) is not checked by its DfE
        -- rule, so its values are reported here.
        or not exists (
            select 1 from code_lists
            where
                code_lists.code_list = code_findings.code_list
                and coalesce(code_lists.valid_from_year, 0) <= code_findings.collection_year
                and coalesce(code_lists.valid_to_year, 9999) >= code_findings.collection_year
        )
),

load_problems as (
    select
        {{ cscare_reason_rule('load_issues.reason_code', 'load_issues.severity') }} as rule_code,
        load_issues.la_code,
        cast(load_issues.collection_year as integer) as collection_year,
        cast(null as varchar) as child_id,
        cast(null as varchar) as table_name,
        load_issues.source_file,
        -- libxml2 reports a mismatched tag where it noticed it; the tag that is broken is the
        -- opening one it names ("Opening and ending tag mismatch: X line N"), so point there.
        coalesce(
            try_cast(nullif(regexp_extract(load_issues.reason, 'tag mismatch: \S+ line (\d+)', 1), '') as bigint),
            cast(load_issues.source_line as bigint)
        ) as source_line,
        concat_ws(
            '; ',
            coalesce(load_issues.column_name, 'file') || '=' || coalesce(load_issues.raw_value, ''),
            'reason=' || load_issues.reason
        ) as offending_values
    from load_issues
)

select {{ dq_failure_columns() }} from quarantine_rules
union all
select {{ dq_failure_columns() }} from unknown_codes
union all
select {{ dq_failure_columns() }} from lenient
union all
select {{ dq_failure_columns() }} from load_problems
