"""A raw folder of returns as messy users send them: a copy of a clean generated folder in which
every LA-year carries exactly one kind of bad input, each listed with where it must be reported
(table, file, line), its reason code, words the reason must contain and its dq_issues rule.

    python -m cscare.generator.bad_inputs --clean CLEAN --out BAD    # CLEAN from `cscare generate`

Faults are written into files (broken quotes, missing columns, encodings, truncated XML, ...) or
into the folder layout (year folders named 2023-24, an LA folder that is no English LA, stray
files, a file copied into another LA's folder). Everything not listed as touched is byte for byte
the clean file, so a build of the bad folder can be compared with a build of the clean one.
"""

from __future__ import annotations

import argparse
import codecs
import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Expect:
    """One finding a fault must raise."""
    where: str  # audit_load_issues | audit_quarantine | audit_lenient_values
    file: str  # as named in the warehouse (relative to the bad folder)
    line: int | None  # None: file-level
    reason_code: str
    message: str  # words the reason must contain
    rule_code: str | None  # the dq_issues rule it is reported under (None: not in dq_issues)
    severity: str = "error"


@dataclass
class BadInput:
    fault: str
    la_code: str
    collection_year: int
    folder: str  # the LA-year folder as it is on disk in the bad folder
    expects: list[Expect] = field(default_factory=list)
    # Clean files (relative to the clean folder) whose staged rows differ from the clean build's
    # because of the fault; every other file of the folder must stage exactly as clean.
    changed: list[str] = field(default_factory=list)
    loaded: bool = True  # False: by design nothing of the LA-year is loaded


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _write_lines(path: Path, lines: list[str], encoding: str = "utf-8", bom: bool = False) -> None:
    data = "\n".join(lines).encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)


def _data_line(lines: list[str], want: int = 20) -> int:
    """A data line number (1-based) near `want`, inside the file."""
    n_data = len([x for x in lines[1:] if x])
    return max(2, min(want, n_data))


def _set_field(line: str, index: int, value: str) -> str:
    fields = line.split(",")
    fields[index] = value
    return ",".join(fields)


def _dated_line(lines: list[str], col: int, pattern: str) -> int:
    for i, line in enumerate(lines[1:], start=2):
        fields = line.split(",")
        if len(fields) > col and re.fullmatch(pattern, fields[col]):
            return i
    raise ValueError(f"no line with a value like {pattern}")


def make_bad_inputs(clean: Path, out: Path) -> list[BadInput]:
    """Copy `clean` to `out` and inject one fault class per LA-year; return what was injected
    (also written to out/bad_inputs.json)."""
    clean, out = Path(clean), Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(clean, out)
    slots = sorted((la.name, int(y.name)) for la in out.iterdir() if la.is_dir()
                   for y in la.iterdir() if y.is_dir())
    cases: list[BadInput] = []
    injectors = list(INJECTORS)
    if len(slots) < len(injectors):
        raise ValueError(f"{len(injectors)} fault classes need {len(injectors)} LA-years; the clean folder has {len(slots)}")
    # The LA-year whose episodes.csv is copied into another LA's folder: one whose own fault leaves
    # that file and its folder name alone.
    donor = slots[injectors.index(_reordered_columns)]
    for (la, year), inject in zip(slots, injectors):
        case = BadInput(inject.__name__.lstrip("_"), la, year, f"{la}/{year}")
        inject(out, case, donor)
        cases.append(case)
    # An LA folder that is not an English LA: a copy of a real LA-year, refused as a whole.
    bogus = out / "999" / str(donor[1])
    shutil.copytree(clean / donor[0] / str(donor[1]), bogus)
    cases.append(BadInput("unknown_la", "999", donor[1], f"999/{donor[1]}", loaded=False, expects=[
        Expect("audit_load_issues", "999", None, "unknown_la",
               "folder 999 is not the DfE code of an English local authority", "CSC-117")]))
    (out / "bad_inputs.json").write_text(json.dumps([asdict(c) for c in cases], indent=1) + "\n")
    return cases


