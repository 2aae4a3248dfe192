#!/usr/bin/env python
"""Side by side: the project's data-quality rules (marts.dq_issues) and the DfE rule engines on the
same raw folder, per rule code: the children (LA, collection year, child) flagged by the engine
only, by the project only, and by both.

    python scripts/dq_compare_engines.py --raw RAW --db WAREHOUSE.duckdb      # RAW built into the DB
    python scripts/dq_compare_engines.py --raw RAW --build                   # build RAW first (temp DB)
    options: --returns ssda903,cin_census  --json OUT  --all (list agreeing rules too)

The engines run in their own virtualenvs (they pin old pandas): csc-validator-be-903 (module
lac_validator) and csc-validator-be-cin (module cin_validator), found through $CSC_ENGINE_903_PYTHON /
$CSC_ENGINE_CIN_PYTHON, /work/engines/{v903,vcin}, or installed from PyPI into .cache/engines/.
Intended differences are listed, each with its reason, in seeds/dq/dq_engine_differences.csv.
Exit status 1 when any shared rule differs in a way that list does not explain; 3 when an engine
cannot be installed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cscare.quality.engines import common  # noqa: E402

ADAPTERS = {"ssda903": "cscare.quality.engines.ssda903", "cin_census": "cscare.quality.engines.cin"}


def implemented_codes(db: Path, return_type: str) -> set[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return {r[0] for r in con.execute(
            "select rule_code from marts.dq_rule_catalogue where is_implemented and return_name = ?",
            [return_type]).fetchall()}


def build(raw: Path, db: Path) -> None:
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    cmd = ["dbt", "build", "--profiles-dir", str(ROOT / "profiles"), "--project-dir", str(ROOT),
           "--vars", json.dumps({"raw_path": str(raw)}), "--quiet"]
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"dbt build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")


def compare_return(return_type: str, raw: Path, db: Path):
    adapter = importlib.import_module(ADAPTERS[return_type])
    # an adapter may install its engine its own way (the CIN engine needs numpy < 2 beside it)
    python = adapter.engine_python() if hasattr(adapter, "engine_python") else common.engine_python(adapter.ENGINE)
    engine = adapter.engine_flags(raw, python=python)
    project = adapter.project_flags(db)
    result = common.compare(engine, project, adapter.engine_rule_codes(python=python),
                            implemented_codes(db, return_type),
                            quarantined=common.quarantined_children(db, return_type))
    return result, engine.attrs


def report(return_type: str, result, attrs, show_all: bool) -> list[str]:
    lines = [f"== {return_type}"]
    for la, year, message in attrs.get("errors", []):
        lines.append(f"   engine could not read {la}/{year}: {message}")
    crashed = sorted({r for r, _, _, why in attrs.get("not_run", []) if why == "engine failed"})
    if crashed:
        lines.append(f"   engine rules that crashed (left out): {', '.join(crashed)}")
    if result.empty:
        return lines + ["   nothing flagged by either side"]
    shared = result[result["shared"]]
    unexplained = shared[(shared["unexplained_engine_only"] + shared["unexplained_project_only"]) > 0]
    fired = shared[(shared["both"] + shared["engine_only"] + shared["project_only"] + shared["set_aside"]) > 0]
    lines.append(f"   shared rules: {len(shared)}; flagged on either side: {len(fired)}; identical children: "
                 f"{int(((fired['engine_only'] + fired['project_only']) == 0).sum())}; "
                 f"rules with unexplained differences: {len(unexplained)}; "
                 f"children set aside (quarantined rows): {int(shared['set_aside'].sum())}")
    lines.append(f"   {'rule':10s} {'both':>6s} {'engine only':>12s} {'project only':>13s}  explained by / examples")
    for r in result.sort_values("rule_code").itertuples():
        differs = r.engine_only or r.project_only
        if not (show_all or (r.shared and differs)):
            continue
        flag = "!!" if (r.unexplained_engine_only or r.unexplained_project_only) else ("  " if r.shared else "--")
        lines.append(f"{flag} {r.rule_code:10s} {r.both:6d} {r.engine_only:12d} {r.project_only:13d}  "
                     f"{r.explained_by or ('not shared' if not r.shared else '')} {r.examples}")
    not_shared = result[~result["shared"] & ((result["engine_only"] + result["project_only"]) > 0)]
    if len(not_shared) and not show_all:
        lines.append("   flagged by one side, rule not shared (not compared): " + ", ".join(
            f"{r.rule_code} (engine {r.engine_only}, project {r.project_only})" for r in not_shared.itertuples()))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", required=True, type=Path)
    ap.add_argument("--db", type=Path, help="warehouse built from --raw (else --build)")
    ap.add_argument("--build", action="store_true", help="dbt build --raw into a temporary warehouse first")
    ap.add_argument("--returns", default="ssda903,cin_census")
    ap.add_argument("--json", type=Path, help="write the per-rule table here")
    ap.add_argument("--all", action="store_true", help="list every rule, agreeing ones too")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            if not args.build:
                ap.error("give --db (a warehouse built from --raw) or --build")
            db = Path(tmp) / "compare.duckdb"
            build(args.raw, db)
        out, unexplained = [], 0
        for return_type in [r.strip() for r in args.returns.split(",") if r.strip()]:
            try:
                result, attrs = compare_return(return_type, args.raw, db)
            except common.EngineUnavailable as exc:
                print(f"== {return_type}: ENGINE UNAVAILABLE: {exc}", file=sys.stderr)
                return 3
            except ModuleNotFoundError as exc:
                print(f"== {return_type}: no adapter ({exc})")
                continue
            print("\n".join(report(return_type, result, attrs, args.all)))
            unexplained += int((result["unexplained_engine_only"] + result["unexplained_project_only"]).sum()) \
                if not result.empty else 0
            out.extend(result.to_dict("records"))
        if args.json:
            args.json.write_text(json.dumps(out, indent=1, default=str))
    print(f"unexplained (rule, child) differences: {unexplained}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
