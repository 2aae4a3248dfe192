"""SSDA903 CSV files: one raw row per record, every value kept as text.

Python's csv module is used rather than DuckDB's reader because every quarantined row must name
its physical line, and a CSV record can span lines; csv.reader tracks that exactly.
"""

from __future__ import annotations

import csv
import io
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


def _decode(data: bytes) -> tuple[str, str | None]:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc), (None if enc == "utf-8-sig" else f"file is not UTF-8; read as {enc}")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "file is neither UTF-8 nor Windows-1252; read as Latin-1"


def read_file(path: Path, table: str):
    """Yield ('row', line, values_by_column, error) for each record and ('issue', line, column,
    value, reason, severity) for file-level findings."""
    expected = TABLES[table]
    text, enc_note = _decode(path.read_bytes())
    if enc_note:
        yield ("issue", 0, None, None, enc_note, "warning")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield ("issue", 1, None, None, "file is empty: no header row", "error")
        return
    except csv.Error as exc:
        yield ("issue", 1, None, None, f"header row cannot be read as CSV: {exc}", "error")
        return
    names = [h.strip().upper() for h in header]
    index: dict[str, int] = {}
    for pos, name in enumerate(names):
        if name in expected and name not in index:
            index[name] = pos
        elif name in expected:
            yield ("issue", 1, name, None, f"column {name} appears twice in the header; the first is used", "warning")
        elif name:
            yield ("issue", 1, name, None, f"column {name} is not part of the DfE {table} layout; ignored", "info")
    missing = [c for c in expected if c not in index]
    if missing:
        yield ("issue", 1, ",".join(missing), None,
               f"header lacks column(s) {', '.join(missing)}; loaded as blank", "warning")
    width = len(names)
    # Trailing empty header cells are common in spreadsheet exports: tolerate rows padded to them.
    core_width = max((i + 1 for i, n in enumerate(names) if n), default=0)
    while True:
        start_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield ("row", start_line, {}, f"line cannot be parsed as CSV: {exc}")
            continue
        if not any(v.strip() for v in record):
            continue  # blank lines are not records
        error = None
        if len(record) != width:
            extra = record[core_width:]
            if len(record) < core_width or any(v.strip() for v in extra):
                error = f"record has {len(record)} fields, the header has {core_width}"
        values = {c: (record[i] if i < len(record) else None) for c, i in index.items()}
        yield ("row", start_line, values, error)
