"""Adapter for the DfE SSDA903 rule engine, csc-validator-be-903 (module lac_validator).

The engine validates one LA-year at a time: this year's CSVs ("This year") plus, when the raw
folder has it, last year's ("Prev year"), the way an LA uploads them. It has no Ofsted provider
lists here (rules needing them skip, as they do for an LA that does not upload them). The engine's
own reader and datastore are used and every rule of the year's rule set is called, each on its own
deep copy of the tables (see DRIVER); the CHILD of each row a rule returns is the child flagged. Rows flagged only
in last year's tables are not counted: the project reports a rule against the year whose return
breaks it. Interface: see cscare.quality.engines.common."""

from __future__ import annotations

from pathlib import Path

from . import common

RETURN_TYPE = "ssda903"
ENGINE = common.EngineSpec(distribution="csc-validator-be-903", version="0.1.17", module="lac_validator",
                           env_var="CSC_ENGINE_903_PYTHON", local_venv="/work/engines/v903")

# The 903 files the engine reads (this year), and those it reads from last year's return.
THIS_YEAR = ("header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption",
             "prev_perm", "missing", "social_worker")
PREV_YEAR = ("header", "episodes", "uasc", "missing", "placed_for_adoption", "reviews", "oc2", "oc3",
             "ad1", "prev_perm")

DRIVER = r"""
import copy, json, logging, sys, warnings
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
import pandas as pd
from lac_validator.datastore import create_datastore
from lac_validator.ingress import read_from_text
from lac_validator.rules.ruleset_utils import get_year_ruleset
from lac_validator.types import UploadedFile

logging.disable(logging.CRITICAL)
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
    files = [UploadedFile(name=p, description=d, file_content=open(p, "rb").read()) for p, d in job["files"]]
    try:
        registry = get_year_ruleset(str(job["year"]))
        dfs, extras = read_from_text(raw_files=files)
        metadata = {"collectionYear": str(job["year"]), "localAuthority": job["la_gss_code"]}
        metadata.update(extras)
        store = create_datastore(dfs, metadata)
    except Exception as exc:
        out.append({"la": job["la"], "year": job["year"], "error": repr(exc)})
        continue
    flags, failed, skipped = set(), [], []
    for code, rule in registry.items():
        # Each rule gets its own deep copy of the tables: the engine's own loop hands rules shallow
        # copies, so a rule that sorts or re-indexes a table in place moves the rows that later
        # rules report (seen: 581 flagging children whose missing spells all fall in care).
        fresh = {k: (t.copy(deep=True) if isinstance(t, pd.DataFrame) else copy.copy(t)) for k, t in store.items()}
        try:
            result = rule.func(fresh)
        except Exception:
            failed.append(str(code))
            continue
        if result == {}:
            skipped.append(str(code))
            continue
        for table, idx in result.items():
            if table.endswith("_last") or table not in store or "CHILD" not in store[table].columns:
                continue
            for i in idx:
                if i == i and i in store[table].index:
                    child = store[table].loc[i, "CHILD"]
                    if isinstance(child, pd.Series):
                        child = child.iloc[0]
                    flags.add((str(code), "" if child != child else str(child).strip()))
    out.append({"la": job["la"], "year": job["year"], "flags": sorted(flags), "failed": failed, "skipped": skipped})
print(json.dumps(out))
"""


def _la_gss_codes() -> dict[str, str]:
    import csv

    with open(common.SEEDS_DIR / "reference" / "ref_local_authorities.csv", encoding="utf-8") as fh:
        return {r["la_code"]: r["la_gss_code"] for r in csv.DictReader(fh)}


def jobs(raw_dir: Path) -> list[dict]:
    gss = _la_gss_codes()
    out = []
    for la, year, folder in common.la_year_dirs(raw_dir):
        files = [(str(folder / "ssda903" / f"{t}.csv"), "This year") for t in THIS_YEAR
                 if (folder / "ssda903" / f"{t}.csv").exists()]
        if not files:
            continue
        prev = Path(raw_dir) / la / str(year - 1) / "ssda903"
        files += [(str(prev / f"{t}.csv"), "Prev year") for t in PREV_YEAR if (prev / f"{t}.csv").exists()]
        out.append({"la": la, "year": year, "la_gss_code": gss.get(la, ""), "files": files})
    return out


def run_engine(raw_dir: Path, python: str | None = None) -> list[dict]:
    """The engine's raw answer per LA-year: flags [(rule, child)], failed and skipped rules, or error."""
    python = python or common.engine_python(ENGINE)
    return common.run_driver(python, DRIVER, {"jobs": jobs(raw_dir)})


def engine_flags(raw_dir: Path, python: str | None = None, results: list[dict] | None = None):
    results = run_engine(raw_dir, python) if results is None else results
    rows = [(RETURN_TYPE, code, r["la"], r["year"], child)
            for r in results for code, child in r.get("flags", [])]
    df = common.flags_frame(rows, RETURN_TYPE)
    df.attrs["not_run"] = ([(c, r["la"], r["year"], "engine skipped: tables missing") for r in results
                            for c in r.get("skipped", [])]
                           + [(c, r["la"], r["year"], "engine failed") for r in results for c in r.get("failed", [])])
    df.attrs["errors"] = [(r["la"], r["year"], r["error"]) for r in results if "error" in r]
    return df


def engine_rule_codes(python: str | None = None, years=(2023, 2024, 2025)) -> set[str]:
    python = python or common.engine_python(ENGINE)
    answer = common.run_driver(python, DRIVER, {"codes_only": True, "years": list(years)})
    return {c for codes in answer.values() if codes for c in codes}


def project_flags(db_path: Path):
    return common.project_flags(db_path, RETURN_TYPE)
