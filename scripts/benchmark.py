#!/usr/bin/env python
"""Benchmark the whole build against the bare cost of reading its inputs, in one run.

1. Generate N LAs x Y years of synthetic returns (or take a folder given with --raw).
2. The floor: read every file with nothing but the reading - DuckDB `read_csv` of every 903
   table (columns given, no sniffing, one thread) and lxml `iterparse` of every XML file (one
   process) - timed now, on the machine as it is loaded now.
3. The build: `dbt build` of every model and every test (or --select), timed as a whole, with
   each phase (load, seeds, staging, audit, intermediate, data quality, marts, data tests, unit
   tests) summed from dbt's run_results.json node timings, and the peak memory (Pss) of the
   dbt process tree (all its processes together, sampled from /proc; and the largest single
   process, from the kernel's rusage).
4. The ratio of the build to the floor: both measured in this run, under the same load, so the
   ratio means something when absolute seconds on a shared machine do not.
5. A new month, twice: one LA-year of the folder is replaced by another return (the worst case:
   a different population of children, whose histories move figures of earlier years too), and
   the warehouse is updated with `dbt run`; then another LA gets a year after its last, and it is
   updated again. Incremental: only the files that changed are read, only those LAs' rows rebuilt,
   only the changed KPI-periods benchmarked again. Their seconds are printed beside the full
   build's. (The build reads a hard-linked copy of the folder, so the changes never touch the
   folder given.) --no-update skips them.

It measures; it asserts nothing. No external timing tool is needed (Linux /proc is read for the
memory of the process tree; elsewhere only the rusage figure is printed).

    python scripts/benchmark.py --las 3 --years 5
    python scripts/benchmark.py --las 150 --years 5 --keep /tmp/bench150
    python scripts/benchmark.py --raw /tmp/bench150/raw          # reuse generated returns
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def english_las(n: int) -> list[str]:
    with open(ROOT / "seeds/reference/ref_local_authorities.csv") as fh:
        # City of London and the Isles of Scilly have a few dozen children: not representative.
        current = [r["la_code"] for r in csv.DictReader(fh)
                   if not r["valid_to_year"] and r["la_code"] not in ("201", "420")]
    if n > len(current):
        raise SystemExit(f"--las {n}: there are {len(current)} current English LAs to generate")
    return current[:n]


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            info = dict(line.split(":", 1) for line in fh)
        mem = f", {int(info['MemTotal'].split()[0]) / 2**20:.1f} GiB RAM"
    except OSError:
        pass
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{os.cpu_count()} cores{mem}; load average (1/5/15 min) {load}"


# ---------------------------------------------------------------------------------------------
# The floor


def floor(raw: Path) -> dict:
    """Seconds to read every raw file barely: DuckDB read_csv of each 903 table over all its files
    (all columns as text, as the loader keeps them), then lxml iterparse of every XML element."""
    import duckdb
    from lxml import etree

    from cscare.loaders import ssda903
    from cscare.loaders.layout import discover
    from cscare.loaders.spec import local_authorities

    files, _ = discover(raw, set(ssda903.TABLES), ssda903.ALIASES, local_authorities())
    by_table: dict[str, list[str]] = defaultdict(list)
    xml: list[Path] = []
    for f in files:
        if f.return_name == "ssda903":
            by_table[f.table].append(str(f.path))
        else:
            xml.append(f.path)

    con = duckdb.connect()
    con.execute("SET threads = 1")  # one core: the floor is what one core needs to read it all
    t = time.perf_counter()
    csv_rows = failed = 0
    for table, paths in sorted(by_table.items()):
        cols = ", ".join(f"'{c}': 'VARCHAR'" for c in ssda903.TABLES[table])
        opts = (f"columns = {{{cols}}}, header = true, auto_detect = false, delim = ',', quote = '\"', "
                f"null_padding = true, ignore_errors = true, strict_mode = false")
        try:
            con.execute(f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?, {opts})", [paths])
        except duckdb.Error:
            # A file DuckDB refuses outright (not UTF-8, say): read the rest one by one.
            con.execute(f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?, {opts}) LIMIT 0", [paths[:1]])
            for p in paths:
                try:
                    con.execute(f"INSERT INTO t SELECT * FROM read_csv(?, {opts})", [p])
                except duckdb.Error:
                    failed += 1
        csv_rows += con.execute("SELECT count(*) FROM t").fetchone()[0]
        con.execute("DROP TABLE t")
    csv_s = time.perf_counter() - t
    con.close()

    t = time.perf_counter()
    elements = 0
    for p in xml:
        try:
            for _, el in etree.iterparse(str(p), events=("end",), huge_tree=True, resolve_entities=False):
                elements += 1
                el.clear()
        except etree.XMLSyntaxError:
            failed += 1
    xml_s = time.perf_counter() - t
    return {"csv_s": csv_s, "csv_rows": csv_rows, "csv_files": sum(map(len, by_table.values())),
            "xml_s": xml_s, "xml_elements": elements, "xml_files": len(xml), "unreadable": failed,
            "seconds": csv_s + xml_s, "bytes": sum(f.path.stat().st_size for f in files)}


# ---------------------------------------------------------------------------------------------
# Memory of a process tree


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants from /proc: the sum of their
    proportional set sizes, which counts a page shared by a forked worker and its parent once."""

    def __init__(self, pid: int, every: float = 1.0):  # once a second: reading Pss walks page tables
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak = 0
        self.peak_processes = 0
        self._halt = threading.Event()

    @staticmethod
    def _memory(pid: str) -> int | None:
        """A process's proportional set size (Pss: its private pages plus its share of pages it
        shares, such as those a forked loader worker shares with dbt), else its resident size."""
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        try:
            with open(f"/proc/{pid}/statm") as fh:
                return int(fh.read().split()[1]) * PAGE
        except OSError:
            return None

    def _tree_rss(self) -> tuple[int, int]:
        children: dict[int, list[int]] = defaultdict(list)
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children[ppid].append(int(entry))
        total, n, todo = 0, 0, [self.pid]
        while todo:
            p = todo.pop()
            size = self._memory(str(p))
            if size is not None:
                total += size
                n += 1
            todo.extend(children.get(p, []))
        return total, n

    def run(self):
        if not os.path.isdir("/proc"):
            return
        while not self._halt.is_set():
            total, n = self._tree_rss()
            if total > self.peak:
                self.peak, self.peak_processes = total, n
            self._halt.wait(self.every)

    def stop(self):
        self._halt.set()
        self.join()


