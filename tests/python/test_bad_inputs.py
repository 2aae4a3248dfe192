"""The bad-input suite: one raw folder in which every LA-year carries one kind of bad input
(cscare.generator.bad_inputs), built once with `dbt build` beside a build of the same returns
without the faults. Per fault: where it is reported, with which reason code, words and dq_issues
rule; that no physical line of any CSV is unaccounted for; that everything the faults did not
touch stages exactly as the clean build does; that the end-of-build summary counts what the audit
tables hold; and that the shareable mart is built for every LA that could be placed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import duckdb
import pytest

from cscare.generator import generate
from cscare.generator.bad_inputs import INJECTORS, make_bad_inputs

PROJECT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
LAS = ["370", "371", "372", "373", "380", "871", "886"]  # 7 x 4 LA-years: one per fault class, 4 clean
YEARS = [2021, 2022, 2023, 2024]
STAGING_TABLES = [
    "ssda903__header", "ssda903__episodes", "ssda903__reviews", "ssda903__uasc", "ssda903__oc2", "ssda903__oc3",
    "ssda903__ad1", "ssda903__placed_for_adoption", "ssda903__prev_perm", "ssda903__missing",
    "ssda903__social_worker", "cin_census__children", "cin_census__disabilities", "cin_census__cin_details",
    "cin_census__assessments", "cin_census__assessment_factors", "cin_census__cin_plans", "cin_census__section47",
    "cin_census__cp_plans", "cin_census__cp_reviews", "csww__workers", "csww__vacancies",
]


def dbt_build(raw: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(
        [DBT, "build", "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(db.parent / f"dbt_target_{db.stem}"), *extra],
        cwd=PROJECT, env=env, capture_output=True, text=True)


def query(db: Path, sql: str, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """Built once for the module: the clean returns (staging only) and the bad ones (everything
    but the data-independent unit tests)."""
    tmp = tmp_path_factory.mktemp("bad_inputs")
    clean, bad = tmp / "clean", tmp / "bad"
    generate(clean, la_codes=LAS, years=YEARS, seed=16, scale=0.02)
    cases = make_bad_inputs(clean, bad)
    clean_db, bad_db = tmp / "clean.duckdb", tmp / "bad.duckdb"
    # cautious: only the tests all of whose parents are staging models
    clean_result = dbt_build(clean, clean_db, "--select", "path:models/staging", "--indirect-selection", "cautious")
    assert clean_result.returncode == 0, clean_result.stdout[-3000:]
    result = dbt_build(bad, bad_db, "--exclude", "test_type:unit")
    return {"clean": clean, "bad": bad, "cases": cases, "clean_db": clean_db, "db": bad_db, "result": result}


def _expectations():
    """Every fault class, known before the build: one test each."""
    return [inj.__name__.lstrip("_") for inj in INJECTORS] + ["unknown_la"]


def test_build_exits_0_and_prints_the_summary(suite):
    result = suite["result"]
    assert result.returncode == 0, result.stdout[-5000:]
    assert "cscare load summary" in result.stdout
    assert "LOAD ERROR 999 [unknown_la]" in result.stdout  # said before any model runs


def test_every_fault_class_is_in_the_folder_once(suite):
    faults = [c.fault for c in suite["cases"]]
    assert sorted(faults) == sorted(_expectations())
    assert len({(c.la_code, c.collection_year) for c in suite["cases"] if c.fault != "unknown_la"}) == len(INJECTORS)


@pytest.mark.parametrize("fault", _expectations())
def test_fault_is_reported_where_with_code_message_and_rule(suite, fault):
    db = suite["db"]
    case = next(c for c in suite["cases"] if c.fault == fault)
    assert case.expects, fault
    for e in case.expects:
        line_sql = "" if e.line is None else f" and source_line = {e.line}"
        if e.where == "audit_load_issues":
            rows = query(db, f"select reason, severity from audit.audit_load_issues where source_file = ? "
                             f"and reason_code = ?{line_sql}", [e.file, e.reason_code])
        else:
            rows = query(db, f"select reason, 'error' from audit.{e.where} where source_file = ? "
                             f"and reason_code = ?{line_sql}", [e.file, e.reason_code])
        meant = [sev for reason, sev in rows if e.message in reason]
        assert meant, (e, rows[:3])
        if e.where == "audit_load_issues":
            assert set(meant) == {e.severity}, (e, rows[:3])
        if e.rule_code:
            dq = query(db, f"select distinct rule_code, severity from marts.dq_issues where source_file = ?{line_sql}",
                       [e.file])
            assert (e.rule_code, e.severity) in dq, (e, dq)


def test_no_physical_line_is_unaccounted_for(suite):
    db, bad = suite["db"], suite["bad"]
    files = query(db, "select source_file, physical_lines, lines_accounted, is_reconciled "
                      "from audit.audit_reconciliation where return_name = 'ssda903'")
    assert files and all(r[3] for r in files), [r for r in files if not r[3]]
    for rel, physical, accounted, _ in files:
        # counted a second way, here: what an editor shows
        assert physical == accounted == len((bad / rel).read_bytes().decode("utf-8", "replace").splitlines()), rel
    assert query(db, "select count(*) from audit.audit_reconciliation where not is_reconciled") == [(0,)]


def test_the_unterminated_quote_loses_exactly_one_record_into_quarantine(suite):
    case = next(c for c in suite["cases"] if c.fault == "unterminated_quote")
    rel = f"{case.folder}/ssda903/reviews.csv"
    clean_rows = len((suite["clean"] / rel).read_text().splitlines()) - 1
    assert query(suite["db"], "select rows_read, rows_staged, rows_quarantined from audit.audit_reconciliation "
                              "where source_file = ?", [rel]) == [(clean_rows, clean_rows - 1, 1)]


def test_a_missing_required_column_is_one_finding_without_per_row_noise(suite):
    db = suite["db"]
    case = next(c for c in suite["cases"] if c.fault == "missing_required_column")
    rel = f"{case.folder}/ssda903/episodes.csv"
    n = len((suite["clean"] / rel).read_text().splitlines()) - 1
    assert query(db, "select reason_code, count(*) from audit.audit_quarantine where source_file = ? group by 1",
                 [rel]) == [("missing_required_column", n)]
    assert query(db, "select rule_code, count(*) from marts.dq_issues where source_file = ? "
                     "and rule_code like 'CSC-1%' group by 1", [rel]) == [("CSC-109", 1)]


def test_rows_salvaged_from_broken_xml_are_not_called_unparseable_values(suite):
    db = suite["db"]
    for fault in ("truncated_xml", "invalid_xml"):
        case = next(c for c in suite["cases"] if c.fault == fault)
        rel = f"{case.folder}/cin_census.xml"
        codes = query(db, "select distinct rule_code from marts.dq_issues where source_file = ? "
                          "and rule_code in ('CSC-101', 'CSC-102', 'CSC-103', 'CSC-107')", [rel])
        assert codes == [("CSC-107",)], (fault, codes)
        assert query(db, "select elements_not_read is not null from audit.audit_load_files where source_file = ?",
                     [rel]) == [(True,)]


def _staged(db: Path, table: str) -> dict[tuple, list]:
    """Staged rows by (LA, year, file name inside the LA-year): every value and key, not the file
    name or line (a legal multi-line field moves the lines after it)."""
    out: dict[tuple, list] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute(f"select * from staging.stg_{table}")
        cols = [d[0] for d in cur.description]
        i_file, i_line = cols.index("source_file"), cols.index("source_line")
        for row in cur.fetchall():
            la, _, *rest = row[i_file].split("/")
            key = (row[cols.index("la_code")], row[cols.index("collection_year")], la, "/".join(rest))
            out.setdefault(key, []).append(tuple(v for j, v in enumerate(row) if j not in (i_file, i_line)))
    return {k: sorted(v, key=repr) for k, v in out.items()}


def test_everything_the_faults_did_not_touch_stages_as_the_clean_build(suite):
    changed = {f for c in suite["cases"] for f in c.changed}
    not_loaded = {(c.la_code, c.collection_year) for c in suite["cases"] if not c.loaded}
    compared = 0
    for table in STAGING_TABLES:
        clean, bad = _staged(suite["clean_db"], table), _staged(suite["db"], table)
        assert not any(k[0] == "999" for k in bad), table
        for key, rows in clean.items():
            la, year, _, name = key
            if f"{la}/{year}/{name}" in changed:
                continue
            if (la, year) in not_loaded:
                assert key not in bad, key
                continue
            assert bad.get(key) == rows, (table, key)
            compared += len(rows)
        assert set(bad) <= set(clean), (table, set(bad) - set(clean))
    assert compared > 1000


def test_the_summary_counts_equal_the_audit_tables_and_tests(suite):
    db, out = suite["db"], suite["result"].stdout
    lines = [r[0] for r in query(db, "select line from audit.run_summary order by line_number")]
    read, staged, quarantined = query(db, "select sum(rows_read), sum(rows_staged), sum(rows_quarantined) "
                                          "from audit.audit_reconciliation")[0]
    assert f"rows: {read} read = {staged} staged + {quarantined} quarantined" in lines
    assert quarantined == query(db, "select count(distinct table_name || source_file || source_line) "
                                    "from audit.audit_quarantine")[0][0]
    errors = query(db, "select count(*) from audit.audit_load_issues where severity = 'error'")[0][0]
    warned = query(db, "select count(*) from test_failures.assert_no_unreadable_rows")[0][0]
    assert warned == errors + quarantined
    assert any(line.startswith("test assert_no_unreadable_rows: warn, " + str(warned)) for line in lines), lines
    skipped = [line for line in lines if line.startswith("  SKIPPED ")]
    assert any(line.startswith("  SKIPPED 999 [unknown_la]") for line in skipped)
    assert any("[unplaced]" in line for line in skipped)
    unfit = query(db, "select count(*) from marts.dq_fitness where not is_fit_to_publish")[0][0]
    assert f"LA-years not fit to publish: {unfit}" in lines
    for line in lines:  # the build printed exactly the stored block
        assert line in out
    from cscare.cli import main
    buf = io.StringIO()
    with redirect_stdout(buf):
        main(["summary", "--db", str(db)])
    assert [x.strip() for x in buf.getvalue().splitlines()[2:]] == [x.strip() for x in lines]


def test_the_shareable_mart_is_built_for_every_placed_la(suite):
    db = suite["db"]
    las = {r[0] for r in query(db, "select distinct la_code from shared.shared_kpi_values")}
    assert las == set(LAS)
    assert query(db, "select count(*) from marts.fct_kpi_values where la_code = '999'") == [(0,)]
    assert query(db, "select count(*) from audit.audit_load_issues where reason_code = 'unknown_la'") == [(1,)]
