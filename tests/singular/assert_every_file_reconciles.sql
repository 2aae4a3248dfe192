-- Raw rows read from each file must equal rows staged plus rows quarantined, and every physical
-- line of a CSV must be accounted for: nothing is lost silently.
select
    source_file,
    rows_read,
    rows_staged,
    rows_quarantined,
    physical_lines,
    lines_accounted
from {{ ref('audit_reconciliation') }}
where not is_reconciled
