{#-
    DfE rules that are about one column's values alone: a code outside the DfE code list, or a
    value that staging could not read (those rows are in audit_quarantine, not in staging). They
    are declared here as data (their SQL is a CTE in the rule models) and read by the load-findings
    model, so that each (table, column) is checked once and the unmapped findings fall through to our
    generic CSC rules.
-#}

{#- (rule, return, table, raw column, staged column, code list, blank is an error) -#}
{% macro dq_code_rules() %}
    {%- do return([
        ('101', 'ssda903', 'header', 'SEX', 'sex', 'ssda903_sex', true),
        ('103', 'ssda903', 'header', 'ETHNIC', 'ethnicity', 'ssda903_ethnicity', true),
        ('143', 'ssda903', 'episodes', 'RNE', 'reason_new_episode', 'ssda903_reason_new_episode', true),
        ('144', 'ssda903', 'episodes', 'LS', 'legal_status', 'ssda903_legal_status', true),
        ('145', 'ssda903', 'episodes', 'CIN', 'category_of_need', 'ssda903_category_of_need', true),
        ('146', 'ssda903', 'episodes', 'PLACE', 'placement_type', 'ssda903_placement', true),
        ('149', 'ssda903', 'episodes', 'REC', 'reason_episode_ceased', 'ssda903_reason_episode_ceased', false),
        ('178', 'ssda903', 'episodes', 'PLACE_PROVIDER', 'placement_provider', 'ssda903_placement_provider', false),
        ('1009', 'ssda903', 'episodes', 'REASON_PLACE_CHANGE', 'reason_placement_change', 'ssda903_reason_place_change', false),
        ('167', 'ssda903', 'reviews', 'REVIEW_CODE', 'review_participation', 'ssda903_review_code', true),
        ('120', 'ssda903', 'placed_for_adoption', 'REASON_PLACED_CEASED', 'reason_decision_ceased', 'ssda903_reason_placed_ceased', false),
        ('131', 'ssda903', 'oc3', 'IN_TOUCH', 'in_touch', 'ssda903_in_touch', false),
        ('132', 'ssda903', 'oc3', 'ACTIV', 'activity', 'ssda903_oc3_activity', false),
        ('133', 'ssda903', 'oc3', 'ACCOM', 'accommodation', 'ssda903_oc3_accommodation', false),
        ('176', 'ssda903', 'ad1', 'SEX_ADOPTR', 'adopter_sex', 'ssda903_sex_adopter', false),
        ('177', 'ssda903', 'ad1', 'LS_ADOPTR', 'adopter_legal_status', 'ssda903_ls_adopter', false),
        ('196', 'ssda903', 'oc2', 'SDQ_REASON', 'sdq_reason', 'ssda903_sdq_reason', false),
        ('1006', 'ssda903', 'missing', 'MISSING', 'missing_type', 'ssda903_missing', false),
        ('631', 'ssda903', 'prev_perm', 'PREV_PERM', 'previous_permanence', 'ssda903_prev_perm', false),
        ('SW13STG1', 'ssda903', 'social_worker', 'SW_REASON', 'sw_change_reason', 'ssda903_social_worker_reason', false),
        ('4180', 'cin_census', 'children', 'GenderCurrent', 'gender', 'cin_gender', false),
        ('4220', 'cin_census', 'children', 'Ethnicity', 'ethnicity', 'cin_ethnicity', true),
        ('8540', 'cin_census', 'disabilities', 'Disability', 'disability_code', 'cin_disability', false),
        ('8640', 'cin_census', 'cin_details', 'ReasonForClosure', 'reason_for_closure', 'cin_reason_for_closure', false),
        ('8650', 'cin_census', 'cin_details', 'PrimaryNeedCode', 'primary_need', 'cin_primary_need', false),
        ('8866', 'cin_census', 'cin_details', 'ReferralSource', 'referral_source', 'cin_referral_source', true),
        ('8905', 'cin_census', 'cp_plans', 'InitialCategoryOfAbuse', 'initial_category', 'cin_category_of_abuse', true),
        ('8910', 'cin_census', 'cp_plans', 'LatestCategoryOfAbuse', 'latest_category', 'cin_category_of_abuse', true)
    ]) -%}
{% endmacro %}


{#- (rule, return, table, raw column[, 'invalid' or 'blank']): values that staging could not read
    (unparseable, or blank when required). A fifth item limits the rule to one of the two reasons. -#}
{% macro dq_parse_rules() %}
    {%- do return([
        ('102', 'ssda903', 'header', 'DOB'),
        ('165', 'ssda903', 'header', 'MOTHER'),
        ('171', 'ssda903', 'header', 'MC_DOB'),
        ('104', 'ssda903', 'uasc', 'DUC'),
        ('112', 'ssda903', 'ad1', 'DATE_INT'),
        ('113', 'ssda903', 'ad1', 'DATE_MATCH'),
        ('114', 'ssda903', 'ad1', 'FOSTER_CARE'),
        ('175', 'ssda903', 'ad1', 'NB_ADOPTR'),
        ('115', 'ssda903', 'placed_for_adoption', 'DATE_PLACED'),
        ('116', 'ssda903', 'placed_for_adoption', 'DATE_PLACED_CEASED'),
        ('141', 'ssda903', 'episodes', 'DECOM'),
        ('147', 'ssda903', 'episodes', 'DEC'),
        ('166', 'ssda903', 'reviews', 'REVIEW'),
        ('180', 'ssda903', 'oc2', 'SDQ_SCORE'),
        ('181', 'ssda903', 'oc2', 'CONVICTED'),
        ('181', 'ssda903', 'oc2', 'HEALTH_CHECK'),
        ('181', 'ssda903', 'oc2', 'IMMUNISATIONS'),
        ('181', 'ssda903', 'oc2', 'TEETH_CHECK'),
        ('181', 'ssda903', 'oc2', 'HEALTH_ASSESSMENT'),
        ('181', 'ssda903', 'oc2', 'SUBSTANCE_MISUSE'),
        ('181', 'ssda903', 'oc2', 'INTERVENTION_RECEIVED'),
        ('181', 'ssda903', 'oc2', 'INTERVENTION_OFFERED'),
        ('564', 'ssda903', 'missing', 'MIS_START', 'blank'),
        ('1004', 'ssda903', 'missing', 'MIS_START', 'invalid'),
        ('1005', 'ssda903', 'missing', 'MIS_END'),
        ('SW04STG1', 'ssda903', 'social_worker', 'SW_DECOM', 'invalid'),
        ('SW01aSTG1', 'ssda903', 'social_worker', 'SW_DECOM', 'blank'),
        ('SW01aSTG1', 'ssda903', 'social_worker', 'SW_ID', 'blank'),
        ('SW05STG1', 'ssda903', 'social_worker', 'SW_DEC'),
        ('8500', 'cin_census', 'children', 'LAchildID'),
        ('8600', 'cin_census', 'cin_details', 'CINreferralDate'),
        ('8568', 'cin_census', 'cin_details', 'ReferralNFA'),
        ('4010', 'cin_census', 'cin_plans', 'CINPlanStartDate'),
        ('8615', 'cin_census', 'section47', 'S47ActualStartDate'),
        ('8720', 'cin_census', 'cp_plans', 'CPPstartDate'),
        ('8730', 'cin_census', 'cp_plans', 'NumberOfPreviousCPP'),
        ('8842Q', 'cin_census', 'cp_reviews', 'CPPreviewDate')
    ]) -%}
{% endmacro %}


{#- True when the code list has at least one code in force in the row's collection year. -#}
{% macro dq_code_list_in_force(code_list, year='t.collection_year') -%}
    {#- Between the list's first and last year in force (no list has a gap year): two subqueries
        that do not depend on the row, so DuckDB evaluates them once rather than per row. -#}
    ({{ year }} between
        (select min(coalesce(cl.valid_from_year, 0)) from {{ ref('code_lists') }} as cl
         where cl.code_list = '{{ code_list }}')
        and (select max(coalesce(cl.valid_to_year, 9999)) from {{ ref('code_lists') }} as cl
         where cl.code_list = '{{ code_list }}'))
{%- endmacro %}
