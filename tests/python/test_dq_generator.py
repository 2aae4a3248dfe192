"""The data-quality layer against the synthetic generator: every fault the generator injects (and
records in manifest.json) must be flagged in marts.dq_issues, and a clean generation must raise no
error-severity issue beyond the project rule bugs listed below (EXPECTED_RULE_FIXES)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from test_dq_issues import dq_build

generator = pytest.importorskip("cscare.generator")

FAULTY_LA, CORRUPT_LA, CLEAN_LA = "372", "886", "316"
YEARS = [2023, 2024]

# The rules meant to catch each generator fault (any of them on the injected row, or for XML on
# the child, counts). A fault the generator adds later is matched by any rule on the row.
FAULT_RULES = {
    "liquid_logic_end_dates": {"CSC-001"},
    "overlapping_episodes": {"CSC-002", "501"},
    "unknown_codes": {"143", "144", "146", "149", "8866", "8905", "8910", "CSC-106"},
    "malformed_dates": {"102", "141", "147", "166", "CSC-103"},
    "duplicate_rows": {"CSC-104"},
    "child_not_in_header": {"CSC-014", "INT03"},
    "corrupted_file": {"CSC-101", "CSC-107", "CSC-110"},
    "future_dates": {"CSC-008", "354", "385", "570", "571"},
    "date_before_birth": {"CSC-009", "302"},
    "review_before_care": {"CSC-010"},
    "plan_end_before_start": {"CSC-011", "8925", "4011"},
    "referral_after_closure": {"CSC-012", "8630"},
    "assessment_authorised_before_start": {"CSC-013", "8608"},
    "gap_in_period_of_care": {"CSC-004", "433"},
    "duplicate_child": {"INT32", "CSC-105"},
}

# The generator's clean output is clean: the DfE's own rule engines raise no error on it
# (tests/python/test_dfe_engines.py). Error-severity issues that dq_issues still raises on it are
# project rule bugs, listed here until the rule work (issue 13) fixes them; empty this list then.
EXPECTED_RULE_FIXES: dict[str, str] = {}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gen")
    raw, manifest = tmp / "raw", []
    runs = [(FAULTY_LA, {f: 2 for f in generator.FAULTS if f != "corrupted_file"}),
            # a corrupted CIN XML loses most of the file, so it gets an LA of its own
            (CORRUPT_LA, {"corrupted_file": 1}),
            (CLEAN_LA, {})]
    for la, faults in runs:
        out = tmp / f"gen_{la}"
        generator.generate(str(out), la_codes=[la], years=YEARS, seed=1, faults=faults, scale=0.1)
        shutil.copytree(out / la, raw / la)
        manifest += json.loads((out / "manifest.json").read_text())["faults"]
    db = tmp / "gen.duckdb"
    result = dq_build(raw, db)
    assert result.returncode == 0, result.stdout[-4000:]
    with duckdb.connect(str(db), read_only=True) as con:
        issues = con.sql("select rule_code, severity, source_file, source_line, child_id, la_code from marts.dq_issues").fetchall()
    return manifest, issues


def matches(entry: dict, issue: tuple) -> bool:
    rule, _, file, line, child, _ = issue
    if file != entry["file"]:
        return False
    expected = FAULT_RULES.get(entry["fault"])
    if expected is not None and rule not in expected:
        return False
    if entry["fault"] == "corrupted_file" and file.endswith(".xml"):
        # the XML parser reports the line where it noticed the broken tag, a line or two later
        return line is not None and abs(line - entry["line"]) <= 5
    if file.endswith(".xml"):
        return child == entry["child_id"]
    return line == entry["line"]


def test_generator_injected_every_fault(generated):
    manifest, _ = generated
    assert {e["fault"] for e in manifest} == set(generator.FAULTS)


def test_every_manifest_entry_is_flagged(generated):
    manifest, issues = generated
    missed = [e for e in manifest if not any(matches(e, i) for i in issues)]
    assert not missed, json.dumps(missed[:10], indent=1)


def test_clean_generation_raises_no_error_beyond_expected_rule_fixes(generated):
    _, issues = generated
    errors = sorted({i[0] for i in issues if i[5] == CLEAN_LA and i[1] == "error"} - set(EXPECTED_RULE_FIXES))
    assert errors == [], [i for i in issues if i[5] == CLEAN_LA and i[0] in errors][:10]
