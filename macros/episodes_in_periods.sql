{#- Each episode with the period of care it belongs to: the body of a CTE, over CTEs named
    `episodes` (int_looked_after__episodes) and `periods` (int_looked_after__periods_of_care).
    Placements and legal-status spells both number episodes within their period from this. -#}
{% macro episodes_in_periods() %}
    select
        episodes.*,
        periods.period_of_care_key,
        periods.period_start_date,
        row_number() over (partition by episodes.la_code, episodes.child_id order by episodes.episode_start_date) = 1
            as is_first_episode_in_data
    from episodes
    inner join periods
        on
            episodes.la_code = periods.la_code
            and episodes.child_id = periods.child_id
            and episodes.episode_start_date >= periods.period_start_date
            -- A period that ends on day d can be followed by one that starts on d: an episode
            -- starting on d belongs to the later period.
            and (
                episodes.episode_start_date = periods.period_start_date
                or episodes.episode_start_date < coalesce(periods.period_end_date, periods.known_until_date + 1)
            )
    -- Overlapping episodes (a data fault) can make two periods claim an episode: it belongs to the
    -- later-starting one, so every episode counts once.
    qualify row_number() over (
        partition by episodes.la_code, episodes.child_id, episodes.episode_start_date
        order by periods.period_start_date desc
    ) = 1
{% endmacro %}
