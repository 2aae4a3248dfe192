{#- Fails on every combination of the given columns that occurs more than once.
    Grouping every row on several columns (text among them) is the cost of this test on a large
    model, and almost always finds nothing; so the rows are first grouped on one hash of the
    columns, and only the rows whose hash repeats (equal values always hash alike) are grouped on
    the columns themselves. The result is the same as grouping every row on the columns. -#}
{% test unique_combination(model, columns) %}
with

hashed_rows as not materialized (
    select
        hash({{ columns | join(', ') }}) as _combination_hash,
        {{ columns | join(', ') }}
    from {{ model }}
),

repeated_hashes as (
    select _combination_hash
    from hashed_rows
    group by _combination_hash
    having count(*) > 1
)

select
    {{ columns | join(', ') }},
    count(*) as occurrences
from hashed_rows
where _combination_hash in (select repeated_hashes._combination_hash from repeated_hashes)
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
