"""Read a whole raw folder into DuckDB, file by file: one table per raw table, plus load_files,
load_issues and postcodes."""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from . import postcodes, ssda903, xml_returns
from ..progress import track_files
from .layout import RawFile, discover
from .spec import local_authorities

META_COLUMNS = ["_file", "_line", "_la_code", "_collection_year", "_load_error", "_load_error_code"]
XML_META = ["_row", "_parent_row"]
# Records a file needs before the same bytes under two LAs is called a copy (an error) rather than
# a coincidence to check (a warning).
MIN_ROWS_OF_A_COPY = 5


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
              pa.field("_load_error", pa.string()), pa.field("_load_error_code", pa.string())]
    if not table.startswith("ssda903_"):
        fields += [pa.field("_row", pa.int64()), pa.field("_parent_row", pa.int64())]
    fields += [pa.field(c, pa.string()) for c in cols]
    return pa.schema(fields)


LOAD_FILES_SCHEMA = pa.schema([
    ("file", pa.string()), ("return_name", pa.string()), ("table_name", pa.string()),
    ("la_code", pa.string()), ("collection_year", pa.int32()), ("header_la_code", pa.string()),
    ("header_year", pa.string()), ("header_reference_date", pa.string()), ("rows_read", pa.int64()), ("rows_with_load_error", pa.int64()),
    ("status", pa.string()), ("bytes", pa.int64()), ("seconds", pa.float64()),
    # Physical lines of a CSV counted without the CSV parser, and how the reader accounted for
    # them besides records: the header, blank lines, continuation lines of quoted fields.
    ("physical_lines", pa.int64()), ("header_lines", pa.int64()), ("blank_lines", pa.int64()),
    ("continuation_lines", pa.int64()),
    ("elements_not_read", pa.int64()),  # XML not well-formed: elements past the break never read
    ("content_hash", pa.string()),  # SHA-256 of the file's bytes
    # size, modification time, change time and inode when it was read: while they are the same, the
    # next incremental load takes the file's content hash as it was instead of reading it again
    ("file_signature", pa.string()),
])
LOAD_ISSUES_SCHEMA = pa.schema([
    ("file", pa.string()), ("line", pa.int64()), ("column_name", pa.string()), ("value", pa.string()),
    ("reason", pa.string()), ("severity", pa.string()), ("return_name", pa.string()),
    ("la_code", pa.string()), ("collection_year", pa.int32()), ("reason_code", pa.string()),
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
    """Worker: read one file. Returns (file, file record, {raw_table: Arrow table}, issues), each
    issue (line, column, value, reason, severity, reason_code)."""
    t0 = time.perf_counter()
    issues: list[tuple] = []
    out: dict[str, list[dict]] = {}
    header_la = header_year = header_reference_date = None
    status = "loaded"
    lines: dict = {}
    stats: dict = {}
    digest = None
    signature = _signature(f.path)
    try:
        data = f.path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if f.return_name == "ssda903":
            rows = []
            for item in ssda903.read_file(f.path, f.table, data):
                if item[0] == "row":
                    _, line, values, code, error = item
                    values = dict(values)
                    values.update(_line=line, _load_error=error, _load_error_code=code)
                    rows.append(values)
                elif item[0] == "lines":
                    lines = item[1]
                else:
                    issues.append(item[1:])
            out[f"ssda903_{f.table}"] = rows
        else:
            from ..schemas import xsd_path

            try:
                xsd = xsd_path(f.return_name, f.collection_year)
            except (FileNotFoundError, OSError) as exc:
                xsd = None
                issues.append((0, None, None, f"no DfE XSD available to validate against: {exc}", "warning", "no_xsd"))
            tables, xissues, header, stats = xml_returns.read_file(
                f.path, f.return_name, f.collection_year, f.la_code, xsd, data)
            del data
            issues.extend(xissues)
            header_la, header_year = header.get("lea"), header.get("year")
            header_reference_date = header.get("reference_date")
            expected_collection = {"cin_census": "CIN", "csww": "CSWW"}[f.return_name]
            if header.get("collection") and header["collection"].upper() != expected_collection:
                issues.append((0, "Collection", header["collection"],
                               f"header says collection {header['collection']}, expected {expected_collection}",
                               "error", "wrong_collection"))
            for t, rows in tables.items():
                out[f"{f.return_name}_{t}"] = rows
    except OSError as exc:
        issues.append((0, None, None, f"file cannot be read: {exc}", "error", "unreadable_file"))
        status = "unreadable"
    if header_la is not None and header_la != f.la_code:
        issues.append((0, "LEA", header_la,
                       f"header LEA {header_la} differs from the folder's LA code {f.la_code}; the folder's code is used",
                       "warning", "header_mismatch"))
    # The workforce census is dated by its ReferenceDate (Year 2023 = 30 September 2023, in the year
    # ending 31 March 2024): int_workforce__censuses checks it against the folder in SQL.
    if f.return_name != "csww" and header_year is not None and header_year != str(f.collection_year):
        issues.append((0, "Year", header_year,
                       f"header Year {header_year} differs from the folder's collection year {f.collection_year}; the folder's year is used",
                       "warning", "header_mismatch"))
    n_rows = sum(len(r) for r in out.values())
    # rows from the XML stylesheet come as an Arrow table, and only from a file without a load error
    n_err = sum(1 for rows in out.values() if not isinstance(rows, pa.Table) for r in rows if r.get("_load_error"))
    if status == "loaded" and any(i[4] == "error" for i in issues):
        status = "loaded_with_errors" if n_rows else "unreadable"
    tables = {t: _to_arrow(t, rows, f) for t, rows in out.items()}
    record = {
        "file": f.rel, "return_name": f.return_name, "table_name": f.table, "la_code": f.la_code,
        "collection_year": f.collection_year, "header_la_code": header_la, "header_year": header_year,
        "header_reference_date": header_reference_date,
        "rows_read": n_rows, "rows_with_load_error": n_err, "status": status,
        "bytes": f.path.stat().st_size if f.path.exists() else None, "seconds": time.perf_counter() - t0,
        "physical_lines": lines.get("physical_lines"), "header_lines": lines.get("header_lines"),
        "blank_lines": lines.get("blank_lines"), "continuation_lines": lines.get("continuation_lines"),
        "elements_not_read": stats.get("elements_not_read"), "content_hash": digest,
        "file_signature": signature,
    }
    return f, record, tables, issues


def _duplicate_files(records: list[dict]) -> list[tuple]:
    """A finding for every file whose bytes equal another's (rows would count twice): (file record,
    the other files). Files without records (a header line only) are alike by nature and skipped."""
    by_hash: dict[str, list[dict]] = {}
    for r in records:
        if r["content_hash"] and r["rows_read"]:
            by_hash.setdefault(r["content_hash"], []).append(r)
    return [(r, [o["file"] for o in same if o is not r]) for same in by_hash.values() if len(same) > 1 for r in same]


def _to_arrow(table: str, rows: list[dict] | pa.Table, f: RawFile) -> pa.Table:
    """Rows of one file as an Arrow table of the raw schema (built in the worker: cheap to send back).
    The row dicts are converted in one call (Arrow's C++ reads each dict; a key a row lacks is
    null), not a Python list per column."""
    schema = raw_schema(table)
    n = len(rows)
    constants = {"_file": f.rel, "_la_code": f.la_code, "_collection_year": f.collection_year}
    if isinstance(rows, pa.Table):  # in columns already (the XML stylesheet's), of a file without load error
        constants.update(_load_error=None, _load_error_code=None)
        column = rows.column
    else:
        column = pa.array(rows, type=pa.struct([fl for fl in schema if fl.name not in constants])).field
    columns = [pa.array([constants[fl.name]] * n, fl.type) if fl.name in constants else column(fl.name)
               for fl in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _rows_read(result) -> int:
    return sum(t.num_rows for t in result[2].values())


# DuckDB's row group. Rows are appended in whole row groups only, until the last append of each
# table: DuckDB writes a whole row group straight to its blocks, where the rows of a part-filled one
# go through the write-ahead log and are written a second time at the checkpoint, and every later
# append tops that row group up first. Appends of 118,000 rows (just short of a row group) cost it
# 1.8 times the CPU of appends of two row groups (2 million CIN census rows: 2.39 s against 1.33 s).
ROW_GROUP = 122_880
# Rows held in Python (all raw tables together) before they are appended to DuckDB: memory stays
# bounded by this, by less than a row group a table (the rows past its last whole row group wait
# for the next append) and by the files in flight, whatever the size of the raw folder. When it is
# reached, the whole row groups of the tables holding the most rows are appended until half of it
# is left: the small tables keep gathering rows, since appending every table at once made appends
# of a few thousand rows, which cost DuckDB 1.7 times as much a row (30 LAs: 7.7 s against 4.2 s).
BATCH_ROWS = 1_200_000
# A table's whole row groups are appended as soon as it holds this many rows.
TABLE_BATCH_ROWS = 2 * ROW_GROUP


@dataclass
class LoadSummary:
    """What load_raw_into wrote: raw rows per table, files, load issues, seconds."""
    counts: dict[str, int]
    files: int
    issues: int
    errors: list[dict]  # the first 50 error-severity load issues, for the log
    n_errors: int
    seconds: float
    mode: str = "full"  # or "incremental: <n> LA-years read again"


def _workers(workers: int | None) -> int:
    if workers:
        return workers
    if os.environ.get("CSC_LOAD_WORKERS"):
        return int(os.environ["CSC_LOAD_WORKERS"])
    try:
        return len(os.sched_getaffinity(0))  # every core this process may use
    except AttributeError:
        return os.cpu_count() or 1


# Bytes of files read ahead of the one whose rows are appended next. The files are appended in
# file order (so the raw tables come out the same however the workers interleave), and one LA-year
# is one big CIN census file among a dozen small CSVs: a window of a few files would hold one big
# file at a time and leave the other cores idle. A window in bytes keeps every core busy while
# bounding what waits in memory.
AHEAD_BYTES = 96 * 2**20


def _results(files: list[RawFile], workers: int):
    """_read_one of every file, in the order given, reading files in worker processes with up to
    AHEAD_BYTES of files (at least two per worker) in flight; only those files' rows wait in memory
    for the one before them to finish."""
    if workers <= 1 or len(files) <= 8:
        yield from map(_read_one, files)
        return
    sizes = {f.rel: (f.path.stat().st_size if f.path.exists() else 0) for f in files}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        in_flight = 0
        it = iter(files)
        nxt = next(it, None)
        while pending or nxt is not None:
            while nxt is not None and (len(pending) < 2 * workers or in_flight + sizes[nxt.rel] <= AHEAD_BYTES):
                pending.append((sizes[nxt.rel], pool.submit(_read_one, nxt)))
                in_flight += sizes[nxt.rel]
                nxt = next(it, None)
            size, future = pending.popleft()
            in_flight -= size
            yield future.result()


# Load issues that belong to the whole folder rather than one LA-year's files: recomputed on every
# load, incremental or not (layout findings carry no return; duplicates compare every file).
FOLDER_WIDE_REASONS = ("duplicate_file", "possible_duplicate_file")
STATE_TABLES = ("load_state", "load_changes", "load_pending")


def _hash_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _signature(path: Path) -> str | None:
    """What the file system says of a file without reading it: size, modification and change
    times (ns) and inode. Any write changes the change time, so while the signature is the same the
    bytes are too (git's index and rsync's quick check rest on the same facts); hashing 9,000 files
    of 5 GB again would cost an incremental load most of its time."""
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _previous_state(con, schema: str, fingerprint: str | None) -> dict | None:
    """The last load's state when an incremental load may build on it: same code and settings
    (fingerprint), every raw table present, and no load left half done. None: load everything."""
    if fingerprint is None:
        return None
    have = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", [schema]).fetchall()}
    if not set(raw_table_names()) | {"load_files", "load_issues", *STATE_TABLES} <= have:
        return None
    state = con.execute(f"SELECT fingerprint, load_complete FROM {schema}.load_state").fetchall()
    if len(state) != 1 or state[0][0] != fingerprint or not state[0][1]:
        return None
    files = con.execute(f"SELECT file, content_hash, la_code, collection_year, file_signature "
                        f"FROM {schema}.load_files").fetchall()
    return {"files": {f: (h, la, yr, sig) for f, h, la, yr, sig in files},
            "pending_full": con.execute(f"SELECT models_full_pending FROM {schema}.load_state").fetchone()[0]}


def load_raw_into(con, raw_path: str | os.PathLike, schema: str = "raw", workers: int | None = None,
                  fingerprint: str | None = None) -> LoadSummary:
    """Read a raw folder into `schema` of the DuckDB connection: one table per raw table plus
    load_files, load_issues and postcodes. Each file is read (in worker processes) and its rows
    appended as Arrow batches as the files complete, so the raw tree is never held in Python.

    Incremental: given the `fingerprint` of the code and settings that build on the raw tables, and
    a previous load under the same fingerprint in `schema`, only the LA-years with a file added,
    removed or changed (by SHA-256 of its bytes) are deleted and read again; the rest stay as they
    are. raw.load_changes lists those LA-years, raw.load_pending the LAs whose models must be built
    again (kept until a build of every model succeeds: macros/incremental.sql), and raw.load_state
    whether models must be built whole (first load, other code or settings, a full refresh)."""
    t0 = time.perf_counter()
    raw = Path(raw_path).resolve()
    files, layout_issues = discover(raw, set(ssda903.TABLES), ssda903.ALIASES, local_authorities())
    names = raw_table_names()
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    previous = _previous_state(con, schema, fingerprint)
    changed: dict[tuple[str, int], str] = {}
    if previous is None:
        for table in list(names) + ["load_files", "load_issues"]:
            empty = (LOAD_FILES_SCHEMA if table == "load_files" else LOAD_ISSUES_SCHEMA if table == "load_issues"
                     else raw_schema(table)).empty_table()  # noqa: F841 - read by DuckDB's replacement scan
            con.execute(f"CREATE OR REPLACE TABLE {schema}.{table} AS SELECT * FROM empty")
        con.execute(f"CREATE OR REPLACE TABLE {schema}.load_pending (la_code VARCHAR)")
        to_read = files
    else:
        from concurrent.futures import ThreadPoolExecutor

        before = previous["files"]
        # Signatures in this thread (a stat each: 9,000 files in 0.1 s; handed to a thread pool one
        # task a file, they cost 2 s of queueing), then only the files whose signature changed are
        # read and hashed, in threads (hashlib releases the GIL).
        hashes = {}
        to_hash = {}  # file -> its signature now
        for f in files:
            old = before.get(f.rel)
            signature = _signature(f.path)
            if old is not None and old[3] is not None and old[3] == signature:
                hashes[f.rel] = old[0]
            else:
                to_hash[f] = signature
        if to_hash:
            with ThreadPoolExecutor(max(_workers(workers), 2)) as pool:
                hashes.update(zip((f.rel for f in to_hash), pool.map(lambda f: _hash_file(f.path), to_hash)))
        for f in files:
            old = before.get(f.rel)
            if old is None:
                changed.setdefault((f.la_code, f.collection_year), "added")
            elif hashes[f.rel] is None or old[0] != hashes[f.rel]:
                changed[(f.la_code, f.collection_year)] = "changed"
        now = {f.rel for f in files}
        now_la_years = {(f.la_code, f.collection_year) for f in files}
        for rel, (_, la, yr, _) in before.items():
            if rel not in now and la is not None and (la, yr) not in changed:
                changed[(la, yr)] = "changed" if (la, yr) in now_la_years else "removed"
        to_read = [f for f in files if (f.la_code, f.collection_year) in changed]
        # A file whose bytes are the same but whose signature moved (copied, touched, hard-linked):
        # its new signature is recorded, or every later load would read and hash it again.
        moved = [(f.rel, sig) for f, sig in to_hash.items()
                 if f.rel in before and (f.la_code, f.collection_year) not in changed and sig is not None]
        if moved:
            resigned = pa.table({"file": [m[0] for m in moved], "sig": [m[1] for m in moved]})  # noqa: F841
            con.execute(f"UPDATE {schema}.load_files SET file_signature = resigned.sig FROM resigned "
                        f"WHERE load_files.file = resigned.file")
        old_wide = set(con.execute(f"SELECT la_code, file, reason_code, reason FROM {schema}.load_issues "
                                   f"WHERE return_name IS NULL OR reason_code IN {FOLDER_WIDE_REASONS}").fetchall())
        keys = pa.table({"la": [k[0] for k in changed], "yr": [k[1] for k in changed]},  # noqa: F841
                        schema=pa.schema([("la", pa.string()), ("yr", pa.int32())]))
        for table in names:
            con.execute(f"DELETE FROM {schema}.{table} WHERE (_la_code, _collection_year) IN (SELECT (la, yr) FROM keys)")
        con.execute(f"DELETE FROM {schema}.load_files WHERE (la_code, collection_year) IN (SELECT (la, yr) FROM keys)")
        con.execute(f"DELETE FROM {schema}.load_issues WHERE (la_code, collection_year) IN (SELECT (la, yr) FROM keys) "
                    f"OR return_name IS NULL OR reason_code IN {FOLDER_WIDE_REASONS}")
    # Until this load completes, the next one must start again from nothing.
    con.execute(f"CREATE OR REPLACE TABLE {schema}.load_state (fingerprint VARCHAR, load_complete BOOLEAN, "
                f"models_full_pending BOOLEAN, mode VARCHAR, loaded_at TIMESTAMP)")
    con.execute(f"INSERT INTO {schema}.load_state VALUES (?, false, true, ?, current_timestamp)",
                [fingerprint, "full" if previous is None else "incremental"])

    buffered: dict[str, list[pa.Table]] = {t: [] for t in names}
    buffered_rows: dict[str, int] = {t: 0 for t in names}
    counts: dict[str, int] = {t: 0 for t in names}

    def flush(table: str, last: bool = False) -> None:
        """Append the table's whole row groups (every row it holds when `last`), keeping the rest."""
        held = buffered_rows[table]
        keep = 0 if last else held % ROW_GROUP
        if held - keep <= 0:
            return
        # as one chunk: DuckDB appended a table of many small chunks (one a file) at half the
        # speed (245,760 rows of 30 LAs' children in 65 chunks: 0.29 s, in one: 0.12 s)
        rows = pa.concat_tables(buffered[table]).combine_chunks()
        batch = rows.slice(0, held - keep)  # noqa: F841 - read by DuckDB's replacement scan
        con.execute(f"INSERT INTO {schema}.{table} SELECT * FROM batch")
        # the rows kept are copied out, so that the appended ones' buffers are freed now
        rest = [rows.take(pa.array(range(held - keep, held), pa.int64()))] if keep else []
        buffered[table], buffered_rows[table] = rest, keep

    file_records: list[dict] = []
    issue_cols: dict[str, list] = {c.name: [] for c in LOAD_ISSUES_SCHEMA}

    def add_issue(rel, line, col, value, reason, severity, ret, la, year, code):
        for k, v in zip(issue_cols, (rel, line, col, value, reason, severity, ret, la, year, code)):
            issue_cols[k].append(v)

    for li in layout_issues:
        add_issue(li.rel, None, None, None, li.reason, li.severity, None, li.la_code, li.collection_year,
                  li.reason_code)

    # In file order, so the raw tables come out the same however the workers interleave.
    ordered = sorted(to_read, key=lambda f: f.rel)
    for f, record, out, issues in track_files(_results(ordered, _workers(workers)), ordered, _rows_read):
        file_records.append(record)
        for line, col, value, reason, severity, code in issues:
            add_issue(f.rel, line, col, value, reason, severity, f.return_name, f.la_code, f.collection_year, code)
        for table, tbl in out.items():
            if tbl.num_rows:
                buffered[table].append(tbl)
                buffered_rows[table] += tbl.num_rows
                counts[table] += tbl.num_rows
        for table in out:
            if buffered_rows[table] >= TABLE_BATCH_ROWS:
                flush(table)
        held = sum(buffered_rows.values())
        if held >= BATCH_ROWS:
            for table in sorted(names, key=lambda t: -buffered_rows[t]):
                if held < BATCH_ROWS // 2 or buffered_rows[table] < ROW_GROUP:
                    break
                held -= buffered_rows[table]
                flush(table)
                held += buffered_rows[table]
    for table in names:
        flush(table, last=True)
    new_files = pa.Table.from_pylist(file_records, schema=LOAD_FILES_SCHEMA)  # noqa: F841
    con.execute(f"INSERT INTO {schema}.load_files SELECT * FROM new_files")

    # Duplicates compare every file of the folder, the ones kept from the last load too.
    all_records = [dict(zip(("file", "content_hash", "rows_read", "la_code", "collection_year", "return_name"), r))
                   for r in con.execute(f"SELECT file, content_hash, rows_read, la_code, collection_year, return_name "
                                        f"FROM {schema}.load_files ORDER BY file").fetchall()]
    by_rel = {r["file"]: r for r in all_records}
    for record, others in _duplicate_files(all_records):
        # A copy under another LA is never right. The same file in two years of one LA can be (one
        # unchanged record), and a file of a few records can repeat by chance in hand-made returns:
        # those are warnings to check.
        other_la = any(by_rel[o]["la_code"] != record["la_code"] for o in others)
        certain = other_la and record["rows_read"] >= MIN_ROWS_OF_A_COPY
        add_issue(record["file"], None, None, record["content_hash"][:12],
                  f"same content as {', '.join(others)}: its {record['rows_read']} rows are loaded under "
                  f"each of these {'LAs' if other_la else 'years'}", "error" if certain else "warning",
                  record["return_name"], record["la_code"], record["collection_year"],
                  "duplicate_file" if certain else "possible_duplicate_file")
    issues_tbl = pa.table(issue_cols, schema=LOAD_ISSUES_SCHEMA)
    con.execute(f"INSERT INTO {schema}.load_issues SELECT * FROM issues_tbl")

    _postcodes(con, schema, None if previous is None else keys)
    changes = pa.table({"la_code": [k[0] for k in changed], "collection_year": [k[1] for k in changed],  # noqa: F841
                        "change": list(changed.values())},
                       schema=pa.schema([("la_code", pa.string()), ("collection_year", pa.int32()),
                                         ("change", pa.string())]))
    con.execute(f"CREATE OR REPLACE TABLE {schema}.load_changes AS SELECT * FROM changes")
    if previous is not None:
        # LAs whose folder-wide findings changed although their files did not (a copy of their
        # file arrived under another LA) are built again too.
        new_wide = {(la, rel, code, reason) for rel, reason, ret, la, code in zip(
            *[issue_cols[c] for c in ("file", "reason", "return_name", "la_code", "reason_code")])
            if ret is None or code in FOLDER_WIDE_REASONS}
        wide_las = {r[0] for r in old_wide ^ new_wide if r[0]}
        for la in sorted(wide_las | {k[0] for k in changed}):
            con.execute(f"INSERT INTO {schema}.load_pending SELECT ? WHERE ? NOT IN (SELECT la_code FROM "
                        f"{schema}.load_pending)", [la, la])
    con.execute(f"UPDATE {schema}.load_state SET load_complete = true, models_full_pending = ?",
                [previous is None or bool(previous["pending_full"])])
    errors = [i for i in issues_tbl.to_pylist() if i["severity"] == "error"]
    mode = "full load" if previous is None else (
        f"incremental: {len(changed)} LA-year(s) changed, {len(to_read)} files read again, "
        f"{len(files) - len(to_read)} unchanged")
    return LoadSummary(counts, len(file_records), issues_tbl.num_rows, errors[:50], len(errors),
                       time.perf_counter() - t0, mode)


def _postcodes(con, schema: str, keys: pa.Table | None) -> None:
    """raw.postcodes: the coordinates of every postcode the episodes name. Incremental (`keys`: the
    LA-years read again, as the raw deletes used them): only those LA-years' postcodes, and of those
    only the ones not looked up before, are read from the directory (every other LA-year's were
    looked up when it was loaded)."""
    incremental = keys is not None
    where = ""
    if incremental:
        if keys.num_rows == 0:
            return
        where = " WHERE (_la_code, _collection_year) IN (SELECT (la, yr) FROM keys)"
    distinct_posts = con.execute(
        f"SELECT HOME_POST FROM {schema}.ssda903_episodes{where} "
        f"UNION SELECT PL_POST FROM {schema}.ssda903_episodes{where}"
    ).fetchall()
    wanted = {n for (p,) in distinct_posts if p and (n := postcodes.normalise(p))}
    if incremental and wanted:
        # the ones not looked up before, asked of the table (not of a Python set of all of them)
        candidates = pa.table({"postcode": sorted(wanted)})  # noqa: F841
        wanted = {p for (p,) in con.execute(
            f"SELECT postcode FROM candidates WHERE NOT EXISTS "
            f"(SELECT 1 FROM {schema}.postcodes AS known WHERE known.postcode = candidates.postcode)").fetchall()}
    # the directory letters are kept in the warehouse's cache schema, read from the package once each
    postcode_tbl = postcodes.lookup(wanted, con, "cache")  # noqa: F841
    if incremental:
        con.execute(f"INSERT INTO {schema}.postcodes SELECT * FROM postcode_tbl "
                    f"WHERE postcode NOT IN (SELECT postcode FROM {schema}.postcodes)")
    else:
        con.execute(f"CREATE OR REPLACE TABLE {schema}.postcodes AS SELECT * FROM postcode_tbl")


def load_raw(raw_path: str | os.PathLike, workers: int | None = None) -> RawLoad:
    """The whole raw folder as Arrow tables (tests and small folders): load_raw_into an in-memory
    DuckDB, read back."""
    import duckdb

    con = duckdb.connect()
    summary = load_raw_into(con, raw_path, workers=workers)
    names = raw_table_names()
    tables = {t: con.sql(f"SELECT * FROM raw.{t}").to_arrow_table() for t in names}
    out = RawLoad(tables, con.sql("SELECT * FROM raw.postcodes").to_arrow_table(),
                  con.sql("SELECT * FROM raw.load_files").to_arrow_table(),
                  con.sql("SELECT * FROM raw.load_issues").to_arrow_table(),
                  summary.seconds, summary.counts)
    con.close()
    return out
