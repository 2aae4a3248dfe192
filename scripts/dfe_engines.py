"""Run the DfE's current rule engines on a raw folder and list the rules that fail.

    python scripts/dfe_engines.py /tmp/raw                 # every LA-year found
    python scripts/dfe_engines.py /tmp/raw --las 372 --years 2024 --engines 903
    python scripts/dfe_engines.py /tmp/raw --json out.json # the findings, child by child
    python scripts/dfe_engines.py --install                # the engines into .cache/dfe_engines/

The engines are Data to Insight's csc-validator-be-903 (module lac_validator) and
csc-validator-be-cin (module cin_validator), both on PyPI. They pin old pandas/numpy, so each
lives in a throwaway venv and is driven there through a small script on stdin; this file only
needs the standard library. Where the venvs are: $CSC_ENGINE_903_PYTHON / $CSC_ENGINE_CIN_PYTHON
(the venv's python), else .cache/dfe_engines/{v903,vcin}/bin/python (written by --install).

What each engine is given, per LA-year of the raw layout <raw>/<la>/<year>/...:
- 903: every CSV of <year>/ssda903 as "This year" and of <year-1>/ssda903 (when loaded) as
  "Prev year"; the engine recognises a table by its columns, not its file name. Metadata:
  collectionYear "<year>", the year that ENDS the collection ("2024" for 2023-24: the engine
  reads its first four digits as the year of 31 March; "2023/24" would shift every date rule a
  year back, and some year-specific code lists compare the whole string with "2024") and
  localAuthority, the LA's ONS code (E06/E08/E09/E10...).
  The ruleset is lac<year-1>_<yy>, clamped to the rulesets the package ships (2022-23 on): a
  2020-21 or 2021-22 return is checked against the 2022-23 rules, so read its findings with care.
- CIN: <year>/cin_census.xml alone (the engine takes the year from the XML header's
  ReferenceDate); ruleset cin<year-1>_<yy>, clamped the same way.

Engine departures: a few engine findings are not what the DfE's rule raises (the engine reads one
previous year; a rule written "for every" where the DfE means "there is"). ENGINE_DEPARTURES lists
them, each with a check on the raw files that the finding is that case; such findings are
reported with severity 'explained' and do not count as errors.

Severity: the CIN engine types every rule Error or Query. The 903 engine has no such type (the
DfE flags a few 903 rules as queries in its specification, the engine does not), so every 903
failure is counted as an error. A rule that crashes inside an engine is listed as such (it
validated nothing) and does not count as a failure.

Pitfalls met on the way: run each engine's python with -I (a project venv or PYTHONPATH leaking
in breaks pandas); the engines print to stdout, so findings travel on lines marked '@@DFE '; the
903 engine's rules share and change the same data frames, so a rule run alone (selected_rules)
can flag other rows than in the full run (SW12STG2: 116 rows alone, 6 in the full run): compare
full runs only; the CIN engine catches a crashing rule and prints "Error with rule ..."; the 903
engine can take minutes per LA-year at full scale on a loaded machine.

Exit status 1 when any error-severity rule fails (2 when an engine could not run at all).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import venv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "dfe_engines"
ENGINES = {
    "903": {"packages": ["csc-validator-be-903==0.1.17"], "venv": "v903",
            "env": "CSC_ENGINE_903_PYTHON", "module": "lac_validator"},
    # the CIN engine asks for pandas < 2 but leaves numpy open: numpy 2 breaks pandas 1.5's
    # compiled code ("numpy.dtype size changed"), so numpy is pinned below 2 beside it
    "cin": {"packages": ["csc-validator-be-cin==0.1.13", "numpy<2"], "venv": "vcin",
            "env": "CSC_ENGINE_CIN_PYTHON", "module": "cin_validator"},
}

# Runs inside the 903 engine's venv. Input (stdin, JSON): a list of jobs
# {la, year, gss, this: [csv paths], prev: [csv paths]}. Output: one JSON line per finding.
DRIVER_903 = r"""
import importlib, json, logging, sys, warnings
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
from lac_validator import lac_validator
from lac_validator.utils import process_uploaded_files
jobs = json.load(sys.stdin)
available = sorted(m for m in __import__("pkgutil").iter_modules(
    importlib.import_module("lac_validator.rules").__path__) if m.name.startswith("lac"))
