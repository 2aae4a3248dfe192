-- CSC-015: a young person the loaded episodes show to be a care leaver of the return (17th to 21st
-- birthday in the year, looked after 13 weeks or more from age 14, some of it after 16, no longer
-- looked after) for whom the LA returned no OC3 record. The DfE's care-leaver figures count the OC3
-- records returned, so the young person is missing from them: the LA should add the record (or
-- find why the episodes say the young person qualifies). Kept in its own model, unioned into
-- dq_issues, so that the rule stays self-contained.
with

care_leavers as not materialized (
    select * from {{ ref('int_looked_after__care_leavers') }}
),

without_oc3 as (
    select
        la_code,
        collection_year,
        child_id,
        date_of_birth,
        age_at_year_end
    from care_leavers
    where not is_in_dfe_cohort and is_former_relevant_by_episodes
)

select
    'CSC-015' as rule_code,
    la_code,
    collection_year,
    child_id,
    'oc3' as table_name,
    cast(null as varchar) as source_file,
    cast(null as bigint) as source_line,
    concat_ws('; ', 'DOB=' || strftime(date_of_birth, '%d/%m/%Y'), 'age at 31 March=' || age_at_year_end)
        as offending_values
from without_oc3
