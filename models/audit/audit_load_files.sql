select
    file as source_file,
    return_name,
    table_name,
    la_code,
    collection_year,
    header_la_code,
    header_year,
    header_reference_date,
    rows_read,
    rows_with_load_error,
    status,
    bytes,
    seconds
from {{ source('loader', 'load_files') }}