names = [m.name for m in available]
for job in jobs:
    year = int(job["year"])
    start = min(max(year - 1, int(names[0][3:7])), int(names[-1][3:7]))
    ruleset = f"lac{start}_{(start + 1) % 100:02d}"
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    files = {"This year": job["this"]}
    if job["prev"]:
        files["Prev year"] = job["prev"]
    uploaded = process_uploaded_files(files)
    meta = {"collectionYear": str(year), "localAuthority": job["gss"]}
    v = lac_validator.LacValidator(metadata=meta, files=uploaded, registry=registry)
    base = {"engine": "903", "la": job["la"], "year": year, "ruleset": ruleset}
    for code in v.fails:
        print("@@DFE", json.dumps(dict(base, rule=str(code), severity="crashed", child=None, table=None)))
    for table, df in v.ds_results.items():
        if table == "metadata" or table.endswith("_last"):
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            hit = df[df[col] == True]
            for child in hit["CHILD"].tolist():
                print("@@DFE", json.dumps(dict(base, rule=col[4:], severity="error",
                                      child=None if child != child else str(child), table=table)))
    print("@@DFE", json.dumps(dict(base, rule=None, severity="done", child=None, table=None)))
"""

# Runs inside the CIN engine's venv. Input: a list of jobs {la, year, xml}.
DRIVER_CIN = r"""
import contextlib, importlib, io, json, logging, pkgutil, sys, warnings
import xml.etree.ElementTree as ET
warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)
from cin_validator import cin_validator
jobs = json.load(sys.stdin)
names = sorted(m.name for m in pkgutil.iter_modules(
    importlib.import_module("cin_validator.rules").__path__) if m.name.startswith("cin"))
for job in jobs:
    year = int(job["year"])
    start = min(max(year - 1, int(names[0][3:7])), int(names[-1][3:7]))
    ruleset = f"cin{start}_{(start + 1) % 100:02d}"
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    types = {str(r.code): r.rule_type.name.lower() for _, r in registry.items()}
    data = cin_validator.process_data(cin_validator.convert_data(ET.parse(job["xml"]).getroot()))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # the engine prints rules that crash
        v = cin_validator.CinValidator(data, registry)
    base = {"engine": "cin", "la": job["la"], "year": year, "ruleset": ruleset}
    for line in printed.getvalue().splitlines():
        if line.startswith("Error with rule "):
            code = line[len("Error with rule "):].split(":")[0]
            print("@@DFE", json.dumps(dict(base, rule=code, severity="crashed", child=None,
                                  table=line)))
    df = v.full_issue_df
    for code, child, table in zip(df["rule_code"], df["child_id"], df["tables_affected"]):
        print("@@DFE", json.dumps(dict(base, rule=str(code), severity=types.get(str(code), "error"),
                              child=None if child != child else str(child), table=str(table))))
    for code in v.multichild_issues["rule_code"].tolist() if len(v.multichild_issues) else []:
        print("@@DFE", json.dumps(dict(base, rule=str(code), severity=types.get(str(code), "error"),
                              child=None, table="return")))
    print("@@DFE", json.dumps(dict(base, rule=None, severity="done", child=None, table=None)))
