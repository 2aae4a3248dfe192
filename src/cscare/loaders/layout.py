"""The canonical raw layout: <raw>/<la_code>/<year>/ssda903/<table>.csv, cin_census.xml, csww.xml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LA_DIR = re.compile(r"^\d{3}$")
YEAR_DIR = re.compile(r"^(19|20)\d{2}$")


@dataclass(frozen=True)
class RawFile:
    path: Path  # absolute
    rel: str  # relative to the raw folder, with forward slashes: what messages name
    return_name: str  # ssda903 | cin_census | csww
    table: str  # 903 table stem, or the XML return name
    la_code: str
    collection_year: int


@dataclass(frozen=True)
class LayoutIssue:
    rel: str
    reason: str


def discover(raw: Path, ssda903_tables: set[str]) -> tuple[list[RawFile], list[LayoutIssue]]:
    """Every file under raw that fits the layout, and a note for everything that does not."""
    files: list[RawFile] = []
    issues: list[LayoutIssue] = []
    if not raw.is_dir():
        # Reported as a load error (the build then fails its 'files were loaded' test) rather than
        # raised, so that compiling and linting work before any data exists.
        return [], [LayoutIssue(str(raw), "raw folder does not exist: set the dbt var raw_path or CSC_RAW_PATH")]
    for la_dir in sorted(p for p in raw.iterdir() if not p.name.startswith(".")):
        rel_la = la_dir.name
        if not la_dir.is_dir():
            if la_dir.name not in {"manifest.json", "README.md"}:
                issues.append(LayoutIssue(rel_la, "file at the top of the raw folder is not in the layout <la_code>/<year>/; ignored"))
            continue
        if not LA_DIR.match(la_dir.name):
            issues.append(LayoutIssue(rel_la, "folder name is not a 3-digit DfE LA code; ignored"))
            continue
        for year_dir in sorted(p for p in la_dir.iterdir() if not p.name.startswith(".")):
            rel_year = f"{rel_la}/{year_dir.name}"
            if not (year_dir.is_dir() and YEAR_DIR.match(year_dir.name)):
                issues.append(LayoutIssue(rel_year, "not a collection-year folder (4-digit year ending 31 March); ignored"))
                continue
            year = int(year_dir.name)
            for entry in sorted(p for p in year_dir.iterdir() if not p.name.startswith(".")):
                rel = f"{rel_year}/{entry.name}"
                lname = entry.name.lower()
                if entry.is_dir() and lname == "ssda903":
                    for csv in sorted(p for p in entry.iterdir() if not p.name.startswith(".")):
                        crel = f"{rel}/{csv.name}"
                        stem = csv.stem.lower()
                        if csv.suffix.lower() == ".csv" and stem in ssda903_tables:
                            files.append(RawFile(csv.resolve(), crel, "ssda903", stem, la_dir.name, year))
                        else:
                            issues.append(LayoutIssue(crel, f"not a known SSDA903 table file (expected one of {', '.join(sorted(ssda903_tables))}.csv); ignored"))
                elif entry.is_file() and lname == "cin_census.xml":
                    files.append(RawFile(entry.resolve(), rel, "cin_census", "cin_census", la_dir.name, year))
                elif entry.is_file() and lname == "csww.xml":
                    files.append(RawFile(entry.resolve(), rel, "csww", "csww", la_dir.name, year))
                else:
                    issues.append(LayoutIssue(rel, "not part of the layout (ssda903/, cin_census.xml, csww.xml); ignored"))
    return files, issues
