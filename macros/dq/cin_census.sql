{#- DfE CIN census validation rules (our SQL; rule facts from the DfE CIN census validation
    specification as implemented by Data to Insight and Social Finance's CIN validator).
    The census period is 1 April to 31 March (ReferenceDate). `d` is the CIN episode (CINdetails)
    of the row, `k` the child (ChildIdentifiers). -#}

{% macro dqh_cin_episode(alias='t') -%}
    inner join {{ ref('stg_cin_census__cin_details') }} as d on d.cin_episode_key = {{ alias }}.cin_episode_key
{%- endmacro %}

{% macro dqh_cin_child(alias='t') -%}
    inner join {{ ref('stg_cin_census__children') }} as k
        on k.la_code = {{ alias }}.la_code and k.collection_year = {{ alias }}.collection_year and k.child_id = {{ alias }}.child_id
{%- endmacro %}

{#- Working days from `from_date` to `to_date` (weekends and England bank holidays excluded). -#}
{% macro dqh_working_days(from_date, to_date) -%}
    (select count(*) from range(cast({{ from_date }} as timestamp), cast({{ to_date }} as timestamp), interval 1 day) as wd(day)
     where dayofweek(wd.day) not in (0, 6)
       and cast(wd.day as date) not in (select cast(holiday_date as date) from {{ ref('ref_bank_holidays') }}))
{%- endmacro %}

{% macro dqh_outside_year(column, alias='t') -%}
    ({{ column }} < {{ dq_year_start(alias ~ '.collection_year') }} or {{ column }} > {{ dq_year_end(alias ~ '.collection_year') }})
{%- endmacro %}

{#- ---------- children ---------- -#}

{% macro dq_cin_1520() %}
    {{ dq_row_rule('1520', 'children', ref('stg_cin_census__children'),
        "t.upn is not null and count(*) over (partition by t.la_code, t.collection_year, upper(t.upn)) > 1",
        {'UPN': 't.upn'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_1540() %}
    {{ dq_row_rule('1540', 'children', ref('stg_cin_census__children'),
        "t.upn is not null and not regexp_full_match(substr(t.upn, 5, 8), '[0-9]{8}')", {'UPN': 't.upn'}) }}
{% endmacro %}

{% macro dq_cin_1550() %}
    {#- Character 13 is a digit or a letter other than I, O and S (those read as 1, 0 and 5). -#}
    {{ dq_row_rule('1550', 'children', ref('stg_cin_census__children'),
        "t.upn is not null and not regexp_full_match(upper(substr(t.upn, 13, 1)), '[0-9A-HJ-NP-RT-Z]')", {'UPN': 't.upn'}) }}
{% endmacro %}

{% macro dq_cin_1560Q() %}
    {{ dq_row_rule('1560Q', 'children', ref('stg_cin_census__children'),
        "t.former_upn is not null and not regexp_full_match(upper(t.former_upn), '[A-Z][0-9]{11}[0-9A-Z]')", {'FormerUPN': 't.former_upn'}) }}
{% endmacro %}

{% macro dq_cin_1570() %}
    {{ dq_row_rule('1570', 'children', ref('stg_cin_census__children'), "length(t.child_id) > 20", {'LAchildID': 't.child_id'}) }}
{% endmacro %}

{% macro dq_cin_1580() %}
    {{ dq_row_rule('1580', 'children', ref('stg_cin_census__children'),
        "not regexp_full_match(t.child_id, '[A-Za-z0-9]+')", {'LAchildID': 't.child_id'}) }}
{% endmacro %}

{% macro dq_cin_8510() %}
    {{ dq_row_rule('8510', 'children', ref('stg_cin_census__children'),
        "count(*) over (partition by t.la_code, t.collection_year, t.child_id) > 1",
        {'LAchildID': 't.child_id'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8520() %}
    {{ dq_row_rule('8520', 'children', ref('stg_cin_census__children'),
        "t.date_of_birth > " ~ dq_year_end('t.collection_year'), {'PersonBirthDate': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_cin_8525Q() %}
    {{ dq_row_rule('8525Q', 'children', ref('stg_cin_census__children'),
        "(t.date_of_birth is null) = (t.expected_date_of_birth is null)",
        {'PersonBirthDate': 't.date_of_birth', 'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
{% endmacro %}

{% macro dq_cin_8530Q() %}
    {{ dq_row_rule('8530Q', 'children', ref('stg_cin_census__children'),
        "t.expected_date_of_birth < " ~ dq_year_end('t.collection_year') ~ " - interval 30 day
         or t.expected_date_of_birth > " ~ dq_year_end('t.collection_year') ~ " + interval 9 month",
        {'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
{% endmacro %}

{% macro dq_cin_8535Q() %}
    {{ dq_row_rule('8535Q', 'children', ref('stg_cin_census__children'),
        "t.date_of_death < t.date_of_birth", {'PersonBirthDate': 't.date_of_birth', 'PersonDeathDate': 't.date_of_death'}) }}
{% endmacro %}

{% macro dq_cin_8545Q() %}
    {{ dq_row_rule('8545Q', 'children', ref('stg_cin_census__children'),
        dqh_outside_year('t.date_of_death'), {'PersonDeathDate': 't.date_of_death'}) }}
{% endmacro %}

{% macro dq_cin_8590() %}
    {{ dq_row_rule('8590', 'children', ref('stg_cin_census__children'),
        "not exists (select 1 from " ~ ref('stg_cin_census__cin_details') ~ " as d where d.cin_child_key = t.cin_child_key)",
        {'LAchildID': 't.child_id'}) }}
{% endmacro %}

{% macro dq_cin_8750() %}
    {#- An unborn child (expected date of birth only) has no recorded sex or gender. -#}
    {{ dq_row_rule('8750', 'children', ref('stg_cin_census__children'),
        "t.date_of_birth is null and t.expected_date_of_birth is not null and t.gender is not null and t.gender not in ('0', '9', 'U')",
        {'GenderCurrent': 't.gender', 'ExpectedPersonBirthDate': 't.expected_date_of_birth'}) }}
{% endmacro %}

{% macro dq_cin_8770Q() %}
    {#- School age: 4 or over on 31 August before the census year. -#}
    {{ dq_row_rule('8770Q', 'children', ref('stg_cin_census__children'),
        "t.upn is null and coalesce(t.upn_unknown_reason, 'UN1') = 'UN1'
         and t.date_of_birth + interval 4 year <= make_date(cast(t.collection_year as integer) - 1, 8, 31)",
        {'UPN': 't.upn', 'UPNunknown': 't.upn_unknown_reason', 'PersonBirthDate': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_cin_8772() %}
    {{ dq_row_rule('8772', 'children', ref('stg_cin_census__children'),
        "t.upn_unknown_reason = 'UN7' and exists (
            select 1 from " ~ ref('stg_cin_census__cin_details') ~ " as d
            where d.cin_child_key = t.cin_child_key and not coalesce(d.is_referral_nfa, false))",
        {'UPNunknown': 't.upn_unknown_reason'}) }}
{% endmacro %}

{% macro dq_cin_8775Q() %}
    {{ dq_row_rule('8775Q', 'children', ref('stg_cin_census__children'),
        "t.date_of_birth + interval 25 year < " ~ dq_year_end('t.collection_year'), {'PersonBirthDate': 't.date_of_birth'}) }}
{% endmacro %}

{#- ---------- disabilities ---------- -#}

{% macro dq_cin_8790() %}
    {{ dq_row_rule('8790', 'disabilities', ref('stg_cin_census__disabilities'),
        "bool_or(t.disability_code = 'NONE') over child and bool_or(t.disability_code <> 'NONE') over child",
        {'Disability': 't.disability_code'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce')
        | replace('qualify coalesce((', 'window child as (partition by t.cin_child_key) qualify coalesce((') }}
{% endmacro %}

{% macro dq_cin_8794() %}
    {{ dq_row_rule('8794', 'disabilities', ref('stg_cin_census__disabilities'),
        "count(*) over (partition by t.cin_child_key, t.disability_code) > 1",
        {'Disability': 't.disability_code'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_2887Q() %}
    {#- A return-level query: fewer than 8 disability codes used in the whole return. -#}
    with used as (
        select la_code, collection_year, min(source_file) as source_file, count(distinct disability_code) as codes_used
        from {{ ref('stg_cin_census__disabilities') }}
        where disability_code <> 'NONE'
        group by la_code, collection_year
    )

    select
        '2887Q' as rule_code, la_code, cast(collection_year as integer) as collection_year, cast(null as varchar) as child_id,
        'disabilities' as table_name, source_file, cast(null as bigint) as source_line,
        'distinct Disability codes used=' || codes_used as offending_values
    from used
    where codes_used < 8
{% endmacro %}

{#- ---------- CIN details (episodes) ---------- -#}

{% macro dq_cin_8555Q() %}
    {{ dq_row_rule('8555Q', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.referral_date > k.date_of_death", {'CINreferralDate': 't.referral_date', 'PersonDeathDate': 'k.date_of_death'},
        joins="inner join " ~ ref('stg_cin_census__children') ~ " as k on k.cin_child_key = t.cin_child_key") }}
{% endmacro %}

{% macro dq_cin_8565() %}
    {#- Nothing on a CIN episode happens after the episode closed. -#}
    {{ dq_row_rule('8565', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date < greatest(
            t.initial_cpc_date,
            (select max(greatest(a.assessment_start_date, a.assessment_authorised_date)) from " ~ ref('stg_cin_census__assessments') ~ " as a where a.cin_episode_key = t.cin_episode_key),
            (select max(greatest(s.s47_start_date, s.icpc_date)) from " ~ ref('stg_cin_census__section47') ~ " as s where s.cin_episode_key = t.cin_episode_key),
            (select max(p.cp_plan_end_date) from " ~ ref('stg_cin_census__cp_plans') ~ " as p where p.cin_episode_key = t.cin_episode_key),
            (select max(greatest(p.cin_plan_start_date, p.cin_plan_end_date)) from " ~ ref('stg_cin_census__cin_plans') ~ " as p where p.cin_episode_key = t.cin_episode_key))",
        {'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8569Q() %}
    {#- A referral with no further action opened before the census year should have been closed last year. -#}
    {{ dq_row_rule('8569Q', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.is_referral_nfa and t.referral_date < " ~ dq_year_start('t.collection_year') ~ " - interval 1 day
         and t.referral_date < case dayofweek(" ~ dq_year_start('t.collection_year') ~ " - interval 1 day)
                                when 0 then " ~ dq_year_start('t.collection_year') ~ " - interval 3 day
                                when 6 then " ~ dq_year_start('t.collection_year') ~ " - interval 2 day
                                else " ~ dq_year_start('t.collection_year') ~ " - interval 1 day end",
        {'CINreferralDate': 't.referral_date', 'ReferralNFA': 't.is_referral_nfa'}) }}
{% endmacro %}

{% macro dq_cin_8585Q() %}
    {{ dq_row_rule('8585Q', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.reason_for_closure = 'RC2' and k.date_of_death is null", {'ReasonForClosure': 't.reason_for_closure'},
        joins="inner join " ~ ref('stg_cin_census__children') ~ " as k on k.cin_child_key = t.cin_child_key") }}
{% endmacro %}

{% macro dq_cin_8600() %}
    {{ dq_row_rule('8600', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.referral_date > " ~ dq_year_end('t.collection_year'), {'CINreferralDate': 't.referral_date'}) }}
{% endmacro %}

{% macro dq_cin_8606() %}
    {{ dq_row_rule('8606', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.referral_date < coalesce(k.date_of_birth, k.expected_date_of_birth) - interval 280 day",
        {'CINreferralDate': 't.referral_date', 'PersonBirthDate': 'k.date_of_birth', 'ExpectedPersonBirthDate': 'k.expected_date_of_birth'},
        joins="inner join " ~ ref('stg_cin_census__children') ~ " as k on k.cin_child_key = t.cin_child_key") }}
{% endmacro %}

{% macro dq_cin_8610() %}
    {{ dq_row_rule('8610', 'cin_details', ref('stg_cin_census__cin_details'),
        "not coalesce(t.is_referral_nfa, false) and t.primary_need is null",
        {'ReferralNFA': 't.is_referral_nfa', 'PrimaryNeedCode': 't.primary_need'}) }}
{% endmacro %}

{% macro dq_cin_8620() %}
    {{ dq_row_rule('8620', 'cin_details', ref('stg_cin_census__cin_details'), dqh_outside_year('t.closure_date'), {'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8630() %}
    {{ dq_row_rule('8630', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date < t.referral_date", {'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8715() %}
    {{ dq_row_rule('8715', 'cin_details', ref('stg_cin_census__cin_details'), dqh_outside_year('t.initial_cpc_date'), {'DateOfInitialCPC': 't.initial_cpc_date'}) }}
    union all
    {{ dqh_cin_8715_section47() }}
{% endmacro %}

{% macro dq_cin_8805() %}
    {{ dq_row_rule('8805', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is not null and t.reason_for_closure is null", {'CINclosureDate': 't.closure_date', 'ReasonForClosure': 't.reason_for_closure'}) }}
{% endmacro %}

{% macro dq_cin_8810() %}
    {{ dq_row_rule('8810', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is null and t.reason_for_closure is not null", {'CINclosureDate': 't.closure_date', 'ReasonForClosure': 't.reason_for_closure'}) }}
{% endmacro %}

{% macro dq_cin_8815() %}
    {{ dq_row_rule('8815', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is null and not coalesce(t.is_referral_nfa, false)
         and count(*) filter (where t.closure_date is null and not coalesce(t.is_referral_nfa, false)) over (partition by t.cin_child_key) > 1",
        {'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8816() %}
    {{ dq_row_rule('8816', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is null and not coalesce(t.is_referral_nfa, false)
         and t.referral_date < max(t.referral_date) over (partition by t.cin_child_key)",
        {'CINreferralDate': 't.referral_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8820() %}
    {{ dq_row_rule('8820', 'cin_details', ref('stg_cin_census__cin_details'),
        "exists (select 1 from " ~ ref('stg_cin_census__cin_details') ~ " as o
                 where o.cin_child_key = t.cin_child_key and o.cin_episode_key <> t.cin_episode_key
                   and o.referral_date >= t.referral_date
                   and o.referral_date < coalesce(t.closure_date, date '9999-12-31')
                   and not (o.referral_date = t.referral_date and o.source_line < t.source_line))",
        {'CINreferralDate': 't.referral_date', 'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8825Q() %}
    {{ dq_row_rule('8825Q', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.reason_for_closure in ('RC8', 'RC9') and not exists (
            select 1 from " ~ ref('stg_cin_census__assessments') ~ " as a where a.cin_episode_key = t.cin_episode_key)",
        {'ReasonForClosure': 't.reason_for_closure'}) }}
{% endmacro %}

{% macro dq_cin_8831() %}
    {{ dq_row_rule('8831', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.is_referral_nfa and (t.initial_cpc_date is not null
            or exists (select 1 from " ~ ref('stg_cin_census__assessments') ~ " as a where a.cin_episode_key = t.cin_episode_key)
            or exists (select 1 from " ~ ref('stg_cin_census__section47') ~ " as s where s.cin_episode_key = t.cin_episode_key))",
        {'ReferralNFA': 't.is_referral_nfa'}) }}
{% endmacro %}

{% macro dq_cin_2990() %}
    {{ dq_row_rule('2990', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.reason_for_closure in ('RC8', 'RC9') and (
            exists (select 1 from " ~ ref('stg_cin_census__cin_plans') ~ " as p where p.cin_episode_key = t.cin_episode_key)
            or exists (select 1 from " ~ ref('stg_cin_census__section47') ~ " as s where s.cin_episode_key = t.cin_episode_key)
            or exists (select 1 from " ~ ref('stg_cin_census__cp_plans') ~ " as c where c.cin_episode_key = t.cin_episode_key))",
        {'ReasonForClosure': 't.reason_for_closure'}) }}
{% endmacro %}

{% macro dq_cin_2991Q() %}
    {{ dq_row_rule('2991Q', 'cin_details', ref('stg_cin_census__cin_details'),
        "exists (select 1 from " ~ ref('stg_cin_census__section47') ~ " as s where s.cin_episode_key = t.cin_episode_key)
         and not exists (select 1 from " ~ ref('stg_cin_census__assessments') ~ " as a where a.cin_episode_key = t.cin_episode_key)",
        {'CINreferralDate': 't.referral_date'}) }}
{% endmacro %}

{% macro dq_cin_8867() %}
    {{ dq_row_rule('8867', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is not null and exists (
            select 1 from " ~ ref('stg_cin_census__assessments') ~ " as a
            where a.cin_episode_key = t.cin_episode_key and a.assessment_authorised_date is null)",
        {'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8868() %}
    {{ dq_row_rule('8868', 'cin_details', ref('stg_cin_census__cin_details'),
        "t.closure_date is not null and exists (
            select 1 from " ~ ref('stg_cin_census__section47') ~ " as s
            where s.cin_episode_key = t.cin_episode_key and s.icpc_date is null and not coalesce(s.is_icpc_not_required, false))",
        {'CINclosureDate': 't.closure_date'}) }}
{% endmacro %}

{% macro dq_cin_8875() %}
    {{ dq_row_rule('8875', 'cin_details', ref('stg_cin_census__cin_details'),
        "dayofweek(t.initial_cpc_date) in (0, 6)", {'DateOfInitialCPC': 't.initial_cpc_date'}) }}
    union all
    {{ dq_row_rule('8875', 'section47', ref('stg_cin_census__section47'),
        "dayofweek(t.icpc_date) in (0, 6)", {'DateOfInitialCPC': 't.icpc_date'}) }}
{% endmacro %}

{#- ---------- assessments ---------- -#}

{% macro dq_cin_1103() %}
    {{ dq_row_rule('1103', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_start_date < d.referral_date",
        {'AssessmentActualStartDate': 't.assessment_start_date', 'CINreferralDate': 'd.referral_date'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_8608() %}
    {{ dq_row_rule('8608', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_start_date > t.assessment_authorised_date",
        {'AssessmentActualStartDate': 't.assessment_start_date', 'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_cin_8614() %}
    {{ dq_row_rule('8614', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date is null and exists (
            select 1 from " ~ ref('stg_cin_census__assessment_factors') ~ " as f where f.assessment_key = t.assessment_key)",
        {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_cin_8670Q() %}
    {{ dq_row_rule('8670Q', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date is null and t.assessment_start_date < " ~ dq_year_end('t.collection_year') ~ " - interval 45 day
         and " ~ dqh_working_days('t.assessment_start_date', dq_year_end('t.collection_year')) ~ " > 45",
        {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
{% endmacro %}

{% macro dq_cin_8696() %}
    {{ dq_row_rule('8696', 'assessments', ref('stg_cin_census__assessments'),
        dqh_outside_year('t.assessment_authorised_date'), {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_cin_8736() %}
    {{ dq_row_rule('8736', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date is null and " ~ dqh_outside_year('t.assessment_start_date'),
        {'AssessmentActualStartDate': 't.assessment_start_date', 'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_cin_8863Q() %}
    {{ dq_row_rule('8863Q', 'assessments', ref('stg_cin_census__assessments'),
        "exists (select 1 from " ~ ref('stg_cin_census__assessments') ~ " as o
                 where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                   and o.assessment_key <> t.assessment_key
                   and t.assessment_start_date > o.assessment_start_date
                   and t.assessment_start_date < coalesce(o.assessment_authorised_date, date '9999-12-31'))",
        {'AssessmentActualStartDate': 't.assessment_start_date'}) }}
{% endmacro %}

{% macro dq_cin_8896() %}
    {{ dq_row_rule('8896', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date is null
         and count(*) filter (where t.assessment_authorised_date is null) over (partition by t.cin_episode_key) > 1",
        {'AssessmentActualStartDate': 't.assessment_start_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8897Q() %}
    {{ dq_row_rule('8897Q', 'assessments', ref('stg_cin_census__assessments'),
        "t.assessment_authorised_date is not null and not exists (
            select 1 from " ~ ref('stg_cin_census__assessment_factors') ~ " as f where f.assessment_key = t.assessment_key)",
        {'AssessmentAuthorisationDate': 't.assessment_authorised_date'}) }}
{% endmacro %}

{% macro dq_cin_8869() %}
    {{ dq_row_rule('8869', 'assessment_factors', ref('stg_cin_census__assessment_factors'),
        "t.factor_code = '21' and exists (
            select 1 from " ~ ref('stg_cin_census__assessment_factors') ~ " as o
            where o.assessment_key = t.assessment_key and o.factor_code <> '21')",
        {'AssessmentFactors': 't.factor_code'}) }}
{% endmacro %}

{% macro dq_cin_8898() %}
    {{ dq_row_rule('8898', 'assessment_factors', ref('stg_cin_census__assessment_factors'),
        "count(*) over (partition by t.assessment_key, t.factor_code) > 1",
        {'AssessmentFactors': 't.factor_code'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8945Q() %}
    {{ dq_row_rule('8945Q', 'assessment_factors', ref('stg_cin_census__assessment_factors'), "t.factor_code = '18A'", {'AssessmentFactors': 't.factor_code'}) }}
{% endmacro %}

{% macro dq_cin_8950Q() %}
    {{ dq_row_rule('8950Q', 'assessment_factors', ref('stg_cin_census__assessment_factors'), "t.factor_code = '19A'", {'AssessmentFactors': 't.factor_code'}) }}
{% endmacro %}

{#- ---------- CIN plans ---------- -#}

{% macro dq_cin_4000() %}
    {{ dq_row_rule('4000', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "d.is_referral_nfa", {'CINPlanStartDate': 't.cin_plan_start_date', 'ReferralNFA': 'd.is_referral_nfa'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_4001() %}
    {#- A child is on a CIN plan or a CP plan, never both on the same days. -#}
    {{ dq_row_rule('4001', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "exists (select 1 from " ~ ref('stg_cin_census__cp_plans') ~ " as p
                 where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id
                   and t.cin_plan_start_date < coalesce(p.cp_plan_end_date, date '9999-12-31')
                   and coalesce(t.cin_plan_end_date, date '9999-12-31') > p.cp_plan_start_date)",
        {'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_4004() %}
    {{ dq_row_rule('4004', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_end_date is null
         and count(*) filter (where t.cin_plan_end_date is null) over (partition by t.cin_episode_key) > 1",
        {'CINPlanStartDate': 't.cin_plan_start_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_4008() %}
    {{ dq_row_rule('4008', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_start_date > k.date_of_death", {'CINPlanStartDate': 't.cin_plan_start_date', 'PersonDeathDate': 'k.date_of_death'},
        joins=dqh_cin_child()) }}
{% endmacro %}

{% macro dq_cin_4009Q() %}
    {{ dq_row_rule('4009Q', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_end_date > k.date_of_death", {'CINPlanEndDate': 't.cin_plan_end_date', 'PersonDeathDate': 'k.date_of_death'},
        joins=dqh_cin_child()) }}
{% endmacro %}

{% macro dq_cin_4010() %}
    {{ dq_row_rule('4010', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_start_date > " ~ dq_year_end('t.collection_year'), {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
{% endmacro %}

{% macro dq_cin_4011() %}
    {{ dq_row_rule('4011', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_end_date < t.cin_plan_start_date", {'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_4012Q() %}
    {{ dq_row_rule('4012Q', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_end_date = t.cin_plan_start_date", {'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_4013() %}
    {{ dq_row_rule('4013', 'cin_plans', ref('stg_cin_census__cin_plans'), dqh_outside_year('t.cin_plan_end_date'), {'CINPlanEndDate': 't.cin_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_4014() %}
    {{ dq_row_rule('4014', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "exists (select 1 from " ~ ref('stg_cin_census__cin_plans') ~ " as o
                 where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                   and o.cin_plan_key <> t.cin_plan_key
                   and o.cin_plan_start_date >= t.cin_plan_start_date
                   and o.cin_plan_start_date < coalesce(t.cin_plan_end_date, date '9999-12-31')
                   and not (o.cin_plan_start_date = t.cin_plan_start_date and o.source_line < t.source_line))",
        {'CINPlanStartDate': 't.cin_plan_start_date', 'CINPlanEndDate': 't.cin_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_4015() %}
    {{ dq_row_rule('4015', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "t.cin_plan_start_date < d.referral_date",
        {'CINPlanStartDate': 't.cin_plan_start_date', 'CINreferralDate': 'd.referral_date'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{#- ---------- section 47 enquiries ---------- -#}

{% macro dq_cin_1104() %}
    {{ dq_row_rule('1104', 'section47', ref('stg_cin_census__section47'),
        "t.icpc_date < d.referral_date", {'DateOfInitialCPC': 't.icpc_date', 'CINreferralDate': 'd.referral_date'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_2884() %}
    {{ dq_row_rule('2884', 'section47', ref('stg_cin_census__section47'),
        "t.icpc_date is not null and d.initial_cpc_date is not null",
        {'S47_DateOfInitialCPC': 't.icpc_date', 'CINdetails_DateOfInitialCPC': 'd.initial_cpc_date'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_2889() %}
    {{ dq_row_rule('2889', 'section47', ref('stg_cin_census__section47'),
        "t.s47_start_date < d.referral_date", {'S47ActualStartDate': 't.s47_start_date', 'CINreferralDate': 'd.referral_date'},
        joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_8615() %}
    {{ dq_row_rule('8615', 'section47', ref('stg_cin_census__section47'),
        "t.s47_start_date > t.icpc_date", {'S47ActualStartDate': 't.s47_start_date', 'DateOfInitialCPC': 't.icpc_date'}) }}
{% endmacro %}

{% macro dq_cin_8675Q() %}
    {{ dq_row_rule('8675Q', 'section47', ref('stg_cin_census__section47'),
        "t.icpc_date is null and not coalesce(t.is_icpc_not_required, false)
         and t.s47_start_date < " ~ dq_year_end('t.collection_year') ~ " - interval 15 day
         and " ~ dqh_working_days('t.s47_start_date', dq_year_end('t.collection_year')) ~ " > 15",
        {'S47ActualStartDate': 't.s47_start_date', 'ICPCnotRequired': 't.is_icpc_not_required'}) }}
{% endmacro %}

{% macro dqh_cin_8715_section47() %}
    {{ dq_row_rule('8715', 'section47', ref('stg_cin_census__section47'), dqh_outside_year('t.icpc_date'), {'DateOfInitialCPC': 't.icpc_date'}) }}
{% endmacro %}

{% macro dq_cin_8740() %}
    {{ dq_row_rule('8740', 'section47', ref('stg_cin_census__section47'),
        "t.icpc_date is null and not coalesce(t.is_icpc_not_required, false) and " ~ dqh_outside_year('t.s47_start_date'),
        {'S47ActualStartDate': 't.s47_start_date', 'ICPCnotRequired': 't.is_icpc_not_required'}) }}
{% endmacro %}

{% macro dq_cin_8839() %}
    {{ dq_row_rule('8839', 'section47', ref('stg_cin_census__section47'),
        "t.icpc_date is null and not coalesce(t.is_icpc_not_required, false)
         and count(*) filter (where t.icpc_date is null and not coalesce(t.is_icpc_not_required, false)) over (partition by t.cin_episode_key) > 1",
        {'S47ActualStartDate': 't.s47_start_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8870Q() %}
    {{ dq_row_rule('8870Q', 'section47', ref('stg_cin_census__section47'),
        "dayofweek(t.icpc_target_date) in (0, 6)", {'InitialCPCtarget': 't.icpc_target_date'}) }}
{% endmacro %}

{% macro dq_cin_8890() %}
    {{ dq_row_rule('8890', 'section47', ref('stg_cin_census__section47'),
        "exists (select 1 from " ~ ref('stg_cin_census__section47') ~ " as o
                 where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                   and o.s47_key <> t.s47_key
                   and t.s47_start_date > o.s47_start_date
                   and o.icpc_date is null and not coalesce(o.is_icpc_not_required, false))",
        {'S47ActualStartDate': 't.s47_start_date'}) }}
{% endmacro %}

{#- ---------- child protection plans and their reviews ---------- -#}

{% macro dq_cin_1105() %}
    {{ dq_row_rule('1105', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date < d.referral_date", {'CPPstartDate': 't.cp_plan_start_date', 'CINreferralDate': 'd.referral_date'},
        joins=dqh_cin_episode()) }}
{% endmacro %}

{#- The initial conference dates of an episode: on the CIN details or on its section 47 enquiries. -#}
{% macro dqh_episode_icpc_dates(alias='t') -%}
    (select d2.initial_cpc_date from {{ ref('stg_cin_census__cin_details') }} as d2
     where d2.cin_episode_key = {{ alias }}.cin_episode_key and d2.initial_cpc_date is not null
     union
     select s.icpc_date from {{ ref('stg_cin_census__section47') }} as s
     where s.cin_episode_key = {{ alias }}.cin_episode_key and s.icpc_date is not null)
{%- endmacro %}

{% macro dq_cin_2883() %}
    {#- Only plans that start in the census year need their conference in this return. -#}
    {{ dq_row_rule('2883', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date >= " ~ dq_year_start('t.collection_year') ~ "
         and count(*) filter (where t.cp_plan_start_date >= " ~ dq_year_start('t.collection_year') ~ ") over (partition by t.cin_episode_key)
             > (select count(*) from " ~ dqh_episode_icpc_dates() ~ ")",
        {'CPPstartDate': 't.cp_plan_start_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_2885() %}
    {{ dq_row_rule('2885', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date >= " ~ dq_year_start('t.collection_year') ~ "
         and exists (select 1 from " ~ dqh_episode_icpc_dates() ~ ")
         and t.cp_plan_start_date not in " ~ dqh_episode_icpc_dates(),
        {'CPPstartDate': 't.cp_plan_start_date'}) }}
{% endmacro %}

{% macro dq_cin_8832() %}
    {{ dq_row_rule('8832', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "d.is_referral_nfa", {'CPPstartDate': 't.cp_plan_start_date', 'ReferralNFA': 'd.is_referral_nfa'}, joins=dqh_cin_episode()) }}
{% endmacro %}

{% macro dq_cin_8720() %}
    {{ dq_row_rule('8720', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date > " ~ dq_year_end('t.collection_year'), {'CPPstartDate': 't.cp_plan_start_date'}) }}
{% endmacro %}

{% macro dq_cin_8840() %}
    {{ dq_row_rule('8840', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date = t.cp_plan_end_date", {'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_8915() %}
    {{ dq_row_rule('8915', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_start_date > k.date_of_death", {'CPPstartDate': 't.cp_plan_start_date', 'PersonDeathDate': 'k.date_of_death'},
        joins=dqh_cin_child()) }}
{% endmacro %}

{% macro dq_cin_8920() %}
    {{ dq_row_rule('8920', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_end_date > k.date_of_death", {'CPPendDate': 't.cp_plan_end_date', 'PersonDeathDate': 'k.date_of_death'},
        joins=dqh_cin_child()) }}
{% endmacro %}

{% macro dq_cin_8925() %}
    {{ dq_row_rule('8925', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_end_date < t.cp_plan_start_date", {'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_8930() %}
    {{ dq_row_rule('8930', 'cp_plans', ref('stg_cin_census__cp_plans'), dqh_outside_year('t.cp_plan_end_date'), {'CPPendDate': 't.cp_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_8935() %}
    {{ dq_row_rule('8935', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "t.cp_plan_end_date is null
         and count(*) filter (where t.cp_plan_end_date is null) over (partition by t.la_code, t.collection_year, t.child_id) > 1",
        {'CPPstartDate': 't.cp_plan_start_date'}) | replace('select distinct', 'select') | replace('where coalesce', 'qualify coalesce') }}
{% endmacro %}

{% macro dq_cin_8940() %}
    {{ dq_row_rule('8940', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "exists (select 1 from " ~ ref('stg_cin_census__cp_plans') ~ " as o
                 where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                   and o.cp_plan_key <> t.cp_plan_key
                   and o.cp_plan_start_date >= t.cp_plan_start_date
                   and o.cp_plan_start_date < coalesce(t.cp_plan_end_date, date '9999-12-31')
                   and not (o.cp_plan_start_date = t.cp_plan_start_date and o.source_line < t.source_line))",
        {'CPPstartDate': 't.cp_plan_start_date', 'CPPendDate': 't.cp_plan_end_date'}) }}
{% endmacro %}

{% macro dq_cin_8841() %}
    {{ dq_row_rule('8841', 'cp_reviews', ref('stg_cin_census__cp_reviews'),
        "t.cp_review_date <= p.cp_plan_start_date", {'CPPreviewDate': 't.cp_review_date', 'CPPstartDate': 'p.cp_plan_start_date'},
        joins="inner join " ~ ref('stg_cin_census__cp_plans') ~ " as p on p.cp_plan_key = t.cp_plan_key") }}
{% endmacro %}

{% macro dq_cin_4003() %}
    {{ dq_row_rule('4003', 'cp_reviews', ref('stg_cin_census__cp_reviews'),
        "exists (select 1 from " ~ ref('stg_cin_census__cin_plans') ~ " as c
                 where c.la_code = t.la_code and c.collection_year = t.collection_year and c.child_id = t.child_id
                   and t.cp_review_date > c.cin_plan_start_date
                   and t.cp_review_date < coalesce(c.cin_plan_end_date, date '9999-12-31'))",
        {'CPPreviewDate': 't.cp_review_date'}) }}
{% endmacro %}

{#- ---------- more CIN rules: UPN check letter and LA, plan concurrency, return-level queries ---------- -#}

{#- The weighted sum of UPN characters 2-13 (weights 2-13) that gives the check letter. -#}
{% macro dqh_upn_weighted_sum(upn) -%}
    ({%- for i in range(2, 14) %}cast(substr({{ upn }}, {{ i }}, 1) as integer) * {{ i }}{{ ' + ' if not loop.last }}{% endfor -%})
{%- endmacro %}

{% macro dq_cin_1510() %}
    {#- The check letter is the weighted sum modulo 23 mapped onto ABCDEFGHJKLMNPQRTUVWXYZ. Only
        UPNs whose characters 2-13 are all digits are checked (a temporary UPN ends in a letter). -#}
    {{ dq_row_rule('1510', 'children', ref('stg_cin_census__children'),
        "regexp_full_match(t.upn, '.[0-9]{12}')
         and upper(left(t.upn, 1)) <> substr('ABCDEFGHJKLMNPQRTUVWXYZ', 1 + (" ~ dqh_upn_weighted_sum('t.upn') ~ " % 23), 1)",
        {'UPN': 't.upn'}) }}
{% endmacro %}

{% macro dq_cin_1530() %}
    {#- Characters 2-4 are the DfE number of the LA that issued the UPN. -#}
    {{ dq_row_rule('1530', 'children', ref('stg_cin_census__children'),
        "t.upn is not null and length(t.upn) = 13
         and substr(t.upn, 2, 3) not in (select cast(la.la_code as varchar) from " ~ ref('ref_local_authorities') ~ " as la)",
        {'UPN': 't.upn'}) }}
{% endmacro %}

{% macro dq_cin_4016() %}
    {#- A CIN plan that starts while a CP plan is open (from its start to its end, or to 31 March). -#}
    {{ dq_row_rule('4016', 'cin_plans', ref('stg_cin_census__cin_plans'),
        "exists (select 1 from " ~ ref('stg_cin_census__cp_plans') ~ " as p
                 where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id
                   and t.cin_plan_start_date >= p.cp_plan_start_date
                   and ((p.cp_plan_end_date is not null and t.cin_plan_start_date < p.cp_plan_end_date)
                        or (p.cp_plan_end_date is null and t.cin_plan_start_date <= " ~ dq_year_end('t.collection_year') ~ ")))",
        {'CINPlanStartDate': 't.cin_plan_start_date'}) }}
{% endmacro %}

{% macro dq_cin_4017() %}
    {#- A CP plan that starts while a CIN plan is open. -#}
    {{ dq_row_rule('4017', 'cp_plans', ref('stg_cin_census__cp_plans'),
        "exists (select 1 from " ~ ref('stg_cin_census__cin_plans') ~ " as c
                 where c.la_code = t.la_code and c.collection_year = t.collection_year and c.child_id = t.child_id
                   and t.cp_plan_start_date >= c.cin_plan_start_date
                   and ((c.cin_plan_end_date is not null and t.cp_plan_start_date < c.cin_plan_end_date)
                        or (c.cin_plan_end_date is null and t.cp_plan_start_date <= " ~ dq_year_end('t.collection_year') ~ ")))",
        {'CPPstartDate': 't.cp_plan_start_date'}) }}
{% endmacro %}

{% macro dq_cin_2888Q() %}
    {#- A return-level query: no child has more than one disability recorded. -#}
    with per_child as (
        select la_code, collection_year, cin_child_key, min(source_file) as source_file, count(*) as codes
        from {{ ref('stg_cin_census__disabilities') }}
        where disability_code <> 'NONE'
        group by la_code, collection_year, cin_child_key
    ),

    per_return as (
        select la_code, collection_year, min(source_file) as source_file, max(codes) as most_codes
        from per_child
        group by la_code, collection_year
    )

    select
        '2888Q' as rule_code, la_code, cast(collection_year as integer) as collection_year, cast(null as varchar) as child_id,
        'disabilities' as table_name, source_file, cast(null as bigint) as source_line,
        'most Disability codes for one child=' || most_codes as offending_values
    from per_return
    where most_codes <= 1
{% endmacro %}

{% macro dq_cin_8873Q() %}
    {#- The only assessment of an episode found no factors (21): the episode should close RC8 or RC9. -#}
    {{ dq_row_rule('8873Q', 'assessments', ref('stg_cin_census__assessments'),
        "coalesce(d.reason_for_closure, '') not in ('RC8', 'RC9')
         and exists (select 1 from " ~ ref('stg_cin_census__assessment_factors') ~ " as f
                     where f.assessment_key = t.assessment_key and f.factor_code like '%21%')
         and not exists (select 1 from " ~ ref('stg_cin_census__assessments') ~ " as o
                         where o.cin_episode_key = t.cin_episode_key and o.assessment_key <> t.assessment_key)",
        {'ReasonForClosure': 'd.reason_for_closure'}, joins=dqh_cin_episode()) }}
{% endmacro %}
