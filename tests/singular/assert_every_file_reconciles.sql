-- Raw rows read from each file must equal rows staged plus rows quarantined: nothing is lost silently.
select
    source_file,
    rows_read,
    rows_staged,
    rows_quarantined
from {{ ref('audit_reconciliation') }}
where not is_reconciled
