"""What the loader needs from the one column definition (the dbt source YAML that staging is
generated from): which raw columns are required and which are dates, per raw table. Read once per
process, so the loader and staging can never disagree about what a required column is."""

from __future__ import annotations

import csv
from functools import lru_cache

import yaml

from ..paths import PROJECT_ROOT, SEEDS_DIR

SOURCE_YAML = {
    "ssda903": PROJECT_ROOT / "models" / "staging" / "ssda903" / "_ssda903.yml",
}


@lru_cache(maxsize=None)
def columns(return_name: str) -> dict[str, dict[str, dict]]:
    """{table: {raw column: {type, required}}} for a return's raw tables (columns staging reads)."""
    path = SOURCE_YAML.get(return_name)
    if path is None or not path.exists():
        return {}
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, dict]] = {}
    for source in doc.get("sources", []):
        for table in source.get("tables", []):
            cols = {}
            for col in table.get("columns", []):
                meta = (col.get("config") or {}).get("meta") or col.get("meta") or {}
                if meta.get("stg"):
                    cols[col["name"]] = {"type": meta.get("type", "text"), "required": bool(meta.get("required"))}
            out[table["name"]] = cols
    return out


def required_columns(return_name: str, table: str) -> list[str]:
    return [c for c, m in columns(return_name).get(table, {}).items() if m["required"]]


@lru_cache(maxsize=None)
def local_authorities() -> dict[str, tuple[int | None, int | None]]:
    """{DfE LA code: (first collection year, last collection year)} from the seed ref_local_authorities."""
    path = SEEDS_DIR / "reference" / "ref_local_authorities.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            r["la_code"]: (int(r["valid_from_year"]) if r["valid_from_year"] else None,
                           int(r["valid_to_year"]) if r["valid_to_year"] else None)
            for r in csv.DictReader(fh)
        }
