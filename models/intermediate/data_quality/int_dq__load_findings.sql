{#- What the loader and staging already found, as data-quality issues, so that nothing that was
    quarantined or flagged is missed by the people who work the dq_issues list:
    - quarantined rows: a DfE rule where one covers the column (an invalid date is DfE 141 in
      episodes), the DfE integrity rule for duplicate children, else a generic CSC rule;
    - unknown codes not already covered by a DfE code rule (CSC-106);
    - load issues (layout, XSD, malformed files) by their own severity (CSC-110/111/112). -#}
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

quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

quarantined_rows as (
    select * from {{ ref('int_dq__quarantined_rows') }}
),

code_findings as (
    select * from {{ ref('audit_code_findings') }}
),

load_issues as (
    select * from {{ ref('audit_load_issues') }}
),

code_lists as (
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
                        and quarantine.reason like '% is not %'
                    {%- elif only == 'blank' %}
                        and quarantine.reason = 'required value is blank'
                    {%- else %}
                        and (quarantine.reason like '% is not %' or quarantine.reason = 'required value is blank')
                    {%- endif %}
                    then '{{ rule[0] }}'
            {%- endfor %}
            {%- for table, rule_code in one_row_per_child.items() %}
                when
                    quarantine.table_name = '{{ table }}'
                    and quarantine.reason like 'same % as line % with different values'
                    then '{{ rule_code }}'
            {%- endfor %}
            when quarantine.column_name is null and quarantine.reason like 'exact duplicate of line %' then 'CSC-104'
            when quarantine.reason like 'same % as line % with different values' then 'CSC-105'
            when quarantine.reason = 'required value is blank' then 'CSC-102'
            when quarantine.reason like '% is not %' then 'CSC-103'
            else 'CSC-101'
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
        case load_issues.severity when 'error' then 'CSC-110' when 'warning' then 'CSC-111' else 'CSC-112' end
            as rule_code,
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
select {{ dq_failure_columns() }} from load_problems
