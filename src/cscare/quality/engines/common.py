"""The interface every DfE-engine adapter implements, and what the adapters share.

Interface (one module per return: `ssda903.py`, `cin.py`)
----------------------------------------------------------
Each adapter module defines:

    RETURN_TYPE: str
        'ssda903' or 'cin_census' (the value of marts.dq_issues.return_name).

    ENGINE: EngineSpec
        The PyPI distribution and version of the DfE engine, the module it imports, and the
        folder of the virtualenv it runs in (see `engine_python`).

    def engine_flags(raw_dir: Path, python: str | None = None) -> pandas.DataFrame
        Runs the DfE engine (in its own virtualenv: the engines pin old pandas) on every
        <la_code>/<year>/ folder of the raw folder `raw_dir` (the layout `dbt build` reads) and
        returns one row per (rule, child) the engine flags, with exactly FLAG_COLUMNS:
            return_type      str  RETURN_TYPE
            rule_code        str  the DfE code as the project writes it (e.g. '218', '8500', '8770Q')
            la_code          str  three-digit DfE LA code, from the folder
            collection_year  int  the year ending 31 March, from the folder
            child_id         str  CHILD (903) / LAchildID (CIN), stripped
        Duplicates are dropped. `python` overrides the engine interpreter.
        Optionally the frame's `attrs["not_run"]` lists (rule_code, la_code, collection_year,
        reason) for rules the engine skipped (tables missing) or crashed on in an LA-year, and
        `attrs["errors"]` lists (la_code, collection_year, message) for LA-years it could not read:
        the comparison leaves those (rule, LA-year) / LA-years out and prints them.

    def engine_rule_codes(python: str | None = None) -> set[str]
        The rule codes the engine implements for the years compared (to tell "the engine does not
        have this rule" from "the engine has it and flagged nobody").

    def project_flags(db_path: Path) -> pandas.DataFrame
        The same columns from a warehouse built from the same raw folder: normally
        `project_flags(db_path, RETURN_TYPE)` below (DfE rules of marts.dq_issues).

Intended differences live in ONE list, seeds/dq/dq_engine_differences.csv
(return_type, rule_code, scope, reason); `load_differences` reads it. scope is one of:
    rule          the rule is not compared at all (e.g. one side does not implement it)
    engine_only   children flagged by the engine alone are expected (e.g. the engine departs
                  from the DfE's published rule text)
    project_only  children flagged by the project alone are expected (e.g. the engine sees only
                  one previous year, the project every loaded year)
    quarantined_child   (rule_code '*') a child with a row the project quarantined (unreadable date,
                  duplicate key, ...) in the LA-year or the year before is set aside for every rule:
                  the project's rules do not see quarantined rows (the quarantine raises its own
                  rule, e.g. 141 for an unreadable DECOM), while the engine reads them as blanks
`compare` then classifies every (rule, child) and counts what the list does not explain.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cscare.paths import CACHE_DIR, SEEDS_DIR

FLAG_COLUMNS = ["return_type", "rule_code", "la_code", "collection_year", "child_id"]
DIFFERENCES_CSV = SEEDS_DIR / "dq" / "dq_engine_differences.csv"
SCOPES = ("rule", "engine_only", "project_only", "quarantined_child")


@dataclass(frozen=True)
class EngineSpec:
    distribution: str        # PyPI name, e.g. 'csc-validator-be-903'
    version: str             # pinned version, e.g. '0.1.17'
    module: str              # import name, e.g. 'lac_validator'
    env_var: str             # environment variable naming an interpreter that has it installed
    local_venv: str          # a ready-made virtualenv on this machine, tried before installing


def engine_python(spec: EngineSpec, install: bool = True) -> str:
    """An interpreter that imports the engine: $<env_var>, else `local_venv`, else a throwaway
    virtualenv under .cache/engines/<distribution>-<version>/ installed from PyPI (once)."""
    candidates = [os.environ.get(spec.env_var, ""), str(Path(spec.local_venv) / "bin" / "python"),
                  str(CACHE_DIR / "engines" / f"{spec.distribution}-{spec.version}" / "bin" / "python")]
    for python in candidates:
        if python and Path(python).exists() and _imports(python, spec.module):
            return python
    if not install:
        raise EngineUnavailable(f"{spec.distribution} {spec.version} is not installed")
    venv = CACHE_DIR / "engines" / f"{spec.distribution}-{spec.version}"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        f"{spec.distribution}=={spec.version}"], check=True, capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as exc:
        raise EngineUnavailable(f"cannot install {spec.distribution}=={spec.version}: {exc}") from exc
    python = str(venv / "bin" / "python")
    if not _imports(python, spec.module):
        raise EngineUnavailable(f"{spec.distribution}=={spec.version} installed but {spec.module} does not import")
    return python


class EngineUnavailable(RuntimeError):
    """The DfE engine cannot be found or installed (the harness test skips, loudly, on this)."""


def _imports(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def run_driver(python: str, driver: str, payload: object, timeout: int = 3600) -> object:
    """Run `driver` (Python source) with the engine's interpreter: it reads the JSON `payload` from
    the file named in argv[1] and prints its JSON answer as the last line of stdout."""
    with tempfile.TemporaryDirectory() as tmp:
        script, data = Path(tmp) / "driver.py", Path(tmp) / "payload.json"
        script.write_text(driver, encoding="utf-8")
        data.write_text(json.dumps(payload), encoding="utf-8")
        proc = subprocess.run([python, str(script), str(data)], capture_output=True, text=True,
                              cwd=tmp, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"engine driver failed:\n{proc.stderr[-4000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])


def la_year_dirs(raw_dir: Path) -> list[tuple[str, int, Path]]:
    """(la_code, collection_year, folder) for every <la>/<yyyy>/ folder of a raw folder."""
    out = []
    for year_dir in sorted(Path(raw_dir).glob("[0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]")):
        out.append((year_dir.parent.name, int(year_dir.name), year_dir))
    return out


def flags_frame(rows, return_type: str | None = None):
    """A DataFrame with FLAG_COLUMNS (normalised, de-duplicated) from rows (tuples or dicts)."""
    import pandas as pd

    df = pd.DataFrame(list(rows), columns=FLAG_COLUMNS) if not isinstance(rows, pd.DataFrame) else rows.copy()
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "collection_year" else "object")
                             for c in FLAG_COLUMNS})
    if return_type is not None:
        df["return_type"] = return_type
    df["rule_code"] = df["rule_code"].astype(str).str.strip()
    df["la_code"] = df["la_code"].astype(str).str.strip().str.zfill(3)
    df["collection_year"] = df["collection_year"].astype("int64")
    df["child_id"] = df["child_id"].fillna("").astype(str).str.strip()
    return df[FLAG_COLUMNS].drop_duplicates().reset_index(drop=True)


def project_flags(db_path: Path, return_type: str):
    """(rule, child) pairs of the DfE rules (not our CSC- codes) in marts.dq_issues of a built
    warehouse, for one return."""
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            """
            select distinct return_name, rule_code, la_code, collection_year, child_id
            from marts.dq_issues
            where return_name = ? and rule_code not like 'CSC-%'
            """, [return_type]).fetchall()
    return flags_frame(rows, return_type)


def quarantined_children(db_path: Path, return_type: str) -> set[tuple[str, int, str]]:
    """(la_code, collection_year, child_id) of children with a quarantined row in that year or the
    year before (previous-year rules compare the two)."""
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            """
            select distinct la_code, collection_year + shift, trim(child_id)
            from intermediate.int_dq__quarantined_rows, (values (0), (1)) as shifts (shift)
            where return_name = ? and child_id is not null
            """, [return_type]).fetchall()
    return {(str(la).zfill(3), int(y), c) for la, y, c in rows}


def load_differences(path: Path = DIFFERENCES_CSV) -> dict[tuple[str, str], set[str]]:
    """{(return_type, rule_code): {scope, ...}} from the documented list of intended differences."""
    out: dict[tuple[str, str], set[str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            scope = row["scope"].strip()
            if scope not in SCOPES:
                raise ValueError(f"{path}: scope {scope!r} of rule {row['rule_code']} is not one of {SCOPES}")
            if not row["reason"].strip():
                raise ValueError(f"{path}: rule {row['rule_code']} has no reason")
            out.setdefault((row["return_type"].strip(), row["rule_code"].strip()), set()).add(scope)
    return out


def compare(engine, project, engine_codes: set[str], project_codes: set[str], differences=None,
            quarantined: set[tuple[str, int, str]] | None = None):
    """Per rule code: children flagged by both, by the engine only, by the project only, and how
    many of the one-sided ones the list of intended differences does not explain.

    Only rules both sides implement are compared; the others are reported with `shared` False.
    `quarantined` children (see quarantined_children) are set aside when the list says so
    (rule_code '*', scope quarantined_child). Returns a DataFrame (return_type, rule_code, shared,
    both, engine_only, project_only, set_aside, unexplained_engine_only, unexplained_project_only,
    explained_by, examples)."""
    import pandas as pd

    differences = load_differences() if differences is None else differences
    keys = ["la_code", "collection_year", "child_id"]
    not_run = {(r, la, int(y)) for r, la, y, *_ in engine.attrs.get("not_run", [])}
    failed_la_years = {(la, int(y)) for la, y, *_ in engine.attrs.get("errors", [])}
    if not_run or failed_la_years:
        keep = [(r, la, int(y)) not in not_run and (la, int(y)) not in failed_la_years
                for r, la, y in project[["rule_code", "la_code", "collection_year"]].itertuples(index=False)]
        project = project[keep]
    rows = []
    return_types = set(engine["return_type"]) | set(project["return_type"])
    for return_type in sorted(return_types) or []:
        e = engine[engine["return_type"] == return_type]
        p = project[project["return_type"] == return_type]
        for code in sorted(set(e["rule_code"]) | set(p["rule_code"]) | (engine_codes & project_codes)):
            ek = set(map(tuple, e.loc[e["rule_code"] == code, keys].itertuples(index=False)))
            pk = set(map(tuple, p.loc[p["rule_code"] == code, keys].itertuples(index=False)))
            scopes = differences.get((return_type, code), set())
            shared = code in engine_codes and code in project_codes and "rule" not in scopes
            eo, po = ek - pk, pk - ek
            aside = set()
            if quarantined and "quarantined_child" in differences.get((return_type, "*"), set()):
                aside = (eo | po) & quarantined
                eo, po = eo - aside, po - aside
            rows.append({
                "return_type": return_type, "rule_code": code, "shared": shared,
                "both": len(ek & pk), "engine_only": len(eo), "project_only": len(po), "set_aside": len(aside),
                "unexplained_engine_only": len(eo) if shared and "engine_only" not in scopes else 0,
                "unexplained_project_only": len(po) if shared and "project_only" not in scopes else 0,
                "explained_by": ",".join(sorted(scopes)),
                "examples": "; ".join(
                    [f"engine only {la}/{y}/{c}" for la, y, c in sorted(eo)[:2]]
                    + [f"project only {la}/{y}/{c}" for la, y, c in sorted(po)[:2]]),
            })
    return pd.DataFrame(rows)