def _p(out: Path, case: BadInput, *parts: str) -> Path:
    return out.joinpath(case.folder, *parts)


def _rel(case: BadInput, *parts: str) -> str:
    return "/".join((case.folder, *parts))


def _clean_rel(case: BadInput, *parts: str) -> str:
    return "/".join((case.la_code, str(case.collection_year), *parts))


# Each injector writes one fault into one LA-year and says what must be reported.

def _unterminated_quote(out, case, donor):
    path = _p(out, case, "ssda903", "reviews.csv")
    lines = _lines(path)
    n = _data_line(lines, 20)
    lines[n - 1] = _set_field(lines[n - 1], 3, '"' + lines[n - 1].split(",")[3])
    _write_lines(path, lines)
    case.changed.append(_clean_rel(case, "ssda903", "reviews.csv"))
    case.expects.append(Expect("audit_quarantine", _rel(case, "ssda903", "reviews.csv"), n, "broken_quote",
                               f"line {n} opens a quoted field that does not close", "CSC-108"))


def _year_folder(name_of):
    def inject(out, case, donor):
        new = name_of(case.collection_year)
        _p(out, case).rename(out / case.la_code / new)
        case.folder = f"{case.la_code}/{new}"
        case.expects.append(Expect("audit_load_issues", case.folder, None, "year_folder_named",
                                   f"read as collection year {case.collection_year}", "CSC-115", "info"))
    return inject


_year_folder_dash = _year_folder(lambda y: f"{y - 1}-{y % 100:02d}")
_year_folder_dash.__name__ = "_year_folder_dash"
_year_folder_underscore = _year_folder(lambda y: f"{y - 1}_{y % 100:02d}")
_year_folder_underscore.__name__ = "_year_folder_underscore"
_year_folder_compact = _year_folder(lambda y: f"{y - 1}{y % 100:02d}")
_year_folder_compact.__name__ = "_year_folder_compact"


def _unplaceable_year_folder(out, case, donor):
    new = f"{case.collection_year % 100:02d}"
    _p(out, case).rename(out / case.la_code / new)
    case.folder = f"{case.la_code}/{new}"
    case.loaded = False
    case.expects.append(Expect("audit_load_issues", case.folder, None, "unplaced",
                               "not a collection-year folder", "CSC-116"))


def _missing_required_column(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    col = lines[0].split(",").index("DECOM")
    rows = [x for x in lines[1:] if x]
    lines = [",".join(f for i, f in enumerate(x.split(",")) if i != col) if x else x for x in lines]
    _write_lines(path, lines)
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes.csv"), 1,
                               "missing_required_column",
                               f"file lacks required column DECOM: its {len(rows)} rows are quarantined", "CSC-109"))


def _missing_optional_column(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    col = lines[0].split(",").index("URN")
    lines = [",".join(f for i, f in enumerate(x.split(",")) if i != col) if x else x for x in lines]
    _write_lines(path, lines)
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes.csv"), 1, "missing_column",
                               "header lacks column(s) URN; loaded as blank", "CSC-113", "warning"))


def _reordered_columns(out, case, donor):
    path = _p(out, case, "ssda903", "reviews.csv")
    lines = _lines(path)
    lines = [",".join([f[0], f[3], f[1], f[2]]) if x else x for x in lines for f in [x.split(",")]]
    _write_lines(path, lines)
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "reviews.csv"), 1, "reordered_columns",
                               "columns are not in the DfE order", "CSC-113", "warning"))


def _extra_column(out, case, donor):
    path = _p(out, case, "ssda903", "header.csv")
    lines = _lines(path)
    lines = [x + (",NOTES" if i == 0 else ",see file") if x else x for i, x in enumerate(lines)]
    _write_lines(path, lines)
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "header.csv"), 1, "extra_column",
                               "column NOTES is not part of the DfE header layout", "CSC-112", "info"))


