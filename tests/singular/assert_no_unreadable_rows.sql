{{ config(severity='warn') }}
-- Warns (with each file, line and reason in the stored failures) when a file could not be read or
-- placed (one row per load error) or a raw row was quarantined (one row per quarantined row, its
-- reasons joined): the same two counts the end-of-build summary prints. The other files still load.
select
    source_file,
    source_line,
    reason_code,
    reason
from {{ ref('audit_load_issues') }}
where severity = 'error'
union all
select
    source_file,
    source_line,
    min(reason_code) as reason_code,
    string_agg(reason, '; ' order by reason) as reason
from {{ ref('audit_quarantine') }}
group by source_file, table_name, source_line
