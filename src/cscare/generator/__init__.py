"""Synthetic children's social care returns: SSDA903 CSVs, CIN census XML and workforce census
XML for any local authorities and collection years, seeded and deterministic, with optional
injected data-quality faults recorded in a manifest.

    generate(out_dir, ["886", "316"], [2022, 2023, 2024], seed=1, faults={"duplicate_rows": 2})

Layout: <out>/<la_code>/<year>/ssda903/<table>.csv, <out>/<la_code>/<year>/cin_census.xml,
<out>/<la_code>/<year>/csww.xml and <out>/manifest.json. Year Y is the year ending 31 March Y; the
workforce census in folder Y is the one whose 30 September falls in it (ReferenceDate (Y-1)-09-30,
header Year Y-1, the DfE's "reporting year Y-1"), as the README's layout says.

Modules: lifecourse (the simulation of one LA's children), ssda903 / cin / csww (one return for
one year, read off the simulation), faults (injection and manifest entries), geography
(postcodes), upn, reference (LAs, populations, code lists, working days, XSD enumerations),
dates.

Conventions a reader of the output needs:
- 903 SEX is 1/2 up to 2023-24 and M/F from 2024-25 (year 2025), as the DfE changed it.
- CIN NumberOfPreviousCPP is the true number of previous plans (0 for a first plan), as real
  returns carry it, although the published XSDs type it positiveInteger.
- The CIN census for a year with no schema of its own uses the nearest earlier one (2025 -> 2024,
  GenderCurrent 1/2); CINPlanDates is written only where the schema has it (2022 on).
- UASC DUC is the 18th birthday, recorded in advance. H5 placements carry URN XXXXXXX until
  supported accommodation had to register with Ofsted (28 October 2023), then the provider's URN.
- RNE as the DfE code list defines it: L legal status only, P placement and carers, T placement
  with the same carers, B legal status, placement and carers, U legal status and placement with
  the same carers.
- Temporary placements (T0-T4: hospital, holiday, respite while carers are away, a week or less
  elsewhere) have no provider, URN or reason for change, and the child returns to the same
  placement. R1/R2/R5 placements carry no URN, R3 and S1 an Ofsted URN; 'other' placements are
  Z1 up to 2024-25 and Z11-Z14 from 2025-26, never one placement spanning the change.
- A few periods of care end with the child's death (REC E2): the CIN episode closes that day
  with RC2, the CIN census carries PersonDeathDate, and the child appears in no later return.
- Some referrals of babies come before the birth: the CIN census shows the unborn child with
  ExpectedPersonBirthDate (the day it is later born), GenderCurrent 0, ethnicity NOBT, UPNunknown.
- A UPN belongs to one child. Workforce leavers carry the FTE they worked.
- The clean output raises no error in the DfE's rule engines (scripts/dfe_engines.py), apart
  from the engine departures that script documents and checks.
- Each manifest fault entry has fault, instance (1..n within the LA-year), la_code, year, return
  (ssda903 / cin_census), file (relative to out), line (1-based; line 1 of a CSV is its header),
  child_id, column (CSV column or XML element), original_value, injected_value. A requested
  instance that finds nothing to break in a small LA-year is skipped, not recorded.
- generate() returns the manifest plus a '_timings' key that is not written to the file.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import __version__ as _package_version
from . import cin, csww, ssda903
from .faults import FAULTS, inject
from .geography import PostcodePool, _england
from .lifecourse import Simulator
from .reference import la_info, population_0_17, upn_la_numbers

GENERATOR_VERSION = f"{_package_version}+gen1"

__all__ = ["generate", "FAULTS", "GENERATOR_VERSION"]


def _la_seed(seed: int, la_code: str, salt: str) -> str:
    # str seeds go through SHA-512 in random.seed: stable across runs and Python processes
    return f"cscare:{seed}:{la_code}:{salt}"


def generate_la(out_dir: str, la_code: str, years: list[int], seed: int,
                faults: dict[str, int] | None, scale: float) -> dict:
    """Simulate one LA and write all its returns. Returns counts, timings and fault entries."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    info = la_info(la_code)
    population = population_0_17(la_code, max(years) - 1)
    pool = PostcodePool(la_code, info["gss"])
    wf_first, wf_last = csww.first_and_last(years)
    workforce = csww.Workforce(la_code, random.Random(_la_seed(seed, la_code, "workforce")),
                               csww.target_fte(population, scale), wf_first, wf_last)
    sim = Simulator(la_code, info["gss"], years, random.Random(_la_seed(seed, la_code, "children")),
                    scale, pool, population, upn_la_numbers(), workforce.case_holder)
    world = sim.run()
    world.workforce = workforce
    t1 = time.perf_counter()
    counts = {}
    entries = []
    seed_base = hash_seed(seed, la_code)
    for year in sorted(years):
        folder = out / la_code / str(year)
        c = ssda903.write_year(world, year, folder / "ssda903", seed_base)
        c["cin_children"] = cin.write_year(world, year, folder / "cin_census.xml")
        c["csww_workers"] = csww.write_year(
            workforce, year - 1, folder / "csww.xml",
            random.Random(_la_seed(seed, la_code, f"csww:{year}")))
        counts[str(year)] = c
        if faults:
            entries.extend(inject(out, la_code, year, faults, seed))
    return {"la_code": la_code, "counts": counts, "faults": entries,
            "seconds": {"simulate": round(t1 - t0, 3), "write": round(time.perf_counter() - t1, 3)},
            "population_0_17": population}


def hash_seed(seed: int, la_code: str) -> int:
    return random.Random(_la_seed(seed, la_code, "year-streams")).getrandbits(48)


def _star(args):
    return generate_la(*args)


def generate(out_dir: str | Path, la_codes: list[str], years: list[int], seed: int = 0,
             faults: dict[str, int] | None = None, scale: float = 1.0,
             workers: int | None = None) -> dict:
    """Write synthetic returns for every LA and year under out_dir; return the manifest
    (also written to out_dir/manifest.json)."""
    la_codes = [str(c) for c in la_codes]
    bad = [c for c in la_codes if not (len(c) == 3 and c.isdigit())]
    if bad:
        raise ValueError(f"LA codes are the DfE's 3-digit numbers, not {bad}")
    if len(set(la_codes)) != len(la_codes):
        raise ValueError("duplicate LA codes")
    years = sorted({int(y) for y in years})
    if not la_codes or not years:
        raise ValueError("need at least one LA and one year")
    if faults:
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults: {sorted(unknown)}")
        faults = {k: int(v) for k, v in faults.items() if int(v) > 0}
    if scale <= 0:
        raise ValueError("scale must be positive")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = min(len(la_codes), os.cpu_count() or 1)
    jobs = [(str(out), la, years, seed, faults or None, scale) for la in la_codes]
    t0 = time.perf_counter()
    if workers <= 1 or len(la_codes) == 1:
        results = [generate_la(*j) for j in jobs]
    else:
        _england()  # load the postcode directory once; forked workers share it
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as ex:
            results = list(ex.map(_star, jobs, chunksize=1))
    entries = [e for r in results for e in r["faults"]]
    entries.sort(key=lambda e: (e["la_code"], e["year"], e["file"], e["line"] or 0, e["fault"]))
    manifest = {
        "generator": "cscare.generator",
        "version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "la_codes": la_codes,
        "years": years,
        "faults_requested": faults or {},
        "counts": {r["la_code"]: r["counts"] for r in results},
        "faults": entries,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    manifest["_timings"] = {"total_seconds": round(time.perf_counter() - t0, 2),
                            "per_la": {r["la_code"]: r["seconds"] for r in results}}
    return manifest
