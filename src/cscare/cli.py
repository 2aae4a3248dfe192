"""The command line: make synthetic returns, build the warehouse with dbt, report.

    cscare generate --out data/raw --las 372,373 --years 2020-2024 [--inject liquid_logic_end_dates=3]
    cscare build [--raw data/raw] [--db target/cscare.duckdb] [-- extra dbt args]
    cscare demo        # generate the demo returns, build and publish, dbt docs, reports
    cscare summary     # what the last build loaded, staged and quarantined
    cscare repair-impact   # every KPI with and without the Liquid Logic end-date repair
    cscare report      # HTML report, Excel workbooks and Parquet exports into reports/
    cscare export      # Parquet (shared apart from internal) and shared CSV into reports/
    cscare schemas     # fetch the DfE XSDs and sample files into the cache

dbt is never hidden: `build` runs `dbt build` with the project's profiles and prints its output,
into a copy of the warehouse that is published atomically when it succeeds (publish.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .paths import DEFAULT_RAW, PROJECT_ROOT

DEMO_LAS = ["371", "372", "373", "370", "871"]  # Doncaster, Rotherham, Sheffield, Barnsley, Slough
DEMO_YEARS = [2020, 2021, 2022, 2023, 2024]
DEFAULT_DB = PROJECT_ROOT / "target" / "cscare.duckdb"
DEFAULT_COMMENTARY = PROJECT_ROOT / "commentary" / "commentary.csv"


def _years(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        elif part.strip():
            out.append(int(part))
    return out


def _faults(specs: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for spec in specs or []:
        for item in spec.split(","):
            name, _, n = item.partition("=")
            out[name.strip()] = int(n or 1)
    return out


def cmd_generate(args) -> int:
    from .generator import FAULTS, generate

    faults = _faults(args.inject)
    unknown = sorted(set(faults) - set(FAULTS))
    if unknown:
        print(f"unknown fault(s): {', '.join(unknown)}; known: {', '.join(sorted(FAULTS))}", file=sys.stderr)
        return 2
    manifest = generate(Path(args.out), la_codes=args.las.split(","), years=_years(args.years),
                        seed=args.seed, faults=faults or None, scale=args.scale, workers=args.workers)
    n = len(manifest.get("faults", manifest.get("injected", [])))
    print(f"wrote returns for {len(args.las.split(','))} LAs x {len(_years(args.years))} years to {args.out}"
          f" ({n} injected faults listed in {Path(args.out) / 'manifest.json'})")
    return 0


# The illustrative local figures the demo shows (docs/KPI_CONTRACT.md section 6). A build on real
# returns reads none unless given its own file (`cscare build --local-figures FILE`).
EXAMPLE_LOCAL_FIGURES = PROJECT_ROOT / "seeds" / "local" / "local_kpi_figures.csv"


def run_dbt(command: str, raw: Path | None, db: Path, extra: list[str], local_figures: Path | None = None) -> int:
    """Run dbt as its own process (so it releases the DuckDB file when it ends), output shown."""
    import subprocess

    from .schemas import ensure_schemas

    ensure_schemas()
    db.parent.mkdir(parents=True, exist_ok=True)
    dbt = Path(sys.executable).parent / "dbt"
    argv = [str(dbt) if dbt.exists() else "dbt", *command.split(), "--project-dir", str(PROJECT_ROOT),
            "--profiles-dir", str(PROJECT_ROOT / "profiles")]
    variables = {}
    if raw is not None:
        variables["raw_path"] = str(Path(raw).resolve())
    if local_figures is not None:
        variables["local_figures_path"] = str(Path(local_figures).resolve())
    if variables:
        argv += ["--vars", json.dumps(variables)]
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(argv + extra, cwd=PROJECT_ROOT, env=env).returncode


def build_and_publish(raw: Path, db: Path, extra: list[str], docs: bool = False,
                      local_figures: Path | None = None) -> int:
    """dbt build into a copy of the warehouse, published atomically when it succeeds (publish.py):
    BI readers of `db` see the last complete build throughout, never a lock error. With `docs`,
    `dbt docs generate` reads the same build's catalog before it is published (target/)."""
    from .publish import new_build

    with new_build(db, description=f"dbt build {' '.join(extra)}".strip()) as build:
        rc = run_dbt("build", raw, build.path, extra, local_figures)
        if rc == 0 and docs:
            os.environ["CSC_SKIP_RAW_LOAD"] = "1"  # the raw tables are in the build already
            try:
                if run_dbt("docs generate", raw, build.path, [], local_figures):
                    print("WARNING: dbt docs generate failed; the warehouse is published all the same")
            finally:
                del os.environ["CSC_SKIP_RAW_LOAD"]
        build.succeeded = rc == 0
    print(f"published build {build.build_id} to {db}" if rc == 0 else
          f"build failed: not published; readers keep the last good build; the failed one is in "
          f"{Path(db).parent / ('.failed-' + Path(db).name)}")
    return rc


