"""Is a folder fit to leave the LA? Every Parquet, CSV and Excel file under it is read back and
refused if it carries

- a child-level column: a child or worker identifier, UPN, date of birth, postcode, or the file
  line of a record (each of which points at one child); or
- a small number: a count of children from 1 to 4 (below the suppression threshold, default 5),
  as a numerator, denominator or value of a count KPI, or as any column of counts.

Workforce FTE figures are about staff, not children: they are not small-number suppressed.
"""

from __future__ import annotations

import re
from pathlib import Path

THRESHOLD = 5
CHILD_LEVEL_COLUMN = re.compile(
    r"(^|[\s_])(child|child_id|la_child_id|upn|former_upn|uln|dob|date_of_birth|birth_date|mc_dob|mother|"
    r"postcode|home_post|pl_post|post_code|sw_id|worker_id|agency_worker_id|source_line|line)($|[\s_])",
    re.IGNORECASE)
COUNT_COLUMN = re.compile(r"(^|[\s_])(count|counts|n|issues|issue_count|rows|children|records|numerator|denominator)"
                          r"($|[\s_])",
                          re.IGNORECASE)
# Columns that hold targets, other LAs' or England's figures, or counts of LAs (neighbours behind an
# average, LAs covered, ranks): not this LA's children.
NOT_A_COUNT = re.compile(r"(^|[\s_])(threshold|target|tolerance|red|amber|green|national|nat|england|regional|group|"
                         r"ave|average|sn_average|sn_count|sn_neighbours|coverage|rank|rank_of|quartile|median|"
                         r"label|row_order|order|number|precision)($|[\s_])", re.IGNORECASE)
UNSUPPRESSED_UNITS = {"fte"}


def _small(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 < v < THRESHOLD


def _check_table(name: str, columns: list[str], rows: list[dict], units: dict[str, str]) -> list[str]:
    problems = [f"{name}: child-level column {c!r}" for c in columns if CHILD_LEVEL_COLUMN.search(c)]
    small: dict[str, list] = {}
    for i, row in enumerate(rows):
        unit = str(row.get("unit") or row.get("Unit") or units.get(str(row.get("kpi_id") or row.get("KPI id")), "")).lower()
        if unit in UNSUPPRESSED_UNITS:
            continue
        for col in columns:
            v = row.get(col)
            if not _small(v) or NOT_A_COUNT.search(col):
                continue
            is_value = col in ("value", "Value") or col.endswith("_value") or unit == "count"
            if COUNT_COLUMN.search(col) or (unit == "count" and is_value):
                small.setdefault(col, []).append((i + 1, v))
    for col, hits in small.items():
        row, v = hits[0]
        problems.append(f"{name}: column {col!r} holds {len(hits)} counts below {THRESHOLD} "
                        f"(first: row {row} = {v})")
    return problems


def _units(folder: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    defs = folder / "parquet" / "kpi_definitions" / "data.parquet"
    if not defs.exists():
        return {}
    t = pq.read_table(defs, columns=["kpi_id", "unit"]).to_pylist()
    return {r["kpi_id"]: r["unit"] for r in t}


def _excel_tables(path: Path):
    """Each sheet as (header, rows): a header row is the first row of text cells after a blank row."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        header, rows = None, []
        for values in ws.iter_rows(values_only=True):
            cells = [v for v in values if v not in (None, "")]
            if not cells:
                if header and rows:
                    yield ws.title, header, rows
                header, rows = None, []
                continue
            if header is None:
                if len(cells) >= 3 and all(isinstance(v, str) for v in cells):
                    header = [str(v) if v is not None else f"col{j}" for j, v in enumerate(values)]
                continue
            rows.append(dict(zip(header, values)))
        if header and rows:
            yield ws.title, header, rows


def check_shareable(folder: Path) -> list[str]:
    import pyarrow.csv as pcsv
    import pyarrow.dataset as ds

    folder = Path(folder)
    if not folder.exists():
        return []
    units = _units(folder)
    problems: list[str] = []
    parquet_root = folder / "parquet"
    if parquet_root.exists():
        for table_dir in sorted(p for p in parquet_root.iterdir() if p.is_dir()):
            t = ds.dataset(table_dir, format="parquet", partitioning="hive").to_table()
            problems += _check_table(str(table_dir.relative_to(folder)), t.column_names, t.to_pylist(), units)
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.suffix == ".csv":
            t = pcsv.read_csv(path)
            problems += _check_table(rel, t.column_names, t.to_pylist(), units)
        elif path.suffix == ".xlsx":
            for sheet, header, rows in _excel_tables(path):
                problems += _check_table(f"{rel}[{sheet}]", [h for h in header if h], rows, units)
        elif path.suffix in (".parquet", ".json", ".txt", ".md") or path.is_dir():
            continue
        else:
            problems.append(f"{rel}: a file type the check cannot read; only Parquet, CSV and Excel may be shared")
    return problems
