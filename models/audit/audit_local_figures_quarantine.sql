-- Every problem with a row of the local-figures file (stg_local__kpi_figures), one row per problem:
-- the row's number, the column, the value as written, a reason code and a message saying what to
-- do. A row with any problem is kept out of fct_kpi_values; rows without one flow into it
-- (int_local__kpi_figures), and rows in = accepted + quarantined (test
-- assert_local_figures_reconcile). Reason codes:
--   missing_value                  a required column is blank (la_code, kpi_id, period_type,
--                                  period_end, value, source)
--   unknown_la                     not an English LA in ref_local_authorities for the period's year
--   la_not_loaded                  an English LA with no returns in this warehouse: its figure would
--                                  stand alone beside LAs whose KPIs are computed (replace the
--                                  example file, or load the LA's returns)
--   unknown_kpi                    not a kpi_id of seeds/kpi/kpi_catalogue.csv
--   computed_kpi                   the KPI is computed from a return: a local figure may not override it
--   invalid_period_type            not year, month, rolling_12_months or fytd
--   invalid_date                   period_end or supplied_on is not a date (dd/mm/yyyy or yyyy-mm-dd)
--   not_a_period_end               a date, but not the end of a period of that type (a year ends
--                                  31 March; the other types end on a month end)
--   future_period                  the period ends after the figure was supplied (or after today)
--   invalid_number                 value, numerator or denominator is not a number
--   out_of_range                   outside the unit's range: percent 0-100, count a whole number
--                                  >= 0, every other unit (and numerator, denominator) >= 0
--   numerator_exceeds_denominator  a percent whose numerator is larger than its denominator
--   value_disagrees                the value is not numerator and denominator by the unit
--                                  (macro kpi_value) at the precision the value is written to
--   duplicate_key                  a second valid row for the same LA, KPI, period type and period
--                                  end: the first row is kept
with

local_rows as not materialized (
    select * from {{ ref('stg_local__kpi_figures') }}
),

kpi_catalogue as not materialized (
    select * from {{ ref('kpi_catalogue') }}
),

local_authorities as not materialized (
    select * from {{ ref('ref_local_authorities') }}
),

loaded_las as (
    select distinct la_code
    from {{ ref('audit_load_files') }}
    where la_code is not null
),

rows_with_context as (
    select
        local_rows.*,
        kpi_catalogue.kpi_id is not null as is_known_kpi,
        kpi_catalogue.source_returns,
        kpi_catalogue.unit,
        -- the collection year (year ending 31 March) the period ends in
        year(local_rows.period_end) + case when month(local_rows.period_end) >= 4 then 1 else 0 end
            as financial_year_end,
        cast(length(coalesce(regexp_extract(replace(local_rows.value_text, ',', ''), '\.(\d+)$', 1), '')) as integer)
            as value_decimals
    from local_rows
    left join kpi_catalogue
        on local_rows.kpi_id = kpi_catalogue.kpi_id
),

row_checks as (
    select
        rows_with_context.*,
        exists(
            select 1 from local_authorities
            where
                local_authorities.la_code = rows_with_context.la_code
                and coalesce(local_authorities.valid_from_year, 0)
                <= coalesce(rows_with_context.financial_year_end, 9999)
                and coalesce(local_authorities.valid_to_year, 9999) >= coalesce(rows_with_context.financial_year_end, 0)
        ) as is_known_la,
        rows_with_context.la_code in (select loaded_las.la_code from loaded_las) as is_loaded_la,
        {{ kpi_value('rows_with_context.unit', 'rows_with_context.numerator', 'rows_with_context.denominator') }}
            as value_from_fraction
    from rows_with_context
),

findings as (
    {%- for column in ['la_code', 'kpi_id', 'period_type', 'period_end', 'value', 'source'] %}
        {%- set raw = column ~ '_text' if column in ['period_end', 'value'] else column %}
        select
            row_number,
            '{{ column }}' as column_name,
            cast(null as varchar) as raw_value,
            'missing_value' as reason_code,
            '{{ column }} is blank: every row needs la_code, kpi_id, period_type, period_end, value and source'
                as reason
        from row_checks
        where {{ raw }} is null
        union all
    {%- endfor %}

    select
        row_number,
        'la_code' as column_name,
        la_code as raw_value,
        'unknown_la' as reason_code,
        'la_code ' || la_code || ' is not an English local authority'
        || coalesce(' in the year ending 31 March ' || financial_year_end, '')
        || ' (seed ref_local_authorities): use the 3-digit DfE LA number' as reason
    from row_checks
    where la_code is not null and not is_known_la

    union all

    select
        row_number,
        'la_code' as column_name,
        la_code as raw_value,
        'la_not_loaded' as reason_code,
        'la_code ' || la_code || ' has no returns in this warehouse: load its returns, or remove its rows'
        || ' (the shipped example file holds illustrative rows for the demo LAs)' as reason
    from row_checks
    where la_code is not null and is_known_la and not is_loaded_la

    union all

    select
        row_number,
        'kpi_id' as column_name,
        kpi_id as raw_value,
        'unknown_kpi' as reason_code,
        'kpi_id ' || kpi_id || ' is not in the KPI catalogue (seeds/kpi/kpi_catalogue.csv, marts.dim_kpi)' as reason
    from row_checks
    where kpi_id is not null and not is_known_kpi

    union all

    -- one definition in one place: a KPI a return supports is computed from the return, and a
    -- local figure beside it would be a second, unverifiable version of the same number
    select
        row_number,
        'kpi_id' as column_name,
        kpi_id as raw_value,
        'computed_kpi' as reason_code,
        'kpi_id ' || kpi_id || ' is computed from the ' || source_returns
        || ' return(s): a local figure may not override it (only KPIs with source_returns none take local figures)'
            as reason
    from row_checks
    where is_known_kpi and source_returns != 'none'

    union all

    select
        row_number,
        'period_type' as column_name,
        period_type as raw_value,
        'invalid_period_type' as reason_code,
        'period_type ' || period_type || ' is not one of year, month, rolling_12_months, fytd' as reason
    from row_checks
    where period_type not in ('year', 'month', 'rolling_12_months', 'fytd')

    union all

    select
        row_number,
        'period_end' as column_name,
        period_end_text as raw_value,
        'invalid_date' as reason_code,
        'period_end ' || period_end_text || ' is not a date (write dd/mm/yyyy or yyyy-mm-dd)' as reason
    from row_checks
    where period_end_text is not null and period_end is null

    union all

    select
        row_number,
        'period_end' as column_name,
        period_end_text as raw_value,
        'not_a_period_end' as reason_code,
        case
            when period_type = 'year'
                then 'period_end ' || period_end_text || ' does not end a year period: a year runs to 31 March'
            else
                'period_end ' || period_end_text || ' does not end a ' || period_type
                || ' period: it must be the last day of a month'
        end as reason
    from row_checks
    where
        period_end is not null
        and (
            (period_type = 'year' and strftime(period_end, '%m-%d') != '03-31')
            or (period_type in ('month', 'rolling_12_months', 'fytd') and period_end != last_day(period_end))
        )

    union all

    select
        row_number,
        'period_end' as column_name,
        period_end_text as raw_value,
        'future_period' as reason_code,
        'period_end ' || period_end_text || ' is after the date the figure was supplied ('
        || coalesce(supplied_on_text, 'today') || '): a period must be over before its figure is reported' as reason
    from row_checks
    where period_end > coalesce(supplied_on, current_date)

    union all

    select
        row_number,
        'supplied_on' as column_name,
        supplied_on_text as raw_value,
        'invalid_date' as reason_code,
        'supplied_on ' || supplied_on_text || ' is not a date (write dd/mm/yyyy or yyyy-mm-dd, or leave it blank)'
            as reason
    from row_checks
    where supplied_on_text is not null and supplied_on is null

    {%- for column in ['value', 'numerator', 'denominator'] %}

        union all

        select
            row_number,
            '{{ column }}' as column_name,
            {{ column }}_text as raw_value,
            'invalid_number' as reason_code,
            '{{ column }} ' || {{ column }}_text || ' is not a number' as reason
        from row_checks
        where {{ column }}_text is not null and {{ column }} is null

        union all

        select
            row_number,
            '{{ column }}' as column_name,
            {{ column }}_text as raw_value,
            'out_of_range' as reason_code,
            '{{ column }} ' || {{ column }}_text || ' is negative' as reason
        from row_checks
        where {{ column }} < 0
    {%- endfor %}

    union all

    select
        row_number,
        'value' as column_name,
        value_text as raw_value,
        'out_of_range' as reason_code,
        case
            when unit = 'percent' then 'value ' || value_text || ' is a percentage outside 0-100'
            else 'value ' || value_text || ' is a count and must be a whole number'
        end as reason
    from row_checks
    where
        (unit = 'percent' and value > 100)
        or (unit = 'count' and value != round(value))

    union all

    select
        row_number,
        'numerator' as column_name,
        numerator_text as raw_value,
        'numerator_exceeds_denominator' as reason_code,
        'numerator ' || numerator_text || ' is larger than denominator ' || denominator_text
        || ': a percentage cannot exceed 100' as reason
    from row_checks
    where unit = 'percent' and numerator > denominator

    union all

    -- the value must be what numerator and denominator give, rounded as the value is written
    -- (61.2 for 41 of 67 = 61.19...); a count's numerator is its value
    select
        row_number,
        'value' as column_name,
        value_text as raw_value,
        'value_disagrees' as reason_code,
        'value ' || value_text || ' is not what numerator ' || numerator_text
        || coalesce(' and denominator ' || denominator_text, '') || ' give for a ' || unit || ' ('
        || cast(round(value_from_fraction, cast(value_decimals + 1 as integer)) as varchar) || ')' as reason
    from row_checks
    where
        value_from_fraction is not null
        and value is not null
        and abs(value_from_fraction - value) > 0.5 * power(10, -value_decimals) + 1e-9
),

rows_with_problems as (
    select distinct row_number from findings
),

-- Only rows without other problems compete for a key: a broken row does not block its correction.
valid_rows as (
    select
        row_checks.*,
        min(row_checks.row_number) over (
            partition by row_checks.la_code, row_checks.kpi_id, row_checks.period_type, row_checks.period_end
        ) as first_row_number
    from row_checks
    where row_checks.row_number not in (select rows_with_problems.row_number from rows_with_problems)
),

duplicate_findings as (
    select
        row_number,
        'period_end' as column_name,
        period_end_text as raw_value,
        'duplicate_key' as reason_code,
        'same la_code, kpi_id, period_type and period_end as row ' || first_row_number
        || ': row ' || first_row_number || ' is kept; remove one of them' as reason
    from valid_rows
    where row_number > first_row_number
),

all_findings as (
    select * from findings
    union all
    select * from duplicate_findings
)

select
    md5(concat_ws('|', all_findings.row_number, all_findings.column_name, all_findings.reason_code))
        as local_figure_finding_key,
    local_rows.source_file,
    all_findings.row_number,
    -- the file's line, when no quoted field spans lines (the header is line 1)
    all_findings.row_number + 1 as source_line,
    local_rows.la_code,
    local_rows.kpi_id,
    local_rows.period_type,
    local_rows.period_end_text as period_end,
    local_rows.period_end as period_end_date,
    all_findings.column_name,
    all_findings.raw_value,
    all_findings.reason_code,
    all_findings.reason
from all_findings
inner join local_rows
    on all_findings.row_number = local_rows.row_number