"""


def engine_python(engine: str) -> Path | None:
    spec = ENGINES[engine]
    env = os.environ.get(spec["env"])
    candidates = [Path(env)] if env else []
    candidates.append(CACHE / spec["venv"] / "bin" / "python")
    for c in candidates:
        if c.exists():
            return c
    return None


def install(engines=("903", "cin"), quiet=True) -> dict[str, str]:
    """Create .cache/dfe_engines/<venv> and pip-install the pinned engine into it where it is
    missing. Returns {engine: problem} for the engines that could not be installed."""
    problems = {}
    for engine in engines:
        spec = ENGINES[engine]
        if engine_python(engine) is not None:
            continue
        target = CACHE / spec["venv"]
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(target)
            py = target / "bin" / "python"
            subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check",
                            *(["-q"] if quiet else []), *spec["packages"]],
                           check=True, capture_output=quiet, text=True, timeout=900)
            subprocess.run([str(py), "-c", f"import {spec['module']}"], check=True,
                           capture_output=True, text=True, timeout=300)
        except (subprocess.SubprocessError, OSError) as exc:
            detail = getattr(exc, "stderr", "") or ""
            problems[engine] = f"{type(exc).__name__}: {exc} {detail[-2000:]}".strip()
    return problems


def _engine_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONWARNINGS"] = "ignore"
    return env


def _la_gss(la: str) -> str:
    try:
        from cscare.generator.reference import la_info
        return la_info(la)["gss"]
    except Exception:  # noqa: BLE001 - outside the project venv: let the engine go without
        return ""


def la_years(raw: Path, las=None, years=None) -> list[tuple[str, int]]:
    out = []
    for la_dir in sorted(p for p in raw.iterdir() if p.is_dir() and p.name.isdigit()):
        if las and la_dir.name not in las:
            continue
        for y_dir in sorted(p for p in la_dir.iterdir() if p.is_dir() and p.name.isdigit()):
            if years and int(y_dir.name) not in years:
                continue
            out.append((la_dir.name, int(y_dir.name)))
    return out


def _csvs(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("*.csv")) if folder.is_dir() else []


def run(raw: str | Path, las=None, years=None, engines=("903", "cin")) -> list[dict]:
    """Every finding of the engines on the raw folder: dicts with engine, la, year, ruleset,
    rule, severity (error / query / crashed / done), child, table."""
    raw = Path(raw)
    pairs = la_years(raw, las, years)
    findings = []
    for engine in engines:
        py = engine_python(engine)
        if py is None:
            raise RuntimeError(f"the {engine} engine is not installed: run "
                               f"'python scripts/dfe_engines.py --install' or set "
                               f"{ENGINES[engine]['env']}")
        if engine == "903":
            jobs = [{"la": la, "year": y, "gss": _la_gss(la),
                     "this": _csvs(raw / la / str(y) / "ssda903"),
                     "prev": _csvs(raw / la / str(y - 1) / "ssda903")}
                    for la, y in pairs if _csvs(raw / la / str(y) / "ssda903")]
            driver = DRIVER_903
        else:
            jobs = [{"la": la, "year": y, "xml": str(raw / la / str(y) / "cin_census.xml")}
                    for la, y in pairs if (raw / la / str(y) / "cin_census.xml").exists()]
            driver = DRIVER_CIN
        if not jobs:
            continue
        # -I: the engine's venv alone (no PYTHONPATH or user site from the project's shell)
        proc = subprocess.run([str(py), "-I", "-c", driver], input=json.dumps(jobs), text=True,
                              capture_output=True, env=_engine_env())
        if proc.returncode != 0:
            raise RuntimeError(f"the {engine} engine failed:\n{proc.stderr[-4000:]}")
        got = [json.loads(line[6:]) for line in proc.stdout.splitlines()
               if line.startswith("@@DFE ")]
        done = {(f["la"], f["year"]) for f in got if f["severity"] == "done"}
        missing = [(j["la"], j["year"]) for j in jobs if (j["la"], j["year"]) not in done]
        if missing:
            raise RuntimeError(f"the {engine} engine did not finish {missing}:\n"
                               f"{proc.stderr[-4000:]}")
        findings.extend(f for f in got if f["severity"] != "done")
    return explain(findings, raw)


# --- engine findings that the DfE's own rule would not raise -------------------------------
# Each entry: a rule, why the engine departs from the DfE (its limitation or defect), and a
# check on the raw files that this finding is that case and nothing else. A finding that
# passes its check is reported as 'explained'; every other error counts.

def _read_csv(path: Path) -> list[dict]:
    import csv
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _ddmmyyyy(text: str):
    import datetime as dt
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except (TypeError, ValueError):
        return None


class _Raw:
    """The raw 903 CSVs of one LA, read on demand."""

    def __init__(self, raw: Path, la: str):
        self.raw, self.la, self._cache = raw, la, {}

    def table(self, year: int, table: str) -> list[dict]:
        key = (year, table)
        if key not in self._cache:
            self._cache[key] = _read_csv(self.raw / self.la / str(year) / "ssda903" / f"{table}.csv")
        return self._cache[key]

    def years(self) -> list[int]:
        return sorted(int(p.name) for p in (self.raw / self.la).iterdir()
                      if p.is_dir() and p.name.isdigit())


def _care_before_window(raw: _Raw, f: dict):
    """1001/1002: the engine sees the year and the one before; a care leaver aged 19-21 may have
    left care earlier. Explained when the child's episodes are in an earlier loaded return."""
    earlier = [y for y in raw.years() if y < f["year"] - 1
               and any(r["CHILD"] == f["child"] for r in raw.table(y, "episodes"))]
    if earlier:
        return (f"the child's care is in the {earlier} returns, before the one previous year "
                f"the engine reads")
    return None


