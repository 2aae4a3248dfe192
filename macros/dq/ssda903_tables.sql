{#- DfE SSDA903 rules on the header, reviews, UASC, OC2, OC3, AD1, placed-for-adoption, missing,
    previous permanence and social worker tables. `c` is the child's row in int_dq__ssda903_children. -#}

{% macro dqh_child_join(alias='t', child_alias='c') -%}
    left join {{ ref('int_dq__ssda903_children') }} as {{ child_alias }}
        on
            {{ child_alias }}.la_code = {{ alias }}.la_code
            and {{ child_alias }}.collection_year = {{ alias }}.collection_year
            and {{ child_alias }}.child_id = {{ alias }}.child_id
{%- endmacro %}

{#- ---------- header ---------- -#}

{% macro dq_903_301() %}
    {{ dq_row_rule('301', 'header', ref('stg_ssda903__header'),
        "t.date_of_birth > " ~ dq_year_end('t.collection_year'), {'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_351() %}
    {{ dq_row_rule('351', 'header', ref('stg_ssda903__header'),
        "t.date_of_birth + interval 25 year < " ~ dq_year_start('t.collection_year'), {'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_174() %}
    {{ dq_row_rule('174', 'header', ref('stg_ssda903__header'),
        "t.mother_child_dob is not null and t.sex in ('1', 'M')", {'SEX': 't.sex', 'MC_DOB': 't.mother_child_dob'}) }}
{% endmacro %}

{% macro dq_903_165() %}
    {#- MOTHER is 0/1 for girls with (non short-break) episodes this year, blank for boys. Care
        leavers with no episode this year are left to rule 628. -#}
    {{ dq_row_rule('165', 'header', ref('stg_ssda903__header'),
        "c.child_id is not null and (
            (t.is_mother is not null and t.sex in ('1', 'M'))
            or (t.is_mother is null and t.sex in ('2', 'F') and c.in_care_in_year))",
        {'SEX': 't.sex', 'MOTHER': 't.is_mother'},
        joins="left join (
            select la_code, collection_year, child_id,
                   bool_or(episode_start_date <= year_end
                           and coalesce(episode_end_date, year_end) >= year_start) as in_care_in_year
            from " ~ ref('int_dq__ssda903_episodes') ~ "
            where coalesce(legal_status, '') not in ('V3', 'V4')
            group by all) as c
            on c.la_code = t.la_code and c.collection_year = t.collection_year and c.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_611() %}
    {{ dq_row_rule('611', 'header', ref('stg_ssda903__header'),
        "t.is_mother and t.mother_child_dob is null", {'MOTHER': 't.is_mother', 'MC_DOB': 't.mother_child_dob'}) }}
{% endmacro %}

{% macro dq_903_612() %}
    {{ dq_row_rule('612', 'header', ref('stg_ssda903__header'),
        "t.sex in ('2', 'F') and t.is_mother = false and t.mother_child_dob is not null",
        {'SEX': 't.sex', 'MOTHER': 't.is_mother', 'MC_DOB': 't.mother_child_dob'}) }}
{% endmacro %}

{% macro dq_903_620() %}
    {{ dq_row_rule('620', 'header', ref('stg_ssda903__header'),
        "t.is_mother and " ~ dq_age('t.date_of_birth', dq_year_start('t.collection_year')) ~ " < 11",
        {'DOB': 't.date_of_birth', 'MOTHER': 't.is_mother'}) }}
{% endmacro %}

{% macro dq_903_621() %}
    {{ dq_row_rule('621', 'header', ref('stg_ssda903__header'),
        "t.mother_child_dob <= t.date_of_birth", {'DOB': 't.date_of_birth', 'MC_DOB': 't.mother_child_dob'}) }}
{% endmacro %}

{% macro dq_903_625() %}
    {#- Compared with the latest end date of the child's episodes (open episodes aside). -#}
    {{ dq_row_rule('625', 'header', ref('stg_ssda903__header'),
        "t.mother_child_dob > " ~ dq_year_end('t.collection_year') ~ " or t.mother_child_dob > e.latest_dec",
        {'MC_DOB': 't.mother_child_dob', 'DEC': 'e.latest_dec'},
        joins="left join (select la_code, collection_year, child_id, max(episode_end_date) as latest_dec
                          from " ~ ref('stg_ssda903__episodes') ~ " group by all) as e
            on e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_168() %}
    {#- A UPN is a letter, 11 digits and a digit or letter; or one of the UN placeholder codes. -#}
    {{ dq_row_rule('168', 'header', ref('stg_ssda903__header'),
        "t.upn is not null and not regexp_full_match(upper(t.upn), '[A-Z][0-9]{11}[0-9A-Z]|UN[1-5]')", {'UPN': 't.upn'}) }}
{% endmacro %}

{% macro dq_903_442() %}
    {{ dq_row_rule('442', 'header', ref('stg_ssda903__header'),
        "t.upn is null and c.episode_count > 0", {'UPN': 't.upn'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_209() %}
    {#- School age, as the DfE's check counts it: 4 or over on 31 August of the year before the
        collection year starts. -#}
    {{ dq_row_rule('209', 'header', ref('stg_ssda903__header'),
        "upper(t.upn) = 'UN1' and t.date_of_birth + interval 4 year <= make_date(cast(t.collection_year as integer) - 2, 8, 31)",
        {'UPN': 't.upn', 'DOB': 't.date_of_birth'}) }}
{% endmacro %}

{% macro dq_903_210() %}
    {#- UN4 ('just arrived') is for children who started to be looked after in the last week of the year. -#}
    {{ dq_row_rule('210', 'header', ref('stg_ssda903__header'),
        "upper(t.upn) = 'UN4' and c.first_episode_start < " ~ dq_year_end('t.collection_year') ~ " - interval 7 day",
        {'UPN': 't.upn', 'DECOM': 'c.first_episode_start'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_393() %}
    {#- A girl looked after in the year (other than on short breaks) needs the MOTHER item. -#}
    {{ dq_row_rule('393', 'header', ref('stg_ssda903__header'),
        "t.sex in ('2', 'F') and t.is_mother is null and exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
              and coalesce(e.legal_status, '') not in ('V3', 'V4'))",
        {'SEX': 't.sex', 'MOTHER': 't.is_mother'}) }}
{% endmacro %}

{% macro dq_903_607() %}
    {#- A girl who ceased to be looked after in the year (other than from short breaks) needs MOTHER. -#}
    {{ dq_row_rule('607', 'header', ref('stg_ssda903__header'),
        "t.sex in ('2', 'F') and t.is_mother is null and exists (
            select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
              and e.reason_episode_ceased <> 'X1' and e.episode_end_date between e.year_start and e.year_end
              and coalesce(e.legal_status, '') not in ('V3', 'V4'))",
        {'SEX': 't.sex', 'MOTHER': 't.is_mother'}) }}
{% endmacro %}

{% macro dq_903_232() %}
    {{ dq_row_rule('232', 'header', ref('stg_ssda903__header'), "t.sex = 'U'", {'SEX': 't.sex'}) }}
{% endmacro %}

{% macro dq_903_EPI() %}
    {#- A child in the header needs episodes this year, unless the header row is for a care leaver (OC3). -#}
    {{ dq_row_rule('EPI', 'header', ref('stg_ssda903__header'),
        "c.episode_count = 0 and not exists (
            select 1 from " ~ ref('stg_ssda903__oc3') ~ " as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id)",
        {'CHILD': 't.child_id'}, joins=dqh_child_join()) }}
{% endmacro %}

{#- ---------- reviews ---------- -#}

{% macro dq_903_440() %}
    {{ dq_row_rule('440', 'reviews', ref('stg_ssda903__reviews'),
        "t.review_participation = 'PN0' and t.review_date > coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year",
        {'REVIEW_CODE': 't.review_participation', 'REVIEW': 't.review_date', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_441() %}
    {{ dq_row_rule('441', 'reviews', ref('stg_ssda903__reviews'),
        "t.review_participation in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
         and t.review_date < coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year",
        {'REVIEW_CODE': 't.review_participation', 'REVIEW': 't.review_date', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_399() %}
    {#- Short-break-only children have no reviews in the 903. -#}
    {{ dq_row_rule('399', 'reviews', ref('stg_ssda903__reviews'),
        "c.is_short_breaks_only and c.episode_count > 0",
        {'REVIEW': 't.review_date', 'LS': 'c.last_legal_status'}, joins=dqh_child_join()) }}
{% endmacro %}

{#- ---------- UASC ---------- -#}

{% macro dq_903_304() %}
    {{ dq_row_rule('304', 'uasc', ref('stg_ssda903__uasc'),
        "t.date_uasc_ceased > coalesce(t.date_of_birth, c.date_of_birth) + interval 18 year",
        {'DUC': 't.date_uasc_ceased', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_1014() %}
    {{ dq_row_rule('1014', 'uasc', ref('stg_ssda903__uasc'),
        "c.episode_count = 0 and exists (
            select 1 from " ~ ref('stg_ssda903__oc3') ~ " as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id)",
        {'DUC': 't.date_uasc_ceased'}, joins=dqh_child_join()) }}
{% endmacro %}

{#- ---------- OC2: children looked after continuously for 12 months at 31 March ---------- -#}

{% macro dq_903_158() %}
    {{ dq_row_rule('158', 'oc2', ref('stg_ssda903__oc2'),
        "t.intervention_received and t.intervention_offered is not null",
        {'INTERVENTION_RECEIVED': 't.intervention_received', 'INTERVENTION_OFFERED': 't.intervention_offered'}) }}
{% endmacro %}

{% macro dq_903_159() %}
    {{ dq_row_rule('159', 'oc2', ref('stg_ssda903__oc2'),
        "t.has_substance_misuse and t.intervention_received = false and t.intervention_offered is null",
        {'SUBSTANCE_MISUSE': 't.has_substance_misuse', 'INTERVENTION_RECEIVED': 't.intervention_received',
         'INTERVENTION_OFFERED': 't.intervention_offered'}) }}
{% endmacro %}

{% macro dq_903_182() %}
    {#- Either all the health items are completed or none of the OC2 items is. -#}
    {{ dq_row_rule('182', 'oc2', ref('stg_ssda903__oc2'),
        "(t.immunisations_up_to_date is null or t.had_teeth_check is null or t.had_health_assessment is null or t.has_substance_misuse is null)
         and (t.is_convicted is not null or t.had_health_check is not null or t.intervention_received is not null or t.intervention_offered is not null)",
        {'IMMUNISATIONS': 't.immunisations_up_to_date', 'TEETH_CHECK': 't.had_teeth_check',
         'HEALTH_ASSESSMENT': 't.had_health_assessment', 'SUBSTANCE_MISUSE': 't.has_substance_misuse'}) }}
{% endmacro %}

{% macro dq_903_185() %}
    {{ dq_row_rule('185', 'oc2', ref('stg_ssda903__oc2'),
        "not coalesce(c.is_continuously_looked_after, false) and t.sdq_score is not null",
        {'SDQ_SCORE': 't.sdq_score'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_186() %}
    {{ dq_row_rule('186', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason is null
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year <= c.year_start
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 17 year > c.year_end",
        {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_187() %}
    {#- An OC2 child (in care all year) cannot also be adopted or a care leaver this year. -#}
    {{ dq_row_rule('187', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and (
            exists (select 1 from " ~ ref('stg_ssda903__ad1') ~ " as a
                    where a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__oc3') ~ " as o
                    where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                      and (o.in_touch is not null or o.activity is not null or o.accommodation is not null)))",
        {'CHILD': 't.child_id'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_188() %}
    {{ dq_row_rule('188', 'oc2', ref('stg_ssda903__oc2'),
        "coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year > " ~ dq_year_end('t.collection_year') ~ "
         and (t.sdq_score is not null or t.sdq_reason is not null)",
        {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_189() %}
    {{ dq_row_rule('189', 'oc2', ref('stg_ssda903__oc2'),
        "coalesce(t.date_of_birth, c.date_of_birth) + interval 17 year < " ~ dq_year_start('t.collection_year') ~ "
         and (t.sdq_score is not null or t.sdq_reason is not null)",
        {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_190() %}
    {{ dq_row_rule('190', 'oc2', ref('stg_ssda903__oc2'),
        "not coalesce(c.is_continuously_looked_after, false) and (
            t.is_convicted is not null or t.had_health_check is not null or t.immunisations_up_to_date is not null
            or t.had_teeth_check is not null or t.had_health_assessment is not null or t.has_substance_misuse is not null
            or t.intervention_received is not null or t.intervention_offered is not null)",
        {'CONVICTED': 't.is_convicted', 'IMMUNISATIONS': 't.immunisations_up_to_date'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_191() %}
    {#- Looked after for 12 months at 31 March: the OC2 health items are due, and an OC2 row must
        exist (flagged on the child's first episode when it does not). -#}
    {{ dq_row_rule('191', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and (t.immunisations_up_to_date is null or t.had_teeth_check is null
            or t.had_health_assessment is null or t.has_substance_misuse is null)",
        {'IMMUNISATIONS': 't.immunisations_up_to_date', 'TEETH_CHECK': 't.had_teeth_check',
         'HEALTH_ASSESSMENT': 't.had_health_assessment', 'SUBSTANCE_MISUSE': 't.has_substance_misuse'},
        joins=dqh_child_join()) }}
    union all
    {{ dq_row_rule('191', 'episodes', ref('int_dq__ssda903_episodes'),
        "t.episode_seq = 1 and c.is_continuously_looked_after and not exists (
            select 1 from " ~ ref('stg_ssda903__oc2') ~ " as o
            where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id)",
        {'CHILD': 't.child_id'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_192() %}
    {{ dq_row_rule('192', 'oc2', ref('stg_ssda903__oc2'),
        "t.has_substance_misuse and t.intervention_received is null",
        {'SUBSTANCE_MISUSE': 't.has_substance_misuse', 'INTERVENTION_RECEIVED': 't.intervention_received'}) }}
{% endmacro %}

{% macro dq_903_193() %}
    {{ dq_row_rule('193', 'oc2', ref('stg_ssda903__oc2'),
        "not coalesce(t.has_substance_misuse, false) and (t.intervention_received is not null or t.intervention_offered is not null)",
        {'SUBSTANCE_MISUSE': 't.has_substance_misuse', 'INTERVENTION_RECEIVED': 't.intervention_received',
         'INTERVENTION_OFFERED': 't.intervention_offered'}) }}
{% endmacro %}

{% macro dq_903_198() %}
    {{ dq_row_rule('198', 'oc2', ref('stg_ssda903__oc2'),
        "not coalesce(c.is_continuously_looked_after, false) and t.sdq_reason is not null",
        {'SDQ_REASON': 't.sdq_reason'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_197a() %}
    {{ dq_row_rule('197a', 'oc2', ref('stg_ssda903__oc2'),
        "t.sdq_score is not null and t.sdq_reason is not null", {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason'}) }}
{% endmacro %}

{% macro dq_903_197B() %}
    {#- Children turning 4 or 17 during the year still need an SDQ score or a reason. -#}
    {{ dq_row_rule('197B', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason is null and (
            coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year between c.year_start and c.year_end
            or coalesce(t.date_of_birth, c.date_of_birth) + interval 17 year between c.year_start and c.year_end)",
        {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason', 'DOB': 'c.date_of_birth'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_157() %}
    {{ dq_row_rule('157', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason = 'SDQ1'
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 4 year <= c.year_start
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 16 year >= c.year_end",
        {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_542() %}
    {{ dq_row_rule('542', 'oc2', ref('stg_ssda903__oc2'),
        "t.is_convicted is not null and coalesce(t.date_of_birth, c.date_of_birth) + interval 10 year > " ~ dq_year_end('t.collection_year'),
        {'CONVICTED': 't.is_convicted', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_543() %}
    {{ dq_row_rule('543', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.is_convicted is null
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 10 year < " ~ dq_year_end('t.collection_year'),
        {'CONVICTED': 't.is_convicted', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_544() %}
    {{ dq_row_rule('544', 'oc2', ref('stg_ssda903__oc2'),
        "t.is_convicted is not null and (t.immunisations_up_to_date is null or t.had_teeth_check is null
            or t.had_health_assessment is null or t.has_substance_misuse is null)",
        {'CONVICTED': 't.is_convicted', 'IMMUNISATIONS': 't.immunisations_up_to_date', 'TEETH_CHECK': 't.had_teeth_check',
         'HEALTH_ASSESSMENT': 't.had_health_assessment', 'SUBSTANCE_MISUSE': 't.has_substance_misuse'}) }}
{% endmacro %}

{% macro dq_903_545() %}
    {{ dq_row_rule('545', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.had_health_check is null
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 5 year > " ~ dq_year_end('t.collection_year'),
        {'HEALTH_CHECK': 't.had_health_check', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_546() %}
    {{ dq_row_rule('546', 'oc2', ref('stg_ssda903__oc2'),
        "c.is_continuously_looked_after and t.had_health_check is not null
         and coalesce(t.date_of_birth, c.date_of_birth) + interval 5 year <= " ~ dq_year_end('t.collection_year'),
        {'HEALTH_CHECK': 't.had_health_check', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_547() %}
    {{ dq_row_rule('547', 'oc2', ref('stg_ssda903__oc2'),
        "t.had_health_check is not null and (t.immunisations_up_to_date is null or t.had_teeth_check is null
            or t.had_health_assessment is null or t.has_substance_misuse is null)",
        {'HEALTH_CHECK': 't.had_health_check', 'IMMUNISATIONS': 't.immunisations_up_to_date'}) }}
{% endmacro %}

{#- ---------- OC3: care leavers around their 17th to 21st birthdays ---------- -#}

{% macro dqh_oc3_completed(alias='t') -%}
    ({{ alias }}.in_touch is not null or {{ alias }}.activity is not null or {{ alias }}.accommodation is not null)
{%- endmacro %}

{% macro dq_903_153() %}
    {{ dq_row_rule('153', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and (t.in_touch is null or t.activity is null or t.accommodation is null)",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{% macro dq_903_344() %}
    {{ dq_row_rule('344', 'oc3', ref('stg_ssda903__oc3'),
        "t.in_touch in ('DIED', 'RHOM') and (coalesce(t.activity, '') <> '0' or coalesce(t.accommodation, '') <> '0')",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{% macro dq_903_345() %}
    {{ dq_row_rule('345', 'oc3', ref('stg_ssda903__oc3'),
        "t.in_touch = 'YES' and (t.activity = '0' or t.accommodation = '0')",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{% macro dq_903_391() %}
    {{ dq_row_rule('391', 'oc3', ref('stg_ssda903__oc3'),
        "coalesce(t.date_of_birth, c.date_of_birth) + interval 17 year > " ~ dq_year_end('t.collection_year') ~ " and " ~ dqh_oc3_completed(),
        {'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)', 'IN_TOUCH': 't.in_touch'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_1000() %}
    {{ dq_row_rule('1000', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year in (t.collection_year, t.collection_year - 1)
              and e.child_id = t.child_id and e.reason_episode_ceased = 'E2')",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{% macro dq_903_1002() %}
    {{ dq_row_rule('1002', 'oc3', ref('stg_ssda903__oc3'),
        "exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as a
                 where a.la_code = t.la_code and a.collection_year = t.collection_year - 1)
         and not exists (
            select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year in (t.collection_year, t.collection_year - 1)
              and e.child_id = t.child_id)",
        {'CHILD': 't.child_id'}) }}
{% endmacro %}

{% macro dq_903_1007() %}
    {#- Still looked after on the 17th or 18th birthday falling in the year: no care-leaver return yet. -#}
    {{ dq_row_rule('1007', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and exists (
            select 1 from " ~ ref('int_dq__ssda903_episodes') ~ " as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
              and e.date_of_birth is not null
              and " ~ dq_age('e.date_of_birth', 'e.year_end') ~ " in (17, 18)
              and e.episode_start_date <= e.date_of_birth + to_years(cast(" ~ dq_age('e.date_of_birth', 'e.year_end') ~ " as integer))
              and coalesce(e.episode_end_date, date '9999-12-31') > e.date_of_birth + to_years(cast(" ~ dq_age('e.date_of_birth', 'e.year_end') ~ " as integer)))",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{% macro dq_903_1011() %}
    {{ dq_row_rule('1011', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and c.last_reason_ceased = 'E3'",
        {'IN_TOUCH': 't.in_touch', 'REC': 'c.last_reason_ceased'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_1012() %}
    {#- Care leavers with no episode this year have only header and OC3 rows. -#}
    {{ dq_row_rule('1012', 'oc3', ref('stg_ssda903__oc3'),
        "coalesce(c.episode_count, 0) = 0 and (
            exists (select 1 from " ~ ref('stg_ssda903__oc2') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__reviews') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__ad1') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__missing') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__prev_perm') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id)
            or exists (select 1 from " ~ ref('stg_ssda903__uasc') ~ " as x where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id))",
        {'CHILD': 't.child_id'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_134() %}
    {{ dq_row_rule('134', 'oc3', ref('stg_ssda903__oc3'),
        dqh_oc3_completed() ~ " and exists (
            select 1 from " ~ ref('stg_ssda903__ad1') ~ " as a
            where a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id
              and (a.date_decision_to_adopt is not null or a.date_matched is not null))",
        {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
{% endmacro %}

{#- ---------- AD1: children adopted in the year ---------- -#}

{% macro dq_903_151() %}
    {{ dq_row_rule('151', 'ad1', ref('stg_ssda903__ad1'),
        "(t.date_decision_to_adopt is null or t.date_matched is null or t.adopted_by_foster_carer is null
          or t.number_of_adopters is null or t.adopter_sex is null or t.adopter_legal_status is null)
         and (t.date_decision_to_adopt is not null or t.date_matched is not null or t.adopted_by_foster_carer is not null
          or t.number_of_adopters is not null or t.adopter_sex is not null or t.adopter_legal_status is not null)",
        {'DATE_INT': 't.date_decision_to_adopt', 'DATE_MATCH': 't.date_matched', 'FOSTER_CARE': 't.adopted_by_foster_carer',
         'NB_ADOPTR': 't.number_of_adopters', 'SEX_ADOPTR': 't.adopter_sex', 'LS_ADOPTR': 't.adopter_legal_status'}) }}
{% endmacro %}

{% macro dq_903_333() %}
    {{ dq_row_rule('333', 'ad1', ref('stg_ssda903__ad1'),
        "t.date_decision_to_adopt > t.date_matched", {'DATE_INT': 't.date_decision_to_adopt', 'DATE_MATCH': 't.date_matched'}) }}
{% endmacro %}

{% macro dq_903_334() %}
    {#- The decision to adopt comes on or after the start (RNE S) of the latest period of care. -#}
    {{ dq_row_rule('334', 'ad1', ref('stg_ssda903__ad1'),
        "t.date_decision_to_adopt < s.latest_care_start",
        {'DATE_INT': 't.date_decision_to_adopt', 'latest_S_DECOM': 's.latest_care_start'},
        joins="inner join (select la_code, collection_year, child_id, max(episode_start_date) as latest_care_start
                           from " ~ ref('stg_ssda903__episodes') ~ " where reason_new_episode = 'S' group by all) as s
            on s.la_code = t.la_code and s.collection_year = t.collection_year and s.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_331() %}
    {#- Matched on or before the child was placed for adoption (the first A3-A6 episode). -#}
    {{ dq_row_rule('331', 'ad1', ref('stg_ssda903__ad1'),
        "t.date_matched > p.first_adoption_placement",
        {'DATE_MATCH': 't.date_matched', 'placed_DECOM': 'p.first_adoption_placement'},
        joins="inner join (select la_code, collection_year, child_id, min(episode_start_date) as first_adoption_placement
                           from " ~ ref('stg_ssda903__episodes') ~ " where placement_type in ('A3', 'A4', 'A5', 'A6') group by all) as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_335() %}
    {#- FOSTER_CARE says whether the adopters were the foster carers (A3/A5) or not (A4/A6). -#}
    {{ dq_row_rule('335', 'ad1', ref('stg_ssda903__ad1'),
        "(t.adopted_by_foster_carer = false and e.placement_type in ('A3', 'A5'))
         or (t.adopted_by_foster_carer and e.placement_type in ('A4', 'A6'))",
        {'FOSTER_CARE': 't.adopted_by_foster_carer', 'PLACE': 'e.placement_type'},
        joins="inner join " ~ ref('int_dq__ssda903_episodes') ~ " as e
            on e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.reason_episode_ceased in ('E11', 'E12')") }}
{% endmacro %}

{% macro dq_903_175() %}
    {{ dq_row_rule('175', 'ad1', ref('stg_ssda903__ad1'),
        "t.number_of_adopters not in (1, 2)", {'NB_ADOPTR': 't.number_of_adopters'}) }}
{% endmacro %}

{% macro dq_903_511() %}
    {{ dq_row_rule('511', 'ad1', ref('stg_ssda903__ad1'),
        "t.number_of_adopters = 2 and t.adopter_sex not in ('MM', 'FF', 'MF')",
        {'NB_ADOPTR': 't.number_of_adopters', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_514() %}
    {{ dq_row_rule('514', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L1' and t.adopter_sex in ('MM', 'FF', 'MF')",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_517() %}
    {{ dq_row_rule('517', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L3' and t.adopter_sex <> 'MF'",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_518() %}
    {{ dq_row_rule('518', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L4' and t.adopter_sex not in ('MM', 'FF')",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_519() %}
    {{ dq_row_rule('519', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L2' and t.adopter_sex not in ('MM', 'FF', 'MF')",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_520() %}
    {{ dq_row_rule('520', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L11' and t.adopter_sex <> 'MF'",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_524() %}
    {{ dq_row_rule('524', 'ad1', ref('stg_ssda903__ad1'),
        "t.adopter_legal_status = 'L12' and t.adopter_sex not in ('MM', 'FF')",
        {'LS_ADOPTR': 't.adopter_legal_status', 'SEX_ADOPTR': 't.adopter_sex'}) }}
{% endmacro %}

{% macro dq_903_582() %}
    {{ dq_row_rule('582', 'ad1', ref('stg_ssda903__ad1'),
        "t.date_matched = e.episode_end_date",
        {'DATE_MATCH': 't.date_matched', 'DEC': 'e.episode_end_date'},
        joins="inner join " ~ ref('stg_ssda903__episodes') ~ " as e
            on e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.reason_episode_ceased in ('E11', 'E12')") }}
{% endmacro %}

{% macro dq_903_601() %}
    {#- Adopted in the year (E11/E12) with an AD1 row: every AD1 item is due. (A missing AD1 row
        altogether is not this rule.) -#}
    {{ dq_row_rule('601', 'episodes', ref('stg_ssda903__episodes'),
        "t.reason_episode_ceased in ('E11', 'E12')
         and t.episode_end_date between " ~ dq_year_start('t.collection_year') ~ " and " ~ dq_year_end('t.collection_year') ~ "
         and (a.date_decision_to_adopt is null or a.date_matched is null or a.adopted_by_foster_carer is null
              or a.number_of_adopters is null or a.adopter_sex is null or a.adopter_legal_status is null)",
        {'REC': 't.reason_episode_ceased', 'DEC': 't.episode_end_date'},
        joins="inner join " ~ ref('stg_ssda903__ad1') ~ " as a
            on a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_602() %}
    {{ dq_row_rule('602', 'ad1', ref('stg_ssda903__ad1'),
        "not exists (select 1 from " ~ ref('stg_ssda903__episodes') ~ " as e
                     where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
                       and e.reason_episode_ceased in ('E11', 'E12'))",
        {'CHILD': 't.child_id'}) }}
{% endmacro %}

{#- ---------- placed for adoption (decisions that the child should be placed) ---------- -#}

{% macro dq_903_119() %}
    {{ dq_row_rule('119', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "(t.date_decision_ceased is null) <> (t.reason_decision_ceased is null)",
        {'DATE_PLACED_CEASED': 't.date_decision_ceased', 'REASON_PLACED_CEASED': 't.reason_decision_ceased'}) }}
{% endmacro %}

{% macro dq_903_117() %}
    {{ dq_row_rule('117', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt > " ~ dq_year_end('t.collection_year') ~ " or t.date_decision_ceased > " ~ dq_year_end('t.collection_year') ~ "
         or (c.ceased_care_in_year and not c.is_looked_after_at_year_end
             and (t.date_decision_to_adopt > c.last_episode_end or t.date_decision_ceased > c.last_episode_end))",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DATE_PLACED_CEASED': 't.date_decision_ceased', 'DEC': 'c.last_episode_end'},
        joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_184() %}
    {{ dq_row_rule('184', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt < coalesce(t.date_of_birth, c.date_of_birth)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_522() %}
    {{ dq_row_rule('522', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt > t.date_decision_ceased",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DATE_PLACED_CEASED': 't.date_decision_ceased'}) }}
{% endmacro %}

{% macro dq_903_523() %}
    {{ dq_row_rule('523', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "a.date_decision_to_adopt is not null and t.date_decision_to_adopt <> a.date_decision_to_adopt
         and t.date_decision_to_adopt = (select max(m.date_decision_to_adopt) from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as m
                                         where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DATE_INT': 'a.date_decision_to_adopt'},
        joins="inner join " ~ ref('stg_ssda903__ad1') ~ " as a
            on a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_525() %}
    {{ dq_row_rule('525', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_ceased is not null and a.child_id is not null
         and t.date_decision_to_adopt = (select max(m.date_decision_to_adopt) from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as m
                                         where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id)",
        {'DATE_PLACED_CEASED': 't.date_decision_ceased'},
        joins="left join " ~ ref('stg_ssda903__ad1') ~ " as a
            on a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_1003() %}
    {#- Compared with the start (RNE S) of the latest period of care in the return. -#}
    {{ dq_row_rule('1003', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt < s.latest_care_start",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'latest_S_DECOM': 's.latest_care_start'},
        joins="inner join (select la_code, collection_year, child_id, max(episode_start_date) as latest_care_start
                           from " ~ ref('stg_ssda903__episodes') ~ " where reason_new_episode = 'S' group by all) as s
            on s.la_code = t.la_code and s.collection_year = t.collection_year and s.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_551() %}
    {#- Placed for adoption (A3-A6) needs the decision that the child should be placed. -#}
    {{ dq_row_rule('551', 'episodes', ref('stg_ssda903__episodes'),
        "t.placement_type in ('A3', 'A4', 'A5', 'A6') and not exists (
            select 1 from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id)",
        {'PLACE': 't.placement_type'}) }}
{% endmacro %}

{% macro dq_903_552() %}
    {{ dq_row_rule('552', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt > p.first_adoption_placement",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'placed_DECOM': 'p.first_adoption_placement'},
        joins="inner join (select la_code, collection_year, child_id, min(episode_start_date) as first_adoption_placement
                           from " ~ ref('stg_ssda903__episodes') ~ " where placement_type in ('A3', 'A4', 'A5', 'A6') group by all) as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_553() %}
    {#- A placement order (E1) needs the decision that the child should be placed for adoption. -#}
    {{ dq_row_rule('553', 'episodes', ref('stg_ssda903__episodes'),
        "t.legal_status = 'E1' and not exists (
            select 1 from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as p
            where p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id)",
        {'LS': 't.legal_status'}) }}
{% endmacro %}

{% macro dq_903_554() %}
    {{ dq_row_rule('554', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt > p.first_placement_order",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'E1_DECOM': 'p.first_placement_order'},
        joins="inner join (select la_code, collection_year, child_id, min(episode_start_date) as first_placement_order
                           from " ~ ref('stg_ssda903__episodes') ~ " where legal_status = 'E1' group by all) as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_557() %}
    {#- Left care other than by adoption while a decision to place was open: the decision should be closed. -#}
    {{ dq_row_rule('557', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_ceased is null and c.ceased_care_in_year and not c.is_looked_after_at_year_end
         and c.last_reason_ceased not in ('E11', 'E12', 'X1')",
        {'DATE_PLACED_CEASED': 't.date_decision_ceased', 'REC': 'c.last_reason_ceased'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_558() %}
    {{ dq_row_rule('558', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_ceased is not null and c.last_reason_ceased in ('E11', 'E12')
         and t.date_decision_to_adopt = (select max(m.date_decision_to_adopt) from " ~ ref('stg_ssda903__placed_for_adoption') ~ " as m
                                         where m.la_code = t.la_code and m.collection_year = t.collection_year and m.child_id = t.child_id)",
        {'DATE_PLACED_CEASED': 't.date_decision_ceased', 'REC': 'c.last_reason_ceased'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_563() %}
    {{ dq_row_rule('563', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "t.date_decision_to_adopt is null and (t.date_decision_ceased is not null or t.reason_decision_ceased is not null)",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'DATE_PLACED_CEASED': 't.date_decision_ceased'}) }}
{% endmacro %}

{% macro dq_903_579() %}
    {{ dq_row_rule('579', 'placed_for_adoption', ref('stg_ssda903__placed_for_adoption'),
        "p.date_decision_ceased is null and t.date_decision_to_adopt > p.date_decision_to_adopt",
        {'DATE_PLACED': 't.date_decision_to_adopt', 'previous_DATE_PLACED': 'p.date_decision_to_adopt'},
        joins="inner join " ~ ref('stg_ssda903__placed_for_adoption') ~ " as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id
            and p.source_line <> t.source_line") }}
{% endmacro %}

{#- ---------- missing or away from placement ---------- -#}

{% macro dq_903_565() %}
    {{ dq_row_rule('565', 'missing', ref('stg_ssda903__missing'),
        "t.missing_start_date is not null and t.missing_type is null", {'MISSING': 't.missing_type', 'MIS_START': 't.missing_start_date'}) }}
{% endmacro %}

{% macro dq_903_566() %}
    {{ dq_row_rule('566', 'missing', ref('stg_ssda903__missing'),
        "t.missing_end_date is not null and t.missing_type is null", {'MISSING': 't.missing_type', 'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_567() %}
    {{ dq_row_rule('567', 'missing', ref('stg_ssda903__missing'),
        "t.missing_end_date < t.missing_start_date", {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_570() %}
    {{ dq_row_rule('570', 'missing', ref('stg_ssda903__missing'),
        "t.missing_start_date > " ~ dq_year_end('t.collection_year'), {'MIS_START': 't.missing_start_date'}) }}
{% endmacro %}

{% macro dq_903_571() %}
    {{ dq_row_rule('571', 'missing', ref('stg_ssda903__missing'),
        "t.missing_end_date < " ~ dq_year_start('t.collection_year') ~ " or t.missing_end_date > " ~ dq_year_end('t.collection_year'),
        {'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_574() %}
    {#- Missing periods in order of their end (or start, when open): each starts after the previous ended. -#}
    {{ dq_row_rule('574', 'missing', ref('stg_ssda903__missing'),
        "p.has_previous and (p.prev_end is null or t.missing_start_date < p.prev_end)",
        {'MIS_START': 't.missing_start_date', 'previous_MIS_END': 'p.prev_end'},
        joins="inner join (select source_file, source_line,
                                  lag(missing_end_date) over w as prev_end,
                                  lag(source_line) over w is not null as has_previous
                           from " ~ ref('stg_ssda903__missing') ~ "
                           window w as (partition by la_code, collection_year, child_id
                                        order by coalesce(missing_end_date, missing_start_date), missing_start_date, source_line)) as p
            on p.source_file = t.source_file and p.source_line = t.source_line") }}
{% endmacro %}

{#- Periods of care as the missing rules see them: runs of episodes with no gap between one
    episode's end and the next one's start; the period ends with its last episode's DEC. -#}
{% macro dqh_pocs() -%}
    (select la_code, collection_year, child_id, min(episode_start_date) as poc_start,
            arg_max_null(episode_end_date, episode_seq) as poc_end
     from (select *, sum(case when episode_seq = 1 or episode_start_date > prev_end_date then 1 else 0 end)
                         over (partition by la_code, collection_year, child_id order by episode_seq) as poc_seq
           from {{ ref('int_dq__ssda903_episodes') }})
     group by la_code, collection_year, child_id, poc_seq)
{%- endmacro %}

{#- A missing row that lies outside every period of care of the child (`outside` says how, per period). -#}
{% macro dqh_missing_outside_care(rule_code, outside, values) %}
    {{ dq_row_rule(rule_code, 'missing', ref('stg_ssda903__missing'),
        "exists (select 1 from " ~ dqh_pocs() ~ " as poc
                 where poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id)
         and not exists (select 1 from " ~ dqh_pocs() ~ " as poc
                         where poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id
                           and not coalesce(" ~ outside ~ ", false))",
        values) }}
{% endmacro %}

{% macro dq_903_577() %}
    {#- An open missing period must sit in a period of care that is still open; a closed one inside a period. -#}
    {{ dqh_missing_outside_care('577',
        "(t.missing_end_date is null and poc.poc_end is not null)
         or coalesce(t.missing_end_date is null and t.missing_start_date < poc.poc_start, false)
         or coalesce(t.missing_end_date > poc.poc_end, false)
         or coalesce(t.missing_end_date < poc.poc_start, false)",
        {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
{% endmacro %}

{% macro dq_903_578() %}
    {{ dqh_missing_outside_care('578',
        "coalesce(t.missing_start_date < poc.poc_start, false) or coalesce(t.missing_start_date > poc.poc_end, false)",
        {'MIS_START': 't.missing_start_date'}) }}
{% endmacro %}

{% macro dq_903_581() %}
    {{ dq_row_rule('581', 'missing', ref('stg_ssda903__missing'),
        "t.missing_start_date < c.first_episode_start and c.first_episode_start >= " ~ dq_year_start('t.collection_year'),
        {'MIS_START': 't.missing_start_date', 'DECOM': 'c.first_episode_start'}, joins=dqh_child_join()) }}
{% endmacro %}

{% macro dq_903_586() %}
    {{ dq_row_rule('586', 'missing', ref('stg_ssda903__missing'),
        "t.missing_start_date < coalesce(t.date_of_birth, c.date_of_birth)",
        {'MIS_START': 't.missing_start_date', 'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)'}, joins=dqh_child_join()) }}
{% endmacro %}

{#- ---------- previous permanence ---------- -#}

{% macro dq_903_630() %}
    {#- A child starting a period of care (RNE S) in the year needs a previous permanence row; an
        option other than Z1 needs the LA and the date. -#}
    {{ dq_row_rule('630', 'episodes', ref('stg_ssda903__episodes'),
        "t.reason_new_episode = 'S' and t.episode_start_date >= " ~ dq_year_start('t.collection_year') ~ "
         and (p.child_id is null or p.previous_permanence is null
              or (p.previous_permanence <> 'Z1' and (p.previous_permanence_la is null or p.previous_permanence_date is null)))",
        {'RNE': 't.reason_new_episode', 'DECOM': 't.episode_start_date', 'PREV_PERM': 'p.previous_permanence'},
        joins="left join " ~ ref('stg_ssda903__prev_perm') ~ " as p
            on p.la_code = t.la_code and p.collection_year = t.collection_year and p.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_632() %}
    {#- DATE_PERM may be partly unknown: dd/mm/yyyy with zz standing for the unknown parts. -#}
    {{ dq_row_rule('632', 'prev_perm', ref('stg_ssda903__prev_perm'),
        "t.previous_permanence_date is not null and not regexp_full_match(lower(t.previous_permanence_date),
            '(\d{2}|zz)/(\d{2}|zz)/\d{4}|\d{4}-\d{2}-\d{2}')",
        {'DATE_PERM': 't.previous_permanence_date'}) }}
{% endmacro %}

{% macro dq_903_635() %}
    {#- An LA or date of a previous permanence order needs the option itself (not Z1, 'none'). -#}
    {{ dq_row_rule('635', 'prev_perm', ref('stg_ssda903__prev_perm'),
        "(t.previous_permanence_la is not null or t.previous_permanence_date is not null)
         and (t.previous_permanence is null or t.previous_permanence = 'Z1')",
        {'PREV_PERM': 't.previous_permanence', 'LA_PERM': 't.previous_permanence_la', 'DATE_PERM': 't.previous_permanence_date'}) }}
{% endmacro %}

{#- ---------- social worker episodes (from 2023-24) ---------- -#}

{% macro dq_903_SW02STG1() %}
    {{ dq_row_rule('SW02STG1', 'social_worker', ref('stg_ssda903__social_worker'),
        "upper(left(t.social_worker_id, 2)) not in ('SW', 'XX')", {'SW_ID': 't.social_worker_id'}) }}
{% endmacro %}

{% macro dq_903_SW09STG2() %}
    {{ dq_row_rule('SW09STG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_start_date = t.sw_episode_end_date", {'SW_DECOM': 't.sw_episode_start_date', 'SW_DEC': 't.sw_episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_SW07STG2() %}
    {#- Social worker episodes are reported for the two years to 31 March. -#}
    {{ dq_row_rule('SW07STG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_end_date > " ~ dq_year_end('t.collection_year') ~ " or t.sw_episode_end_date < " ~ dq_year_start('t.collection_year') ~ " - interval 1 year",
        {'SW_DEC': 't.sw_episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_SW08STG2() %}
    {{ dq_row_rule('SW08STG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_end_date is null and exists (
            select 1 from " ~ ref('stg_ssda903__social_worker') ~ " as n
            where n.la_code = t.la_code and n.collection_year = t.collection_year and n.child_id = t.child_id
              and n.sw_episode_start_date > t.sw_episode_start_date)",
        {'SW_DECOM': 't.sw_episode_start_date', 'SW_DEC': 't.sw_episode_end_date'}) }}
{% endmacro %}

{% macro dq_903_SW10STG2() %}
    {{ dq_row_rule('SW10STG2', 'social_worker', ref('stg_ssda903__social_worker'),
        "t.sw_episode_start_date < p.prev_end",
        {'SW_DECOM': 't.sw_episode_start_date', 'previous_SW_DEC': 'p.prev_end'},
        joins="inner join (select source_file, source_line, lag(sw_episode_end_date) over w as prev_end
                           from " ~ ref('stg_ssda903__social_worker') ~ "
                           window w as (partition by la_code, collection_year, child_id order by sw_episode_start_date, source_line)) as p
            on p.source_file = t.source_file and p.source_line = t.source_line") }}
{% endmacro %}

{#- ---------- integrity: a child in a table is in the header, once, with the same date of birth ---------- -#}

{% macro dqh_int_in_header(rule_code, table) %}
    {{ dq_row_rule(rule_code, table, ref('stg_ssda903__' ~ table),
        "not exists (select 1 from " ~ ref('stg_ssda903__header') ~ " as h
                     where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id)
         and not exists (select 1 from " ~ ref('int_dq__quarantined_rows') ~ " as q
                         where q.la_code = t.la_code and q.collection_year = t.collection_year
                           and q.table_name = 'header' and q.child_id = t.child_id)",
        {'CHILD': 't.child_id'}) }}
{% endmacro %}

{% macro dq_903_INT01() %}{{ dqh_int_in_header('INT01', 'ad1') }}{% endmacro %}
{% macro dq_903_INT02() %}{{ dqh_int_in_header('INT02', 'placed_for_adoption') }}{% endmacro %}
{% macro dq_903_INT03() %}{{ dqh_int_in_header('INT03', 'episodes') }}{% endmacro %}
{% macro dq_903_INT04() %}{{ dqh_int_in_header('INT04', 'missing') }}{% endmacro %}
{% macro dq_903_INT05() %}{{ dqh_int_in_header('INT05', 'oc2') }}{% endmacro %}
{% macro dq_903_INT06() %}{{ dqh_int_in_header('INT06', 'oc3') }}{% endmacro %}
{% macro dq_903_INT07() %}{{ dqh_int_in_header('INT07', 'prev_perm') }}{% endmacro %}
{% macro dq_903_INT08() %}{{ dqh_int_in_header('INT08', 'reviews') }}{% endmacro %}
{% macro dq_903_INT09() %}{{ dqh_int_in_header('INT09', 'uasc') }}{% endmacro %}

{% macro dqh_int_same_dob(rule_code, table) %}
    {{ dq_row_rule(rule_code, table, ref('stg_ssda903__' ~ table),
        "t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth",
        {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'},
        joins="inner join " ~ ref('stg_ssda903__header') ~ " as h
            on h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id") }}
{% endmacro %}

{% macro dq_903_INT11() %}{{ dqh_int_same_dob('INT11', 'ad1') }}{% endmacro %}
{% macro dq_903_INT12() %}{{ dqh_int_same_dob('INT12', 'placed_for_adoption') }}{% endmacro %}
{% macro dq_903_INT13() %}{{ dqh_int_same_dob('INT13', 'missing') }}{% endmacro %}
{% macro dq_903_INT14() %}{{ dqh_int_same_dob('INT14', 'oc2') }}{% endmacro %}
{% macro dq_903_INT15() %}{{ dqh_int_same_dob('INT15', 'oc3') }}{% endmacro %}
{% macro dq_903_INT16() %}{{ dqh_int_same_dob('INT16', 'prev_perm') }}{% endmacro %}
{% macro dq_903_INT17() %}{{ dqh_int_same_dob('INT17', 'reviews') }}{% endmacro %}
{% macro dq_903_INT18() %}{{ dqh_int_same_dob('INT18', 'uasc') }}{% endmacro %}

{% macro dq_903_INT21() %}
    {{ dq_row_rule('INT21', 'uasc', ref('stg_ssda903__uasc'),
        "t.sex is not null and h.sex is not null and t.sex <> h.sex", {'SEX': 't.sex', 'header_SEX': 'h.sex'},
        joins="inner join " ~ ref('stg_ssda903__header') ~ " as h
            on h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id") }}
{% endmacro %}
