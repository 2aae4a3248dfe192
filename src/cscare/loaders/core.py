"""Read a whole raw folder into Arrow tables: one per raw table, plus load_files and load_issues."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from . import postcodes, ssda903, xml_returns
from ..progress import track_files
from .layout import RawFile, discover

META_COLUMNS = ["_file", "_line", "_la_code", "_collection_year", "_load_error"]
XML_META = ["_row", "_parent_row"]


def raw_table_names() -> dict[str, list[str]]:
    """Every raw table the loader produces -> its value columns (DfE spelling)."""
    out = {f"ssda903_{t}": cols for t, cols in ssda903.TABLES.items()}
    for ret, tables in xml_returns.TABLES.items():
        out.update({f"{ret}_{t}": cols for t, cols in tables.items()})
    return out


def raw_schema(table: str) -> pa.Schema:
    cols = raw_table_names()[table]
    fields = [pa.field("_file", pa.string()), pa.field("_line", pa.int64()),
              pa.field("_la_code", pa.string()), pa.field("_collection_year", pa.int32()),
              pa.field("_load_error", pa.string())]
    if not table.startswith("ssda903_"):
        fields += [pa.field("_row", pa.int64()), pa.field("_parent_row", pa.int64())]
    fields += [pa.field(c, pa.string()) for c in cols]
    return pa.schema(fields)


LOAD_FILES_SCHEMA = pa.schema([
    ("file", pa.string()), ("return_name", pa.string()), ("table_name", pa.string()),
    ("la_code", pa.string()), ("collection_year", pa.int32()), ("header_la_code", pa.string()),
    ("header_year", pa.string()), ("rows_read", pa.int64()), ("rows_with_load_error", pa.int64()),
    ("status", pa.string()), ("bytes", pa.int64()), ("seconds", pa.float64()),
])
LOAD_ISSUES_SCHEMA = pa.schema([
    ("file", pa.string()), ("line", pa.int64()), ("column_name", pa.string()), ("value", pa.string()),
    ("reason", pa.string()), ("severity", pa.string()), ("return_name", pa.string()),
    ("la_code", pa.string()), ("collection_year", pa.int32()),
])


@dataclass
class RawLoad:
    tables: dict[str, pa.Table]
    postcodes: pa.Table
    files: pa.Table
    issues: pa.Table
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> pa.Table:
        if name == "load_files":
            return self.files
        if name == "load_issues":
            return self.issues
        if name == "postcodes":
            return self.postcodes
        return self.tables[name]


def _read_one(f: RawFile):
    """Worker: read one file. Returns (file record, {raw_table: rows}, issues)."""
    t0 = time.perf_counter()
    issues: list[tuple] = []
    out: dict[str, list[dict]] = {}
    header_la = header_year = None
    status = "loaded"
    try:
        if f.return_name == "ssda903":
            rows = []
            for item in ssda903.read_file(f.path, f.table):
                if item[0] == "row":
                    _, line, values, error = item
                    values = dict(values)
                    values.update(_line=line, _load_error=error)
                    rows.append(values)
                else:
                    issues.append(item[1:])
            out[f"ssda903_{f.table}"] = rows
        else:
            from ..schemas import xsd_path

            try:
                xsd = xsd_path(f.return_name, f.collection_year)
            except (FileNotFoundError, OSError) as exc:
                xsd = None
                issues.append((0, None, None, f"no DfE XSD available to validate against: {exc}", "warning"))
            tables, xissues, header = xml_returns.read_file(f.path, f.return_name, f.collection_year, f.la_code, xsd)
            issues.extend(xissues)
            header_la, header_year = header.get("lea"), header.get("year")
            expected_collection = {"cin_census": "CIN", "csww": "CSWW"}[f.return_name]
            if header.get("collection") and header["collection"].upper() != expected_collection:
                issues.append((0, "Collection", header["collection"],
                               f"header says collection {header['collection']}, expected {expected_collection}", "error"))
            for t, rows in tables.items():
                out[f"{f.return_name}_{t}"] = rows
    except OSError as exc:
        issues.append((0, None, None, f"file cannot be read: {exc}", "error"))
        status = "unreadable"
    if header_la is not None and header_la != f.la_code:
        issues.append((0, "LEA", header_la,
                       f"header LEA {header_la} differs from the folder's LA code {f.la_code}; the folder's code is used",
                       "warning"))
    if header_year is not None and header_year != str(f.collection_year):
        issues.append((0, "Year", header_year,
                       f"header Year {header_year} differs from the folder's collection year {f.collection_year}; the folder's year is used",
                       "warning"))
    n_rows = sum(len(r) for r in out.values())
    n_err = sum(1 for rows in out.values() for r in rows if r.get("_load_error"))
    if status == "loaded" and any(i[4] == "error" for i in issues):
        status = "loaded_with_errors" if n_rows else "unreadable"
    tables = {t: _to_arrow(t, rows, f) for t, rows in out.items()}
    record = {
        "file": f.rel, "return_name": f.return_name, "table_name": f.table, "la_code": f.la_code,
        "collection_year": f.collection_year, "header_la_code": header_la, "header_year": header_year,
        "rows_read": n_rows, "rows_with_load_error": n_err, "status": status,
        "bytes": f.path.stat().st_size if f.path.exists() else None, "seconds": time.perf_counter() - t0,
    }
    return f, record, tables, issues


def _to_arrow(table: str, rows: list[dict], f: RawFile) -> pa.Table:
    """Rows of one file as an Arrow table of the raw schema (built in the worker: cheap to send back)."""
    schema = raw_schema(table)
    n = len(rows)
    data = {}
    for field_ in schema:
        c = field_.name
        if c == "_file":
            data[c] = [f.rel] * n
        elif c == "_la_code":
            data[c] = [f.la_code] * n
        elif c == "_collection_year":
            data[c] = [f.collection_year] * n
        else:
            data[c] = [r.get(c) for r in rows]
    return pa.table(data, schema=schema)


def _rows_read(result) -> int:
    return sum(t.num_rows for t in result[2].values())


def load_raw(raw_path: str | os.PathLike, workers: int | None = None) -> RawLoad:
    t0 = time.perf_counter()
    raw = Path(raw_path).resolve()
    files, layout_issues = discover(raw, set(ssda903.TABLES))
    names = raw_table_names()
    parts: dict[str, list[pa.Table]] = {t: [] for t in names}
    file_records: list[dict] = []
    issue_cols: dict[str, list] = {c.name: [] for c in LOAD_ISSUES_SCHEMA}

    def add_issue(rel, line, col, value, reason, severity, ret, la, year):
        for k, v in zip(issue_cols, (rel, line, col, value, reason, severity, ret, la, year)):
            issue_cols[k].append(v)

    for li in layout_issues:
        severity = "error" if li.reason.startswith("raw folder does not exist") else "warning"
        add_issue(li.rel, None, None, None, li.reason, severity, None, None, None)

    workers = workers or int(os.environ.get("CSC_LOAD_WORKERS", 0)) or min(4, os.cpu_count() or 1)
    # Big files first so the pool stays busy to the end.
    ordered = sorted(files, key=lambda f: -f.path.stat().st_size)
    if workers > 1 and len(files) > 8:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(track_files(pool.map(_read_one, ordered, chunksize=2), ordered, _rows_read))
    else:
        results = list(track_files(map(_read_one, ordered), ordered, _rows_read))
    results.sort(key=lambda r: r[0].rel)
    for f, record, out, issues in results:
        file_records.append(record)
        for line, col, value, reason, severity in issues:
            add_issue(f.rel, line, col, value, reason, severity, f.return_name, f.la_code, f.collection_year)
        for table, tbl in out.items():
            parts[table].append(tbl)
    tables = {t: (pa.concat_tables(parts[t]) if parts[t] else raw_schema(t).empty_table()) for t in names}
    episodes = tables["ssda903_episodes"]
    postcode_tbl = postcodes.lookup(set(episodes.column("HOME_POST").to_pylist())
                                    | set(episodes.column("PL_POST").to_pylist()))
    files_tbl = pa.Table.from_pylist(file_records, schema=LOAD_FILES_SCHEMA)
    issues_tbl = pa.table(issue_cols, schema=LOAD_ISSUES_SCHEMA)
    return RawLoad(tables, postcode_tbl, files_tbl, issues_tbl, time.perf_counter() - t0,
                   {t: tbl.num_rows for t, tbl in tables.items()})
