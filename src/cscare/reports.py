"""Exports for people who do not query DuckDB: the shareable marts as CSV, plus the load audit.

Only the `shared` schema is exported (LA-level figures with small numbers suppressed) with the
load audit (file names and row counts); child-level tables never leave the warehouse.
"""

from __future__ import annotations

from pathlib import Path

SHAREABLE_SCHEMAS = ("shared",)
AUDIT_TABLES = ("audit_reconciliation", "audit_load_files")


def export(db: Path, out: Path) -> Path:
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db), read_only=True) as con:
        tables = con.sql(
            "select table_schema, table_name from information_schema.tables where table_schema in ? order by 2",
            params=[list(SHAREABLE_SCHEMAS)],
        ).fetchall()
        for schema, name in tables + [("audit", t) for t in AUDIT_TABLES]:
            target = out / f"{name}.csv"
            con.sql(f'select * from "{schema}"."{name}"').write_csv(str(target))
    return out