def _relevant_child(raw: _Raw, f: dict):
    """1001: the DfE's test, on every loaded return: looked after for 13 weeks (91 days) or
    more since the 14th birthday, looked after on or after the 16th, not adopted (V3/V4 short
    breaks do not count). The engine applies it to this year and the one before only, and
    joins the two years' episodes on a row index that repeats, so another child's adoption
    can be read as this one's."""
    import datetime as dt
    eps = {}
    for y in raw.years():
        if y > f["year"]:
            continue
        for r in raw.table(y, "episodes"):
            if r["CHILD"] == f["child"] and r["LS"] not in ("V3", "V4"):
                eps[r["DECOM"]] = r  # a later return's copy of an episode wins
    dob = next((_ddmmyyyy(r["DOB"]) for r in raw.table(f["year"], "header")
                if r["CHILD"] == f["child"]), None)
    if not eps or dob is None:
        return None
    def birthday(n):
        try:
            return dob.replace(year=dob.year + n)
        except ValueError:
            return dob.replace(year=dob.year + n, day=28)
    end = dt.date(f["year"], 3, 31)
    since14 = since16 = 0
    for r in eps.values():
        start, stop = _ddmmyyyy(r["DECOM"]), _ddmmyyyy(r["DEC"]) or end
        since14 += max(0, (stop - max(start, birthday(14))).days)
        since16 += max(0, (stop - max(start, birthday(16))).days)
    last = eps[max(eps, key=lambda k: _ddmmyyyy(k))]
    if since14 >= 91 and since16 >= 1 and last["REC"] not in ("E11", "E12"):
        return (f"the loaded returns show a relevant or former relevant child "
                f"({since14} days looked after since 14, {since16} since 16, not adopted)")
    return None


def _sw_episode_exists(raw: _Raw, f: dict):
    """SW12STG2: the DfE asks that a child starting or ending care has a social worker episode
    from the start (or up to the end); the engine demands it of every social worker episode in
    the file, so an earlier allocation in the year fails it. Explained when each start and end
    of care in the year has such an episode."""
    if f["child"] is None:
        return None
    eps = [r for r in raw.table(f["year"], "episodes") if r["CHILD"] == f["child"]
           and r["LS"] not in ("V3", "V4") and (r["RNE"] == "S" or r["REC"] not in ("X1", ""))]
    sws = [_ddmmyyyy(r["SW_DECOM"]) for r in raw.table(f["year"], "social_worker")
           if r["CHILD"] == f["child"]]
    sws = [d for d in sws if d is not None]
    if not sws:
        return None
    if not eps:
        return "no start or end of care in the year, of which the rule asks nothing"
    for e in eps:
        decom, dec = _ddmmyyyy(e["DECOM"]), _ddmmyyyy(e["DEC"])
        ok = (e["RNE"] == "S" and any(d >= decom for d in sws)) or (
            e["REC"] not in ("X1", "") and dec is not None and any(d <= dec for d in sws))
        if not ok:
            return None
    return "every start and end of care in the year has a social worker episode"


def _sw_ended_with_care(raw: _Raw, f: dict):
    """SW11bSTG2: a social worker episode that ends in the last days of the year needs a
    successor while the child is still looked after; the engine asks it of every child, also
    one whose care (and case) ended that week. Explained when the child's last social worker
    episode ends no earlier than the end of the child's last period of care."""
    if f["child"] is None:
        return None
    sws = [r for r in raw.table(f["year"], "social_worker") if r["CHILD"] == f["child"]]
    eps = [r for r in raw.table(f["year"], "episodes") if r["CHILD"] == f["child"]]
    if not sws or not eps:
        return None
    last_sw = max(sws, key=lambda r: _ddmmyyyy(r["SW_DECOM"]))
    last_ep = max(eps, key=lambda r: _ddmmyyyy(r["DECOM"]))
    sw_end, care_end = _ddmmyyyy(last_sw["SW_DEC"]), _ddmmyyyy(last_ep["DEC"])
    if sw_end and care_end and last_ep["REC"] not in ("X1", "") and sw_end >= care_end:
        return f"care ended {last_ep['DEC']} ({last_ep['REC']}); the case closed {last_sw['SW_DEC']}"
    return None


def _motherhood_not_required(raw: _Raw, f: dict):
    """624: the engine wants last year's MC_DOB repeated; the DfE's rule 628 says motherhood
    details are not required for a care leaver who was not looked after in the year. Explained
    when the child has no episode in the year's return and MC_DOB is blank."""
    row = next((r for r in raw.table(f["year"], "header") if r["CHILD"] == f["child"]), None)
    looked_after = any(r["CHILD"] == f["child"] for r in raw.table(f["year"], "episodes"))
    if row is not None and row["MC_DOB"] == "" and not looked_after:
        return "a care leaver not looked after in the year: MOTHER/MC_DOB not required (628)"
    return None


