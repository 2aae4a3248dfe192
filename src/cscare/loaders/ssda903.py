"""SSDA903 CSV files: one raw row per record, every value kept as text.

Python's csv module is used rather than DuckDB's reader because every quarantined row must name
its physical line, and a CSV record can span lines; csv.reader tracks that exactly.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from pathlib import Path

# Column layout of each 903 table as the DfE spells it (stable 2017-2024; social_worker from 2024).
TABLES: dict[str, list[str]] = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "DOB", "SEX", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
            "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}

# Names some case-management exports use for a table's file, mapped to the canonical stem.
ALIASES = {"placedadoption": "placed_for_adoption", "prevperm": "prev_perm", "socialworker": "social_worker"}


# What the DfE's 903 upload does with what this loader accepts leniently (said in every finding).
DFE_FIELD_COUNT = "the DfE upload checks each record against the header's field count and may reject it"
DFE_ENCODING = "the DfE upload reads the file as UTF-8, so such characters would be garbled or rejected"
DFE_BOM = "the DfE upload expects CSV without a BOM and may read the first column name with the mark attached"
DFE_COLUMNS = "the DfE upload expects the columns of the layout, in the layout's order"


def count_physical_lines(data: bytes) -> int:
    """Lines as an editor counts them, without any CSV parsing: each \\r\\n, \\n or lone \\r ends
    one, and a last line without an ending counts too."""
    if not data:
        return 0
    n = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return n + (0 if data.endswith((b"\n", b"\r")) else 1)


def _decode(data: bytes):
    """(text, issues, position of the first non-UTF-8 byte as (line, field index) or None)."""
    issues = []
    if data.startswith(codecs.BOM_UTF8):
        issues.append((1, None, None, f"file starts with a UTF-8 byte-order mark (BOM); read without it: {DFE_BOM}",
                       "warning", "bom"))
    try:
        return data.decode("utf-8-sig"), issues, None
    except UnicodeDecodeError as exc:
        pos = exc.start
    if data.startswith(codecs.BOM_UTF8):  # a BOM over Windows-1252 text: not part of the first name
        data = data[len(codecs.BOM_UTF8):]  # (the decoder counted positions after it)
    line_start = max(data.rfind(b"\n", 0, pos), data.rfind(b"\r", 0, pos)) + 1
    line = count_physical_lines(data[:line_start]) + 1
    field_index = data[line_start:pos].count(b",")
    for enc, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    byte = data[pos]
    issues.append([line, field_index, bytes([byte]).decode(enc),
                   f"file is not UTF-8; read as {label} (first non-UTF-8 byte 0x{byte:02X} at line {line}): "
                   f"{DFE_ENCODING}", "warning", "not_utf8"])
    return text, issues, (line, field_index)


def _one_line(line: str) -> list[str]:
    """A single physical line as CSV fields, leniently (an open quote runs to the end of the line)."""
    return next(csv.reader([line]), [])


def read_file(path: Path, table: str, data: bytes | None = None):
    """Yield ('row', line, values_by_column, error_code, error) for each record,
    ('issue', line, column, value, reason, severity, reason_code) for findings, and last
    ('lines', counts): the file's physical lines (counted without the CSV parser) and how many are
    the header, blank, or continuations of a quoted field that spans lines.

    Records are parsed strictly. A quote that does not close on its own line is a multi-line field
    only if the record it makes has the header's shape and none of the lines it swallows reads as a
    record by itself; otherwise the record that opened it is quarantined as damaged and parsing
    resumes at the next physical line, so one bad quote costs one record, never the rest of the file.
    """
    from .spec import required_columns

    expected = TABLES[table]
    data = path.read_bytes() if data is None else data
    counts = {"physical_lines": count_physical_lines(data), "header_lines": 0, "blank_lines": 0,
              "continuation_lines": 0}
    if not data.strip(codecs.BOM_UTF8 + b" \t\r\n"):
        yield ("issue", 1, None, None, "file is empty: no header row and no records", "error", "empty_file")
        counts["blank_lines"] = counts["physical_lines"]
        yield ("lines", counts)
        return
    text, enc_issues, _ = _decode(data)
    lines = io.StringIO(text, newline="").readlines()
    counts["header_lines"] = 1
    try:
        header = next(csv.reader(lines[:1], strict=True))
    except csv.Error as exc:
        header = _one_line(lines[0])
        yield ("issue", 1, None, None, f"header row is not clean CSV ({exc}); read leniently", "warning", "unreadable_header")
    names = [h.strip().lstrip("\ufeff").upper() for h in header]
    for issue in enc_issues:
        if isinstance(issue[1], int):  # a field index: name the column
            issue[1] = names[issue[1]] if issue[1] < len(names) else None
        yield ("issue", *issue)
    index: dict[str, int] = {}
    for pos, name in enumerate(names):
        if name in expected and name not in index:
            index[name] = pos
        elif name in expected:
            yield ("issue", 1, name, None, f"column {name} appears twice in the header; the first is used",
                   "warning", "duplicate_column")
        elif name:
            yield ("issue", 1, name, None, f"column {name} is not part of the DfE {table} layout; ignored",
                   "info", "extra_column")
    required = set(required_columns("ssda903", table))
    missing = [c for c in expected if c not in index]
    missing_required = [c for c in missing if c in required]
    missing_optional = [c for c in missing if c not in required]
    if missing_optional:
        yield ("issue", 1, ",".join(missing_optional), None,
               f"header lacks column(s) {', '.join(missing_optional)}; loaded as blank: {DFE_COLUMNS}",
               "warning", "missing_column")
    present = [n for n in names if n in index]
    if present != [c for c in expected if c in index]:
        yield ("issue", 1, None, ",".join(present),
               f"columns are not in the DfE order ({','.join(c for c in expected if c in index)}); matched by name: "
               f"{DFE_COLUMNS}", "warning", "reordered_columns")
    width = len(names)
    # Trailing empty header cells are common in spreadsheet exports: rows padded to them are fine.
    core_width = max((i + 1 for i, n in enumerate(names) if n), default=0)
    if width > core_width:
        yield ("issue", 1, None, None,
               f"header ends in {width - core_width} empty column name(s); ignored: {DFE_FIELD_COUNT}",
               "warning", "trailing_fields")
    file_error = None
    if missing_required:
        file_error = ("missing_required_column",
                      f"file lacks required column(s) {', '.join(missing_required)}: no record can be staged")

    def damaged(start: int, end: int, exc: Exception | None):
        fields = _one_line(lines[start])
        values = {c: (fields[i] if i < len(fields) else None) for c, i in index.items()}
        if exc is not None and "unexpected end of data" not in str(exc):
            return ("row", start + 1, values, "unreadable_record", f"record cannot be parsed as CSV: {exc}")
        # exc: the quote never closes; else it closes on line `end`, swallowing records on the way
        until = "before the end of the file" if exc is not None else f"until line {end}, over lines that are records"
        return ("row", start + 1, values, "broken_quote",
                f"line {start + 1} opens a quoted field that does not close {until}; this record is "
                f"quarantined and the lines after it are read as records of their own")

    def looks_like_record(line: str) -> bool:
        return core_width > 1 and len(_one_line(line)) >= core_width

    n_records = first_blank = 0
    pos = 1
    while pos < len(lines):
        reader = csv.reader(itertools.islice(lines, pos, None), strict=True)
        base, resume = pos, None
        while True:
            start = base + reader.line_num
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                n_records += 1
                yield damaged(start, base + reader.line_num, exc)
                resume = start + 1
                break
            end = base + reader.line_num
            if end - start > 1 and any(looks_like_record(lines[i]) for i in range(start + 1, end)):
                n_records += 1
                yield damaged(start, end, None)
                resume = start + 1
                break
            if not any(v.strip() for v in record):
                counts["blank_lines"] += end - start  # blank lines and lines of bare commas are not records
                first_blank = first_blank or start + 1
                continue
            counts["continuation_lines"] += end - start - 1
            n_records += 1
            code = error = None
            if file_error:
                code, error = file_error
            elif len(record) < core_width or any(v.strip() for v in record[core_width:]):
                code, error = "ragged_record", f"record has {len(record)} fields, the header has {core_width}"
            elif len(record) > width:
                yield ("issue", start + 1, None, None,
                       f"record has {len(record) - width} trailing empty field(s) beyond the header's {width}; "
                       f"ignored: {DFE_FIELD_COUNT}", "warning", "trailing_fields")
            values = {c: (record[i] if i < len(record) else None) for c, i in index.items()}
            yield ("row", start + 1, values, code, error)
        if resume is None:
            break
        pos = resume
    if missing_required:
        yield ("issue", 1, ",".join(missing_required), None,
               f"file lacks required column {', '.join(missing_required)}: its {n_records} rows are quarantined",
               "error", "missing_required_column")
    if counts["blank_lines"]:
        yield ("issue", first_blank, None, None,
               f"{counts['blank_lines']} blank line(s), the first at line {first_blank}, hold no record; skipped",
               "info", "blank_lines")
    yield ("lines", counts)
