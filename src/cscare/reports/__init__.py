"""What people open, written from the published warehouse into reports/:

    reports/index.html                 the HTML report (pages in reports/html/), opened from disk
    reports/shared/                    what may leave the LA: LA-level, small numbers suppressed
        parquet/<table>/collection_year=YYYY/*.parquet   the `shared` schema + KPI definitions
        csv/<table>.csv                the same tables as CSV
        excel/<la_code>_<la name>.xlsx a workbook per LA: scorecards, definitions, DQ findings
    reports/internal/                  stays in the LA: child-level and unsuppressed tables
        parquet/<schema>/<table>/...   every mart (marts, analysis) and the load audit
        dq_issues/<la>_<year>.csv      the rows behind each data-quality page

`check_shareable` refuses a shared folder holding child-level columns or small numbers; every
export runs it, and so does tests/python/test_reports.py.
"""

from __future__ import annotations

from pathlib import Path

from .parquet import export_parquet
from .shareable import check_shareable

__all__ = ["export", "export_parquet", "check_shareable", "write_reports"]


def export(db: Path, out: Path) -> Path:
    """The Parquet and CSV exports (shared and internal) of the warehouse `db` into `out`."""
    out = Path(out)
    export_parquet(Path(db), out)
    problems = check_shareable(out / "shared")
    if problems:
        raise RuntimeError("the shareable export holds data that may not leave the LA:\n  " + "\n  ".join(problems))
    return out


def write_reports(db: Path, out: Path, commentary: Path | None = None) -> dict[str, Path]:
    """Everything in reports/: Parquet/CSV exports, Excel workbooks, the HTML report."""
    from .excel import write_workbooks
    from .html import write_html

    export(db, out)
    workbooks = write_workbooks(Path(db), Path(out) / "shared" / "excel")
    problems = check_shareable(Path(out) / "shared")
    if problems:
        raise RuntimeError("the shareable workbooks hold data that may not leave the LA:\n  " + "\n  ".join(problems))
    index = write_html(Path(db), Path(out), commentary=commentary)
    return {"index": index, "workbooks": Path(out) / "shared" / "excel", "n_workbooks": len(workbooks)}
