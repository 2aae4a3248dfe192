"""The project's CIN census rules, child for child, against the DfE's own rule engine
(csc-validator-be-cin) on generated returns: one LA, two years, with every CIN fault kind the
generator injects (the rest of its output is clean). Any difference on a rule both implement that
is not on the documented list (seeds/dq/dq_engine_differences.csv) fails.

The engine runs in its own virtualenv (it pins pandas 1.5, which needs numpy < 2):
$CSC_ENGINE_CIN_PYTHON, else /work/engines/vcin, else one installed from PyPI into
.cache/engines/ on first use. If it can be neither found nor installed the tests are skipped,
loudly (a warning names why). The engine takes several seconds per LA-year even at scale 0.05.
"""

from __future__ import annotations

import shutil
import sys
import warnings
from pathlib import Path

import pytest

from test_dq_issues import dq_build

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "scripts"))

generator = pytest.importorskip("cscare.generator")
from cscare.quality.engines import cin, common  # noqa: E402

LA, YEARS = "373", [2023, 2024]
# The generator's faults that touch the CIN census XML. A corrupted (not well-formed) file is left
# out: the engine cannot read it at all, so there would be nothing to compare.
CIN_FAULTS = {"unknown_codes": 2, "plan_end_before_start": 2, "referral_after_closure": 2,
              "assessment_authorised_before_start": 2}


@pytest.fixture(scope="module")
def engine_python():
    try:
        return cin.engine_python()
    except common.EngineUnavailable as exc:
        warnings.warn(f"SKIPPING the DfE CIN engine comparison: {exc}")
        pytest.skip(f"DfE CIN engine unavailable: {exc}")


@pytest.fixture(scope="module")
def compared(tmp_path_factory, engine_python):
    tmp = tmp_path_factory.mktemp("cin_engine")
    raw = tmp / "raw"
    generator.generate(str(raw), la_codes=[LA], years=YEARS, seed=29, faults=CIN_FAULTS, scale=0.05)
    for folder in raw.glob("*/*/ssda903"):  # the CIN census alone: a smaller build
        shutil.rmtree(folder)
    db = tmp / "cin.duckdb"
    build = dq_build(raw, db)
    assert build.returncode == 0, build.stdout[-4000:]
    engine = cin.engine_flags(raw, python=engine_python)
    project = cin.project_flags(db)
    import dq_compare_engines

    result = common.compare(engine, project, cin.engine_rule_codes(python=engine_python),
                            dq_compare_engines.implemented_codes(db, "cin_census"),
                            quarantined=common.quarantined_children(db, "cin_census"))
    print("\n".join(dq_compare_engines.report("cin_census", result, engine.attrs, False)))
    print("engine seconds per LA-year:", engine.attrs.get("seconds"))
    return engine, project, result, db


def test_engine_read_every_la_year(compared):
    engine, *_ = compared
    assert engine.attrs["errors"] == []
    assert len(engine.attrs["seconds"]) == len(YEARS)


def test_no_unexplained_difference_on_any_shared_cin_rule(compared):
    _, _, result, _ = compared
    bad = result[(result["unexplained_engine_only"] + result["unexplained_project_only"]) > 0]
    assert bad.empty, bad[["rule_code", "both", "engine_only", "project_only", "examples"]].to_string()


def test_the_comparison_compared_something(compared):
    """Both sides flag children, the rules both implement are most of the engine's, and the
    rules the injected faults break are flagged by both for the same children."""
    engine, project, result, _ = compared
    assert not engine.empty and not project.empty
    shared = result[result["shared"]]
    assert len(shared) >= 90
    both = dict(zip(shared["rule_code"], shared["both"]))
    # plan_end_before_start, referral_after_closure, assessment_authorised_before_start
    assert both.get("8925", 0) >= 1 and both.get("8630", 0) >= 1 and both.get("8608", 0) >= 1


def test_no_error_or_query_the_engine_does_not_raise(compared):
    """Acceptance of issue 13 for the CIN census: every DfE issue the project raises, of any
    severity, is one the engine raises for the same child, or its rule is on the list."""
    import duckdb

    engine, _, result, db = compared
    with duckdb.connect(str(db), read_only=True) as con:
        issues = con.execute(
            "select distinct rule_code, la_code, collection_year, coalesce(child_id, '') from marts.dq_issues "
            "where return_name = 'cin_census' and rule_code not like 'CSC-%'").fetchall()
    flagged = set(map(tuple, engine[["rule_code", "la_code", "collection_year", "child_id"]].itertuples(index=False)))
    shared = set(result.loc[result["shared"], "rule_code"])
    listed = {code for (ret, code), scopes in common.load_differences().items()
              if ret == "cin_census" and scopes & {"rule", "project_only"}}
    unexplained = [i for i in issues if i[0] in shared and i[0] not in listed
                   and (i[0], i[1], int(i[2]), i[3]) not in flagged]
    assert unexplained == []
