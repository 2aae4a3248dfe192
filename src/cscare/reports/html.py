"""The HTML report: static pages under reports/, opened from disk with no server.

    reports/index.html                       every LA: its scorecards and data-quality pages
    reports/html/<la>/<scorecard>.html       one page per LA and scorecard, following Rotherham 003
    reports/html/<la>/dq_<year>.html         fit to publish? the top rules, linked to the rows
    reports/internal/dq_issues/<la>_<year>.csv   the dq_issues rows behind that page
    reports/html/assets/                     plotly.min.js (from the plotly wheel) and report.css

Commentary is kept outside the warehouse, in a CSV (default commentary/commentary.csv, columns
la_code, kpi_id, month as YYYY-MM, author, commentary), so it survives every rebuild.
The report is internal: it shows unsuppressed figures and links to child-level rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

from . import data
from .charts import indicator_chart, write_plotly_js

UNIT_LABELS = {"percent": "%", "rate_per_10k": "per 10,000", "count": "count", "days": "days",
               "average": "average", "fte": "FTE", "ratio": "ratio"}


def read_commentary(path: Path | None) -> dict[tuple[str, str, str], dict]:
    if not path or not Path(path).exists():
        return {}
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            month = (r.get("month") or "").strip()[:7]
            out[(r.get("la_code", "").strip(), r.get("kpi_id", "").strip(), month)] = r
    return out


def fmt(value, unit: str | None = None) -> str:
    from jinja2 import Undefined

    if value is None or value == "" or isinstance(value, Undefined):
        return "-"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d %b %Y")
    if isinstance(value, bool):
        return "yes" if value else "no"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v != v:  # NaN
        return "-"
    if unit == "percent":
        return f"{v:.1f}%"
    if unit in ("count",) and v == int(v):
        return f"{int(v):,}"
    if v == int(v) and abs(v) >= 100:
        return f"{int(v):,}"
    return f"{v:,.1f}"


def rag_class(rag) -> str:
    r = (str(rag or "")).strip().lower()
    return {"red": "rag-red", "r": "rag-red", "amber": "rag-amber", "a": "rag-amber",
            "green": "rag-green", "g": "rag-green"}.get(r, "rag-none")


# fct_kpi_performance's words (macro direction_of_travel) as 003's arrows: ↑ improvement / increase
# in numbers, ↓ decline / decrease, → no movement.
DOT_ARROWS = {"improving": "↑", "increase": "↑", "declining": "↓", "decrease": "↓", "no movement": "→"}


def dot_arrow(dot) -> str:
    if dot is None or dot == "":
        return ""
    s = str(dot).strip()
    if s in ("↑", "↓", "→", "↗", "↘"):
        return s
    return DOT_ARROWS.get(s.lower(), s)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def _with_annual(con, la_code: str, row: dict, period) -> dict:
    """The row as the chart needs it: the five years from fct_kpi_values where the mart has none."""
    if "annual_1_label" in row or not isinstance(period, dt.date):
        return row
    return {**row, **data.annual_figures(con, la_code, row.get("kpi_id"), period)}


def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("cscare.reports", "templates"), autoescape=select_autoescape(["html"]))
    env.filters.update(fmt=fmt, rag_class=rag_class, dot_arrow=dot_arrow)
    return env


def write_html(db: Path, out: Path, commentary: Path | None = None) -> Path:
    import duckdb

    out = Path(out)
    html_dir = out / "html"
    shutil.rmtree(html_dir, ignore_errors=True)
    assets = html_dir / "assets"
    write_plotly_js(assets)
    shutil.copyfile(Path(__file__).parent / "templates" / "report.css", assets / "report.css")
    env = _env()
    notes = read_commentary(commentary)
    dq_dir = out / "internal" / "dq_issues"
    shutil.rmtree(dq_dir, ignore_errors=True)
    dq_dir.mkdir(parents=True, exist_ok=True)
    generated = dt.datetime.now().strftime("%d %b %Y %H:%M")

    with duckdb.connect(str(db), read_only=True) as con:
        stamp = data.build_stamp(con)
        cards = data.available_scorecards(con)
        definitions = data.kpi_definitions(con)
        fitness = data.dq_fitness(con)
        index_las = []
        for la in data.las(con):
            la_dir = html_dir / la["la_code"]
            la_dir.mkdir(parents=True, exist_ok=True)
            pages = []
            for card in cards:
                period, rows = data.scorecard_rows(con, card, la["la_code"])
                if not rows:
                    continue
                indicators = []
                for i, row in enumerate(rows):
                    kpi = definitions.get(row.get("kpi_id"), {})
                    unit = row.get("unit") or kpi.get("unit")
                    series = data.monthly_series(con, la["la_code"], row.get("kpi_id"), period
                                                 if isinstance(period, dt.date) else None)
                    month_key = period.strftime("%Y-%m") if isinstance(period, dt.date) else ""
                    note = notes.get((la["la_code"], row.get("kpi_id") or "", month_key))
                    indicators.append({
                        "row": row, "kpi": kpi, "unit": unit, "unit_label": UNIT_LABELS.get(unit, unit or ""),
                        "anchor": f"k{i}_{slug(row.get('kpi_id') or 'row')}",
                        "chart": indicator_chart(f"chart_{i}", _with_annual(con, la["la_code"], row, period), series,
                                                 UNIT_LABELS.get(unit, unit or "")),
                        "series": series, "commentary": note})
                sections = []
                for ind in indicators:
                    name = ind["row"].get("section") or ""
                    if not sections or sections[-1]["name"] != name:
                        sections.append({"name": name, "indicators": []})
                    sections[-1]["indicators"].append(ind)
                page = la_dir / f"{card.name}.html"
                page.write_text(env.get_template("scorecard.html.j2").render(
                    la=la, card=card, period=period, sections=sections, indicators=indicators, stamp=stamp,
                    generated=generated, commentary_file=str(commentary) if commentary else None,
                    month_key=period.strftime("%Y-%m") if isinstance(period, dt.date) else "",
                    is_fallback=not data.has_table(con, "marts", card.internal_table)), encoding="utf-8")
                pages.append({"card": card, "href": f"html/{la['la_code']}/{page.name}", "period": period,
                              "n": len(indicators),
                              "n_red": sum(1 for ind in indicators if rag_class(ind["row"].get("rag")) == "rag-red")})
            dq_pages = []
            for fit in [f for f in fitness if f["la_code"] == la["la_code"]]:
                year = fit["collection_year"]
                csv_name = f"{la['la_code']}_{year}.csv"
                con.execute(f"copy (select * from marts.dq_issues where la_code = ? and collection_year = ? "
                            f"order by rule_code, source_file, source_line) to '{dq_dir / csv_name}' (header)",
                            [la["la_code"], year])
                page = la_dir / f"dq_{year}.html"
                page.write_text(env.get_template("dq.html.j2").render(
                    la=la, year=year, fit=fit, rules=data.dq_top_rules(con, la["la_code"], year),
                    issues_csv=f"../../internal/dq_issues/{csv_name}", stamp=stamp, generated=generated),
                    encoding="utf-8")
                dq_pages.append({"year": year, "fit": fit, "href": f"html/{la['la_code']}/{page.name}"})
            workbook = f"shared/excel/{la['la_code']}_{slug(la['la_name'])}.xlsx"  # as excel.py names it
            index_las.append({"la": la, "pages": pages, "dq_pages": dq_pages,
                              "workbook": workbook if (out / workbook).exists() else None})
    index = out / "index.html"
    index.write_text(env.get_template("index.html.j2").render(
        las=index_las, stamp=stamp, generated=generated, cards=cards), encoding="utf-8")
    return index
