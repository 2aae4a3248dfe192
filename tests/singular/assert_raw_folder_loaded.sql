-- The build must not look green on an empty or mistyped raw folder.
select
    source_file,
    reason
from {{ ref('audit_load_issues') }}
where reason like 'raw folder does not exist%'
union all
select
    'no raw files found in the layout <la_code>/<year>/...' as source_file,
    'nothing to load' as reason
where not exists (select 1 from {{ ref('audit_load_files') }})
