{#-
    Working days in England, used for every timeliness measure (assessments within 45 working days,
    initial child protection conferences within 15 working days of the section 47 start).

    working_days_between(start_date, end_date) counts the working days AFTER start_date up to AND
    INCLUDING end_date: the interval (start_date, end_date]. The start day never counts, so an
    assessment started and authorised on the same day takes 0 working days, and one started on a
    Thursday and authorised on the Friday takes 1. This is how DfE counts: its duration table for
    completed assessments (Characteristics of children in need, table C2) has a band "started and
    finished the same day" before "1 to 10 days", and Working Together puts the 45 working days
    "from the point of referral", i.e. the day of referral is day 0. The CIN census
    InitialCPCtarget is likewise the S47 start date plus 15 working days.

    Working days are Monday to Friday less the England and Wales bank holidays in the seed
    ref_bank_holidays (which lists the substitute weekday when a holiday falls at a weekend, so a
    holiday is never subtracted twice; weekend rows, should any appear, are ignored).

    - A start date at a weekend is fine: Saturday to Monday is 1 working day (the Monday).
    - end_date before start_date gives minus the working days in (end_date, start_date].
    - Either date null gives null.
    - Dates are expected between 1900 and 2100 (the staging parser's range); weekdays are counted
      from Monday 1 January 1900.
-#}
{% macro working_days_between(start_date, end_date) -%}
    (
        {{ weekdays_since_1900(end_date) }} - {{ weekdays_since_1900(start_date) }}
        - sign(date_diff('day', {{ start_date }}, {{ end_date }})) * (
            select count(*)
            from {{ ref('ref_bank_holidays') }} as bank_holidays
            where
                isodow(bank_holidays.holiday_date) <= 5
                and bank_holidays.holiday_date > least({{ start_date }}, {{ end_date }})
                and bank_holidays.holiday_date <= greatest({{ start_date }}, {{ end_date }})
        )
    )
{%- endmacro %}


{#- Weekdays (Monday to Friday) from Monday 1 January 1900 up to and including the date. -#}
{% macro weekdays_since_1900(date_expr) -%}
    (
        5 * ((date_diff('day', date '1900-01-01', {{ date_expr }}) + 1) // 7)
        + least((date_diff('day', date '1900-01-01', {{ date_expr }}) + 1) % 7, 5)
    )
{%- endmacro %}
