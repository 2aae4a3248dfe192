-- Every problem met while reading the raw folder: the loader's own findings, and the workforce
-- census files whose folder disagrees with the census date they state (int_workforce__censuses:
-- the file's ReferenceDate wins).
with

loader_issues as (
    select
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
    where true {{ cscare_la_filter('la_code') }}
),

workforce_censuses as not materialized (
    select * from {{ ref('int_workforce__censuses') }}
),

census_findings as (
    select
        source_file,
        cast(0 as bigint) as source_line,
        'ReferenceDate' as column_name,
        header_reference_date as raw_value,
        'census_folder_disagrees' as reason_code,
        'census date ' || strftime(reference_date, '%d/%m/%Y') || ' lies in the year ending 31 March '
        || collection_year || ', but the file is in folder ' || folder_year
        || '; the census date from the file is used' as reason,
        'warning' as severity,
        'csww' as return_name,
        la_code,
        folder_year as collection_year
    from workforce_censuses
    where not is_folder_consistent

    union all

    select
        source_file,
        cast(0 as bigint) as source_line,
        'ReferenceDate' as column_name,
        header_reference_date as raw_value,
        'census_without_reference_date' as reason_code,
        'no readable ReferenceDate in the header: the census is dated ' || strftime(reference_date, '%d/%m/%Y')
        || ' from the header ' || case when census_date_source = 'Year' then 'Year' else 'folder' end as reason,
        'warning' as severity,
        'csww' as return_name,
        la_code,
        folder_year as collection_year
    from workforce_censuses
    where census_date_source != 'ReferenceDate'

    union all

    select
        source_file,
        cast(0 as bigint) as source_line,
        'ReferenceDate' as column_name,
        header_reference_date as raw_value,
        'census_not_30_september' as reason_code,
        'ReferenceDate is not 30 September, the census date of the workforce census' as reason,
        'warning' as severity,
        'csww' as return_name,
        la_code,
        folder_year as collection_year
    from workforce_censuses
    where census_date_source = 'ReferenceDate' and strftime(reference_date, '%m-%d') != '09-30'

    union all

    select
        source_file,
        cast(0 as bigint) as source_line,
        'Year' as column_name,
        header_year as raw_value,
        'census_year_disagrees' as reason_code,
        'header Year ' || header_year || ' differs from the year of its ReferenceDate '
        || strftime(reference_date, '%d/%m/%Y') || '; the ReferenceDate is used' as reason,
        'warning' as severity,
        'csww' as return_name,
        la_code,
        folder_year as collection_year
    from workforce_censuses
    where census_date_source = 'ReferenceDate' and header_year != cast(year(reference_date) as varchar)

    union all

    select
        source_file,
        cast(0 as bigint) as source_line,
        'ReferenceDate' as column_name,
        header_reference_date as raw_value,
        'census_not_used' as reason_code,
        'another workforce census file gives this LA a census in the year ending 31 March '
        || collection_year || ' and is used; the rows of this file are not used' as reason,
        'error' as severity,
        'csww' as return_name,
        la_code,
        folder_year as collection_year
    from workforce_censuses
    where not is_used
),

all_issues as (
    select * from loader_issues
    union all
    select * from census_findings
)

select
    md5(concat_ws('|', source_file, source_line, column_name, reason, row_number() over (
        partition by source_file, source_line, column_name, reason order by reason
    ))) as load_issue_key,
    source_file,
    source_line,
    column_name,
    raw_value,
    reason_code,
    reason,
    severity,
    return_name,
    la_code,
    collection_year
from all_issues