# ---------------------------------------------------------------------------------------------
# Phases of the build from dbt's own records


def phase_of(node: dict) -> str:
    kind = node.get("resource_type")
    if kind == "unit_test":
        return "unit tests"
    if kind == "test":
        return "data tests"
    if kind == "seed":
        return "seeds"
    path = node.get("original_file_path", "")
    parts = Path(path).parts
    if "data_quality" in parts:
        return "data quality"
    for folder in ("staging", "audit", "intermediate", "marts"):
        if folder in parts:
            return folder
    return "other"


PHASES = ["seeds", "staging", "audit", "intermediate", "data quality", "marts", "data tests",
          "unit tests", "other"]


def _ts(s: str) -> float:
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def phases(target: Path) -> tuple[dict, dict, list, float | None]:
    """({phase: [nodes, node seconds]}, {status: count}, slowest nodes, first node's start)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    manifest = json.loads((target / "manifest.json").read_text())
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    out: dict[str, list] = {p: [0, 0.0] for p in PHASES}
    status: dict[str, int] = defaultdict(int)
    first = None
    for r in results:
        node = nodes.get(r["unique_id"], {"resource_type": r["unique_id"].split(".")[0]})
        ph = phase_of(node)
        out[ph][0] += 1
        out[ph][1] += r.get("execution_time") or 0.0
        status[r["status"]] += 1
        for t in r.get("timing") or []:
            if t.get("started_at"):
                first = min(first or _ts(t["started_at"]), _ts(t["started_at"]))
    slowest = sorted(((r.get("execution_time") or 0.0, r["unique_id"]) for r in results), reverse=True)[:8]
    return out, dict(status), slowest, first


# ---------------------------------------------------------------------------------------------


def update(linked: Path, build_cmd: list[str], env: dict, work: Path, build_s: float, target: Path,
           kind: str = "replace") -> None:
    """Time `dbt run` on the warehouse the last build left, after one LA-year changed (the
    incremental update of one LA-year). kind "replace": the last year of the first LA is replaced by
    another return of that LA (a different population of children: the worst case, since its
    children's histories move KPI figures of every earlier year too). kind "add": the second LA
    gets a year after the last (a new return arriving)."""
    from cscare.generator import generate

    las = sorted(p.name for p in linked.iterdir() if p.is_dir() and p.name.isdigit())
    la = las[0] if kind == "replace" or len(las) < 2 else las[1]
    years = sorted(int(p.name) for p in (linked / la).iterdir() if p.is_dir() and p.name.isdigit())
    fresh = work / f"update_source_{kind}"
    shutil.rmtree(fresh, ignore_errors=True)
    if kind == "replace":
        year = years[-1]
        generate(fresh, la_codes=[la], years=years, seed=2)
        shutil.rmtree(linked / la / str(year))
        what = f"{la}/{year} replaced by another return"
    else:
        year = years[-1] + 1
        generate(fresh, la_codes=[la], years=[*years, year], seed=1)
        what = f"{la}/{year} added"
    shutil.copytree(fresh / la / str(year), linked / la / str(year))
    cmd = [build_cmd[0], "run", *build_cmd[2:]]
    log = work / f"dbt_update_{kind}.log"
    t = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        mem = TreeMemory(proc.pid)
        mem.start()
        code = proc.wait()
        mem.stop()
    seconds = time.perf_counter() - t
    text = log.read_text(errors="replace")
    m = re.search(r"cscare: loaded (\d+) files, (\d+) raw rows\b.*? in ([\d.]+) ?s; ([^\n]*)", text)
    print(f"update of one LA-year ({what}), `dbt run`: {seconds:8.1f} s "
          f"{'ok' if code == 0 else f'FAILED (exit {code}), log: {log}'}; "
          f"{seconds / build_s:.1%} of the full build; peak memory {mem.peak / 2**30:.2f} GiB")
    if m:
        print(f"  load {float(m.group(3)):.1f} s: {m.group(4)}, {int(m.group(2)):,} raw rows read")
    k = re.search(r"fct_kpi_values: (\d+) keys", text)
    if k:
        print(f"  KPI-periods whose figures changed (benchmarks computed again): {int(k.group(1)):,}")
    if (target / "run_results.json").exists():
        per_phase, _, slowest, _ = phases(target)
        print("  node-seconds: " + "; ".join(f"{ph} {per_phase[ph][1]:.1f} s" for ph in PHASES if per_phase[ph][0]))
        print("  slowest nodes: " + "; ".join(f"{uid.split('.', 2)[-1]} {s:.1f} s" for s, uid in slowest[:6]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--las", type=int, default=15, help="number of LAs (the first N current English LAs)")
    ap.add_argument("--years", type=int, default=5, help="number of collection years ending 2024")
    ap.add_argument("--scale", type=float, default=1.0, help="volume multiplier for the generator")
    ap.add_argument("--raw", help="an existing raw folder to measure (nothing is generated)")
    ap.add_argument("--keep", help="folder to keep the generated returns, warehouse and dbt target in")
    ap.add_argument("--select", default="",
                    help="dbt selection to build (default: everything - every model, seed and test)")
    ap.add_argument("--no-update", action="store_true",
                    help="skip the incremental updates of one LA-year (one replaced, then one added)")
    ap.add_argument("--memory-limit", help="DuckDB memory_limit for the build (CSC_DUCKDB_MEMORY_LIMIT), e.g. 6GB; "
                                           "default: the plugin's, 25%% of physical memory")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cscare-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db, target = work / "bench.duckdb", work / "dbt_target"
    print(f"machine: {machine()}")

    if args.raw:
        raw = Path(args.raw).resolve()
        print(f"raw: {raw} (given)")
    else:
        from cscare.generator import generate

        raw = work / "raw"
        las = english_las(args.las)
        years = list(range(2025 - args.years, 2025))
        if raw.exists():
            shutil.rmtree(raw)
        t = time.perf_counter()
        generate(raw, la_codes=las, years=years, seed=1, scale=args.scale)
        print(f"generated: {len(las)} LAs x {len(years)} years ({years[0]}-{years[-1]}), volume x{args.scale} "
              f"in {time.perf_counter() - t:.1f} s")

    # The build reads a hard-linked copy (no bytes copied), so that replacing one LA-year for the
    # update below leaves the given folder as it was.
    linked = work / "raw_build"
    if linked.exists():
        shutil.rmtree(linked)
    try:
        shutil.copytree(raw, linked, copy_function=os.link)
    except OSError:  # another filesystem: copy
        shutil.rmtree(linked, ignore_errors=True)
        shutil.copytree(raw, linked)

    fl = floor(raw)
    print(f"input: {fl['csv_files'] + fl['xml_files']:,} files, {fl['bytes'] / 1e6:,.0f} MB: "
          f"{fl['csv_rows']:,} CSV rows, {fl['xml_elements']:,} XML elements"
          + (f"; {fl['unreadable']} files the bare readers refused" if fl["unreadable"] else ""))
    print(f"floor (one core): {fl['seconds']:8.1f} s = DuckDB read_csv {fl['csv_s']:.1f} s "
          f"+ lxml iterparse {fl['xml_s']:.1f} s")

    for p in (db, Path(str(db) + ".wal")):
        if p.exists():
            p.unlink()
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    if args.memory_limit:
        env["CSC_DUCKDB_MEMORY_LIMIT"] = args.memory_limit
    dbt = str(Path(sys.executable).parent / "dbt")
    cmd = [dbt, "build", "--profiles-dir", "profiles", "--vars", json.dumps({"raw_path": str(linked)}),
           "--target-path", str(target), "--log-path", str(work / "dbt_logs")]
    if args.select:
        cmd += ["--select", *args.select.split()]
    log = work / "dbt_build.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.time()
    t = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        mem = TreeMemory(proc.pid)
        mem.start()
        code = proc.wait()
        mem.stop()
    build_s = time.perf_counter() - t
    # ru_maxrss of waited-for descendants: the largest single process (kB on Linux).
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    text = log.read_text(errors="replace")
    if (work / "dbt_logs" / "dbt.log").exists():
        text += (work / "dbt_logs" / "dbt.log").read_text(errors="replace")

    print(f"dbt build{' --select ' + args.select if args.select else ' (every model and test)'}: "
          f"{build_s:8.1f} s  {'ok' if code == 0 else f'FAILED (exit {code}), log: {log}'}")
    m = re.search(r"cscare: (?:read|loaded) (\d+) files, (\d+) raw rows\b.*? in ([\d.]+) ?s", text)
    load_s = float(m.group(3)) if m else None
    if (target / "run_results.json").exists():
        per_phase, status, slowest, first = phases(target)
        startup = (first - start) if first else None
        if startup is not None:
            rest = f" (of which the raw load {load_s:.1f} s)" if load_s is not None else ""
            print(f"  {'start + load':<14} {startup:8.1f} s wall{rest}")
            began = re.search(r"(\d\d):(\d\d):(\d\d)\s+cscare adapter: cscare: reading raw returns", text)
            if began:
                # dbt stamps its log lines with the time of day to the second.
                day = datetime.fromtimestamp(start).replace(hour=int(began.group(1)), minute=int(began.group(2)),
                                                            second=int(began.group(3)), microsecond=0)
                print(f"  {'':<14} dbt start-up and parse before the load: ~{max(day.timestamp() - start, 0):.0f} s")
            print(f"  {'nodes':<14} {build_s - startup:8.1f} s wall, from the first node to the end")
        print("  phase            nodes   node-seconds (summed over dbt's threads)")
        for ph in PHASES:
            n, s = per_phase[ph]
            if n:
                print(f"  {ph:<14} {n:7,} {s:10.1f} s")
        print(f"  statuses: {', '.join(f'{k} {v}' for k, v in sorted(status.items()))}")
        print("  slowest nodes: " + "; ".join(f"{uid.split('.', 2)[-1]} {s:.1f} s" for s, uid in slowest))
    if mem.peak:
        print(f"peak memory of the dbt process tree (sum of Pss): {mem.peak / 2**30:.2f} GiB "
              f"({mem.peak_processes} processes at the peak)")
    if largest > before * 1024:
        print(f"largest single process (rusage maxrss): {largest / 2**30:.2f} GiB")
    print(f"RATIO build / floor: {build_s / fl['seconds']:.1f}  (target 3.0)")
    if code == 0 and not args.no_update and not args.select:
        update(linked, cmd, env, work, build_s, target, "replace")
        update(linked, cmd, env, work, build_s, target, "add")
    print(f"machine at the end: {machine()}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
