"""Every mart as Parquet for BI tools, partitioned by collection year; the shareable set apart.

- reports/internal/parquet/<schema>/<table>/: every table of the `marts` and `analysis` schemas
  and the load audit. Child-level (dq_issues) and unsuppressed: it stays in the LA.
- reports/shared/parquet/<table>/: the `shared` schema (LA-level, small numbers suppressed) and
  `kpi_definitions` (marts.dim_kpi: definitions only, no figures). Also as CSV in reports/shared/csv/.

A table with a collection_year column is partitioned by it; one with a period end (period_end,
report_month, quarter_end) by the collection year that date falls in, the year ending 31 March
(`collection_year=2024` holds April 2023 to March 2024, as the returns are named); any other
table is one file. The partition column is also kept inside the files, so a tool that does not
read Hive-style folder names still has it. Each export replaces the folders it writes, and
`_build.json` beside them names the warehouse build they came from.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

INTERNAL_SCHEMAS = ("marts", "analysis")
INTERNAL_AUDIT = ("audit_reconciliation", "audit_load_files")
SHARED_SCHEMA = "shared"
# Tables of definitions only (no figures about children): safe to share beside the shared schema.
SHARED_DEFINITIONS = {"kpi_definitions": ("marts", "dim_kpi")}
PERIOD_COLUMNS = ("period_end", "report_month", "quarter_end", "period_start")


def _columns(con, schema: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position", [schema, table]).fetchall()]


def partition_expression(columns: list[str]) -> str | None:
    if "collection_year" in columns:
        return None  # partition by the column itself
    for col in PERIOD_COLUMNS:
        if col in columns:
            return f'year("{col}") + case when month("{col}") >= 4 then 1 else 0 end'
    return ""


def _copy(con, schema: str, table: str, target: Path) -> dict:
    columns = _columns(con, schema, table)
    derived = partition_expression(columns)
    select = f'select * from "{schema}"."{table}"'
    if derived:
        select = f'select *, cast({derived} as integer) as collection_year from "{schema}"."{table}"'
    target.mkdir(parents=True, exist_ok=True)
    rows = con.execute(f"select count(*) from ({select})").fetchone()[0]
    if derived == "":
        con.execute(f"copy ({select}) to '{target / 'data.parquet'}' (format parquet)")
        partitioned = False
    else:
        con.execute(f"copy ({select}) to '{target}' (format parquet, partition_by (collection_year), "
                    "write_partition_columns true, overwrite_or_ignore true)")
        partitioned = True
    return {"schema": schema, "table": table, "rows": rows, "partitioned_by_collection_year": partitioned}


def export_parquet(db: Path, out: Path) -> dict:
    import duckdb

    from ..publish import current_build

    shared_dir, internal_dir = out / "shared", out / "internal"
    for folder in (shared_dir / "parquet", shared_dir / "csv", internal_dir / "parquet"):
        shutil.rmtree(folder, ignore_errors=True)
    written: dict[str, list] = {"shared": [], "internal": []}
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ? order by 1, 2", [[*INTERNAL_SCHEMAS, SHARED_SCHEMA]]).fetchall()
        tables += [("audit", t) for t in INTERNAL_AUDIT
                   if con.execute("select count(*) from information_schema.tables where table_schema = 'audit' "
                                  "and table_name = ?", [t]).fetchone()[0]]
        for schema, table in tables:
            if schema == SHARED_SCHEMA:
                written["shared"].append(_copy(con, schema, table, shared_dir / "parquet" / table))
                (shared_dir / "csv").mkdir(parents=True, exist_ok=True)
                con.execute(f"copy \"{schema}\".\"{table}\" to '{shared_dir / 'csv' / (table + '.csv')}' (header)")
            else:
                written["internal"].append(_copy(con, schema, table, internal_dir / "parquet" / schema / table))
        for name, (schema, table) in SHARED_DEFINITIONS.items():
            if (schema, table) in tables:
                target = shared_dir / "parquet" / name
                target.mkdir(parents=True, exist_ok=True)
                con.execute(f"copy \"{schema}\".\"{table}\" to '{target / 'data.parquet'}' (format parquet)")
                con.execute(f"copy \"{schema}\".\"{table}\" to '{shared_dir / 'csv' / (name + '.csv')}' (header)")
                written["shared"].append({"schema": schema, "table": name, "rows": None,
                                          "partitioned_by_collection_year": False})
    build = current_build(db) or {}
    meta = {"build_id": build.get("build_id"), "published_at": str(build.get("published_at") or ""),
            "warehouse": str(db)}
    for key, folder in (("shared", shared_dir / "parquet"), ("internal", internal_dir / "parquet")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_build.json").write_text(json.dumps({**meta, "tables": written[key]}, indent=2, default=str))
    return written
