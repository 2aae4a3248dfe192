"""The project's SSDA903 rules, child for child, against the DfE's own rule engine
(csc-validator-be-903) on generated returns: one LA clean, one with the generator's faults
injected. Any difference not on the documented list (seeds/dq/dq_engine_differences.csv) fails.

The engine runs in its own virtualenv (it pins pandas 1.5): $CSC_ENGINE_903_PYTHON, else
/work/engines/v903, else one installed from PyPI into .cache/engines/ on first use. If it can be
neither found nor installed the test is skipped, loudly (a warning names why).
The CIN census engine is compared the same way by the CIN adapter (cscare.quality.engines.cin).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "scripts"))

DBT = str(Path(sys.executable).parent / "dbt")
generator = pytest.importorskip("cscare.generator")
from cscare.quality.engines import common, ssda903  # noqa: E402

CLEAN_LA, FAULTY_LA, YEARS = "372", "373", [2023, 2024]
# Every fault kind of the generator but unreadable dates and broken files: those rows are
# quarantined by the project (their own rules), and they make many engine rules crash for the
# whole LA-year, which would leave nothing to compare.
LEFT_OUT_FAULTS = ("malformed_dates", "corrupted_file")


def dq_build(raw: Path, db: Path) -> subprocess.CompletedProcess:
    """The data-quality marts and what they need (seeds, staging, audit), without the data tests
    (test_dq_issues runs those): the comparison needs only the rows."""
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(
        [DBT, "build", "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(db.parent / "dbt_target"), "--select", "path:seeds", "+path:models/marts/data_quality",
         "--exclude-resource-type", "test", "unit_test"],
        cwd=PROJECT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def engine_python():
    try:
        return common.engine_python(ssda903.ENGINE)
    except common.EngineUnavailable as exc:
        warnings.warn(f"SKIPPING the DfE engine comparison: {exc}")
        pytest.skip(f"DfE 903 engine unavailable: {exc}")


@pytest.fixture(scope="module")
def compared(tmp_path_factory, engine_python):
    tmp = tmp_path_factory.mktemp("engines")
    raw, faulty = tmp / "raw", tmp / "faulty"
    generator.generate(str(raw), la_codes=[CLEAN_LA], years=YEARS, seed=13, faults={}, scale=0.05)
    faults = {k: 2 for k in generator.FAULTS if k not in LEFT_OUT_FAULTS}
    generator.generate(str(faulty), la_codes=[FAULTY_LA], years=YEARS, seed=13, faults=faults, scale=0.05)
    shutil.move(str(faulty / FAULTY_LA), str(raw / FAULTY_LA))
    db = tmp / "engines.duckdb"
    build = dq_build(raw, db)
    assert build.returncode == 0, build.stdout[-4000:]
    engine = ssda903.engine_flags(raw, python=engine_python)
    project = ssda903.project_flags(db)
    import dq_compare_engines

    result = common.compare(engine, project, ssda903.engine_rule_codes(python=engine_python),
                            dq_compare_engines.implemented_codes(db, "ssda903"),
                            quarantined=common.quarantined_children(db, "ssda903"))
    print("\n".join(dq_compare_engines.report("ssda903", result, engine.attrs, False)))
    return engine, project, result, db


def test_engine_read_every_la_year(compared):
    engine, *_ = compared
    assert engine.attrs["errors"] == []


def test_no_unexplained_difference_on_any_shared_rule(compared):
    _, _, result, _ = compared
    bad = result[(result["unexplained_engine_only"] + result["unexplained_project_only"]) > 0]
    assert bad.empty, bad[["rule_code", "both", "engine_only", "project_only", "examples"]].to_string()


def test_the_comparison_compared_something(compared):
    """Both sides flag children in the faulty LA, and agree on most rules that fired."""
    engine, project, result, _ = compared
    assert (engine["la_code"] == FAULTY_LA).any() and (project["la_code"] == FAULTY_LA).any()
    shared = result[result["shared"]]
    assert len(shared) >= 250
    assert shared["both"].sum() >= 10


def test_clean_la_has_no_error_the_engine_does_not_raise(compared):
    """Acceptance of issue 13: on clean returns every DfE error-severity issue of the project is
    one the engine raises for the same child, or its rule is on the list of intended differences."""
    import duckdb

    engine, _, _, db = compared
    with duckdb.connect(str(db), read_only=True) as con:
        errors = con.execute(
            "select distinct rule_code, la_code, collection_year, child_id from marts.dq_issues "
            "where la_code = ? and severity = 'error' and return_name = 'ssda903' "
            "and rule_code not like 'CSC-%'", [CLEAN_LA]).fetchall()
    flagged = set(map(tuple, engine[["rule_code", "la_code", "collection_year", "child_id"]].itertuples(index=False)))
    listed = {code for (ret, code) in common.load_differences() if ret == "ssda903"}
    unexplained = [e for e in errors if (e[0], e[1], int(e[2]), e[3]) not in flagged and e[0] not in listed]
    assert unexplained == []


def test_differences_list_is_documented():
    diffs = common.load_differences()
    assert diffs, "seeds/dq/dq_engine_differences.csv is empty"
