"""python -m cscare.quality --db PATH --docs DIR: Great Expectations checks on the KPI marts.

Exit status: 0 when every error-level expectation holds (warnings are printed), 1 when one fails,
2 when the marts cannot be read."""

from __future__ import annotations

import argparse
import os
import sys

from .kpi_suite import DEFAULT_DOCS, MartsMissing, run_kpi_expectations


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m cscare.quality", description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", "target/cscare.duckdb"),
                    help="DuckDB file with marts.fct_kpi_values and marts.dim_kpi (default: $CSC_DUCKDB_PATH or target/cscare.duckdb)")
    ap.add_argument("--docs", default=str(DEFAULT_DOCS), help="folder for the GX Data Docs (default: reports/data_docs/)")
    ap.add_argument("--max-jump-points", type=float, default=10.0,
                    help="warn when a percentage KPI moves more than this many points from the previous period")
    ap.add_argument("--max-jump-percent", type=float, default=50.0,
                    help="warn when any other KPI moves more than this per cent from the previous period")
    args = ap.parse_args(argv)
    try:
        result = run_kpi_expectations(args.db, docs_dir=args.docs, max_jump_points=args.max_jump_points,
                                      max_jump_percent=args.max_jump_percent)
    except MartsMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for label, items in (("ERROR", result.errors), ("WARNING", result.warnings)):
        for o in items:
            print(f"{label} {o.frame}: {o.expectation} {o.column or ''} failed on {o.unexpected_count} rows; "
                  f"e.g. {o.examples}")
    passed = sum(o.success for o in result.outcomes)
    print(f"{passed} of {len(result.outcomes)} expectations met; {len(result.errors)} error-level failed, "
          f"{len(result.warnings)} warnings. Data Docs: {result.docs_index}")
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