def cmd_build(args) -> int:
    rc = build_and_publish(Path(args.raw), Path(args.db), args.dbt_args,
                           local_figures=Path(args.local_figures) if args.local_figures else None)
    if Path(args.db).exists():
        print_summary(Path(args.db))
    return rc


def print_summary(db: Path) -> None:
    """The load summary the last `dbt build` printed (stored by its on-run-end hook as
    audit.run_summary from the audit tables), so the console and this command say the same."""
    import duckdb

    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        print(f"(no summary: {exc})")
        return
    with con:
        try:
            lines = con.sql("select line from audit.run_summary order by line_number").fetchall()
        except duckdb.Error as exc:
            print(f"(no summary: the last build did not build the audit models: {exc})")
            return
    print("\ncscare load summary")
    for (line,) in lines:
        print(f"  {line}")


def cmd_demo(args) -> int:
    raw = Path(args.raw)
    if not (raw / "manifest.json").exists() or args.regenerate:
        from .generator import generate

        print(f"generating demo returns for LAs {', '.join(DEMO_LAS)}, years {DEMO_YEARS[0]}-{DEMO_YEARS[-1]} -> {raw}")
        generate(raw, la_codes=DEMO_LAS, years=DEMO_YEARS, seed=args.seed, scale=args.scale)
    rc = build_and_publish(raw, Path(args.db), [], docs=True, local_figures=EXAMPLE_LOCAL_FIGURES)
    print_summary(Path(args.db))
    if rc == 0:
        rc = cmd_report(argparse.Namespace(db=args.db, out=str(PROJECT_ROOT / "reports"),
                                           commentary=str(DEFAULT_COMMENTARY)))
    if rc == 0:
        from .quality.__main__ import main as quality_main

        rc = quality_main(["--db", str(args.db), "--docs", str(PROJECT_ROOT / "reports" / "data_docs")])
    return rc


def cmd_repair_impact(args) -> int:
    """Every KPI with and without the Liquid Logic end-date repair, per LA and period."""
    db, raw = Path(args.db), Path(args.raw)
    unrepaired = db.with_name(db.stem + "_unrepaired.duckdb")
    extra = ["--select", "+fct_kpi_values", "--exclude", "test_type:data", "test_type:unit",
             "--vars", json.dumps({"raw_path": str(raw.resolve()), "repair_liquid_logic_end_dates": False})]
    rc = run_dbt("build", None, unrepaired, extra)
    if rc:
        return rc
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from .publish import updating

    with updating(db, "repair-impact: analysis.kpi_liquid_logic_impact") as con:
        con.execute(f"attach '{unrepaired}' as unrepaired (read_only)")
        con.execute("create schema if not exists analysis_input")
        con.execute("create schema if not exists analysis")
        con.execute("create or replace table analysis_input.fct_kpi_values_unrepaired as "
                    "select * from unrepaired.marts.fct_kpi_values")
        con.execute("detach unrepaired")
        # The comparison is dbt's analysis analyses/kpi_liquid_logic_impact.sql, compiled here.
        con.execute(f"create or replace table analysis.kpi_liquid_logic_impact as {compile_analysis('kpi_liquid_logic_impact', db)}")
        changed = con.sql("""
            select la_code, kpi_id, count(*) as periods_changed, max(abs(change_from_repair)) as largest_change
            from analysis.kpi_liquid_logic_impact where is_changed_by_repair
            group by all order by la_code, kpi_id""")
        con.sql("select * from analysis.kpi_liquid_logic_impact").write_csv(str(out / "kpi_liquid_logic_impact.csv"))
        rows = changed.fetchall()
    print(f"KPIs moved by the Liquid Logic repair: {len(rows)} (LA, KPI) pairs; "
          f"all values in analysis.kpi_liquid_logic_impact and {out / 'kpi_liquid_logic_impact.csv'}")
    for la, kpi, n, largest in rows[:40]:
        print(f"  {la} {kpi:<50} {n:>3} periods, largest change {largest}")
    return 0


