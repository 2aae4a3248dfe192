{#- The data-quality rule each loader and staging reason code is reported under in dq_issues.
    Codes, never the wording of a reason, decide the rule. Codes not listed fall back to the rule
    for their severity (CSC-110 error, CSC-111 warning, CSC-112 info). -#}
{% macro cscare_reason_rules() %}
    {%- do return({
        'ragged_record': 'CSC-101', 'unreadable_record': 'CSC-101',
        'required_blank': 'CSC-102',
        'invalid_date': 'CSC-103', 'invalid_number': 'CSC-103', 'invalid_flag': 'CSC-103',
        'exact_duplicate': 'CSC-104', 'duplicate_key': 'CSC-105',
        'salvaged_from_malformed_xml': 'CSC-107',
        'broken_quote': 'CSC-108',
        'missing_required_column': 'CSC-109',
        'iso_date': 'CSC-113', 'single_digit_date': 'CSC-113', 'other_date_format': 'CSC-113',
        'trailing_fields': 'CSC-113', 'bom': 'CSC-113', 'not_utf8': 'CSC-113',
        'missing_column': 'CSC-113', 'reordered_columns': 'CSC-113',
        'duplicate_file': 'CSC-114',
        'year_folder_named': 'CSC-115',
        'unplaced': 'CSC-116', 'duplicate_year_folder': 'CSC-116',
        'unknown_la': 'CSC-117'
    }) -%}
{% endmacro %}


{#- Reason codes that stand for a whole file: reported once as a load issue, not again for each
    of the file's quarantined rows. -#}
{% macro cscare_file_level_reasons() %}
    {%- do return(['missing_required_column']) -%}
{% endmacro %}


{#- SQL: the rule code for a reason code (and its severity when the code has no rule of its own). -#}
{% macro cscare_reason_rule(reason_code, severity='null') -%}
    case {{ reason_code }}
        {%- for code, rule in cscare_reason_rules().items() %}
        when '{{ code }}' then '{{ rule }}'
        {%- endfor %}
        else case {{ severity }} when 'warning' then 'CSC-111' when 'info' then 'CSC-112' else 'CSC-110' end
    end
{%- endmacro %}