def _trailing_fields(out, case, donor):
    path = _p(out, case, "ssda903", "header.csv")
    lines = _lines(path)
    lines = [x + ",," if i and x else x for i, x in enumerate(lines)]
    _write_lines(path, lines)
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "header.csv"), 2, "trailing_fields",
                               "trailing empty field(s) beyond the header's 7", "CSC-113", "warning"))


def _ragged_row(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _data_line(lines, 3)
    lines[n - 1] = ",".join(lines[n - 1].split(",")[:5])
    _write_lines(path, lines)
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    case.expects.append(Expect("audit_quarantine", _rel(case, "ssda903", "episodes.csv"), n, "ragged_record",
                               "record has 5 fields, the header has 13", "CSC-101"))


def _bad_date(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _data_line(lines, 4)
    lines[n - 1] = _set_field(lines[n - 1], 1, "31/02/2023")
    _write_lines(path, lines)
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    case.expects.append(Expect("audit_quarantine", _rel(case, "ssda903", "episodes.csv"), n, "invalid_date",
                               "DECOM is not a date", "141"))


def _iso_dates(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _dated_line(lines, 1, r"\d{2}/\d{2}/\d{4}")
    d, m, y = lines[n - 1].split(",")[1].split("/")
    lines[n - 1] = _set_field(lines[n - 1], 1, f"{y}-{m}-{d}")
    _write_lines(path, lines)
    case.expects.append(Expect("audit_lenient_values", _rel(case, "ssda903", "episodes.csv"), n, "iso_date",
                               "is an ISO date (yyyy-mm-dd); loaded as", "CSC-113", "warning"))


def _single_digit_date(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _dated_line(lines, 1, r"0\d/\d{2}/\d{4}|\d{2}/0\d/\d{4}")
    d, m, y = lines[n - 1].split(",")[1].split("/")
    lines[n - 1] = _set_field(lines[n - 1], 1, f"{int(d)}/{int(m)}/{y}")
    _write_lines(path, lines)
    case.expects.append(Expect("audit_lenient_values", _rel(case, "ssda903", "episodes.csv"), n,
                               "single_digit_date", "one-digit day or month", "CSC-113", "warning"))


def _bom(out, case, donor):
    path = _p(out, case, "ssda903", "header.csv")
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "header.csv"), 1, "bom",
                               "byte-order mark", "CSC-113", "warning"))


def _windows_1252(out, case, donor):
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _data_line(lines, 2)
    col = lines[0].split(",").index("URN")
    lines[n - 1] = _set_field(lines[n - 1], col, lines[n - 1].split(",")[col] + "\u00e9")
    _write_lines(path, lines, encoding="cp1252")
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes.csv"), n, "not_utf8",
                               "read as Windows-1252", "CSC-113", "warning"))


def _multiline_field_and_blank_lines(out, case, donor):
    """Legal: a quoted postcode broken over two lines (staging folds the whitespace) and blank lines."""
    path = _p(out, case, "ssda903", "episodes.csv")
    lines = _lines(path)
    n = _dated_line(lines, 10, r"[A-Z0-9]+ [A-Z0-9]+")
    fields = lines[n - 1].split(",")
    outward, inward = fields[10].split(" ")
    fields[10] = f'"{outward}\n{inward}"'
    lines[n - 1] = ",".join(fields)
    lines.insert(1, "")  # line 2; the record that spans two lines is now lines n + 1 and n + 2
    lines.insert(n + 1, "")
    _write_lines(path, lines)
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes.csv"), 2, "blank_lines",
                               "2 blank line(s), the first at line 2", "CSC-112", "info"))


def _truncated_xml(out, case, donor):
    path = _p(out, case, "cin_census.xml")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])
    case.changed.append(_clean_rel(case, "cin_census.xml"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "cin_census.xml"), None, "xml_not_well_formed",
                               "XML is not well-formed", "CSC-110"))
    case.expects.append(Expect("audit_quarantine", _rel(case, "cin_census.xml"), None,
                               "salvaged_from_malformed_xml", "not well-formed XML", "CSC-107"))