def _sex_spelling(raw: _Raw, f: dict):
    """202: from 2024-25 SEX is M/F where the previous return has 1/2; the engine compares the
    strings."""
    spell = {"1": "M", "2": "F"}
    now = {r["CHILD"]: r["SEX"] for r in raw.table(f["year"], "header")}
    before = {r["CHILD"]: r["SEX"] for r in raw.table(f["year"] - 1, "header")}
    c = f["child"]
    if c in now and c in before and spell.get(before[c], before[c]) == spell.get(now[c], now[c]):
        return f"SEX {before[c]} last year is {now[c]} spelt the 2024-25 way"
    return None


ENGINE_DEPARTURES = {
    ("903", "1001"): _relevant_child,
    ("903", "1002"): _care_before_window,
    ("903", "SW12STG2"): _sw_episode_exists,
    ("903", "SW11bSTG2"): _sw_ended_with_care,
    ("903", "202"): _sex_spelling,
    ("903", "624"): _motherhood_not_required,
}


def explain(findings: list[dict], raw: str | Path) -> list[dict]:
    """Mark each error finding that a documented engine departure accounts for: its severity
    becomes 'explained' and 'reason' says why."""
    raws = {}
    for f in findings:
        check = ENGINE_DEPARTURES.get((f["engine"], f["rule"]))
        if f["severity"] != "error" or check is None:
            continue
        r = raws.setdefault(f["la"], _Raw(Path(raw), f["la"]))
        reason = check(r, f)
        if reason:
            f["severity"], f["reason"] = "explained", reason
    return findings


def summarise(findings: list[dict]) -> list[dict]:
    """One row per engine, LA, year, rule and severity: failing rows and distinct children."""
    groups = defaultdict(list)
    for f in findings:
        groups[(f["engine"], f["la"], f["year"], f["rule"], f["severity"])].append(f["child"])
    return [{"engine": e, "la": la, "year": y, "rule": r, "severity": s, "rows": len(ch),
             "children": len({c for c in ch if c is not None})}
            for (e, la, y, r, s), ch in sorted(groups.items())]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("raw", nargs="?", help="a raw folder: <raw>/<la>/<year>/...")
    ap.add_argument("--las", help="comma-separated LA codes (default: all found)")
    ap.add_argument("--years", help="comma-separated years or a range 2023-2024")
    ap.add_argument("--engines", default="903,cin", help="903, cin or both (default)")
    ap.add_argument("--json", help="write every finding, child by child, to this file")
    ap.add_argument("--install", action="store_true",
                    help="install the engines into .cache/dfe_engines/ where missing")
    args = ap.parse_args(argv)
    engines = tuple(e.strip() for e in args.engines.split(","))
    if args.install:
        problems = install(engines, quiet=False)
        for engine, problem in problems.items():
            print(f"could not install the {engine} engine: {problem}", file=sys.stderr)
        if problems:
            return 2
        if not args.raw:
            return 0
    if not args.raw:
        ap.error("give a raw folder (or --install)")
    years = None
    if args.years:
        years = set()
        for part in args.years.split(","):
            lo, _, hi = part.partition("-")
            years.update(range(int(lo), int(hi or lo) + 1))
    las = set(args.las.split(",")) if args.las else None
    try:
        findings = run(args.raw, las, years, engines)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.json:
        Path(args.json).write_text(json.dumps(findings, indent=1) + "\n")
    rows = summarise(findings)
    rulesets = sorted({(f["engine"], f["year"], f["ruleset"]) for f in findings})
    if rulesets:
        print("rulesets: " + ", ".join(f"{e} {y}: {r}" for e, y, r in rulesets))
    print(f"{'engine':6} {'la':4} {'year':4} {'rule':12} {'severity':8} {'rows':>5} {'children':>8}")
    for r in rows:
        print(f"{r['engine']:6} {r['la']:4} {r['year']:<4} {r['rule']:12} {r['severity']:8} "
              f"{r['rows']:5d} {r['children']:8d}")
    errors = sum(r["rows"] for r in rows if r["severity"] == "error")
    queries = sum(r["rows"] for r in rows if r["severity"] == "query")
    explained = sum(r["rows"] for r in rows if r["severity"] == "explained")
    crashed = sorted({(r["engine"], r["rule"]) for r in rows if r["severity"] == "crashed"})
    print(f"\n{errors} error rows, {queries} query rows, {explained} engine findings explained "
          f"by a documented engine departure (ENGINE_DEPARTURES)"
          + (f"; rules that crashed in the engine: {crashed}" if crashed else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
