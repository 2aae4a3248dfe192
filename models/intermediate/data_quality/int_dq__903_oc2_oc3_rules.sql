{#- DfE SSDA903 validation rules on the OC2 (outcomes of children looked after 12 months) and
    OC3 (care leavers) tables. One CTE per rule (rule_<code>), then their union. -#}
with

-- The collection years whose episodes are loaded, per LA: what rule 1002 asks of the episodes
-- table as a whole (a few hundred rows, where a correlated count over the episodes themselves
-- became a join of every care leaver to every episode of the LA, a billion rows at 150 LAs).
episode_years as (
    select distinct
        la_code,
        collection_year
    from {{ ref('stg_ssda903__episodes') }}
),

rule_134 as (
    select distinct
        {{ dq_columns('134', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where (t.in_touch is not null or t.activity is not null or t.accommodation is not null) and exists (
        select 1 from {{ ref('stg_ssda903__ad1') }} as a
        where
            a.la_code = t.la_code and a.collection_year = t.collection_year and a.child_id = t.child_id
            and (a.date_decision_to_adopt is not null or a.date_matched is not null)
    )
),

rule_153 as (
    select distinct
        {{ dq_columns('153', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where
        (t.in_touch is not null or t.activity is not null or t.accommodation is not null)
        and (t.in_touch is null or t.activity is null or t.accommodation is null)
),

rule_157 as (
    select distinct
        {{ dq_columns('157', 'oc2', {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason = 'SDQ1'
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }} <= c.year_start
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 16) }} >= c.year_end
),

rule_158 as (
    select distinct
        {{ dq_columns('158', 'oc2', {
            'INTERVENTION_RECEIVED': 't.intervention_received',
            'INTERVENTION_OFFERED': 't.intervention_offered',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.intervention_received and t.intervention_offered is not null
),

rule_159 as (
    select distinct
        {{ dq_columns('159', 'oc2', {
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
            'INTERVENTION_RECEIVED': 't.intervention_received',
            'INTERVENTION_OFFERED': 't.intervention_offered',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.has_substance_misuse and t.intervention_received = false and t.intervention_offered is null
),

rule_182 as (
    -- Either all the health items are completed or none of the OC2 items is.
    select distinct
        {{ dq_columns('182', 'oc2', {
            'IMMUNISATIONS': 't.immunisations_up_to_date',
            'TEETH_CHECK': 't.had_teeth_check',
            'HEALTH_ASSESSMENT': 't.had_health_assessment',
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where
        (
            t.immunisations_up_to_date is null
            or t.had_teeth_check is null
            or t.had_health_assessment is null
            or t.has_substance_misuse is null
        )
        and (
            t.is_convicted is not null
            or t.had_health_check is not null
            or t.intervention_received is not null
            or t.intervention_offered is not null
        )
),

rule_185 as (
    select distinct
        {{ dq_columns('185', 'oc2', {'SDQ_SCORE': 't.sdq_score'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where not coalesce(c.is_continuously_looked_after, false) and t.sdq_score is not null
),

rule_186 as (
    select distinct
        {{ dq_columns('186', 'oc2', {
            'SDQ_SCORE': 't.sdq_score',
            'SDQ_REASON': 't.sdq_reason',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason is null
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }} <= c.year_start
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 17) }} > c.year_end
),

rule_187 as (
    -- A child looked after continuously for 12 months at 31 March (the OC2 cohort, from the
    -- episodes) cannot also have an adoption (AD1) or care leaver (OC3) record completed.
    select distinct
        {{ dq_columns('187', 'ad1', {
            'CHILD': 't.child_id',
            'DATE_INT': 't.date_decision_to_adopt',
            'DATE_MATCH': 't.date_matched',
        }) }}
    from {{ ref('stg_ssda903__ad1') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after
        and (
            t.date_decision_to_adopt is not null or t.date_matched is not null
            or t.adopted_by_foster_carer is not null or t.number_of_adopters is not null
            or t.adopter_sex is not null or t.adopter_legal_status is not null
        )
    union all
    select distinct
        {{ dq_columns('187', 'oc3', {
            'CHILD': 't.child_id',
            'IN_TOUCH': 't.in_touch',
            'ACTIV': 't.activity',
            'ACCOM': 't.accommodation',
        }) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    inner join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after
        and (t.in_touch is not null or t.activity is not null or t.accommodation is not null)
),

rule_188 as (
    select distinct
        {{ dq_columns('188', 'oc2', {
            'SDQ_SCORE': 't.sdq_score',
            'SDQ_REASON': 't.sdq_reason',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }} > {{ dq_year_end('t.collection_year') }}
        and (t.sdq_score is not null or t.sdq_reason is not null)
),

rule_189 as (
    select distinct
        {{ dq_columns('189', 'oc2', {
            'SDQ_SCORE': 't.sdq_score',
            'SDQ_REASON': 't.sdq_reason',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 17) }} < {{ dq_year_start('t.collection_year') }}
        and (t.sdq_score is not null or t.sdq_reason is not null)
),

rule_190 as (
    select distinct
        {{ dq_columns('190', 'oc2', {'CONVICTED': 't.is_convicted', 'IMMUNISATIONS': 't.immunisations_up_to_date'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where not coalesce(c.is_continuously_looked_after, false) and (
        t.is_convicted is not null or t.had_health_check is not null or t.immunisations_up_to_date is not null
        or t.had_teeth_check is not null or t.had_health_assessment is not null or t.has_substance_misuse is not null
        or t.intervention_received is not null or t.intervention_offered is not null
    )
),

rule_191 as (
    -- Looked after for 12 months at 31 March: the OC2 health items are due, and an OC2 row must
    -- exist (flagged on the child's first episode when it does not).
    select distinct
        {{ dq_columns('191', 'oc2', {
            'IMMUNISATIONS': 't.immunisations_up_to_date',
            'TEETH_CHECK': 't.had_teeth_check',
            'HEALTH_ASSESSMENT': 't.had_health_assessment',
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and (
            t.immunisations_up_to_date is null or t.had_teeth_check is null
            or t.had_health_assessment is null or t.has_substance_misuse is null
        )
    union all
    select distinct
        {{ dq_columns('191', 'episodes', {'CHILD': 't.child_id'}) }}
    from {{ ref('int_dq__ssda903_episodes') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where t.episode_seq = 1 and c.is_continuously_looked_after and not exists (
        select 1 from {{ ref('stg_ssda903__oc2') }} as o
        where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
    )
),

rule_192 as (
    select distinct
        {{ dq_columns('192', 'oc2', {
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
            'INTERVENTION_RECEIVED': 't.intervention_received',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.has_substance_misuse and t.intervention_received is null
),

rule_193 as (
    select distinct
        {{ dq_columns('193', 'oc2', {
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
            'INTERVENTION_RECEIVED': 't.intervention_received',
            'INTERVENTION_OFFERED': 't.intervention_offered',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where
        not coalesce(t.has_substance_misuse, false)
        and (t.intervention_received is not null or t.intervention_offered is not null)
),

rule_197b as (
    -- Children turning 4 or 17 during the year still need an SDQ score or a reason.
    select distinct
        {{ dq_columns('197B', 'oc2', {
            'SDQ_SCORE': 't.sdq_score',
            'SDQ_REASON': 't.sdq_reason',
            'DOB': 'c.date_of_birth',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where c.is_continuously_looked_after and t.sdq_score is null and t.sdq_reason is null and (
        {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }} between c.year_start and c.year_end
        or {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 17) }} between c.year_start and c.year_end
    )
),

rule_197a as (
    select distinct
        {{ dq_columns('197a', 'oc2', {'SDQ_SCORE': 't.sdq_score', 'SDQ_REASON': 't.sdq_reason'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.sdq_score is not null and t.sdq_reason is not null
),

rule_198 as (
    select distinct
        {{ dq_columns('198', 'oc2', {'SDQ_REASON': 't.sdq_reason'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where not coalesce(c.is_continuously_looked_after, false) and t.sdq_reason is not null
),

rule_215 as (
    select distinct
        {{ dq_columns('215', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    inner join {{ ref('stg_ssda903__oc2') }} as o
        on t.la_code = o.la_code and t.collection_year = o.collection_year and t.child_id = o.child_id
    where (
        t.in_touch is not null or t.activity is not null or t.accommodation is not null
    )
    and (
        o.is_convicted is not null or o.had_health_check is not null
        or o.immunisations_up_to_date is not null
        or o.had_teeth_check is not null
        or o.had_health_assessment is not null
        or o.has_substance_misuse is not null
        or o.intervention_received is not null
        or o.intervention_offered is not null
    )
),

rule_344 as (
    select distinct
        {{ dq_columns('344', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where t.in_touch in ('DIED', 'RHOM') and (coalesce(t.activity, '') <> '0' or coalesce(t.accommodation, '') <> '0')
),

rule_345 as (
    select distinct
        {{ dq_columns('345', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where t.in_touch = 'YES' and (t.activity = '0' or t.accommodation = '0')
),

rule_347 as (
    -- A foyer (accommodation T) is for young people of 18 and over.
    select distinct
        {{ dq_columns('347', 'oc3', {
            'ACCOM': 't.accommodation',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.accommodation = 'T'
        and {{ age_on('coalesce(t.date_of_birth, c.date_of_birth)', dq_year_start('t.collection_year')) }} < 18
),

rule_391 as (
    select distinct
        {{ dq_columns('391', 'oc3', {'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)', 'IN_TOUCH': 't.in_touch'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 17) }} > {{ dq_year_end('t.collection_year') }}
        and (t.in_touch is not null or t.activity is not null or t.accommodation is not null)
),

rule_542 as (
    select distinct
        {{ dq_columns('542', 'oc2', {
            'CONVICTED': 't.is_convicted',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.is_convicted is not null
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 10) }} > {{ dq_year_end('t.collection_year') }}
),

rule_543 as (
    select distinct
        {{ dq_columns('543', 'oc2', {
            'CONVICTED': 't.is_convicted',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and t.is_convicted is null
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 10) }} < {{ dq_year_end('t.collection_year') }}
),

rule_544 as (
    select distinct
        {{ dq_columns('544', 'oc2', {
            'CONVICTED': 't.is_convicted',
            'IMMUNISATIONS': 't.immunisations_up_to_date',
            'TEETH_CHECK': 't.had_teeth_check',
            'HEALTH_ASSESSMENT': 't.had_health_assessment',
            'SUBSTANCE_MISUSE': 't.has_substance_misuse',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.is_convicted is not null and (
        t.immunisations_up_to_date is null or t.had_teeth_check is null
        or t.had_health_assessment is null or t.has_substance_misuse is null
    )
),

rule_545 as (
    select distinct
        {{ dq_columns('545', 'oc2', {
            'HEALTH_CHECK': 't.had_health_check',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and t.had_health_check is null
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 5) }} > {{ dq_year_end('t.collection_year') }}
),

rule_546 as (
    select distinct
        {{ dq_columns('546', 'oc2', {
            'HEALTH_CHECK': 't.had_health_check',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        c.is_continuously_looked_after and t.had_health_check is not null
        and {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 5) }} <= {{ dq_year_end('t.collection_year') }}
),

rule_547 as (
    select distinct
        {{ dq_columns('547', 'oc2', {
            'HEALTH_CHECK': 't.had_health_check',
            'IMMUNISATIONS': 't.immunisations_up_to_date',
        }) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where t.had_health_check is not null and (
        t.immunisations_up_to_date is null or t.had_teeth_check is null
        or t.had_health_assessment is null or t.has_substance_misuse is null
    )
),

rule_1000 as (
    select distinct
        {{ dq_columns('1000', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where (t.in_touch is not null or t.activity is not null or t.accommodation is not null) and exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year in (t.collection_year, t.collection_year - 1)
            and e.child_id = t.child_id and e.reason_episode_ceased = 'E2'
    )
),

-- 1002: a care leaver with no episode of care. The DfE reads the young person's whole history;
-- the engine reads this year's and last year's returns only, so it flags every care leaver who
-- left care before last year. The project looks at every loaded return up to this year and
-- flags only when the loaded returns decide: a care leaver was looked after at some time after
-- the 16th birthday, so every return from the one holding that birthday to this year must be
-- loaded (and last year's, as for the engine). Documented in seeds/dq/dq_engine_differences.csv.
rule_1002 as (
    select distinct
        {{ dq_columns('1002', 'oc3', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where exists (
        select 1 from episode_years as a
        where a.la_code = t.la_code and a.collection_year = t.collection_year - 1
    )
    and (
        select count(distinct a.collection_year) from episode_years as a
        where
            a.la_code = t.la_code and a.collection_year <= t.collection_year
            -- the return (year ending 31 March) that holds the 16th birthday
            and a.collection_year
            >= year(t.date_of_birth) + 16 + case when month(t.date_of_birth) >= 4 then 1 else 0 end
    ) = t.collection_year - (year(t.date_of_birth) + 16 + case when month(t.date_of_birth) >= 4 then 1 else 0 end) + 1
    and not exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year <= t.collection_year
            and e.child_id = t.child_id
    )
),

rule_1007 as (
    -- Still looked after on the 17th or 18th birthday falling in the year: no care-leaver return yet.
    select distinct
        {{ dq_columns('1007', 'oc3', {'IN_TOUCH': 't.in_touch', 'ACTIV': 't.activity', 'ACCOM': 't.accommodation'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where (t.in_touch is not null or t.activity is not null or t.accommodation is not null) and exists (
        select 1 from {{ ref('int_dq__ssda903_episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.date_of_birth is not null
            and {{ age_on('e.date_of_birth', 'e.year_end') }} in (17, 18)
            and e.episode_start_date <= {{ birthday('e.date_of_birth', age_on('e.date_of_birth', 'e.year_end')) }}
            and coalesce(e.episode_end_date, date '9999-12-31')
            > {{ birthday('e.date_of_birth', age_on('e.date_of_birth', 'e.year_end')) }}
    )
),

rule_1010 as (
    select distinct
        {{ dq_columns('1010', 'oc3', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
    )
    and exists (
        select 1 from {{ ref('int_dq__ssda903_episodes') }} as p
        where
            p.la_code = t.la_code and p.collection_year = t.collection_year - 1 and p.child_id = t.child_id
            and p.is_last_in_year and p.episode_end_date is null
    )
),

rule_1011 as (
    select distinct
        {{ dq_columns('1011', 'oc3', {'IN_TOUCH': 't.in_touch', 'REC': 'c.last_reason_ceased'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        (t.in_touch is not null or t.activity is not null or t.accommodation is not null)
        and c.last_reason_ceased = 'E3'
),

rule_1012 as (
    -- Care leavers with no episode this year have only header and OC3 rows.
    select distinct
        {{ dq_columns('1012', 'oc3', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where coalesce(c.episode_count, 0) = 0 and (
        exists (
            select 1 from {{ ref('stg_ssda903__oc2') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__reviews') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__ad1') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__missing') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__placed_for_adoption') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__prev_perm') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
        or exists (
            select 1 from {{ ref('stg_ssda903__uasc') }} as x
            where x.la_code = t.la_code and x.collection_year = t.collection_year and x.child_id = t.child_id
        )
    )
),

rule_1016 as (
    -- Care leaver information is for young people who left care before their 17th (or, aged 18
    -- at 31 March, before their 18th) birthday.
    select distinct
        {{ dq_columns('1016', 'oc3', {'DOB': 't.date_of_birth', 'IN_TOUCH': 't.in_touch'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where (t.in_touch is not null or t.activity is not null or t.accommodation is not null) and exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and ((
                {{ age_on('t.date_of_birth', dq_year_end('t.collection_year')) }} = 17
                and e.episode_end_date >= {{ birthday('t.date_of_birth', 17) }}
            )
            or (
                {{ age_on('t.date_of_birth', dq_year_end('t.collection_year')) }} = 18
                and e.episode_end_date >= {{ birthday('t.date_of_birth', 18) }}
            ))
    )
),

rule_3001 as (
    -- Around the 17th birthday a care leaver cannot be living with former foster carers
    -- (Z1/Z2 'staying put' is from 18).
    select distinct
        {{ dq_columns('3001', 'oc3', {'ACCOM': 't.accommodation', 'DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where
        t.accommodation in ('Z1', 'Z2') and {{ birthday('h.date_of_birth', 17) }}
        between {{ dq_year_start('t.collection_year') }} and {{ dq_year_end('t.collection_year') }}
),

rule_int05 as (
    select distinct
        {{ dq_columns('INT05', 'oc2', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__header') }} as h
        where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
    )
    and not exists (
        select 1 from {{ ref('int_dq__quarantined_rows') }} as q
        where
            q.la_code = t.la_code and q.collection_year = t.collection_year
            and q.table_name = 'header' and q.child_id = t.child_id
    )
),

rule_int06 as (
    select distinct
        {{ dq_columns('INT06', 'oc3', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    where not exists (
        select 1 from {{ ref('stg_ssda903__header') }} as h
        where h.la_code = t.la_code and h.collection_year = t.collection_year and h.child_id = t.child_id
    )
    and not exists (
        select 1 from {{ ref('int_dq__quarantined_rows') }} as q
        where
            q.la_code = t.la_code and q.collection_year = t.collection_year
            and q.table_name = 'header' and q.child_id = t.child_id
    )
),

rule_int14 as (
    select distinct
        {{ dq_columns('INT14', 'oc2', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__oc2') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int15 as (
    select distinct
        {{ dq_columns('INT15', 'oc3', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__oc3') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
)

select * from rule_134
union all
select * from rule_153
union all
select * from rule_157
union all
select * from rule_158
union all
select * from rule_159
union all
select * from rule_182
union all
select * from rule_185
union all
select * from rule_186
union all
select * from rule_187
union all
select * from rule_188
union all
select * from rule_189
union all
select * from rule_190
union all
select * from rule_191
union all
select * from rule_192
union all
select * from rule_193
union all
select * from rule_197b
union all
select * from rule_197a
union all
select * from rule_198
union all
select * from rule_215
union all
select * from rule_344
union all
select * from rule_345
union all
select * from rule_347
union all
select * from rule_391
union all
select * from rule_542
union all
select * from rule_543
union all
select * from rule_544
union all
select * from rule_545
union all
select * from rule_546
union all
select * from rule_547
union all
select * from rule_1000
union all
select * from rule_1002
union all
select * from rule_1007
union all
select * from rule_1010
union all
select * from rule_1011
union all
select * from rule_1012
union all
select * from rule_1016
union all
select * from rule_3001
union all
select * from rule_int05
union all
select * from rule_int06
union all
select * from rule_int14
union all
select * from rule_int15
