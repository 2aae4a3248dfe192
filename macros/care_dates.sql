{#-
    Date arithmetic the looked-after measures share. Ages follow English law (Family Law Reform
    Act 1969 s9, as applied by the DfE to the 903): a person attains an age at the start of the
    anniversary of their birth, and someone born on 29 February has their birthday on 1 March in a
    year that is not a leap year. DuckDB's own interval arithmetic would put it on 28 February.
-#}

{#- Completed years of age on a date. -#}
{% macro age_on(date_of_birth, on_date) -%}
    (year({{ on_date }}) - year({{ date_of_birth }})
        - case when month({{ on_date }}) * 100 + day({{ on_date }}) < month({{ date_of_birth }}) * 100 + day({{ date_of_birth }}) then 1 else 0 end)
{%- endmacro %}


{#- The date of the n-th birthday (29 February birthdays fall on 1 March in other years). -#}
{% macro birthday(date_of_birth, years) -%}
    case
        when month({{ date_of_birth }}) = 2 and day({{ date_of_birth }}) = 29
            and not (
                (year({{ date_of_birth }}) + {{ years }}) % 4 = 0
                and ((year({{ date_of_birth }}) + {{ years }}) % 100 <> 0 or (year({{ date_of_birth }}) + {{ years }}) % 400 = 0)
            )
            then make_date(year({{ date_of_birth }}) + {{ years }}, 3, 1)
        else make_date(year({{ date_of_birth }}) + {{ years }}, month({{ date_of_birth }}), day({{ date_of_birth }}))
    end
{%- endmacro %}


{#- A date moved by whole calendar months, as a date (month ends clamp: 31 May - 3 months = 28 Feb). -#}
{% macro shift_months(date_expr, months) -%}
    cast({{ date_expr }} + to_months(cast({{ months }} as integer)) as date)
{%- endmacro %}
