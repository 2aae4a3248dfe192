{#- DfE SSDA903 validation rules on the child-level tables: header, UASC, reviews, missing
    episodes and social worker episodes. One CTE per rule (rule_<code>), then their union.
    `c` is the child's row in int_dq__ssda903_children. -#}
-- A rule's small derived tables (a join to per-child facts) stay inside the rule's CTE, so that
-- each rule reads as one unit against the DfE text: hence no ST05 here.
-- noqa: disable=ST05
with

rule_165 as (
    -- MOTHER is 0/1 for girls with (non short-break) episodes this year, blank for boys. Care
    -- leavers with no episode this year are left to rule 628.
    select distinct
        {{ dq_columns('165', 'header', {'SEX': 't.sex', 'MOTHER': 't.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    left join (
        select
            la_code,
            collection_year,
            child_id,
            bool_or(
                episode_start_date <= year_end
                and coalesce(episode_end_date, year_end) >= year_start
            ) as in_care_in_year
        from {{ ref('int_dq__ssda903_episodes') }}
        where coalesce(legal_status, '') not in ('V3', 'V4')
        group by all
    ) as c
        on t.la_code = c.la_code and t.collection_year = c.collection_year and t.child_id = c.child_id
    where c.child_id is not null and (
        (t.is_mother is not null and t.sex in ('1', 'M'))
        or (t.is_mother is null and t.sex in ('2', 'F') and c.in_care_in_year)
    )
),

rule_168 as (
    -- A UPN is a letter, 11 digits and a digit or letter; or one of the UN placeholder codes.
    select distinct
        {{ dq_columns('168', 'header', {'UPN': 't.upn'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.upn is not null and not regexp_full_match(upper(t.upn), '[A-Z][0-9]{11}[0-9A-Z]|UN[1-5]')
),

rule_174 as (
    select distinct
        {{ dq_columns('174', 'header', {'SEX': 't.sex', 'MC_DOB': 't.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.mother_child_dob is not null and t.sex in ('1', 'M')
),

rule_207 as (
    -- Once a mother, always a mother (for children looked after this year).
    select distinct
        {{ dq_columns('207', 'header', {'MOTHER': 't.is_mother', 'last_year_MOTHER': 'p.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    inner join {{ ref('stg_ssda903__header') }} as p
        on
            t.la_code = p.la_code
            and p.collection_year = t.collection_year - 1
            and t.child_id = p.child_id
    where p.is_mother and coalesce(t.is_mother, false) = false and exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
    )
),

rule_209 as (
    -- School age, as the DfE's check counts it: 4 or over on 31 August of the year before the
    -- collection year starts.
    select distinct
        {{ dq_columns('209', 'header', {'UPN': 't.upn', 'DOB': 't.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where
        upper(t.upn) = 'UN1'
        and {{ birthday('t.date_of_birth', 4) }} <= make_date(cast(t.collection_year as integer) - 2, 8, 31)
),

rule_210 as (
    -- UN4 ('just arrived') is for children who started to be looked after in the last week of the year.
    select distinct
        {{ dq_columns('210', 'header', {'UPN': 't.upn', 'DECOM': 'c.first_episode_start'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where upper(t.upn) = 'UN4' and c.first_episode_start < {{ dq_year_end('t.collection_year') }} - interval 7 day
),

rule_232 as (
    select distinct
        {{ dq_columns('232', 'header', {'SEX': 't.sex'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.sex = 'U'
),

rule_301 as (
    select distinct
        {{ dq_columns('301', 'header', {'DOB': 't.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.date_of_birth > {{ dq_year_end('t.collection_year') }}
),

rule_304 as (
    select distinct
        {{ dq_columns('304', 'uasc', {
            'DUC': 't.date_uasc_ceased',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__uasc') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where t.date_uasc_ceased > {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 18) }}
),

rule_351 as (
    select distinct
        {{ dq_columns('351', 'header', {'DOB': 't.date_of_birth'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where {{ birthday('t.date_of_birth', 25) }} < {{ dq_year_start('t.collection_year') }}
),

rule_393 as (
    -- A girl looked after in the year (other than on short breaks) needs the MOTHER item.
    select distinct
        {{ dq_columns('393', 'header', {'SEX': 't.sex', 'MOTHER': 't.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.sex in ('2', 'F') and t.is_mother is null and exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and coalesce(e.legal_status, '') not in ('V3', 'V4')
    )
),

rule_399 as (
    -- Short-break-only children have no reviews in the 903.
    select distinct
        {{ dq_columns('399', 'reviews', {'REVIEW': 't.review_date', 'LS': 'c.last_legal_status'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where c.is_short_breaks_only and c.episode_count > 0
),

rule_440 as (
    select distinct
        {{ dq_columns('440', 'reviews', {
            'REVIEW_CODE': 't.review_participation',
            'REVIEW': 't.review_date',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.review_participation = 'PN0'
        and t.review_date > {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }}
),

rule_441 as (
    select distinct
        {{ dq_columns('441', 'reviews', {
            'REVIEW_CODE': 't.review_participation',
            'REVIEW': 't.review_date',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.review_participation in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')
        and t.review_date < {{ birthday('coalesce(t.date_of_birth, c.date_of_birth)', 4) }}
),

rule_442 as (
    select distinct
        {{ dq_columns('442', 'header', {'UPN': 't.upn'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where t.upn is null and c.episode_count > 0
),

rule_565 as (
    select distinct
        {{ dq_columns('565', 'missing', {'MISSING': 't.missing_type', 'MIS_START': 't.missing_start_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_start_date is not null and t.missing_type is null
),

rule_566 as (
    select distinct
        {{ dq_columns('566', 'missing', {'MISSING': 't.missing_type', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date is not null and t.missing_type is null
),

rule_567 as (
    select distinct
        {{ dq_columns('567', 'missing', {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date < t.missing_start_date
),

rule_570 as (
    select distinct
        {{ dq_columns('570', 'missing', {'MIS_START': 't.missing_start_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_start_date > {{ dq_year_end('t.collection_year') }}
),

rule_571 as (
    select distinct
        {{ dq_columns('571', 'missing', {'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where
        t.missing_end_date < {{ dq_year_start('t.collection_year') }}
        or t.missing_end_date > {{ dq_year_end('t.collection_year') }}
),

rule_574 as (
    -- Missing periods in order of their end (or start, when open): each starts after the previous ended.
    select distinct
        {{ dq_columns('574', 'missing', {'MIS_START': 't.missing_start_date', 'previous_MIS_END': 'p.prev_end'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    inner join (select
        source_file,
        source_line,
        lag(missing_end_date) over w as prev_end,
        lag(source_line) over w is not null as has_previous
    from {{ ref('stg_ssda903__missing') }}
    window w as (
        partition by la_code, collection_year, child_id
        order by coalesce(missing_end_date, missing_start_date), missing_start_date, source_line
    )) as p
        on t.source_file = p.source_file and t.source_line = p.source_line
    where p.has_previous and (p.prev_end is null or t.missing_start_date < p.prev_end)
),

rule_575 as (
    -- A missing period that began during an episode which has since ended must have ended too.
    select distinct
        {{ dq_columns('575', 'missing', {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where t.missing_end_date is null and exists (
        select 1 from {{ ref('stg_ssda903__episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.episode_end_date is not null
            and t.missing_start_date between e.episode_start_date and e.episode_end_date
    )
),

rule_577 as (
    -- A missing row that lies outside every period of care of the child (`outside` says how, per period).
    -- An open missing period must sit in a period of care that is still open; a closed one inside a period.
    select distinct
        {{ dq_columns('577', 'missing', {'MIS_START': 't.missing_start_date', 'MIS_END': 't.missing_end_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where exists (select 1 from (select
        la_code,
        collection_year,
        child_id,
        min(episode_start_date) as poc_start,
        arg_max_null(episode_end_date, episode_seq) as poc_end
    from (select
        *,
        sum(case when episode_seq = 1 or episode_start_date > prev_end_date then 1 else 0 end)
            over (partition by la_code, collection_year, child_id order by episode_seq) as poc_seq
    from {{ ref('int_dq__ssda903_episodes') }})
    group by la_code, collection_year, child_id, poc_seq) as poc
    where poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id)
    and not exists (
        select 1 from (select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as poc_start,
            arg_max_null(episode_end_date, episode_seq) as poc_end
        from (select
            *,
            sum(case when episode_seq = 1 or episode_start_date > prev_end_date then 1 else 0 end)
                over (partition by la_code, collection_year, child_id order by episode_seq) as poc_seq
        from {{ ref('int_dq__ssda903_episodes') }})
        group by la_code, collection_year, child_id, poc_seq) as poc
        where
            poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id
            and not coalesce(
                (t.missing_end_date is null and poc.poc_end is not null)
                or coalesce(t.missing_end_date is null and t.missing_start_date < poc.poc_start, false)
                or coalesce(t.missing_end_date > poc.poc_end, false)
                or coalesce(t.missing_end_date < poc.poc_start, false), false
            )
    )
),

rule_578 as (
    -- A missing row that lies outside every period of care of the child (`outside` says how, per period).
    select distinct
        {{ dq_columns('578', 'missing', {'MIS_START': 't.missing_start_date'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    where exists (select 1 from (select
        la_code,
        collection_year,
        child_id,
        min(episode_start_date) as poc_start,
        arg_max_null(episode_end_date, episode_seq) as poc_end
    from (select
        *,
        sum(case when episode_seq = 1 or episode_start_date > prev_end_date then 1 else 0 end)
            over (partition by la_code, collection_year, child_id order by episode_seq) as poc_seq
    from {{ ref('int_dq__ssda903_episodes') }})
    group by la_code, collection_year, child_id, poc_seq) as poc
    where poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id)
    and not exists (
        select 1 from (select
            la_code,
            collection_year,
            child_id,
            min(episode_start_date) as poc_start,
            arg_max_null(episode_end_date, episode_seq) as poc_end
        from (select
            *,
            sum(case when episode_seq = 1 or episode_start_date > prev_end_date then 1 else 0 end)
                over (partition by la_code, collection_year, child_id order by episode_seq) as poc_seq
        from {{ ref('int_dq__ssda903_episodes') }})
        group by la_code, collection_year, child_id, poc_seq) as poc
        where
            poc.la_code = t.la_code and poc.collection_year = t.collection_year and poc.child_id = t.child_id
            and not coalesce(
                coalesce(t.missing_start_date < poc.poc_start, false)
                or coalesce(t.missing_start_date > poc.poc_end, false),
                false
            )
    )
),

rule_581 as (
    select distinct
        {{ dq_columns('581', 'missing', {'MIS_START': 't.missing_start_date', 'DECOM': 'c.first_episode_start'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where
        t.missing_start_date < c.first_episode_start
        and c.first_episode_start >= {{ dq_year_start('t.collection_year') }}
),

rule_586 as (
    select distinct
        {{ dq_columns('586', 'missing', {
            'MIS_START': 't.missing_start_date',
            'DOB': 'coalesce(t.date_of_birth, c.date_of_birth)',
        }) }}
    from {{ ref('stg_ssda903__missing') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where t.missing_start_date < coalesce(t.date_of_birth, c.date_of_birth)
),

rule_607 as (
    -- A girl who ceased to be looked after in the year (other than from short breaks) needs MOTHER.
    select distinct
        {{ dq_columns('607', 'header', {'SEX': 't.sex', 'MOTHER': 't.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.sex in ('2', 'F') and t.is_mother is null and exists (
        select 1 from {{ ref('int_dq__ssda903_episodes') }} as e
        where
            e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
            and e.reason_episode_ceased <> 'X1' and e.episode_end_date between e.year_start and e.year_end
            and coalesce(e.legal_status, '') not in ('V3', 'V4')
    )
),

rule_611 as (
    select distinct
        {{ dq_columns('611', 'header', {'MOTHER': 't.is_mother', 'MC_DOB': 't.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.is_mother and t.mother_child_dob is null
),

rule_612 as (
    select distinct
        {{ dq_columns('612', 'header', {'SEX': 't.sex', 'MOTHER': 't.is_mother', 'MC_DOB': 't.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.sex in ('2', 'F') and t.is_mother = false and t.mother_child_dob is not null
),

rule_620 as (
    select distinct
        {{ dq_columns('620', 'header', {'DOB': 't.date_of_birth', 'MOTHER': 't.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.is_mother and {{ age_on('t.date_of_birth', dq_year_start('t.collection_year')) }} < 11
),

rule_621 as (
    select distinct
        {{ dq_columns('621', 'header', {'DOB': 't.date_of_birth', 'MC_DOB': 't.mother_child_dob'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where t.mother_child_dob <= t.date_of_birth
),

rule_625 as (
    -- Compared with the latest end date of the child's episodes (open episodes aside).
    select distinct
        {{ dq_columns('625', 'header', {'MC_DOB': 't.mother_child_dob', 'DEC': 'e.latest_dec'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    left join (
        select
            la_code,
            collection_year,
            child_id,
            max(episode_end_date) as latest_dec
        from {{ ref('stg_ssda903__episodes') }}
        group by all
    ) as e
        on t.la_code = e.la_code and t.collection_year = e.collection_year and t.child_id = e.child_id
    where t.mother_child_dob > {{ dq_year_end('t.collection_year') }} or t.mother_child_dob > e.latest_dec
),

rule_628 as (
    select distinct
        {{ dq_columns('628', 'header', {'MOTHER': 't.is_mother'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    where
        t.is_mother is not null
        and not exists (
            select 1 from {{ ref('stg_ssda903__episodes') }} as e
            where e.la_code = t.la_code and e.collection_year = t.collection_year and e.child_id = t.child_id
        )
        and exists (
            select 1 from {{ ref('stg_ssda903__oc3') }} as o
            where
                o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
                and (o.in_touch is not null or o.activity is not null or o.accommodation is not null)
        )
),

rule_1014 as (
    select distinct
        {{ dq_columns('1014', 'uasc', {'DUC': 't.date_uasc_ceased'}) }}
    from {{ ref('stg_ssda903__uasc') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where c.episode_count = 0 and exists (
        select 1 from {{ ref('stg_ssda903__oc3') }} as o
        where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
    )
),

rule_epi as (
    -- A child in the header needs episodes this year, unless the header row is for a care leaver (OC3).
    select distinct
        {{ dq_columns('EPI', 'header', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__header') }} as t
    left join {{ ref('int_dq__ssda903_children') }} as c
        on
            t.la_code = c.la_code
            and t.collection_year = c.collection_year
            and t.child_id = c.child_id
    where c.episode_count = 0 and not exists (
        select 1 from {{ ref('stg_ssda903__oc3') }} as o
        where o.la_code = t.la_code and o.collection_year = t.collection_year and o.child_id = t.child_id
    )
),

rule_int04 as (
    select distinct
        {{ dq_columns('INT04', 'missing', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
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

rule_int08 as (
    select distinct
        {{ dq_columns('INT08', 'reviews', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
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

rule_int09 as (
    select distinct
        {{ dq_columns('INT09', 'uasc', {'CHILD': 't.child_id'}) }}
    from {{ ref('stg_ssda903__uasc') }} as t
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

rule_int13 as (
    select distinct
        {{ dq_columns('INT13', 'missing', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__missing') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int17 as (
    select distinct
        {{ dq_columns('INT17', 'reviews', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__reviews') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int18 as (
    select distinct
        {{ dq_columns('INT18', 'uasc', {'DOB': 't.date_of_birth', 'header_DOB': 'h.date_of_birth'}) }}
    from {{ ref('stg_ssda903__uasc') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.date_of_birth is not null and h.date_of_birth is not null and t.date_of_birth <> h.date_of_birth
),

rule_int21 as (
    select distinct
        {{ dq_columns('INT21', 'uasc', {'SEX': 't.sex', 'header_SEX': 'h.sex'}) }}
    from {{ ref('stg_ssda903__uasc') }} as t
    inner join {{ ref('stg_ssda903__header') }} as h
        on t.la_code = h.la_code and t.collection_year = h.collection_year and t.child_id = h.child_id
    where t.sex is not null and h.sex is not null and t.sex <> h.sex
),

rule_sw01bstg1 as (
    -- From 1 April 2023 a social worker episode also says why the social worker changed. (A
    -- blank SW_ID or SW_DECOM is quarantined by staging and raised as SW01aSTG1.)
    select distinct
        {{ dq_columns('SW01bSTG1', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'SW_REASON': 't.sw_change_reason',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_start_date >= date '2023-04-01' and t.sw_change_reason is null
),

rule_sw02stg1 as (
    select distinct
        {{ dq_columns('SW02STG1', 'social_worker', {'SW_ID': 't.social_worker_id'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where upper(left(t.social_worker_id, 2)) not in ('SW', 'XX')
),

rule_sw06stg2 as (
    -- Social worker episodes cover the two years to 31 March: none may start after it.
    select distinct
        {{ dq_columns('SW06STG2', 'social_worker', {'SW_DECOM': 't.sw_episode_start_date'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_start_date > {{ dq_year_end('t.collection_year') }}
),

rule_sw07stg2 as (
    -- Social worker episodes are reported for the two years to 31 March.
    select distinct
        {{ dq_columns('SW07STG2', 'social_worker', {'SW_DEC': 't.sw_episode_end_date'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where
        t.sw_episode_end_date > {{ dq_year_end('t.collection_year') }}
        or t.sw_episode_end_date < {{ dq_year_start('t.collection_year') }} - interval 1 year
),

rule_sw08stg2 as (
    select distinct
        {{ dq_columns('SW08STG2', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'SW_DEC': 't.sw_episode_end_date',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_end_date is null and exists (
        select 1 from {{ ref('stg_ssda903__social_worker') }} as n
        where
            n.la_code = t.la_code and n.collection_year = t.collection_year and n.child_id = t.child_id
            and n.sw_episode_start_date > t.sw_episode_start_date
    )
),

rule_sw09stg2 as (
    select distinct
        {{ dq_columns('SW09STG2', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'SW_DEC': 't.sw_episode_end_date',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where t.sw_episode_start_date = t.sw_episode_end_date
),

rule_sw10stg2 as (
    select distinct
        {{ dq_columns('SW10STG2', 'social_worker', {
            'SW_DECOM': 't.sw_episode_start_date',
            'previous_SW_DEC': 'p.prev_end',
        }) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    inner join (
        select
            source_file,
            source_line,
            lag(sw_episode_end_date) over w as prev_end
        from {{ ref('stg_ssda903__social_worker') }}
        window w as (partition by la_code, collection_year, child_id order by sw_episode_start_date, source_line)
    ) as p
        on t.source_file = p.source_file and t.source_line = p.source_line
    where t.sw_episode_start_date < p.prev_end
),

rule_sw11bstg2 as (
    -- A child's latest social worker episode ended before 31 March with no episode after it.
    select distinct
        {{ dq_columns('SW11bSTG2', 'social_worker', {'SW_DEC': 't.sw_episode_end_date'}) }}
    from {{ ref('stg_ssda903__social_worker') }} as t
    where
        t.sw_episode_end_date < {{ dq_year_end('t.collection_year') }}
        and not exists (
            select 1 from {{ ref('stg_ssda903__social_worker') }} as n
            where
                n.la_code = t.la_code and n.collection_year = t.collection_year and n.child_id = t.child_id
                and n.sw_episode_start_date >= t.sw_episode_start_date and n.source_line <> t.source_line
        )
        and exists (
            select 1 from {{ ref('int_dq__ssda903_children') }} as c
            where
                c.la_code = t.la_code and c.collection_year = t.collection_year and c.child_id = t.child_id
                and c.is_looked_after_at_year_end
        )
)

select * from rule_165
union all
select * from rule_168
union all
select * from rule_174
union all
select * from rule_207
union all
select * from rule_209
union all
select * from rule_210
union all
select * from rule_232
union all
select * from rule_301
union all
select * from rule_304
union all
select * from rule_351
union all
select * from rule_393
union all
select * from rule_399
union all
select * from rule_440
union all
select * from rule_441
union all
select * from rule_442
union all
select * from rule_565
union all
select * from rule_566
union all
select * from rule_567
union all
select * from rule_570
union all
select * from rule_571
union all
select * from rule_574
union all
select * from rule_575
union all
select * from rule_577
union all
select * from rule_578
union all
select * from rule_581
union all
select * from rule_586
union all
select * from rule_607
union all
select * from rule_611
union all
select * from rule_612
union all
select * from rule_620
union all
select * from rule_621
union all
select * from rule_625
union all
select * from rule_628
union all
select * from rule_1014
union all
select * from rule_epi
union all
select * from rule_int04
union all
select * from rule_int08
union all
select * from rule_int09
union all
select * from rule_int13
union all
select * from rule_int17
union all
select * from rule_int18
union all
select * from rule_int21
union all
select * from rule_sw01bstg1
union all
select * from rule_sw02stg1
union all
select * from rule_sw06stg2
union all
select * from rule_sw07stg2
union all
select * from rule_sw08stg2
union all
select * from rule_sw09stg2
union all
select * from rule_sw10stg2
union all
select * from rule_sw11bstg2
