{#- The one load summary everyone sees: printed at the end of every `dbt build` / `dbt run` (the
    project's on-run-end hook) and stored as audit.run_summary, which `cscare summary` prints. Every
    count is read from the audit tables this run built (and the tests' own failure counts), so the
    block and the audit tables cannot disagree. -#}
{% macro cscare_load_summary(results) %}
    {%- if not execute or flags.WHICH not in ('build', 'run') -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set built = {} -%}
    {%- for r in results -%}
        {%- do built.update({r.node.name: r}) -%}
    {%- endfor -%}
    {%- if 'audit_reconciliation' not in built or built['audit_reconciliation'].status != 'success' -%}
        {%- do log('cscare: no load summary: the audit models were not built in this run', info=True) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set rel = {} -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name in
        ('audit_reconciliation', 'audit_load_issues', 'audit_quarantine', 'audit_load_files', 'dq_fitness') -%}
        {%- do rel.update({node.name: node.schema ~ '.' ~ node.alias}) -%}
    {%- endfor -%}
    {%- set lines = [] -%}
    {%- set t = run_query("
        select count(*), count(*) filter (where return_name = 'ssda903'),
            coalesce(sum(rows_read), 0), coalesce(sum(rows_staged), 0), coalesce(sum(rows_quarantined), 0),
            count(*) filter (where not is_reconciled),
            coalesce(sum(physical_lines), 0), coalesce(sum(lines_accounted), 0),
            count(*) filter (where not is_lines_reconciled)
        from " ~ rel['audit_reconciliation']).rows[0] -%}
    {%- do lines.append('files read: ' ~ t[0] ~ ' (' ~ t[1] ~ ' CSV, ' ~ (t[0] - t[1]) ~ ' XML); files not reconciled: ' ~ t[5]) -%}
    {%- do lines.append('rows: ' ~ t[2] ~ ' read = ' ~ t[3] ~ ' staged + ' ~ t[4] ~ ' quarantined') -%}
    {%- do lines.append('CSV lines: ' ~ t[6] ~ ' physical, ' ~ t[7] ~ ' accounted for (header, blank, record or continuation); files with lines unaccounted for: ' ~ t[8]) -%}
    {%- set s = run_query("
        select count(*) filter (where severity = 'error'), count(*) filter (where severity = 'warning'),
            count(*) filter (where severity = 'info')
        from " ~ rel['audit_load_issues']).rows[0] -%}
    {%- do lines.append('load issues: ' ~ s[0] ~ ' errors, ' ~ s[1] ~ ' warnings, ' ~ s[2] ~ ' notes (audit.audit_load_issues)') -%}
    {%- set q = run_query("
        select reason_code, count(distinct table_name || ':' || source_file || ':' || source_line)
        from " ~ rel['audit_quarantine'] ~ " group by reason_code order by 2 desc, 1") -%}
    {%- for r in q.rows -%}
        {%- do lines.append('  quarantined ' ~ r[1] ~ ' rows: ' ~ r[0]) -%}
    {%- endfor -%}
    {%- set skipped = run_query("
        select source_file, reason_code, reason from " ~ rel['audit_load_issues'] ~ "
        where reason_code in ('unplaced', 'unknown_la', 'duplicate_year_folder', 'no_raw_folder')
        union all
        select files.source_file, max(issues.reason_code), max(issues.reason)
        from " ~ rel['audit_load_files'] ~ " as files
        left join " ~ rel['audit_load_issues'] ~ " as issues
            on files.source_file = issues.source_file and issues.severity = 'error'
        where files.status = 'unreadable'
        group by files.source_file
        order by 1") -%}
    {%- do lines.append('files and LA-years skipped (nothing of them loaded): ' ~ (skipped.rows | length)) -%}
    {%- for r in skipped.rows -%}
        {%- do lines.append('  SKIPPED ' ~ r[0] ~ ' [' ~ r[1] ~ ']: ' ~ r[2]) -%}
    {%- endfor -%}
    {%- if 'dq_fitness' in built and built['dq_fitness'].status == 'success' -%}
        {%- set unfit = run_query("
            select la_code || '/' || collection_year, error_count, error_rule_count
            from " ~ rel['dq_fitness'] ~ " where not is_fit_to_publish order by 1") -%}
        {%- do lines.append('LA-years not fit to publish: ' ~ (unfit.rows | length)) -%}
        {%- for r in unfit.rows -%}
            {%- do lines.append('  NOT FIT ' ~ r[0] ~ ': ' ~ r[1] ~ ' errors under ' ~ r[2] ~ ' rules (marts.dq_issues)') -%}
        {%- endfor -%}
    {%- else -%}
        {%- do lines.append('LA-years not fit to publish: not assessed (marts.dq_fitness not built in this run)') -%}
    {%- endif -%}
    {%- for name, expected in [('assert_every_file_reconciles', t[5]), ('assert_no_unreadable_rows', s[0] ~ ' load errors + ' ~ t[4] ~ ' quarantined rows')] -%}
        {%- if name in built -%}
            {%- do lines.append('test ' ~ name ~ ': ' ~ built[name].status ~ ', ' ~ built[name].failures ~ ' rows (' ~ expected ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do log('', info=True) -%}
    {%- do log('cscare load summary', info=True) -%}
    {%- for line in lines -%}
        {%- do log('  ' ~ line, info=True) -%}
    {%- endfor -%}
    {%- set values = [] -%}
    {%- for line in lines -%}
        {%- do values.append('(' ~ loop.index ~ ', ' ~ "'" ~ line | replace("'", "''") ~ "')") -%}
    {%- endfor -%}
    {%- do run_query('create or replace table ' ~ rel['audit_reconciliation'].split('.')[0] ~ '.run_summary as select * from (values '
        ~ values | join(', ') ~ ') as summary(line_number, line)') -%}
    {%- do return('') -%}
{% endmacro %}