def compile_analysis(name: str, db: Path) -> str:
    """The SQL of analyses/<name>.sql as dbt compiles it (refs resolved; no connection opened)."""
    import subprocess
    import tempfile

    dbt = Path(sys.executable).parent / "dbt"
    with tempfile.TemporaryDirectory() as target:
        subprocess.run([str(dbt) if dbt.exists() else "dbt", "--no-populate-cache", "--quiet", "compile",
                        "--select", name, "--project-dir", str(PROJECT_ROOT),
                        "--profiles-dir", str(PROJECT_ROOT / "profiles"), "--target-path", target],
                       cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, CSC_DUCKDB_PATH=str(db)))
        return (Path(target) / "compiled" / "cscare" / "analyses" / f"{name}.sql").read_text()


def cmd_summary(args) -> int:
    print_summary(Path(args.db))
    return 0


def cmd_report(args) -> int:
    """The HTML report, the Excel workbooks and the Parquet/CSV exports of the published warehouse."""
    from .reports import write_reports

    out = write_reports(Path(args.db), Path(args.out), commentary=Path(args.commentary))
    print(f"reports written: {out['index']} (HTML), {out['n_workbooks']} workbooks in {out['workbooks']}, "
          f"Parquet in {Path(args.out) / 'shared' / 'parquet'} (shareable) and {Path(args.out) / 'internal' / 'parquet'}")
    return 0


def cmd_export(args) -> int:
    from .reports import export

    print(export(Path(args.db), Path(args.out)))
    return 0


def cmd_schemas(args) -> int:
    from .schemas import ensure_schemas

    print(ensure_schemas())
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="cscare", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write synthetic returns in the raw layout")
    g.add_argument("--out", default=str(DEFAULT_RAW))
    g.add_argument("--las", default=",".join(DEMO_LAS), help="comma-separated DfE LA codes")
    g.add_argument("--years", default="2020-2024", help="collection years, e.g. 2020-2024 or 2022,2024")
    g.add_argument("--seed", type=int, default=2024)
    g.add_argument("--scale", type=float, default=1.0, help="volume multiplier (0.1 = a tenth of real volumes)")
    g.add_argument("--workers", type=int, default=None)
    g.add_argument("--inject", action="append", help="faults to inject: name=count[,name=count]")
    g.set_defaults(func=cmd_generate)

    b = sub.add_parser("build", help="dbt build over a raw folder")
    b.add_argument("--raw", default=os.environ.get("CSC_RAW_PATH", str(DEFAULT_RAW)))
    b.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    b.add_argument("--local-figures", default=None,
                   help="the LA's local-figures CSV (KPIs no return computes); none when not given")
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="passed to dbt after --")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("demo", help="generate demo returns, build, export reports")
    d.add_argument("--raw", default=str(DEFAULT_RAW))
    d.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    d.add_argument("--seed", type=int, default=2024)
    d.add_argument("--scale", type=float, default=1.0)
    d.add_argument("--regenerate", action="store_true")
    d.set_defaults(func=cmd_demo)

    ri = sub.add_parser("repair-impact", help="every KPI with and without the Liquid Logic end-date repair")
    ri.add_argument("--raw", default=os.environ.get("CSC_RAW_PATH", str(DEFAULT_RAW)))
    ri.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    ri.add_argument("--out", default=str(PROJECT_ROOT / "reports"))
    ri.set_defaults(func=cmd_repair_impact)

    s = sub.add_parser("summary", help="print what the last build loaded and quarantined")
    s.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    s.set_defaults(func=cmd_summary)

    r = sub.add_parser("report", help="write the HTML report, Excel workbooks and Parquet exports")
    r.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    r.add_argument("--out", default=str(PROJECT_ROOT / "reports"))
    r.add_argument("--commentary", default=str(DEFAULT_COMMENTARY),
                   help="CSV of commentary: la_code, kpi_id, month (YYYY-MM), author, commentary")
    r.set_defaults(func=cmd_report)

    e = sub.add_parser("export", help="export every mart to Parquet (shareable set apart) and the shared schema as CSV")
    e.add_argument("--db", default=os.environ.get("CSC_DUCKDB_PATH", str(DEFAULT_DB)))
    e.add_argument("--out", default=str(PROJECT_ROOT / "reports"))
    e.set_defaults(func=cmd_export)

    sc = sub.add_parser("schemas", help="fetch the DfE XSDs and sample files")
    sc.set_defaults(func=cmd_schemas)

    args = p.parse_args(argv)
    if getattr(args, "dbt_args", None) and args.dbt_args[:1] == ["--"]:
        args.dbt_args = args.dbt_args[1:]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
