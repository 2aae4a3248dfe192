"""An Excel workbook per LA, made to leave the LA (reports/shared/excel/<la>_<name>.xlsx):

- one sheet per scorecard, in the seed's column layout and row order, read from the `shared`
  (small-number-suppressed) scorecard marts; RAG as cell colours, DOT as arrows (↑ improvement or
  increase, ↓ decline or decrease, → no movement, coloured green/red for better/worse);
- `Definitions`: every KPI on the sheets with its definition, numerator, denominator, unit,
  polarity and DfE source;
- `Data quality`: per collection year, whether the return is fit to publish and the rules broken
  with their counts; a count from 1 to 4 is shown as "<5" (dq_issues rows themselves stay inside).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import data
from .html import dot_arrow, slug

RAG_FILLS = {"red": "F4B6B6", "amber": "FFE08A", "green": "B9E0B9"}
DOT_COLOURS = {"improving": "1B5E20", "declining": "B71C1C"}
UNIT_WORDS = {"percent": "Percentage", "rate_per_10k": "Rate per 10,000", "count": "Count", "days": "Days",
              "average": "Average", "fte": "FTE", "ratio": "Ratio"}
SMALL = 5

# (column, heading) in the seed's order; headings that depend on the period are made in _layout.
ROTHERHAM = ["section", "indicator_number", "indicator_name", "good_performance_is", "unit",
             "month_minus_2_value", "month_minus_1_value", "month_value", "ytd_value", "data_note", "dot", "rag",
             "red_threshold", "amber_threshold", "green_threshold",
             "annual_1_value", "annual_2_value", "annual_3_value", "annual_4_value", "annual_5_value",
             "sn_average", "sn_best_value", "national_value", "top_quartile_threshold"]
DONCASTER = ["section", "indicator_number", "indicator_name", "good_performance_is", "unit", "target", "tolerance",
             "actual_value", "rag", "dot_vs_previous_quarter", "previous_quarter_1_value",
             "previous_quarter_2_value", "previous_quarter_3_value", "same_quarter_last_year_value",
             "sn_average", "national_value"]
HEADINGS = {"section": "Area", "indicator_number": "No.", "indicator_name": "Indicator",
            "good_performance_is": "Good perf is", "unit": "Unit", "data_note": "Data note", "dot": "DOT",
            "rag": "RAG", "red_threshold": "Red", "amber_threshold": "Amber", "green_threshold": "Target Green",
            "sn_average": "Stat neigh ave", "sn_best_value": "Best stat neigh", "national_value": "Nat ave",
            "top_quartile_threshold": "Nat top quartile threshold", "target": "Target", "tolerance": "Tolerance",
            "actual_value": "Actual", "dot_vs_previous_quarter": "DOT", "previous_quarter_1_value": "Previous quarter",
            "previous_quarter_2_value": "2 quarters back", "previous_quarter_3_value": "3 quarters back",
            "same_quarter_last_year_value": "Same quarter last year"}
# Columns a sheet never shows: keys, the period (in the title), provenance.
NOT_SHOWN = {"la_code", "la_name", "report_month", "quarter_end", "row_order", "kpi_id", "value_source",
             "value_status", "polarity", "is_suppressed", "suppression_note", "benchmark_period_end",
             "national_source", "sn_count", "headline_period_type", "headline_period_end", "headline_value",
             "dot_vs_year_ago", "rag_status_note", "quarter_label", "actual_period_type", "actual_period_end",
             "reported_period_type", "reported_period_end", "sn_best_la_name", "threshold_text"}


def _months_back(d: dt.date, n: int) -> dt.date:
    y, m = d.year, d.month - n
    while m < 1:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def _layout(card, rows: list[dict], period) -> list[tuple[str, str]]:
    present = list(rows[0].keys()) if rows else []
    wanted = {"rotherham_monthly": ROTHERHAM, "doncaster_contract": DONCASTER}.get(card.name)
    if wanted is None:  # Slough: its columns as the mart has them, keys and provenance left out
        wanted = [c for c in present if c not in NOT_SHOWN and not c.endswith("_label")]
    heads = dict(HEADINGS)
    if isinstance(period, dt.date):
        for n, col in ((2, "month_minus_2_value"), (1, "month_minus_1_value"), (0, "month_value")):
            heads[col] = _months_back(period, n).strftime("%b-%y")
        fy = period.year + (1 if period.month > 3 else 0)
        heads["ytd_value"] = f"YTD {fy - 1}/{str(fy)[-2:]}"
    for i in range(1, 6):
        label = rows[0].get(f"annual_{i}_label") if rows else None
        heads[f"annual_{i}_value"] = str(label) if label else f"Year {i}"
    return [(c, heads.get(c, c.replace("_", " ").capitalize())) for c in wanted if c in present]


def _cell_value(col: str, row: dict):
    v = row.get(col)
    if col == "unit":
        return UNIT_WORDS.get(v, v)
    if col in ("dot", "dot_vs_previous_quarter"):
        return dot_arrow(v) or None
    if col == "rag":
        return str(v).capitalize() if v else None
    if isinstance(v, (dt.date, dt.datetime)):
        return v
    if isinstance(v, float) and v != v:
        return None
    return v


def _number_format(unit: str | None) -> str:
    return {"percent": '0.0"%"', "count": "#,##0", "rate_per_10k": "0.0"}.get(unit or "", "0.0")


def write_workbooks(db: Path, out: Path) -> list[Path]:
    import duckdb
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xlsx"):
        old.unlink()
    title_font = Font(bold=True, size=14)
    head_fill = PatternFill("solid", fgColor="1F4E79")
    head_font = Font(bold=True, color="FFFFFF")
    written = []
    with duckdb.connect(str(db), read_only=True) as con:
        definitions = data.kpi_definitions(con)
        cards = data.available_scorecards(con, shared=True)
        stamp = data.build_stamp(con)
        for la in data.las(con):
            wb = Workbook()
            wb.remove(wb.active)
            used_kpis: list[str] = []
            for card in cards:
                period, rows = data.scorecard_rows(con, card, la["la_code"], shared=True)
                if not rows:
                    continue
                ws = wb.create_sheet(card.name[:31])
                ws["A1"] = f"{la['la_name']} ({la['la_code']}): {card.title}"
                ws["A1"].font = title_font
                period_text = period.strftime("%B %Y") if isinstance(period, dt.date) else str(period or "")
                ws["A2"] = (f"As at {period_text}. Layout of {card.seed}. Small numbers withheld (counts of 1-4 "
                            f"children, and figures made from them, are blank). Build {stamp.get('build_id') or '-'}.")
                columns = _layout(card, rows, period)
                header_row = 4
                for j, (_, heading) in enumerate(columns, start=1):
                    c = ws.cell(row=header_row, column=j, value=heading)
                    c.font, c.fill = head_font, head_fill
                    c.alignment = Alignment(wrap_text=True, vertical="top")
                for i, row in enumerate(rows, start=header_row + 1):
                    unit = row.get("unit")
                    if row.get("kpi_id") and row["kpi_id"] not in used_kpis:
                        used_kpis.append(row["kpi_id"])
                    for j, (col, _) in enumerate(columns, start=1):
                        c = ws.cell(row=i, column=j, value=_cell_value(col, row))
                        if isinstance(c.value, (int, float)) and col not in ("indicator_number",):
                            c.number_format = _number_format(unit)
                        if col == "rag" and row.get("rag") in RAG_FILLS:
                            c.fill = PatternFill("solid", fgColor=RAG_FILLS[row["rag"]])
                        if col in ("dot", "dot_vs_previous_quarter") and row.get(col):
                            c.font = Font(bold=True, size=13, color=DOT_COLOURS.get(row[col], "444444"))
                            c.alignment = Alignment(horizontal="center")
                        if col == "indicator_name":
                            c.alignment = Alignment(wrap_text=True, vertical="top")
                widths = {"section": 18, "indicator_name": 55, "indicator_number": 7, "unit": 14, "data_note": 16}
                for j, (col, _) in enumerate(columns, start=1):
                    ws.column_dimensions[get_column_letter(j)].width = widths.get(col, 11)
                ws.freeze_panes = ws.cell(row=header_row + 1, column=4)

            ws = wb.create_sheet("Definitions")
            ws["A1"] = "Definitions of the indicators on the scorecard sheets"
            ws["A1"].font = title_font
            fields = [("kpi_id", "KPI id"), ("kpi_name", "Name"), ("definition", "Definition"),
                      ("numerator", "Numerator"), ("denominator", "Denominator"), ("unit", "Unit"),
                      ("polarity", "Polarity"), ("source_returns", "Returns"), ("dfe_source", "DfE source")]
            for j, (_, heading) in enumerate(fields, start=1):
                c = ws.cell(row=3, column=j, value=heading)
                c.font, c.fill = head_font, head_fill
            for i, kpi_id in enumerate(used_kpis, start=4):
                kpi = definitions.get(kpi_id, {})
                for j, (col, _) in enumerate(fields, start=1):
                    v = UNIT_WORDS.get(kpi.get(col), kpi.get(col)) if col == "unit" else kpi.get(col)
                    ws.cell(row=i, column=j, value=v).alignment = Alignment(wrap_text=True, vertical="top")
            for j, width in enumerate((30, 40, 80, 40, 40, 14, 14, 14, 50), start=1):
                ws.column_dimensions[get_column_letter(j)].width = width

            ws = wb.create_sheet("Data quality")
            ws["A1"] = "Data-quality findings by collection year (counts of 1-4 shown as <5)"
            ws["A1"].font = title_font
            heads = ["Collection year", "Fit to publish", "Rule", "Return", "Severity", "Message", "Issue count"]
            r = 3
            for j, heading in enumerate(heads, start=1):
                c = ws.cell(row=r, column=j, value=heading)
                c.font, c.fill = head_font, head_fill
            for fit in [f for f in data.dq_fitness(con) if f["la_code"] == la["la_code"]]:
                for rule in data.dq_top_rules(con, la["la_code"], fit["collection_year"], limit=50):
                    r += 1
                    n = rule["issue_count"]
                    values = [fit["collection_year"], "yes" if fit["is_fit_to_publish"] else "no", rule["rule_code"],
                              rule["return_name"], rule["severity"], rule["message"],
                              f"<{SMALL}" if n and 0 < n < SMALL else n]
                    for j, v in enumerate(values, start=1):
                        ws.cell(row=r, column=j, value=v)
                    if rule["severity"] == "error":
                        ws.cell(row=r, column=5).fill = PatternFill("solid", fgColor=RAG_FILLS["red"])
            for j, width in enumerate((14, 12, 12, 12, 10, 90, 12), start=1):
                ws.column_dimensions[get_column_letter(j)].width = width
            for sheet in wb.worksheets:
                sheet["A1"].font = title_font
            target = out / f"{la['la_code']}_{slug(la['la_name'])}.xlsx"
            wb.save(target)
            written.append(target)
    return written

