"""The synthetic returns generator: deterministic, in the DfE layouts, schema-valid, and with
faults that land exactly where the manifest says."""

from __future__ import annotations

import csv
import datetime as dt
import filecmp
import json
from pathlib import Path

import pytest
from lxml import etree

from cscare.generator import FAULTS, generate
from cscare.generator.upn import check_letter, is_valid
from cscare.schemas import xml_schema

LAS = ["316", "805"]
YEARS = [2023, 2024]
SCALE = 0.04
SEED = 11

COLUMNS = {
    "header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                "HOME_POST,PL_POST,URN",
    "reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "uasc": "CHILD,DOB,SEX,DUC",
    "oc2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
           "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "oc3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "ad1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "placed_for_adoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "prev_perm": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "social_worker": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
}
REQUIRED_FAULTS = {
    "liquid_logic_end_dates", "overlapping_episodes", "unknown_codes", "malformed_dates",
    "duplicate_rows", "child_not_in_header", "corrupted_file",
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen_clean")
    manifest = generate(out, LAS, YEARS, seed=SEED, scale=SCALE, workers=1)
    return out, manifest


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen_faults")
    manifest = generate(out, ["316"], [2024], seed=SEED, scale=0.08, workers=1,
                        faults={name: 1 for name in FAULTS})
    return out, manifest


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def d(s: str) -> dt.date:
    return dt.datetime.strptime(s, "%d/%m/%Y").date()


def test_same_seed_and_arguments_give_identical_files(clean, tmp_path):
    out, _ = clean
    again = tmp_path / "again"
    generate(again, LAS, YEARS, seed=SEED, scale=SCALE, workers=2)
    first = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(out, again, [str(p) for p in first], shallow=False)
    assert mismatch == [] and errors == []


def test_adding_an_authority_leaves_the_others_unchanged(clean, tmp_path):
    out, _ = clean
    more = tmp_path / "more"
    generate(more, ["805", "201"], YEARS, seed=SEED, scale=SCALE, workers=1)
    for year in YEARS:
        for name in ("ssda903/episodes.csv", "cin_census.xml", "csww.xml"):
            assert (out / "805" / str(year) / name).read_bytes() == \
                (more / "805" / str(year) / name).read_bytes()


def test_layout_and_column_names(clean):
    out, manifest = clean
    assert json.loads((out / "manifest.json").read_text())["years"] == YEARS
    assert manifest["la_codes"] == LAS and manifest["seed"] == SEED
    for la in LAS:
        for year in YEARS:
            folder = out / la / str(year)
            assert (folder / "cin_census.xml").exists() and (folder / "csww.xml").exists()
            tables = sorted(p.stem for p in (folder / "ssda903").glob("*.csv"))
            expected = sorted(t for t in COLUMNS if year >= 2024 or t != "social_worker")
            assert tables == expected
            for table in tables:
                first = (folder / "ssda903" / f"{table}.csv").read_text().split("\n")[0]
                assert first == COLUMNS[table]
            assert read_csv(folder / "ssda903" / "episodes.csv"), "no episodes written"


def test_every_xml_file_is_valid_against_its_schema(clean):
    out, _ = clean
    for la in LAS:
        for year in YEARS:
            for name, ret in (("cin_census.xml", "cin_census"), ("csww.xml", "csww")):
                path = out / la / str(year) / name
                schema = xml_schema(ret, year)
                # The one accepted finding: a first plan has 0 previous plans, as real returns say,
                # while the published XSD types NumberOfPreviousCPP positiveInteger.
                errors = [e for e in schema.iter_errors(str(path))
                          if not (getattr(e.elem, "tag", None) == "NumberOfPreviousCPP"
                                  and (e.elem.text or "").strip() == "0")]
                assert not errors, f"{path}: {errors[0]}"
                root = etree.parse(str(path)).getroot()
                # the workforce census of 30 September (Y-1) lies in the year ending 31 March Y
                census_year = year - 1 if ret == "csww" else year
                assert root.findtext("Header/CollectionDetails/Year") == str(census_year)
                assert root.findtext("Header/Source/LEA") == la


def test_upn_check_letters():
    # the DfE's weighting: characters 2-13 weighted 2..13, modulo 23
    assert check_letter("801200005001") == "B"
    assert is_valid("B801200005001") and not is_valid("A801200005001")


def test_generated_upns_are_valid_and_consistent(clean):
    out, _ = clean
    seen = 0
    for la in LAS:
        for year in YEARS:
            for row in read_csv(out / la / str(year) / "ssda903" / "header.csv"):
                if not row["UPN"].startswith("UN"):
                    assert is_valid(row["UPN"]), row
                    seen += 1
            root = etree.parse(str(out / la / str(year) / "cin_census.xml")).getroot()
            for upn in root.iter("UPN"):
                assert is_valid(upn.text), upn.text
                seen += 1
    assert seen > 100


def test_episode_dates_are_in_order(clean):
    out, _ = clean
    for la in LAS:
        for year in YEARS:
            folder = out / la / str(year) / "ssda903"
            year_end = dt.date(year, 3, 31)
            dob = {r["CHILD"]: d(r["DOB"]) for r in read_csv(folder / "header.csv")}
            assert len(dob) == len(read_csv(folder / "header.csv")), "a child twice in header"
            by_child: dict[str, list[dict]] = {}
            for r in read_csv(folder / "episodes.csv"):
                by_child.setdefault(r["CHILD"], []).append(r)
            assert set(by_child) <= set(dob)
            for child, eps in by_child.items():
                eps.sort(key=lambda r: d(r["DECOM"]))
                for e in eps:
                    start = d(e["DECOM"])
                    assert dob[child] <= start <= year_end
                    if e["DEC"]:
                        assert start < d(e["DEC"]) <= year_end
                        assert e["REC"]
                    else:
                        assert not e["REC"]
                for prev, nxt in zip(eps, eps[1:]):
                    assert prev["DEC"], (child, prev)
                    if prev["REC"] == "X1":
                        assert nxt["DECOM"] == prev["DEC"] and nxt["RNE"] != "S", (child, prev, nxt)
                    else:
                        assert d(nxt["DECOM"]) > d(prev["DEC"]) and nxt["RNE"] == "S"
            reviews = read_csv(folder / "reviews.csv")
            for r in reviews:
                first = d(by_child[r["CHILD"]][0]["DECOM"])
                assert first <= d(r["REVIEW"]) <= year_end


CODES = {
    "RNE": set("SLPTBU"),
    "LS": {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"},
    "PLACE": {"A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
              "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"},
    "REC": {"", "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E13", "E41", "E45", "E46", "E47",
            "E48", "E5", "E6", "E7", "E9", "E14", "E15", "E16", "E17", "E8"},
}
DATE_COLUMNS = {"DOB", "MC_DOB", "DECOM", "DEC", "REVIEW", "DUC", "DATE_INT", "DATE_MATCH",
                "DATE_PLACED", "DATE_PLACED_CEASED", "DATE_PERM", "MIS_START", "MIS_END",
                "SW_DECOM", "SW_DEC"}


def test_clean_output_has_none_of_the_faults(clean):
    out, manifest = clean
    assert manifest["faults"] == []
    assert manifest["faults_requested"] == {}
    for la in LAS:
        for year in YEARS:
            folder = out / la / str(year) / "ssda903"
            for path in folder.glob("*.csv"):
                lines = path.read_text().split("\n")[:-1]
                width = len(lines[0].split(","))
                assert all(len(ln.split(",")) == width for ln in lines), path
                assert len(set(lines)) == len(lines), f"duplicate line in {path}"
                for row in read_csv(path):
                    for col in DATE_COLUMNS & set(row):
                        if row[col]:
                            assert d(row[col]) <= dt.date(year, 3, 31) or col in ("DUC",), (path, row)
            for row in read_csv(folder / "episodes.csv"):
                for col, codes in CODES.items():
                    assert row[col] in codes, (col, row)


def test_fault_names_are_documented():
    assert REQUIRED_FAULTS <= set(FAULTS)
    assert all(isinstance(v, str) and v for v in FAULTS.values())
    with pytest.raises(ValueError):
        generate("/nonexistent", ["316"], [2024], faults={"no_such_fault": 1})


def test_each_fault_points_at_the_line_holding_the_injected_value(faulty):
    out, manifest = faulty
    entries = manifest["faults"]
    assert {e["fault"] for e in entries} == set(FAULTS)
    assert json.loads((out / "manifest.json").read_text())["faults"] == entries
    for e in entries:
        path = out / e["file"]
        lines = path.read_text(encoding="utf-8").split("\n")
        line = lines[e["line"] - 1]
        if path.suffix == ".csv" and e["fault"] != "corrupted_file":
            assert line.split(",")[0] == e["child_id"], e
        if e["fault"] == "duplicate_rows":
            assert line == lines[e["line"] - 2] == e["injected_value"]
        elif e["fault"] == "child_not_in_header":
            header = (path.parent / "header.csv").read_text().split("\n")
            assert not any(h.split(",")[0] == e["child_id"] for h in header)
        elif e["fault"] == "corrupted_file":
            assert line == e["injected_value"]
            if path.suffix == ".xml":
                with pytest.raises(etree.XMLSyntaxError):
                    etree.parse(str(path))
            else:
                width = len(lines[0].split(","))
                assert len(line.split(",")) != width
        elif e["fault"] == "duplicate_child":
            header = [h.split(",")[0] for h in lines[1:] if h]
            assert header.count(e["child_id"]) == 2
        elif path.suffix == ".csv":
            columns = lines[0].split(",")
            assert line.split(",")[columns.index(e["column"])] == e["injected_value"], e
            assert e["original_value"] != e["injected_value"]
        else:
            assert f"<{e['column']}>{e['injected_value']}</{e['column']}>" in line, e


def test_faults_do_what_they_say(faulty):
    out, manifest = faulty
    by_fault = {}
    for e in manifest["faults"]:
        by_fault.setdefault(e["fault"], []).append(e)
    folder = out / "316" / "2024" / "ssda903"
    episodes = (folder / "episodes.csv").read_text().split("\n")
    # the Liquid Logic fault: an earlier episode now ends after the next one starts
    e = by_fault["liquid_logic_end_dates"][0]
    fields = episodes[e["line"] - 1].split(",")
    later = [ln.split(",") for ln in episodes[1:] if ln.startswith(e["child_id"] + ",")]
    later_starts = [d(f[1]) for f in later if len(f) > 2 and f[1] != fields[1] and d(f[1]) > d(fields[1])]
    assert later_starts and d(e["injected_value"]) > min(later_starts)
    # an overlap: DECOM before the previous episode's end
    e = by_fault["overlapping_episodes"][0]
    assert d(e["injected_value"]) < d(e["original_value"])
    for e in by_fault["malformed_dates"]:
        with pytest.raises(ValueError):
            d(e["injected_value"])
    for e in by_fault["future_dates"]:
        assert d(e["injected_value"]) > dt.date(2024, 3, 31)


# --- the cases a small generation rarely shows: one larger LA over three years --------------

RICH_LA, RICH_YEARS = "886", [2023, 2024, 2025]
TEMPORARY = {"T0", "T1", "T2", "T3", "T4"}


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    out = tmp_path_factory.mktemp("gen_rich")
    generate(out, [RICH_LA], RICH_YEARS, seed=5, scale=0.35, workers=1)
    eps = {y: read_csv(out / RICH_LA / str(y) / "ssda903" / "episodes.csv") for y in RICH_YEARS}
    cin = {y: etree.parse(str(out / RICH_LA / str(y) / "cin_census.xml")).getroot()
           for y in RICH_YEARS}
    return out, eps, cin


def by_child(rows):
    out = {}
    for r in rows:
        out.setdefault(r["CHILD"], []).append(r)
    for v in out.values():
        v.sort(key=lambda r: d(r["DECOM"]))
    return out


def cin_child(root, child_id):
    return next((c for c in root.iterfind("Children/Child")
                 if c.findtext("ChildIdentifiers/LAchildID") == child_id), None)


def test_rich_generation_has_every_placement_family(rich):
    _, eps, _ = rich
    places = {r["PLACE"] for rows in eps.values() for r in rows}
    assert TEMPORARY <= places
    assert {"R1", "R2", "R3", "R5", "S1"} <= places
    assert places & {"Z1", "Z11", "Z12", "Z13", "Z14"}


def test_temporary_placements_return_to_the_same_placement(rich):
    _, eps, _ = rich
    seen = 0
    for rows in eps.values():
        for child, mine in by_child(rows).items():
            for before, temp, after in zip(mine, mine[1:], mine[2:]):
                if temp["PLACE"] not in TEMPORARY:
                    continue
                seen += 1
                # no provider or URN of its own; no reason for the moves in and out (903 213,
                # 222, 226); back to the same placement with RNE P (903 383); T4 is 7 days at most
                assert temp["PLACE_PROVIDER"] == "" and temp["URN"] == "" and temp["PL_POST"]
                assert temp["RNE"] == "P" and after["RNE"] == "P", (child, temp)
                assert before["REASON_PLACE_CHANGE"] == "" and temp["REASON_PLACE_CHANGE"] == ""
                assert (after["PLACE"], after["PL_POST"], after["URN"]) == \
                    (before["PLACE"], before["PL_POST"], before["URN"])
                assert before["LS"] == temp["LS"] == after["LS"]
                if temp["PLACE"] == "T4":
                    assert (d(temp["DEC"]) - d(temp["DECOM"])).days <= 7
    assert seen > 20


def test_reason_for_new_episode_says_what_changed(rich):
    """L legal status only; P placement and carers; T placement, same carers; B legal status,
    placement and carers; U legal status and placement, same carers."""
    _, eps, _ = rich
    codes = set()
    for rows in eps.values():
        for mine in by_child(rows).values():
            for prev, e in zip(mine, mine[1:]):
                if prev["DEC"] != e["DECOM"]:
                    continue  # a new period of care
                ls = prev["LS"] != e["LS"]
                pl = any(prev[k] != e[k] for k in ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER"))
                allowed = {(True, False): {"L"}, (False, True): {"P", "T"},
                           (True, True): {"B", "U"}}[(ls, pl)]
                assert e["RNE"] in allowed, (prev, e)
                codes.add(e["RNE"])
    assert codes == {"L", "P", "T", "B", "U"}


def test_deaths_are_consistent_across_the_returns(rich):
    _, eps, cin = rich
    died = {}
    for y, rows in eps.items():
        for r in rows:
            if r["REC"] == "E2":
                died[r["CHILD"]] = (y, d(r["DEC"]))
    assert died
    for child, (year, day) in died.items():
        node = cin_child(cin[year], child)
        assert node is not None
        assert node.findtext("ChildIdentifiers/PersonDeathDate") == day.isoformat()
        closures = [(c.findtext("CINclosureDate"), c.findtext("ReasonForClosure"))
                    for c in node.findall("CINdetails")]
        assert (day.isoformat(), "RC2") in closures
        for later in RICH_YEARS:
            if later > year:
                assert child not in {r["CHILD"] for r in eps[later]}
                assert cin_child(cin[later], child) is None


def test_unborn_children_in_the_cin_census(rich):
    _, _, cin = rich
    unborn = 0
    for year, root in cin.items():
        ref = root.findtext("Header/CollectionDetails/ReferenceDate")
        for child in root.iterfind("Children/Child"):
            ids = child.find("ChildIdentifiers")
            expected = ids.findtext("ExpectedPersonBirthDate")
            if expected is None:
                assert ids.findtext("PersonBirthDate")
                continue
            unborn += 1
            # CIN 8525Q / 8750 / 8530Q: no date of birth, gender 0, expected after the census
            # date and before the end of the calendar year; no UPN for a child not yet born
            assert ids.find("PersonBirthDate") is None and ids.find("UPN") is None
            assert ids.findtext("GenderCurrent") == "0"
            assert ref < expected <= f"{year}-12-31"
            referrals = [c.findtext("CINreferralDate") for c in child.iterfind("CINdetails")]
            assert all(r <= ref for r in referrals)
    assert unborn > 5


def test_workforce_leavers_carry_their_fte(rich):
    out, _, _ = rich
    leavers = 0
    for year in RICH_YEARS:
        root = etree.parse(str(out / RICH_LA / str(year) / "csww.xml")).getroot()
        for w in root.iterfind("CSWWWorker"):
            if w.findtext("RoleEndDate"):
                leavers += 1
                assert 0 < float(w.findtext("FTE")) <= 1
    assert leavers > 10


def test_a_upn_belongs_to_one_child(rich):
    out, _, cin = rich
    owner = {}
    for year in RICH_YEARS:
        for r in read_csv(out / RICH_LA / str(year) / "ssda903" / "header.csv"):
            if not r["UPN"].startswith("UN"):
                assert owner.setdefault(r["UPN"], r["CHILD"]) == r["CHILD"]
        for ids in cin[year].iterfind("Children/Child/ChildIdentifiers"):
            upn = ids.findtext("UPN")
            if upn:
                assert owner.setdefault(upn, ids.findtext("LAchildID")) == ids.findtext("LAchildID")
