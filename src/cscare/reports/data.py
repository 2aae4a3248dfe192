"""What the HTML report and the workbooks read from the warehouse.

The seam: a scorecard is read from its `rpt_` mart (marts schema, for the LA's own report) or its
`shared_` mart (shared schema, suppressed, for what leaves the LA) when the warehouse has it. A
warehouse built before those marts existed still gets a Rotherham-shaped scorecard, assembled here
from marts.fct_kpi_values + marts.dim_kpi (figures only: no RAG, DOT or benchmarks), so the
renderers never change shape: they read the rpt_scorecard_monthly columns either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Scorecard:
    name: str
    title: str
    seed: str
    internal_table: str
    shared_table: str
    period_column: str


SCORECARDS = (
    Scorecard("rotherham_monthly", "Corporate parenting monthly performance report",
              "Rotherham, seed document 003", "rpt_scorecard_monthly", "shared_scorecard_monthly", "report_month"),
    Scorecard("doncaster_contract", "Contract and partnership measures, quarterly",
              "Doncaster, seed document 002", "rpt_contract_quarterly", "shared_contract_quarterly", "quarter_end"),
    Scorecard("slough_contract", "Contractual KPIs and other performance indicators",
              "Slough, seed documents 000 and 001", "rpt_contract_slough", "shared_contract_slough", "report_month"),
)


def has_table(con, schema: str, table: str) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                       [schema, table]).fetchone()[0] > 0


def _records(con, sql: str, params=None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def las(con) -> list[dict]:
    return _records(con, """
        select v.la_code, coalesce(any_value(la.la_name), v.la_code) as la_name
        from (select distinct la_code from marts.fct_kpi_values) as v
        left join ref.ref_local_authorities as la using (la_code)
        group by v.la_code order by v.la_code""")


def available_scorecards(con, shared: bool = False) -> list[Scorecard]:
    """The scorecards this warehouse has marts for; the fallback Rotherham one if it has none."""
    schema = "shared" if shared else "marts"
    found = [s for s in SCORECARDS if has_table(con, schema, s.shared_table if shared else s.internal_table)]
    return found or [SCORECARDS[0]]


def scorecard_rows(con, card: Scorecard, la_code: str, shared: bool = False) -> tuple[object, list[dict]]:
    """(the latest period the LA has, its rows in the seed's order)."""
    schema, table = ("shared", card.shared_table) if shared else ("marts", card.internal_table)
    if has_table(con, schema, table):
        latest = con.execute(f'select max("{card.period_column}") from "{schema}"."{table}" where la_code = ?',
                             [la_code]).fetchone()[0]
        rows = _records(con, f'select * from "{schema}"."{table}" where la_code = ? and "{card.period_column}" = ? '
                        "order by row_order", [la_code, latest])
        return latest, rows
    return fallback_monthly_rows(con, la_code, shared)


def _ref_order(ref: str | None) -> tuple:
    m = re.match(r"\s*(\d+)\.(\d+)", ref or "")
    return (int(m.group(1)), int(m.group(2))) if m else (99, 99)


def fallback_monthly_rows(con, la_code: str, shared: bool = False) -> tuple[object, list[dict]]:
    """Rotherham's rows from the KPI marts alone, in rpt_scorecard_monthly's columns."""
    values = "shared.shared_kpi_values" if shared else "marts.fct_kpi_values"
    latest = con.execute(f"select max(period_end) from {values} where la_code = ? and period_type = 'month'",
                         [la_code]).fetchone()[0]
    kpis = _records(con, """
        select kpi_id, kpi_name, unit, polarity, definition, ref_rotherham from marts.dim_kpi
        where ref_rotherham is not null and ref_rotherham <> '' and is_computed""")
    kpis.sort(key=lambda k: _ref_order(k["ref_rotherham"]))
    la_name = next((la["la_name"] for la in las(con) if la["la_code"] == la_code), la_code)
    rows = []
    for i, k in enumerate(kpis, start=1):
        number = re.match(r"\s*([\d.]+)", k["ref_rotherham"]).group(1) if re.match(r"\s*[\d.]+", k["ref_rotherham"]) else ""

        def value(period_type, months_back=0):
            r = con.execute(f"""select value from {values} where la_code = ? and kpi_id = ? and period_type = ?
                and period_end = last_day(cast(? as date) - to_months(?))""",
                            [la_code, k["kpi_id"], period_type, latest, months_back]).fetchone()
            return r[0] if r else None

        fy_end = latest.year + (1 if latest.month > 3 else 0) if latest else None
        row = {"la_code": la_code, "la_name": la_name, "report_month": latest, "row_order": i,
               "indicator_number": number, "indicator_name": k["kpi_name"], "kpi_id": k["kpi_id"],
               "good_performance_is": {"high_is_good": "High", "low_is_good": "Low",
                                       "within_range": "Within Limits"}.get(k["polarity"], "Info"),
               "unit": k["unit"], "month_minus_2_value": value("month", 2), "month_minus_1_value": value("month", 1),
               "month_value": value("month"), "ytd_value": value("fytd"), "data_note": None, "dot": None,
               "rag": None, "red_threshold": None, "amber_threshold": None, "green_threshold": None,
               "sn_average": None, "sn_best_value": None, "sn_best_la_name": None, "national_value": None,
               "top_quartile_threshold": None, "value_source": "computed (fallback: no scorecard marts)"}
        for j in range(1, 6):
            year_end = fy_end - (6 - j) if fy_end else None
            row[f"annual_{j}_label"] = f"{year_end - 1}/{str(year_end)[-2:]}" if year_end else None
            r = con.execute(f"""select value from {values} where la_code = ? and kpi_id = ? and period_type = 'year'
                and period_end = make_date(?, 3, 31)""", [la_code, k["kpi_id"], year_end]).fetchone() if year_end else None
            row[f"annual_{j}_value"] = r[0] if r else None
        rows.append(row)
    return latest, rows


def kpi_definitions(con) -> dict[str, dict]:
    return {r["kpi_id"]: r for r in _records(con, "select * from marts.dim_kpi")}


def monthly_series(con, la_code: str, kpi_id: str, end, months: int = 12, shared: bool = False) -> list[dict]:
    """The in-month values of the `months` months to `end` (fytd where the KPI has no in-month value)."""
    values = "shared.shared_kpi_values" if shared else "marts.fct_kpi_values"
    if end is None:
        return []
    rows = _records(con, f"""
        select period_type, period_end, value from {values}
        where la_code = ? and kpi_id = ? and period_type in ('month', 'rolling_12_months', 'fytd')
          and period_end > last_day(cast(? as date) - to_months({months})) and period_end <= ?
        order by period_end""", [la_code, kpi_id, end, end])
    for preferred in ("month", "rolling_12_months", "fytd"):
        picked = [r for r in rows if r["period_type"] == preferred]
        if picked:
            return picked
    return []


def annual_figures(con, la_code: str, kpi_id: str, end, shared: bool = False) -> dict:
    """annual_1..5 labels and values (the five years to 31 March before the one `end` is in), for
    scorecards whose mart carries no annual columns (the contract layouts)."""
    values = "shared.shared_kpi_values" if shared else "marts.fct_kpi_values"
    out: dict = {}
    if end is None:
        return out
    fy_end = end.year + (1 if end.month > 3 else 0)
    for i in range(1, 6):
        year_end = fy_end - (6 - i)
        r = con.execute(f"""select value from {values} where la_code = ? and kpi_id = ? and period_type = 'year'
            and period_end = make_date(?, 3, 31)""", [la_code, kpi_id, year_end]).fetchone()
        out[f"annual_{i}_label"] = f"{year_end - 1}/{str(year_end)[-2:]}"
        out[f"annual_{i}_value"] = r[0] if r else None
    return out


def dq_fitness(con) -> list[dict]:
    if not has_table(con, "marts", "dq_fitness"):
        return []
    return _records(con, "select * from marts.dq_fitness order by la_code, collection_year")


def dq_top_rules(con, la_code: str, year: int, limit: int = 15) -> list[dict]:
    return _records(con, """
        select rule_code, return_name, severity, message, issue_count, child_count, fix_hint
        from marts.dq_summary where la_code = ? and collection_year = ?
        order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, issue_count desc, rule_code
        limit ?""", [la_code, year, limit])


def build_stamp(con) -> dict:
    if has_table(con, "meta", "build_info"):
        r = _records(con, "select * from meta.build_info")
        if r:
            return r[0]
    return {}
