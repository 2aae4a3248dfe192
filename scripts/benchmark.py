#!/usr/bin/env python
"""Benchmark the foundation: generate N LAs x Y years of synthetic returns, then time each stage.

Prints, for the stated scale: seconds and rows per second to generate, to read the raw folder
(the loader alone, as `dbt build` runs it), and to build staging + audit with dbt (load included).
It measures; it asserts nothing.

    python scripts/benchmark.py --las 15 --years 5
    python scripts/benchmark.py --las 150 --years 5 --keep /tmp/bench150
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def english_las(n: int) -> list[str]:
    with open(ROOT / "seeds/reference/ref_local_authorities.csv") as fh:
        # City of London and the Isles of Scilly have a few dozen children: not representative.
        current = [r["la_code"] for r in csv.DictReader(fh)
                   if not r["valid_to_year"] and r["la_code"] not in ("201", "420")]
    return current[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--las", type=int, default=15, help="number of LAs (first N current English LAs)")
    ap.add_argument("--years", type=int, default=5, help="number of collection years ending 2024")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--keep", help="folder to keep the generated returns and warehouse in")
    ap.add_argument("--select", default="path:seeds staging audit",
                    help="dbt selection to build (default: seeds, staging and audit: the foundation)")
    args = ap.parse_args()

    from cscare.generator import generate
    from cscare.loaders import load_raw

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cscare-bench-"))
    raw, db = work / "raw", work / "bench.duckdb"
    las = english_las(args.las)
    years = list(range(2025 - args.years, 2025))
    print(f"scale: {len(las)} LAs x {len(years)} years ({years[0]}-{years[-1]}), volume x{args.scale}, "
          f"{os.cpu_count()} cores")

    if raw.exists():
        shutil.rmtree(raw)
    t = time.perf_counter()
    generate(raw, la_codes=las, years=years, seed=1, scale=args.scale)
    gen_s = time.perf_counter() - t
    size = sum(p.stat().st_size for p in raw.rglob("*") if p.is_file())

    t = time.perf_counter()
    load = load_raw(raw)
    load_s = time.perf_counter() - t
    rows = sum(load.counts.values())
    print(f"generate : {gen_s:8.1f} s  {rows / gen_s:12,.0f} rows/s  ({load.files.num_rows} files, {size / 1e6:,.0f} MB)")
    print(f"load     : {load_s:8.1f} s  {rows / load_s:12,.0f} rows/s  ({rows:,} raw rows)")
    for ret in ("ssda903", "cin_census", "csww"):
        n = sum(v for k, v in load.counts.items() if k.startswith(ret))
        print(f"           {ret:<10} {n:>12,} rows")
    del load

    if db.exists():
        db.unlink()
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    dbt = str(Path(sys.executable).parent / "dbt")
    t = time.perf_counter()
    result = subprocess.run(
        [dbt, "build", "--profiles-dir", "profiles", "--indirect-selection", "cautious", "--select", *args.select.split(), "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(work / "dbt_target")],
        cwd=ROOT, env=env, capture_output=True, text=True)
    build_s = time.perf_counter() - t
    status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
    print(f"dbt build --select {args.select}: {build_s:8.1f} s  {rows / build_s:12,.0f} rows/s  {status}")
    if result.returncode:
        print(result.stdout[-3000:])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
