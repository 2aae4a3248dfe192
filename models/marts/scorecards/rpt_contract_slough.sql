-- Slough's contract schedule (seed 001): contractual KPIs 1-44 and other indicators 1-64, for every
-- LA and month.
-- Its internal audience: the logic is int_scorecards__contract_slough,
-- computed once for both audiences.
select
    la_code,
    la_name,
    report_month,
    row_order,
    section,
    indicator_number,
    indicator_name,
    kpi_id,
    good_performance_is,
    unit,
    reported_period_type,
    reported_period_end,
    value,
    previous_value,
    dot,
    ytd_value,
    target,
    threshold_text,
    rag,
    rag_status_note,
    value_source,
    value_status
from {{ ref('int_scorecards__contract_slough') }}
where audience = 'internal'
