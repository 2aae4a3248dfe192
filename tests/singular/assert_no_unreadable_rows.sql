{{ config(severity='warn') }}
-- Warns (with each file, line and reason in the stored failures) when any raw row or file could not be
-- read; the rows are quarantined, and the other files still load.
select
    source_file,
    source_line,
    reason
from {{ ref('audit_load_issues') }}
where severity = 'error'
union all
select
    source_file,
    source_line,
    reason
from {{ ref('audit_quarantine') }}
