"""The canonical raw layout: <raw>/<la_code>/<year>/ssda903/<table>.csv, cin_census.xml, csww.xml.

Folders are placed as users name them: a year folder may be the collection year (`2024`) or the
financial year the DfE writes (`2023-24`, `2023_24`, `202324`), each read as the year ending
31 March 2024 with an info note. An LA folder must be the DfE code of an English LA in the seed
ref_local_authorities. Whatever cannot be placed is an error that names it and says its data is
not loaded: nothing under the raw folder is skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LA_DIR = re.compile(r"^\d{3}$")
YEAR_DIR = re.compile(r"^(?:19|20)\d{2}$")
# 2023-24, 2023_24, 202324 and 2023-2024: the financial year April 2023 to March 2024.
FINANCIAL_YEAR_DIR = re.compile(r"^((?:19|20)\d{2})[-_]?(\d{2}|(?:19|20)\d{2})$")
# Files that belong at the top of a raw folder and are not returns.
TOP_LEVEL_NOTES = {"manifest.json", "bad_inputs.json", "readme.md", "readme.txt"}


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
    severity: str = "error"
    reason_code: str = "unplaced"
    la_code: str | None = None
    collection_year: int | None = None


def collection_year(name: str) -> int | None:
    """The collection year (year ending 31 March) a year folder's name stands for, or None."""
    if YEAR_DIR.match(name):
        return int(name)
    m = FINANCIAL_YEAR_DIR.match(name)
    if m:
        first, second = int(m.group(1)), m.group(2)
        if (len(second) == 2 and int(second) == (first + 1) % 100) or (len(second) == 4 and int(second) == first + 1):
            return first + 1
    return None


def _count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def discover(raw: Path, ssda903_tables: set[str], aliases: dict[str, str] | None = None,
             las: dict[str, tuple[int | None, int | None]] | None = None) -> tuple[list[RawFile], list[LayoutIssue]]:
    """Every file under raw that fits the layout, and a finding for everything that does not.

    las: the English LA codes with their first and last collection years (None: accept any 3 digits).
    """
    aliases = aliases or {}
    files: list[RawFile] = []
    issues: list[LayoutIssue] = []
    if not raw.is_dir():
        # Reported as a load error (the build then fails its 'files were loaded' test) rather than
        # raised, so that compiling and linting work before any data exists.
        return [], [LayoutIssue(str(raw), "raw folder does not exist: set the dbt var raw_path or CSC_RAW_PATH",
                                reason_code="no_raw_folder")]
    for la_dir in sorted(p for p in raw.iterdir() if not p.name.startswith(".")):
        rel_la = la_dir.name
        if not la_dir.is_dir():
            if la_dir.name.lower() not in TOP_LEVEL_NOTES:
                issues.append(LayoutIssue(rel_la, "file at the top of the raw folder is not in the layout "
                                                  "<la_code>/<year>/...: not loaded"))
            continue
        if not LA_DIR.match(la_dir.name):
            issues.append(LayoutIssue(rel_la, f"folder name is not a 3-digit DfE LA code: its "
                                              f"{_count_files(la_dir)} files are not loaded"))
            continue
        if las is not None and la_dir.name not in las:
            years = sorted(p.name for p in la_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
            issues.append(LayoutIssue(rel_la, f"folder {la_dir.name} is not the DfE code of an English local "
                                              f"authority (seed ref_local_authorities): its {_count_files(la_dir)} "
                                              f"files (years {', '.join(years) or 'none'}) are not loaded",
                                      reason_code="unknown_la"))
            continue
        la = la_dir.name
        placed: dict[int, str] = {}
        for year_dir in sorted((p for p in la_dir.iterdir() if not p.name.startswith(".")),
                               key=lambda p: (not YEAR_DIR.match(p.name), p.name)):
            rel_year = f"{rel_la}/{year_dir.name}"
            year = collection_year(year_dir.name) if year_dir.is_dir() else None
            if year is None:
                what = f"its {_count_files(year_dir)} files are" if year_dir.is_dir() else "it is"
                issues.append(LayoutIssue(rel_year, f"not a collection-year folder (2024, or 2023-24, 2023_24, "
                                                    f"202324 for the year ending 31 March 2024): {what} not loaded",
                                          la_code=la))
                continue
            if year in placed:
                issues.append(LayoutIssue(rel_year, f"folder is collection year {year}, as is {placed[year]}: "
                                                    f"its {_count_files(year_dir)} files are not loaded",
                                          reason_code="duplicate_year_folder", la_code=la, collection_year=year))
                continue
            placed[year] = rel_year
            if not YEAR_DIR.match(year_dir.name):
                issues.append(LayoutIssue(rel_year, f"year folder {year_dir.name} read as collection year {year} "
                                                    f"(April {year - 1} to March {year})", severity="info",
                                          reason_code="year_folder_named", la_code=la, collection_year=year))
            if las is not None:
                first, last = las[la]
                if (first and year < first) or (last and year > last):
                    issues.append(LayoutIssue(rel_year, f"LA {la} did not exist in collection year {year} "
                                                        f"(it reports {first or '...'}-{last or 'now'}); loaded",
                                              severity="warning", reason_code="la_not_in_year",
                                              la_code=la, collection_year=year))
            for entry in sorted(p for p in year_dir.iterdir() if not p.name.startswith(".")):
                rel = f"{rel_year}/{entry.name}"
                lname = entry.name.lower()
                if entry.is_dir() and lname == "ssda903":
                    for csv in sorted(p for p in entry.iterdir() if not p.name.startswith(".")):
                        crel = f"{rel}/{csv.name}"
                        stem = csv.stem.lower()
                        if csv.is_file() and csv.suffix.lower() == ".csv" and aliases.get(stem, stem) in ssda903_tables:
                            files.append(RawFile(csv.resolve(), crel, "ssda903", aliases.get(stem, stem), la, year))
                            if stem in aliases:
                                issues.append(LayoutIssue(crel, f"read as the 903 table {aliases[stem]}",
                                                          severity="info", reason_code="file_name_alias",
                                                          la_code=la, collection_year=year))
                        else:
                            issues.append(LayoutIssue(
                                crel, f"not a known SSDA903 table file (expected one of "
                                      f"{', '.join(sorted(ssda903_tables))}.csv): not loaded",
                                la_code=la, collection_year=year))
                elif entry.is_file() and lname == "cin_census.xml":
                    files.append(RawFile(entry.resolve(), rel, "cin_census", "cin_census", la, year))
                elif entry.is_file() and lname == "csww.xml":
                    files.append(RawFile(entry.resolve(), rel, "csww", "csww", la, year))
                else:
                    issues.append(LayoutIssue(rel, "not part of the layout (ssda903/, cin_census.xml, csww.xml): "
                                                   "not loaded", la_code=la, collection_year=year))
    return files, issues