def _invalid_xml(out, case, donor):
    """Not well-formed in the middle: an element closed under the wrong name."""
    path = _p(out, case, "cin_census.xml")
    text = path.read_text(encoding="utf-8")
    closings = [m.start() for m in re.finditer("</CINdetails>", text)]
    at = closings[len(closings) // 2]
    path.write_text(text[:at] + "</CINdetail>" + text[at + len("</CINdetails>"):], encoding="utf-8")
    case.changed.append(_clean_rel(case, "cin_census.xml"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "cin_census.xml"), None, "xml_not_well_formed",
                               "were never read", "CSC-110"))


def _empty_xml(out, case, donor):
    _p(out, case, "csww.xml").write_bytes(b"")
    case.changed.append(_clean_rel(case, "csww.xml"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "csww.xml"), 1, "empty_file",
                               "file is empty", "CSC-110"))


def _xsd_invalid(out, case, donor):
    path = _p(out, case, "cin_census.xml")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"<ReferralSource>[^<]*</ReferralSource>", "<ReferralSource>ZZ</ReferralSource>",
                           text, count=1), encoding="utf-8")
    case.changed.append(_clean_rel(case, "cin_census.xml"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "cin_census.xml"), None, "xsd",
                               "ReferralSource", "CSC-111", "warning"))


def _lea_year_mismatch(out, case, donor):
    path = _p(out, case, "cin_census.xml")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<LEA>\d+</LEA>", "<LEA>888</LEA>", text, count=1)
    text = re.sub(r"<Year>\d+</Year>", f"<Year>{case.collection_year - 1}</Year>", text, count=1)
    path.write_text(text, encoding="utf-8")
    case.expects.append(Expect("audit_load_issues", _rel(case, "cin_census.xml"), None, "header_mismatch",
                               f"header LEA 888 differs from the folder's LA code {case.la_code}", "CSC-111",
                               "warning"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "cin_census.xml"), None, "header_mismatch",
                               f"header Year {case.collection_year - 1} differs", "CSC-111", "warning"))


def _stray_files(out, case, donor):
    (_p(out, case, "notes.txt")).write_text("sent on Friday\n")
    shutil.copy(_p(out, case, "ssda903", "episodes.csv"), _p(out, case, "ssda903", "episodes_old.csv"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "notes.txt"), None, "unplaced",
                               "not part of the layout", "CSC-116"))
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes_old.csv"), None, "unplaced",
                               "not a known SSDA903 table file", "CSC-116"))


def _duplicate_file(out, case, donor):
    """This LA-year's episodes are replaced by the donor LA-year's file, byte for byte."""
    src = out / donor[0] / str(donor[1]) / "ssda903" / "episodes.csv"
    shutil.copy(src, _p(out, case, "ssda903", "episodes.csv"))
    case.changed.append(_clean_rel(case, "ssda903", "episodes.csv"))
    donor_rel = f"{donor[0]}/{donor[1]}/ssda903/episodes.csv"
    case.expects.append(Expect("audit_load_issues", _rel(case, "ssda903", "episodes.csv"), None, "duplicate_file",
                               f"same content as {donor_rel}", "CSC-114"))
    case.expects.append(Expect("audit_load_issues", donor_rel, None, "duplicate_file",
                               f"same content as {_rel(case, 'ssda903', 'episodes.csv')}", "CSC-114"))


INJECTORS = (
    _unterminated_quote, _year_folder_dash, _year_folder_underscore, _year_folder_compact,
    _unplaceable_year_folder, _missing_required_column, _missing_optional_column, _reordered_columns,
    _extra_column, _trailing_fields, _ragged_row, _bad_date, _iso_dates, _single_digit_date, _bom,
    _windows_1252, _multiline_field_and_blank_lines, _truncated_xml, _invalid_xml, _empty_xml,
    _xsd_invalid, _lea_year_mismatch, _stray_files, _duplicate_file,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", required=True, type=Path, help="a clean folder written by `cscare generate`")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    cases = make_bad_inputs(args.clean, args.out)
    for c in cases:
        print(f"{c.folder:<16} {c.fault}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
