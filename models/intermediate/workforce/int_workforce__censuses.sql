-- One row per workforce census file (csww.xml), dated by the file itself. The census date is the
-- header's ReferenceDate (30 September); the folder only places the file. The census belongs to the
-- year ending 31 March that contains its date (collection_year): the census of 30 September 2023 is
-- the DfE's "reporting year 2023" and lies in the year ending 31 March 2024, so it sits in folder
-- 2024 (README layout). A file without a readable ReferenceDate is dated 30 September of its header
-- Year, else of the year before its folder's, and says so. A folder that disagrees with its file's
-- date is reported (audit_load_issues) and the file wins. Should two files give one LA two censuses
-- in the same year, the one whose folder agrees (then the later folder) is used and the other is
-- reported as not used, never silently dropped.
with

load_files as (
    select * from {{ ref('audit_load_files') }}
    where return_name = 'csww'
),

header_dates as (
    select
        source_file,
        la_code,
        collection_year as folder_year,
        header_year,
        header_reference_date,
        coalesce(
            try_cast(header_reference_date as date),
            cast(try_strptime(header_reference_date, '%d/%m/%Y') as date)
        ) as header_census_date,
        try_cast(header_year as integer) as header_year_number
    from load_files
),

dated as (
    select
        *,
        coalesce(
            header_census_date,
            make_date(header_year_number, 9, 30),
            make_date(folder_year - 1, 9, 30)
        ) as reference_date,
        case
            when header_census_date is not null then 'ReferenceDate'
            when header_year_number is not null then 'Year'
            else 'folder'
        end as census_date_source
    from header_dates
),

in_years as (
    select
        *,
        -- the year ending 31 March that contains the census date
        year(reference_date) + case when month(reference_date) >= 4 then 1 else 0 end as collection_year
    from dated
)

select
    source_file,
    la_code,
    collection_year,
    reference_date,
    -- the census year: the 12 months to the census date (1 October to 30 September)
    cast(reference_date - interval 1 year + interval 1 day as date) as census_year_start,
    folder_year,
    header_year,
    header_reference_date,
    census_date_source,
    collection_year = folder_year as is_folder_consistent,
    row_number() over (
        partition by la_code, collection_year
        order by collection_year = folder_year desc, folder_year desc, source_file asc
    ) = 1 as is_used
from in_years
