"""The data-quality layer end to end on hand-made returns: one LA whose returns are clean (no
error-severity issue may be raised for it) and one with every case-management fault injected at a
known file and line (each must be flagged in marts.dq_issues by the rule meant to catch it)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from cscare.quality.rules import catalogue, implemented_rule_codes, rule_tests_yaml, MARTS_YAML, BEGIN, END
from cscare.quality.sample_returns import write_clean_returns, write_faulty_returns

PROJECT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
CLEAN_LA, FAULTY_LA = "372", "886"
# The injected faults, listed once at collection so that each is its own test.
FAULTS = write_faulty_returns(Path(tempfile.mkdtemp()) / "raw", FAULTY_LA)


def dq_build(raw: Path, db: Path) -> subprocess.CompletedProcess:
    """`dbt build` of the data-quality marts and everything they depend on (seeds, staging, audit)."""
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(
        [DBT, "build", "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(db.parent / "dbt_target"), "--select", "path:seeds", "+path:models/marts/data_quality", "--indirect-selection", "cautious"],
        cwd=PROJECT, env=env, capture_output=True, text=True)


def query(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dq")
    raw = tmp / "raw"
    write_clean_returns(raw, CLEAN_LA)
    write_faulty_returns(raw, FAULTY_LA)
    db = tmp / "dq.duckdb"
    return dq_build(raw, db), db


def test_build_completes_with_broken_rules_reported_as_warnings(built):
    result, _ = built
    assert result.returncode == 0, result.stdout[-4000:]
    assert "WARN" in result.stdout and "dq_csc_001" in result.stdout


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f"{f.fault}@{f.line or f.child_id}")
def test_injected_fault_is_flagged(built, fault):
    _, db = built
    if fault.line is not None:
        rows = query(db, f"select rule_code from marts.dq_issues where source_file = '{fault.file}' "
                         f"and source_line = {fault.line}")
    else:  # XML: the staged element line is not the line that was edited; the child is the match
        rows = query(db, f"select rule_code from marts.dq_issues where source_file = '{fault.file}' "
                         f"and child_id = '{fault.child_id}'")
    flagged = {r[0] for r in rows}
    assert flagged & set(fault.rules), f"{fault} flagged only by {sorted(flagged)}"


def test_clean_returns_raise_no_error_severity_issue(built):
    _, db = built
    errors = query(db, f"select rule_code, source_file, source_line, offending_values from marts.dq_issues "
                       f"where la_code = '{CLEAN_LA}' and severity = 'error'")
    assert errors == []
    assert query(db, f"select collection_year, is_fit_to_publish from marts.dq_fitness where la_code = '{CLEAN_LA}' "
                     "order by 1") == [(2023, True), (2024, True)]
    assert query(db, f"select is_fit_to_publish from marts.dq_fitness where la_code = '{FAULTY_LA}' "
                     "and collection_year = 2024") == [(False,)]


def test_liquid_logic_fault_is_named_with_its_fix(built):
    _, db = built
    rows = query(db, "select severity, table_name, child_id, offending_values, fix_hint from marts.dq_issues "
                     "where rule_code = 'CSC-001' order by source_line")
    assert [r[2] for r in rows] == ["E1", "E1"]
    assert rows[0][0] == "error" and rows[0][1] == "episodes"
    assert "DEC=2024-02-01" in rows[0][3] and "Liquid Logic" in rows[0][4]
    # the episode whose start overlaps is not misreported as a plain overlap (CSC-002) for E1
    assert query(db, "select count(*) from marts.dq_issues where rule_code = 'CSC-002' and child_id = 'E1'") == [(0,)]


def test_every_issue_row_says_what_and_where(built):
    _, db = built
    bad = query(db, "select * from marts.dq_issues where message is null or fix_hint is null or severity is null "
                    "or la_code is null or collection_year is null or source_file is null")
    assert bad == []


def test_summary_counts_add_up(built):
    _, db = built
    assert query(db, "select sum(issue_count) from marts.dq_summary") == query(db, "select count(*) from marts.dq_issues")
    fit = query(db, "select distinct la_code, collection_year, is_fit_to_publish from marts.dq_summary "
                    f"where la_code = '{FAULTY_LA}' and collection_year = 2024")
    assert fit == [(FAULTY_LA, 2024, False)]


def test_broken_rules_are_stored_as_test_failures(built):
    _, db = built
    assert query(db, "select count(*) from test_failures.dq_csc_001") == [(2,)]
    assert query(db, "select count(*) from test_failures.dq_8608") == [(1,)]


def test_rule_catalogue_knows_what_is_implemented(built):
    _, db = built
    implemented = {r[0] for r in query(db, "select rule_code from marts.dq_rule_catalogue where is_implemented")}
    assert implemented == {c for c in implemented_rule_codes() if c in catalogue()}
    counts = dict(query(db, "select return_name, count(*) from marts.dq_rule_catalogue "
                            "where is_implemented and is_current group by 1"))
    assert counts["ssda903"] >= 250 and counts["cin_census"] >= 95


def test_generated_rule_tests_are_in_step_with_the_macros():
    text = MARTS_YAML.read_text(encoding="utf-8")
    block = text[text.index(BEGIN):text.index(END) + len(END)]
    assert block == rule_tests_yaml(), "run `python -m cscare.quality.rules` to regenerate the rule tests"
