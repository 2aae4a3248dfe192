"""Adapter for the DfE CIN census rule engine, csc-validator-be-cin (module cin_validator).

The engine validates one LA-year at a time: the year's cin_census.xml alone (it reads no previous
year), with the ruleset of the collection year (`cin2023_24` for 2024; it has none before 2023, so
those LA-years are reported as errors and not compared). A flagged row's LAchildID is the child;
return-level rules (2887Q, 2888Q, ...) have no child and come back with child_id ''. A file the
engine cannot parse (not well-formed XML) is an error for that LA-year, not a set of flags.
Interface: see cscare.quality.engines.common.

The engine pins pandas < 2 but not numpy; pandas 1.5 does not import beside numpy 2, so the
virtualenv this module installs pins numpy < 2 as well. Measured on this machine: 6 to 7 seconds
per LA-year at generator scale 0.3 (one LA-year of about 900 children), mostly pandas.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import common

RETURN_TYPE = "cin_census"
ENGINE = common.EngineSpec(distribution="csc-validator-be-cin", version="0.1.13",
                           # the import check must reach pandas, which is what breaks in a bad venv
                           module="cin_validator.cin_validator",
                           env_var="CSC_ENGINE_CIN_PYTHON", local_venv="/work/engines/vcin")
# Installed beside the engine: pandas 1.5 (the engine's pin) needs numpy 1.x.
EXTRA_REQUIREMENTS = ("numpy<2",)
FILE_NAME = "cin_census.xml"

DRIVER = r'''
import contextlib, io, json, logging, re, sys, time, warnings
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
import xml.etree.ElementTree as ET
from cin_validator import cin_validator
from cin_validator.rules.ruleset_utils import get_year_ruleset

payload = json.load(open(sys.argv[1]))
if payload.get("codes_only"):
    out = {}
    for year in payload["years"]:
        try:
            out[str(year)] = sorted(str(c) for c in get_year_ruleset(str(year)))
        except ModuleNotFoundError:
            out[str(year)] = None
    print(json.dumps(out))
    sys.exit(0)
out = []
for job in payload["jobs"]:
    started = time.perf_counter()
    result = {"la": job["la"], "year": job["year"]}
    try:
        registry = get_year_ruleset(str(job["year"]))
    except ModuleNotFoundError:
        result["error"] = "no ruleset for this year"
        out.append(result)
        continue
    try:
        root = ET.parse(job["file"]).getroot()
        data = cin_validator.process_data(cin_validator.convert_data(root))
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):  # the engine prints the rules that crash
            v = cin_validator.CinValidator(data, registry)
        result["failed"] = sorted(set(re.findall(r"^Error with rule (\S+):", printed.getvalue(), re.M)))
    except Exception as exc:
        result["error"] = repr(exc)[:500]
        out.append(result)
        continue
    flags = set()
    issues = v.full_issue_df
    if len(issues) and "child_id" in issues.columns:
        for code, child in zip(issues["rule_code"], issues["child_id"]):
            flags.add((str(code), "" if child != child or child is None else str(child).strip()))
    for code in v.multichild_issues.get("rule_code", []):
        flags.add((str(code), ""))
    result["flags"] = sorted(flags)
    result["seconds"] = round(time.perf_counter() - started, 2)
    out.append(result)
print(json.dumps(out))
'''


def engine_python(install: bool = True, venv: Path | None = None) -> str:
    """An interpreter that runs the engine: $CSC_ENGINE_CIN_PYTHON, /work/engines/vcin, or a
    throwaway virtualenv (`venv`, default .cache/engines/csc-validator-be-cin-<version>/) that this
    installs from PyPI with the engine pinned and numpy < 2."""
    venv = Path(venv) if venv else common.CACHE_DIR / "engines" / f"{ENGINE.distribution}-{ENGINE.version}"
    candidates = [os.environ.get(ENGINE.env_var, ""), str(Path(ENGINE.local_venv) / "bin" / "python"),
                  str(venv / "bin" / "python")]
    for python in candidates:
        if python and Path(python).exists() and common._imports(python, ENGINE.module):
            return python
    if not install:
        raise common.EngineUnavailable(f"{ENGINE.distribution} {ENGINE.version} is not installed")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        f"{ENGINE.distribution}=={ENGINE.version}", *EXTRA_REQUIREMENTS],
                       check=True, capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as exc:
        raise common.EngineUnavailable(f"cannot install {ENGINE.distribution}=={ENGINE.version}: {exc}") from exc
    python = str(venv / "bin" / "python")
    if not common._imports(python, ENGINE.module):
        raise common.EngineUnavailable(f"{ENGINE.distribution}=={ENGINE.version} installed but does not import")
    return python


def jobs(raw_dir: Path) -> list[dict]:
    return [{"la": la, "year": year, "file": str(folder / FILE_NAME)}
            for la, year, folder in common.la_year_dirs(raw_dir) if (folder / FILE_NAME).exists()]


def run_engine(raw_dir: Path, python: str | None = None) -> list[dict]:
    """The engine's raw answer per LA-year: flags [(rule, child)] and seconds, or error."""
    python = python or engine_python()
    return common.run_driver(python, DRIVER, {"jobs": jobs(raw_dir)})


def engine_flags(raw_dir: Path, python: str | None = None, results: list[dict] | None = None):
    """Flags per FLAG_COLUMNS; attrs["errors"] names the LA-years the engine could not read (no
    ruleset for the year, XML not well-formed) and attrs["not_run"] the rules that crashed in an
    LA-year; attrs["seconds"] the engine's time per LA-year."""
    results = run_engine(raw_dir, python) if results is None else results
    rows = [(RETURN_TYPE, code, r["la"], r["year"], child)
            for r in results for code, child in r.get("flags", [])]
    df = common.flags_frame(rows, RETURN_TYPE)
    df.attrs["not_run"] = [(code, r["la"], r["year"], "engine failed") for r in results for code in r.get("failed", [])]
    df.attrs["errors"] = [(r["la"], r["year"], r["error"]) for r in results if "error" in r]
    df.attrs["seconds"] = {(r["la"], r["year"]): r["seconds"] for r in results if "seconds" in r}
    return df


def engine_rule_codes(python: str | None = None, years=(2023, 2024, 2025)) -> set[str]:
    python = python or engine_python()
    answer = common.run_driver(python, DRIVER, {"codes_only": True, "years": list(years)})
    return {c for codes in answer.values() if codes for c in codes}


def project_flags(db_path: Path):
    return common.project_flags(db_path, RETURN_TYPE)
