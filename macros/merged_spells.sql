{#- The spells of `relation` (a CTE or table with columns `keys`, start_column, end_column) merged,
    per key, into the disjoint stretches of time they cover: one row per stretch, with keys,
    spell_start and spell_end (null: still open). A spell covers day d when it started on or before
    d and ended after d (a null end never ends); spells without a start, or ending on or before
    they start, cover no day and are left out. Spells that overlap or meet (one ends the day the
    next starts) make one stretch, so the stretches cover exactly the days the spells cover, and
    a day falls in at most one stretch of a key: "was any spell open on d" becomes a join that
    needs no distinct.
    The same spell given twice (a 903 episode repeated in each year's return, as they are) is
    taken once: the two windows below then order a key's spells the same way, since no two of them
    tie on start and end. With ties, each window put tied spells in an order of its own, and a
    stretch could be split in two, making two rows of one child at one date (found at 150 LAs:
    a child whose open care episode five returns repeat counted twice on 60 dates; the builds
    before had happened to order the ties alike). -#}
{% macro merged_spells(relation, keys, start_column, end_column) -%}
    {%- set key_list = keys | join(', ') -%}
    select
        {{ key_list }},
        min(spell_start) as spell_start,
        nullif(max(spell_end), date '9999-12-31') as spell_end
    from (
        select
            *,
            sum(case when previous_end is null or spell_start > previous_end then 1 else 0 end) over (
                partition by {{ key_list }} order by spell_start, spell_end rows unbounded preceding
            ) as stretch_number
        from (
            select
                *,
                max(spell_end) over (
                    partition by {{ key_list }} order by spell_start, spell_end
                    rows between unbounded preceding and 1 preceding
                ) as previous_end
            from (
                select distinct
                    {{ key_list }},
                    {{ start_column }} as spell_start,
                    coalesce({{ end_column }}, date '9999-12-31') as spell_end
                from {{ relation }}
                where {{ start_column }} is not null and ({{ end_column }} is null or {{ end_column }} > {{ start_column }})
            ) as distinct_spells
        ) as bounded_spells
    ) as numbered_spells
    group by {{ key_list }}, stretch_number
{%- endmacro %}
