{#-
    Staging is generated from one definition: the columns of each raw source table, declared in
    models/staging/<return>/_<return>__sources.yml with meta {stg: <snake_case name>, type: ...,
    code_list: ..., required: true}. The same definition drives the staging model (rows that parse)
    and audit.load_quarantine (rows that do not, one row per problem), so the two always agree and
    raw rows = staged rows + quarantined rows.
-#}

{% macro cscare_source_spec(source_name, table_name) %}
    {%- set node = graph.sources.values() | selectattr('source_name', 'equalto', source_name)
        | selectattr('name', 'equalto', table_name) | first -%}
    {%- set tmeta = node.meta or {} -%}
    {%- if node.config and node.config.meta -%}{%- set tmeta = node.config.meta -%}{%- endif -%}
    {%- set cols = [] -%}
    {%- for name, col in node.columns.items() -%}
        {%- set cmeta = col.meta or {} -%}
        {%- if col.config and col.config.meta -%}{%- set cmeta = col.config.meta -%}{%- endif -%}
        {%- if cmeta.get('stg') -%}
            {%- do cols.append({
                'raw': name, 'stg': cmeta['stg'], 'type': cmeta.get('type', 'text'),
                'code_list': cmeta.get('code_list'), 'required': cmeta.get('required', false)}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return({'table': tmeta, 'columns': cols}) -%}
{% endmacro %}


{#- A typed value from a raw text column. -#}
{% macro cscare_typed(column, type) -%}
    {%- set v = 'nullif(trim(' ~ column ~ "), '')" -%}
    {%- if type == 'date' -%}
        {{ cscare_parse_date(v) }}
    {%- elif type == 'integer' -%}
        try_cast({{ v }} as integer)
    {%- elif type == 'decimal' -%}
        try_cast({{ v }} as double)
    {%- elif type == 'boolean' -%}
        case when upper({{ v }}) in ('1', 'TRUE', 'Y', 'YES') then true when upper({{ v }}) in ('0', 'FALSE', 'N', 'NO') then false end
    {%- elif type == 'code' -%}
        upper({{ v }})
    {%- elif type == 'postcode' -%}
        upper(regexp_replace({{ v }}, '\s+', ' ', 'g'))
    {%- else -%}
        {{ v }}
    {%- endif -%}
{%- endmacro %}


{#- UK returns write dd/mm/yyyy (day first, never month first); XML uses ISO dates; exports from
    case-management systems add times. Years outside 1900-2100 are typing slips, not dates.
    A value with '-' as its fifth character and none before (2024-03-31, the XML returns' ISO dates)
    can only match the formats that start with the year (a day or month is at most two digits and
    is followed by its separator), so only those are tried: the same date as the whole list gives,
    without a failed dd/mm/yyyy attempt per value (a failed parse costs five times a successful
    one: about 1 s per 5 million values). -#}
{% macro cscare_parse_date(value) -%}
    {%- set formats = "['%d/%m/%Y', '%Y-%m-%d', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%d-%m-%Y', '%d.%m.%Y']" -%}
    {%- set iso_formats = "['%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S']" -%}
    {%- set parsed = "(case when substr(" ~ value ~ ", 5, 1) = '-' and not contains(substr(" ~ value ~ ", 1, 4), '-') then try_strptime(" ~ value ~ ", " ~ iso_formats ~ ") else try_strptime(" ~ value ~ ", " ~ formats ~ ") end)" -%}
    case when year({{ parsed }}) between 1900 and 2100 then cast({{ parsed }} as date) end
{%- endmacro %}


{#- The checks that send a raw row to quarantine: list of {column, value, failed, reason, code} SQL
    (and marker: true for the two that read the duplicate markers of cscare_marked_raw; a check of
    a value's type also gives its raw column, value_failed, the test of the value alone, and
    bad_values, the name of the CTE that lists its column's failing values).
    A record the loader could not read (ragged, a broken quote, salvaged from broken XML, its file
    lacking a required column) is quarantined for that one reason: the checks of its values would
    only repeat the loader's finding as noise (every row "blank", every row "the same key"). -#}
{% macro cscare_checks(spec) %}
    {%- set checks = [{'column': 'null', 'value': 'null', 'failed': '_load_error is not null', 'reason': '_load_error',
        'code': "coalesce(_load_error_code, 'unreadable_record')"}] -%}
    {%- set readable = '_load_error is null and ' -%}
    {%- for c in spec.columns -%}
        {%- set v = 'nullif(trim(' ~ c.raw ~ "), '')" -%}
        {%- if c.required -%}
            {%- do checks.append({'column': "'" ~ c.raw ~ "'", 'value': 'null', 'failed': readable ~ v ~ ' is null',
                'reason': "'required value is blank'", 'code': "'required_blank'"}) -%}
        {%- endif -%}
        {%- if c.type in ('date', 'integer', 'decimal', 'boolean') -%}
            {%- set expected = {'date': 'a date (dd/mm/yyyy)', 'integer': 'a whole number', 'decimal': 'a number', 'boolean': 'a yes/no flag (1/0, true/false)'}[c.type] -%}
            {%- set code = {'date': 'invalid_date', 'integer': 'invalid_number', 'decimal': 'invalid_number', 'boolean': 'invalid_flag'}[c.type] -%}
            {%- do checks.append({'column': "'" ~ c.raw ~ "'", 'value': v,
                'failed': readable ~ v ~ ' is not null and ' ~ cscare_typed(c.raw, c.type) ~ ' is null',
                'reason': "'" ~ c.raw ~ " is not " ~ expected ~ "'", 'code': "'" ~ code ~ "'",
                'raw': c.raw, 'value_failed': v ~ ' is not null and ' ~ cscare_typed(c.raw, c.type) ~ ' is null',
                'bad_values': 'bad_values_' ~ loop.index}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do checks.append({'column': 'null', 'value': 'null', 'failed': readable ~ '_duplicate_of_line is not null',
        'reason': "'exact duplicate of line ' || _duplicate_of_line", 'code': "'exact_duplicate'", 'marker': true}) -%}
    {%- if spec.table.get('natural_key') -%}
        {%- do checks.append({'column': "'" ~ spec.table.natural_key | join(',') ~ "'", 'value': "concat_ws(',', " ~ spec.table.natural_key | join(', ') ~ ')',
            'failed': readable ~ '_duplicate_of_line is null and _same_key_as_line is not null',
            'reason': "'same " ~ spec.table.natural_key | join(' + ') ~ " as line ' || _same_key_as_line || ' with different values'",
            'code': "'duplicate_key'", 'marker': true}) -%}
    {%- endif -%}
    {%- do return(checks) -%}
{% endmacro %}


{#- A natural-key column as it enters keys and duplicate checks: upper case, trimmed, and a date
    written leniently (2023-04-13, 1/5/2023) as the dd/mm/yyyy it stands for, so that how a date
    was written never makes the same record two. -#}
{% macro cscare_key_value(column, spec) -%}
    {%- set col = spec.columns | selectattr('raw', 'equalto', column) | first -%}
    {%- if col and col.type == 'date' -%}
        coalesce(strftime({{ cscare_typed(column, 'date') }}, '%d/%m/%Y'), upper(trim({{ column }})))
    {%- else -%}
        upper(trim({{ column }}))
    {%- endif -%}
{%- endmacro %}


{#- The partitions of the duplicate markers: a row repeats an earlier one of its file (all values
    equal) or shares its natural key with one. -#}
{% macro cscare_marker_partitions(spec) -%}
    {%- set value_cols = spec.columns | map(attribute='raw') | list -%}
    {%- set parent = ['_parent_row'] if spec.table.get('stage_kind') == 'xml' else [] -%}
    {%- set key_values = [] -%}
    {%- for k in spec.table.get('natural_key') or [] -%}{%- do key_values.append(cscare_key_value(k, spec)) -%}{%- endfor -%}
    {%- do return({
        'row': '_file, _load_error is null, ' ~ (parent + value_cols) | join(', '),
        'key': ('_file, _load_error is null, ' ~ key_values | join(', ')) if key_values else none,
        'order_by': '_line, _row' if parent else '_line'}) -%}
{%- endmacro %}


{#- The rows of `relation` (the duplicate candidates of cscare_screening_ctes) with the duplicate
    markers the checks need. -#}
{% macro cscare_marked_raw(spec, relation) -%}
    {%- set p = cscare_marker_partitions(spec) %}
    select
        *,
        case
            when row_number() over (partition by {{ p.row }} order by {{ p.order_by }}) > 1
                then first_value(_line) over (partition by {{ p.row }} order by {{ p.order_by }})
        end as _duplicate_of_line,
        {%- if p.key %}
        case
            when row_number() over (partition by {{ p.key }} order by {{ p.order_by }}) > 1
                then first_value(_line) over (partition by {{ p.key }} order by {{ p.order_by }})
        end as _same_key_as_line
        {%- else %}
        cast(null as bigint) as _same_key_as_line
        {%- endif %}
    from {{ relation }}
{%- endmacro %}


{#- The CTEs that screen a raw table's rows, shared by its staging model and its quarantine rows so
    that the two always split the rows the same way:
    - source_rows: the raw rows (of the LAs being built), read from the table wherever they are
      used rather than copied into a materialized CTE (a copy of every column costs more than
      scanning the stored columns again);
    - hashed_rows: each with a hash of its duplicate partition (_row_hash) and natural key (_key_hash);
    - screened_rows: each with _is_duplicate_candidate; duplicate_candidates: those rows whose hash
      another row shares. Only these can repeat a row or a
      key: a row whose hashes no other row has is alone in both partitions. Two sorting windows over
      every raw row cost far more than a hash and a grouping;
    - marked_rows: the candidates with their duplicate markers (cscare_marked_raw);
    - bad_values_<n>: for each typed column, its distinct raw values that do not read as the type.
      Each distinct value is parsed once, not once per row (a raw column holds few distinct dates,
      codes or numbers), and a row is tested by looking its value up. The distinct values
      are read as any_value() of their group, a column the optimizer cannot see through: from a
      plain distinct (or a materialized CTE) it pushes the test down to the scan and parses every
      row's value after all (1.3 s against 0.09 s for one date column of 4.8 million rows). -#}
{% macro cscare_screening_ctes(source_name, table_name, spec, checks) %}
    {%- set p = cscare_marker_partitions(spec) -%}
    source_rows as not materialized (
        select * from {{ source(source_name, table_name) }}
        where true {{ cscare_la_filter('_la_code') }}
    ),

    hashed_rows as not materialized (
        select
            *,
            hash({{ p.row }}) as _row_hash,
            {{ ('hash(' ~ p.key ~ ')') if p.key else 'cast(null as ubigint)' }} as _key_hash
        from source_rows
    ),

    repeated_hashes as (
        select _row_hash as _hash from hashed_rows group by _row_hash having count(*) > 1
        {%- if p.key %}
        union
        select _key_hash from hashed_rows group by _key_hash having count(*) > 1
        {%- endif %}
    ),

    screened_rows as not materialized (
        select
            * exclude (_row_hash, _key_hash),
            coalesce(
                _row_hash in (select _hash from repeated_hashes) or _key_hash in (select _hash from repeated_hashes),
                false
            ) as _is_duplicate_candidate
        from hashed_rows
    ),

    duplicate_candidates as (
        select * exclude (_is_duplicate_candidate) from screened_rows
        where _is_duplicate_candidate
    ),

    {%- for ch in checks if ch.get('raw') %}

    {{ ch.bad_values }} as (
        select {{ ch.raw }} from (
            select any_value({{ ch.raw }}) as {{ ch.raw }} from source_rows group by {{ ch.raw }}
        )
        where coalesce({{ ch.value_failed }}, false)
    ),
    {%- endfor %}

    marked_rows as (
        {{ cscare_marked_raw(spec, 'duplicate_candidates') }}
    )
{%- endmacro %}


{#- Whether a raw row fails one check (a SQL condition). A typed value is looked up in its column's
    bad values; the duplicate markers exist only on marked_rows. -#}
{% macro cscare_check_fails(ch) -%}
    {%- if ch.get('raw') -%}
        (_load_error is null and {{ ch.raw }} in (select {{ ch.bad_values }}.{{ ch.raw }} from {{ ch.bad_values }}))
    {%- else -%}
        coalesce({{ ch.failed }}, false)
    {%- endif -%}
{%- endmacro %}


{#- The body of a stg_<return>__<table> model: the raw rows that pass every check of cscare_checks,
    typed. Rows that are not duplicate candidates pass the marker checks by construction. -#}
{% macro stage_raw(source_name, table_name) %}
    {%- if not execute -%}
        select * from {{ source(source_name, table_name) }}
    {%- else -%}
    {%- set spec = cscare_source_spec(source_name, table_name) -%}
    {%- set checks = cscare_checks(spec) -%}
    {%- set key_cols = spec.table.get('natural_key') -%}
with

{{ cscare_screening_ctes(source_name, table_name, spec, checks) }},

parsed_rows as (
    select * exclude (_is_duplicate_candidate) from screened_rows
    where
        not _is_duplicate_candidate
        {%- for ch in checks if not ch.get('marker') %}
        and not {{ cscare_check_fails(ch) }}
        {%- endfor %}
    union all by name
    select * exclude (_duplicate_of_line, _same_key_as_line) from marked_rows
    where true
        {%- for ch in checks %}
        and not {{ cscare_check_fails(ch) }}
        {%- endfor %}
)

select
    {%- if key_cols %}
    md5(concat_ws('|', _la_code, _collection_year{% for k in key_cols %}, {{ cscare_key_value(k, spec) }}{% endfor %})) as {{ spec.table.key }},
    {%- else %}
    md5(concat_ws('|', _la_code, _collection_year, '{{ table_name }}', _row)) as {{ spec.table.key }},
    {%- endif %}
    {%- if spec.table.get('parent_key') %}
    md5(concat_ws('|', _la_code, _collection_year, '{{ spec.table.parent_table }}', _parent_row)) as {{ spec.table.parent_key }},
    {%- endif %}
    _la_code as la_code,
    _collection_year as collection_year,
    {%- for c in spec.columns %}
    {{ cscare_typed(c.raw, c.type) }} as {{ c.stg }},
    {%- endfor %}
    _file as source_file,
    _line as source_line
from parsed_rows
    {%- endif -%}
{% endmacro %}


{#- One quarantine row per problem of every raw row that staging leaves out. The value checks read
    the raw rows as scanned; only the duplicate checks read the markers, on the candidates. -#}
{% macro quarantine_rows(source_name, table_name) %}
    {%- if not execute -%}
    select * from {{ source(source_name, table_name) }}
    {%- else -%}
    {%- set spec = cscare_source_spec(source_name, table_name) -%}
    {%- set checks = cscare_checks(spec) -%}
    with

    {{ cscare_screening_ctes(source_name, table_name, spec, checks) }}
    {%- for ch in checks %}
    select
        '{{ source_name }}' as return_name,
        '{{ table_name }}' as table_name,
        _file as source_file,
        _line as source_line,
        _la_code as la_code,
        _collection_year as collection_year,
        cast({{ ch.column }} as varchar) as column_name,
        cast({{ ch.value }} as varchar) as raw_value,
        cast({{ ch.reason }} as varchar) as reason,
        cast({{ ch.code }} as varchar) as reason_code
    from {{ 'marked_rows' if ch.get('marker') else 'source_rows' }}
    where {{ cscare_check_fails(ch) }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- endif -%}
{% endmacro %}
