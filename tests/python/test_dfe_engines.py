"""scripts/dfe_engines.py: the DfE's rule engines (csc-validator-be-903, csc-validator-be-cin)
raise no error on the generator's clean output, and the engine departures it explains are the
cases it says they are.

The engine test installs the engines into .cache/dfe_engines/ when they are missing (from PyPI;
a minute or two the first time) and is skipped, with the reason printed, only if that install
fails. $CSC_ENGINE_903_PYTHON / $CSC_ENGINE_CIN_PYTHON point it at engines installed elsewhere.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

from cscare.generator import generate

PROJECT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("dfe_engines", PROJECT / "scripts" / "dfe_engines.py")
dfe_engines = importlib.util.module_from_spec(spec)
sys.modules["dfe_engines"] = dfe_engines
spec.loader.exec_module(dfe_engines)

ENGINE_LA = "372"
ENGINE_YEARS = [2023, 2024]
# The engines read the year and the one before; the returns before them are generated too, so
# that a care leaver's earlier care is on disk when the runner checks an engine finding.
HISTORY_YEARS = list(range(2018, 2025))


def write_csv(path: Path, header: str, *rows: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *rows]) + "\n")


EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
SW = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"


def finding(rule, child, year=2024):
    return {"engine": "903", "la": "900", "year": year, "rule": rule, "severity": "error",
            "child": child, "table": "OC3"}


def test_departures_are_explained_only_where_the_raw_files_show_them(tmp_path):
    la = tmp_path / "900"
    # child 1 left care in 2020-21 aged 17 after 2 years: a former relevant child whose care is
    # two returns before the engine's window; child 2 has no care in any loaded return
    write_csv(la / "2021" / "ssda903" / "episodes.csv", EPISODES,
              "1,01/05/2019,S,C2,N1,U6,PR1,01/02/2021,E5,,S1 1AA,S1 2AA,SC000001")
    write_csv(la / "2021" / "ssda903" / "header.csv", HEADER, "1,1,01/06/2003,WBRI,UN2,,")
    write_csv(la / "2024" / "ssda903" / "header.csv", HEADER,
              "1,1,01/06/2003,WBRI,UN2,,", "2,2,01/06/2003,WBRI,UN2,,")
    write_csv(la / "2024" / "ssda903" / "episodes.csv", EPISODES)
    write_csv(la / "2025" / "ssda903" / "header.csv", HEADER, "1,M,01/06/2003,WBRI,UN2,,",
              "2,M,01/06/2003,WBRI,UN2,,")
    got = dfe_engines.explain(
        [finding("1001", "1"), finding("1002", "1"), finding("1001", "2"), finding("1002", "2"),
         finding("202", "1", 2025), finding("202", "2", 2025), finding("185", "1")], tmp_path)
    severity = {(f["rule"], f["child"], f["year"]): f["severity"] for f in got}
    assert severity == {
        ("1001", "1", 2024): "explained",  # 642 days since 14, 611 since 16, not adopted
        ("1002", "1", 2024): "explained",  # episodes in the 2021 return
        ("1001", "2", 2024): "error",
        ("1002", "2", 2024): "error",
        ("202", "1", 2025): "explained",  # 1 then M: the same sex spelt two ways
        ("202", "2", 2025): "error",  # 2 then M: a change
        ("185", "1", 2024): "error",  # no departure listed for the rule
    }


def test_a_short_stay_since_fourteen_is_not_a_relevant_child(tmp_path):
    la = tmp_path / "900"
    # 60 days looked after at 16: under the 13 weeks the DfE asks for
    write_csv(la / "2023" / "ssda903" / "episodes.csv", EPISODES,
              "3,01/08/2022,S,V2,N1,U6,PR1,30/09/2022,E4A,,S1 1AA,S1 2AA,SC000001")
    write_csv(la / "2024" / "ssda903" / "header.csv", HEADER, "3,1,01/06/2006,WBRI,UN2,,")
    [f] = dfe_engines.explain([finding("1001", "3")], tmp_path)
    assert f["severity"] == "error"


def test_sw12_is_explained_when_each_care_start_has_a_social_worker_episode(tmp_path):
    la = tmp_path / "900" / "2024" / "ssda903"
    write_csv(la / "episodes.csv", EPISODES,
              "4,01/06/2023,S,C1,N1,U6,PR1,,,,S1 1AA,S1 2AA,SC000001",
              "5,01/06/2023,S,C1,N1,U6,PR1,,,,S1 1AA,S1 2AA,SC000001")
    # child 4: allocated at referral, then a new worker the day care starts; child 5: only the
    # worker from before care
    write_csv(la / "social_worker.csv", SW,
              "4,01/01/2015,SW1,01/03/2023,31/05/2023,MANAGE",
              "4,01/01/2015,SW2,01/06/2023,,TSPROC",
              "5,01/01/2015,SW3,01/03/2023,,MANAGE")
    got = dfe_engines.explain([finding("SW12STG2", "4"), finding("SW12STG2", "5")], tmp_path)
    assert [f["severity"] for f in got] == ["explained", "error"]


@pytest.fixture(scope="module")
def engines():
    problems = dfe_engines.install()
    if problems:
        message = "; ".join(f"{e}: {p[:300]}" for e, p in problems.items())
        warnings.warn(f"DfE rule engines could not be installed: {message}")
        pytest.skip(f"DfE rule engines could not be installed: {message}")


def test_clean_generator_output_raises_no_engine_error(engines, tmp_path):
    generate(tmp_path, [ENGINE_LA], HISTORY_YEARS, seed=1, scale=0.05, workers=1)
    # run() raises unless both engines finished every LA-year they were given
    findings = dfe_engines.run(tmp_path, {ENGINE_LA}, set(ENGINE_YEARS))
    errors = [f for f in findings if f["severity"] == "error"]
    assert not errors, dfe_engines.summarise(errors)
    crashed = [f for f in findings if f["severity"] == "crashed"]
    assert not crashed, crashed
