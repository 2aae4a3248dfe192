select
    md5(concat_ws('|', file, line, column_name, reason, row_number() over (
        partition by file, line, column_name, reason order by reason
    ))) as load_issue_key,
    file as source_file,
    line as source_line,
    column_name,
    value as raw_value,
    reason_code,
    reason,
    severity,
    return_name,
    la_code,
    collection_year
from {{ source('loader', 'load_issues') }}
