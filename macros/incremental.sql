{#-
    Builds that rebuild only the LAs whose returns changed.

    The loader (cscare.loaders.core.load_raw_into) compares every file's SHA-256 with the last load
    and reads again only the LA-years with a file added, removed or changed. It leaves:
      raw.load_pending  the LAs whose models must be built again, kept until a build of every
                        la_incremental model succeeds (so a failed or partial build loses nothing);
      raw.load_state    models_full_pending: true after a first load, a change of code, seeds or
                        settings (the build fingerprint), or --full-refresh: every model is built whole.

    A model materialized `la_incremental` holds rows of one LA each (its `la_column`, la_code by
    default) that depend only on that LA's returns and the reference data. Built whole, it is a table.
    With `la_null_rows: true`, its rows without an LA (findings about a folder no LA owns) are
    deleted and computed again in every incremental build too (cscare_la_predicate).
    Built incrementally, its pending LAs' rows are deleted and computed again, the rest kept:
    a child's history spans years, so the unit is the LA (all its years), never one LA-year.
    Models that compare LAs (benchmarks, ranks, national figures, suppression across LAs) stay
    `table` and are built whole every time, from the LA models they read.
-#}

{#- None: build whole. Else the list of LA codes to build again (possibly empty). -#}
{% macro cscare_incremental_las() %}
    {%- if not execute or flags.FULL_REFRESH -%}
        {%- do return(none) -%}
    {%- endif -%}
    {#- The answer holds for the whole invocation (the loader decides it before any node runs):
        asked once, kept in the graph dict every node's context shares. -#}
    {%- if graph is mapping and graph.get('cscare_incremental_las') is not none -%}
        {%- do return(graph['cscare_incremental_las'][0]) -%}
    {%- endif -%}
    {%- set answer = cscare_ask_incremental_las() -%}
    {%- if graph is mapping -%}
        {%- do graph.update({'cscare_incremental_las': [answer]}) -%}
    {%- endif -%}
    {%- do return(answer) -%}
{% endmacro %}


{% macro cscare_ask_incremental_las() %}
    {%- set have = run_query("
        select count(*) from information_schema.tables
        where table_schema = 'raw' and table_name in ('load_state', 'load_pending')") -%}
    {%- if have.rows[0][0] != 2 -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set state = run_query("select models_full_pending from raw.load_state") -%}
    {%- if state.rows | length != 1 or state.rows[0][0] -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set las = run_query("select la_code from raw.load_pending order by la_code") -%}
    {%- do return(las.columns[0].values() | list) -%}
{% endmacro %}


{#- The LAs this model builds again in this run (a list, possibly empty), or none when it is built
    whole: not la_incremental, a whole build pending, no table yet, or the table lacks its LA column. -#}
{% macro cscare_incremental_plan() %}
    {%- if not execute or model is not defined or model.config.materialized != 'la_incremental' -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set las = cscare_incremental_las() -%}
    {%- if las is none -%}
        {%- do return(none) -%}
    {%- endif -%}
    {#- Asked once per model and invocation (every ref() in the model asks): kept in the graph dict. -#}
    {%- set key = 'cscare_plan:' ~ model.unique_id -%}
    {%- if graph is mapping and graph.get(key) is not none -%}
        {%- do return(graph[key][0]) -%}
    {%- endif -%}
    {%- set existing = load_cached_relation(this) -%}
    {%- set answer = las -%}
    {%- if existing is none or existing.type != 'table' -%}
        {%- set answer = none -%}
    {%- else -%}
        {%- set columns = adapter.get_columns_in_relation(existing) | map(attribute='name') | map('lower') | list -%}
        {%- if model.config.get('la_column', 'la_code') | lower not in columns -%}
            {%- set answer = none -%}
        {%- endif -%}
    {%- endif -%}
    {%- if graph is mapping -%}
        {%- do graph.update({key: [answer]}) -%}
    {%- endif -%}
    {%- do return(answer) -%}
{% endmacro %}


{#- Model name -> its LA column, for every la_incremental model whose YAML documents that column
    (the models a ref() in an incremental build may read for some LAs only). Made once per
    invocation: a ref() looks its model up instead of walking every node of the graph. -#}
{% macro cscare_la_models() %}
    {%- if graph is mapping and graph.get('cscare_la_models') is not none -%}
        {%- do return(graph['cscare_la_models'][0]) -%}
    {%- endif -%}
    {%- set index = {} -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model'
        and node.config.materialized == 'la_incremental' -%}
        {%- set la_column = node.config.get('la_column', 'la_code') -%}
        {%- if la_column in node.columns and node.name not in index -%}
            {%- do index.update({node.name: la_column}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if graph is mapping -%}
        {%- do graph.update({'cscare_la_models': [index]}) -%}
    {%- endif -%}
    {%- do return(index) -%}
{% endmacro %}


{#- The rows of the LAs being built again: `<column> in (...)`; in a model with `la_null_rows`,
    its rows without an LA too. The one definition the materialization, cscare_la_filter and ref()
    share. -#}
{% macro cscare_la_predicate(column, las) -%}
    {%- if model.config.get('la_null_rows', false) -%}
        ({{ column }} in ({{ cscare_la_list(las) }}) or {{ column }} is null)
    {%- else -%}
        {{ column }} in ({{ cscare_la_list(las) }})
    {%- endif -%}
{%- endmacro %}


{#- `and <predicate>` restricting a read to the rows being built again, in a model built
    incrementally; nothing otherwise. For filters at the source (the raw tables), where DuckDB
    cannot push the model's outer filter down by itself. -#}
{% macro cscare_la_filter(column) -%}
    {%- set las = cscare_incremental_plan() -%}
    {%- if las is not none %}
        and {{ cscare_la_predicate(column, las) }}
    {%- endif -%}
{%- endmacro %}


{% macro cscare_la_list(las) -%}
    {%- if las | length == 0 -%}null{%- else -%}
    {%- for la in las %}'{{ la | replace("'", "''") }}'{{ ', ' if not loop.last }}{% endfor -%}
    {%- endif -%}
{%- endmacro %}


{#- Both incremental materializations, built whole: the table is built beside the old one and
    renamed over it. -#}
{% macro cscare_build_whole(target, existing, sql) %}
    {%- set building = make_intermediate_relation(target) -%}
    {{ drop_relation_if_exists(load_cached_relation(building)) }}
    {% call statement('main') -%}
        {{ create_table_as(False, building, sql) }}
    {%- endcall %}
    {%- if existing is not none -%}
        {{ adapter.drop_relation(existing) }}
    {%- endif -%}
    {{ adapter.rename_relation(building, target) }}
{% endmacro %}


{% materialization la_incremental, adapter='duckdb' %}
    {%- set la_column = config.get('la_column', 'la_code') -%}
    {#- ref() reads only the rebuilt LAs of an upstream LA model whose YAML documents its LA column
        (cscare_la_models): undocumented, every la_incremental model reading it would scan all LAs. -#}
    {%- if la_column not in model.columns -%}
        {{ exceptions.raise_compiler_error("la_incremental model " ~ model.name ~ ": document its LA column '"
            ~ la_column ~ "' in its YAML, so that the models reading it in an incremental build read only the LAs rebuilt") }}
    {%- endif -%}
    {%- set existing = load_cached_relation(this) -%}
    {%- set target = this.incorporate(type='table') -%}
    {%- set las = cscare_incremental_plan() -%}
    {%- set whole = las is none -%}
    {%- set keys = config.get('record_changes') -%}
    {%- if keys and existing is not none and cscare_incremental_las() is not none -%}
        {% call statement('changes_table') -%}
            create table if not exists raw.{{ keys.table }} as
            select distinct {{ keys.columns | join(', ') }} from {{ existing }} limit 0
        {%- endcall %}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if whole -%}
        {{ cscare_build_whole(target, existing, sql) }}
    {%- elif las | length == 0 and not model.config.get('la_null_rows', false) -%}
        {% call statement('main') -%}
            select 'no LA changed: {{ target }} kept as it is' as cscare_note
        {%- endcall %}
    {%- else -%}
        {%- set keys = config.get('record_changes') -%}
        {%- set rebuilt = cscare_la_predicate(la_column, las) -%}
        {% call statement('main') -%}
            {%- if keys %}
            create or replace temp table cscare_rows_before as
            select * from {{ target }} where {{ rebuilt }};
            {%- endif %}
            delete from {{ target }} where {{ rebuilt }};
            insert into {{ target }} by name
            select * from (
                {{ sql }}
            ) as la_rows
            where {{ rebuilt }};
            {%- if keys %}
            {#- The keys whose rows changed, for the key_incremental models downstream. #}
            insert into raw.{{ keys.table }}
            select distinct {{ keys.columns | join(', ') }} from (
                (select * from cscare_rows_before
                    except all
                    select * from {{ target }} where {{ rebuilt }})
                union all
                (select * from {{ target }} where {{ rebuilt }}
                    except all
                    select * from cscare_rows_before)
            ) as changed_rows;
            drop table cscare_rows_before;
            {%- endif %}
        {%- endcall %}
        {%- if keys -%}
            {%- set listed = run_query('select count(*) from raw.' ~ keys.table) -%}
            {%- do log('cscare: ' ~ this.identifier ~ ': ' ~ listed.rows[0][0] ~ ' keys ('
                ~ keys.columns | join(', ') ~ ') changed; the models comparing LAs compute those again', info=True) -%}
        {%- endif -%}
    {%- endif -%}
    {%- set keys = config.get('record_changes') -%}
    {%- if keys -%}
        {#- Built whole while LAs are pending (a new column, say): every key has changed. -#}
        {%- if whole and cscare_incremental_las() is not none -%}
            {% call statement('record_all_keys') -%}
                insert into raw.{{ keys.table }} select distinct {{ keys.columns | join(', ') }} from {{ target }}
            {%- endcall %}
        {%- endif -%}
    {%- endif -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target]}) }}
{% endmaterialization %}


{#- key_incremental: a model comparing LAs whose rows each belong to one key (a KPI, period type
    and period end) and depend only on the LA models' rows of that key: benchmarks, ranks, England
    and regional figures. An upstream la_incremental model with `record_changes` lists in
    raw.<changes table> the keys whose rows changed in the LAs it rebuilt; this model deletes and
    computes again only those keys, for every LA. -#}
{% macro cscare_key_plan() %}
    {%- if not execute or model is not defined or model.resource_type != 'model'
            or model.config.materialized != 'key_incremental' -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set keys = model.config.get('key_changes') -%}
    {%- set existing = load_cached_relation(this) -%}
    {%- if cscare_incremental_las() is none or existing is none or existing.type != 'table' -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set have = run_query("select count(*) from information_schema.tables where table_schema = 'raw' and table_name = '" ~ keys.table ~ "'") -%}
    {%- if have.rows[0][0] == 0 -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- do return(keys) -%}
{% endmacro %}


{#- key_scope `statistical_neighbours`: a key_incremental model whose rows each belong to an LA
    and depend only on the figures of that LA and of its statistical neighbours (in either model).
    Built incrementally, only the changed keys of the LAs being built again and of the LAs that have
    one of them as a neighbour are computed and replaced; the rest stand. Returns those LAs (a
    list), or none when the model is built whole or has no such scope. -#}
{% macro cscare_key_scope_las() %}
    {%- if cscare_key_plan() is none or model.config.get('key_scope') != 'statistical_neighbours' -%}
        {%- do return(none) -%}
    {%- endif -%}
    {%- set key = 'cscare_key_scope:' ~ model.unique_id -%}
    {%- if graph is mapping and graph.get(key) is not none -%}
        {%- do return(graph[key][0]) -%}
    {%- endif -%}
    {%- set las = cscare_incremental_las() -%}
    {%- set answer = las | list -%}
    {%- if las | length > 0 -%}
        {%- set near = run_query(
            "select distinct la_code from " ~ ref('ref_statistical_neighbours')
            ~ " where neighbour_la_code in (" ~ cscare_la_list(las) ~ ")"
            ~ " union select distinct la_code from " ~ ref('ref_statistical_neighbours_2021')
            ~ " where neighbour_la_code in (" ~ cscare_la_list(las) ~ ")") -%}
        {%- for la in near.columns[0].values() if la not in answer -%}
            {%- do answer.append(la) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set answer = answer | sort -%}
    {%- if graph is mapping -%}
        {%- do graph.update({key: [answer]}) -%}
    {%- endif -%}
    {%- do return(answer) -%}
{% endmacro %}


{#- `and (<key columns>) in (the changed keys)` in a key_incremental model built incrementally,
    at the read of the LA rows, so that only the changed keys are computed; nothing otherwise. -#}
{% macro cscare_key_filter(keyword='and') -%}
    {%- set keys = cscare_key_plan() -%}
    {%- if keys is not none -%}
        {{ keyword }} ({% for c in keys.columns %}{{ c }}{{ ', ' if not loop.last }}{% endfor %}) in (
            select ({{ keys.columns | join(', ') }}) from raw.{{ keys.table }}
        )
    {%- endif -%}
{%- endmacro %}


{% materialization key_incremental, adapter='duckdb' %}
    {%- set existing = load_cached_relation(this) -%}
    {%- set target = this.incorporate(type='table') -%}
    {%- set keys = cscare_key_plan() -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {%- if keys is none -%}
        {{ cscare_build_whole(target, existing, sql) }}
    {%- else -%}
        {%- set cols = keys.columns | join(', ') -%}
        {%- set scope = cscare_key_scope_las() -%}
        {%- set in_scope = '' if scope is none else ' and la_code in (' ~ cscare_la_list(scope) ~ ')' -%}
        {#- The new rows are computed before the old ones go, so a model may read its own last rows
            (none does now: the neighbour summaries did, before their key_scope). -#}
        {% call statement('main') -%}
            create or replace temp table cscare_key_rows_{{ model.name }} as
            select * from (
                {{ sql }}
            ) as key_rows
            where ({{ cols }}) in (select ({{ cols }}) from raw.{{ keys.table }}){{ in_scope }};
            delete from {{ target }}
            where ({{ cols }}) in (select ({{ cols }}) from raw.{{ keys.table }}){{ in_scope }};
            insert into {{ target }} by name select * from cscare_key_rows_{{ model.name }};
            drop table cscare_key_rows_{{ model.name }};
        {%- endcall %}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target]}) }}
{% endmaterialization %}


{#- on-run-end: once every la_incremental model has been built in this invocation, the pending
    LAs are done (and a pending whole build too). A failed, partial or --select build keeps them. -#}
{% macro cscare_incremental_done(results) %}
    {%- if not execute or flags.WHICH not in ('build', 'run') -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set ok = [] -%}
    {%- for r in results if r.node.resource_type == 'model' and r.status == 'success' -%}
        {%- do ok.append(r.node.unique_id) -%}
    {%- endfor -%}
    {%- set wanted = [] -%}
    {%- set change_tables = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model'
        and node.config.materialized in ('la_incremental', 'key_incremental') and node.config.enabled -%}
        {%- if node.config.get('record_changes') and node.config.record_changes.table not in change_tables -%}
            {%- do change_tables.append(node.config.record_changes.table) -%}
        {%- endif -%}
        {%- do wanted.append(node.unique_id) -%}
    {%- endfor -%}
    {%- set missed = wanted | reject('in', ok) | list -%}
    {%- if missed -%}
        {%- do log('cscare: ' ~ (missed | length) ~ ' incremental models were not built in this run; their LAs stay pending for the next build', info=True) -%}
        {%- do return('') -%}
    {%- endif -%}
    {%- set have = run_query("select count(*) from information_schema.tables where table_schema = 'raw' and table_name in ('load_pending', 'load_state')") -%}
    {%- if have.rows[0][0] == 2 -%}
        {%- do run_query("delete from raw.load_pending; update raw.load_state set models_full_pending = false") -%}
        {%- for t in change_tables -%}
            {%- do run_query("drop table if exists raw." ~ t) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do return('') -%}
{% endmacro %}


{#- ref(), as dbt's, except in a la_incremental model built incrementally: a ref to another
    la_incremental model then reads only the rows being built again (cscare_la_predicate). DuckDB
    does not push the model's outer LA filter into CTEs used twice or into the far side of outer
    joins, so without this a model would compute every LA to keep one (the CIN rules: 81 s instead of 1 s at 150 LAs). -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if execute and relation is not none and varargs | length >= 1 and model is defined
            and model.config is defined and model.config.materialized == 'la_incremental'
            and graph.nodes is defined -%}
        {%- set las = cscare_incremental_plan() -%}
        {%- if las is not none -%}
            {#- the upstream's documented columns (every model's YAML lists them): no query per ref -#}
            {%- set la_column = cscare_la_models().get(varargs[-1]) -%}
            {%- if la_column is not none -%}
                {%- do return('(select * from ' ~ relation ~ ' where '
                    ~ cscare_la_predicate(la_column, las) ~ ')') -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}
