{#- Values the loader and staging accept although the DfE upload would not: 903 dates written
    other than dd/mm/yyyy (ISO yyyy-mm-dd, a one-digit day or month, a time appended, other
    separators). The value is staged; this model names file, line, column and value, and says what
    the DfE upload will do, so that leniency never hides a finding. Rows the loader could not read
    are quarantined and reported there instead. -#}
{%- set date_columns = [] %}
{%- if execute %}
    {%- for src, tbl in cscare_raw_tables() if src == 'ssda903' %}
        {%- for c in cscare_source_spec(src, tbl).columns if c.type == 'date' %}
            {%- do date_columns.append((src, tbl, c)) %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}
{%- for src, tbl in cscare_raw_tables() if src == 'ssda903' %}
-- depends_on: {{ source(src, tbl) }}
{%- endfor %}
with

date_values as (
    {%- for src, tbl, c in date_columns %}
        select
            '{{ src }}' as return_name,
            '{{ tbl }}' as table_name,
            _la_code as la_code,
            _collection_year as collection_year,
            _file as source_file,
            _line as source_line,
            '{{ c.raw }}' as column_name,
            trim({{ c.raw }}) as raw_value,
            {{ cscare_typed(c.raw, 'date') }} as loaded_as
        from {{ source(src, tbl) }}
        where
            _load_error is null
            {{ cscare_la_filter('_la_code') }}
            and nullif(trim({{ c.raw }}), '') is not null
            and not regexp_full_match(trim({{ c.raw }}), '\d{2}/\d{2}/\d{4}')
        {{ 'union all' if not loop.last }}
    {%- else %}
        select
            null as return_name, null as table_name, null as la_code, null as collection_year,
            null as source_file, null as source_line, null as column_name, null as raw_value,
            cast(null as date) as loaded_as
        where false
    {%- endfor %}
),

lenient_dates as (
    select
        *,
        case
            when regexp_full_match(raw_value, '\d{4}-\d{2}-\d{2}') then 'iso_date'
            when regexp_full_match(raw_value, '\d{1,2}/\d{1,2}/\d{4}') then 'single_digit_date'
            else 'other_date_format'
        end as reason_code
    from date_values
    -- a value that does not parse at all is quarantined by staging, not lenient
    where loaded_as is not null
)

select
    md5(concat_ws('|', source_file, source_line, table_name, column_name)) as lenient_value_key,
    return_name,
    table_name,
    la_code,
    collection_year,
    source_file,
    source_line,
    column_name,
    raw_value,
    reason_code,
    column_name || ' ''' || raw_value || ''' is '
    || case reason_code
        when 'iso_date' then 'an ISO date (yyyy-mm-dd)'
        when 'single_digit_date' then 'a date with a one-digit day or month'
        else 'a date not written dd/mm/yyyy'
    end
    || '; loaded as ' || strftime(loaded_as, '%d/%m/%Y')
    || ': the DfE upload requires dd/mm/yyyy and will reject the value' as reason
from lenient_dates
