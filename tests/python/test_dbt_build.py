"""`dbt build` end to end on small raw folders: the DfE's published samples, and a folder with
broken input. Every file must reconcile (raw = staged + quarantined) and every bad row must be
named with its file, line and reason, while the other files still load."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")


def dbt_build(raw: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(
        [DBT, "build", "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(db.parent / "dbt_target"), *extra],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )


def query(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


EPISODES = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            "1001,01/04/2023,S,C2,N1,U1,PR1,01/06/2023,X1,,S60 1AA,S61 1AB,SC123456\n"
            "1001,01/06/2023,P,C2,N1,U2,PR1,,,CHILD,S60 1AA,S61 1AB,SC123457\n"
            "1001,01/06/2023,P,C2,N1,U2,PR1,,,CHILD,S60 1AA,S61 1AB,SC123457\n"       # exact duplicate of line 3
            "1002,31/02/2024,S,V3,N1,U1,PR1,,,,S60 1AA,S61 1AB,SC123456\n"            # impossible date
            "1003,15/05/2023,S,C2,N1\n"                                                 # broken record
            "1004,2023-07-01 00:00:00,S,C2,N1,Q9,PR1,,,,S60 1AA,S61 1AB,SC123456\n")  # ISO date-time; unknown PLACE
HEADER = ("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
          "1001,1,01/01/2010,WBRI,,,\n"
          ",2,01/01/2011,WBRI,,,\n")                                                   # blank CHILD


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory, dfe_samples_raw):
    tmp = tmp_path_factory.mktemp("broken")
    raw = tmp / "raw"
    shutil.copytree(dfe_samples_raw, raw)
    (raw / "372/2024/ssda903").mkdir(parents=True)
    (raw / "372/2024/ssda903/episodes.csv").write_text(EPISODES)
    (raw / "372/2024/ssda903/header.csv").write_text(HEADER)
    (raw / "372/2024/cin_census.xml").write_text("<Message><Header><CollectionDetails><Year>2024</Year>"
                                                 "</CollectionDetails></Header><Children><Child>\n<oops></Children>")
    db = tmp / "broken.duckdb"
    return dbt_build(raw, db), db


def test_build_succeeds_on_the_dfe_samples_and_broken_files(broken_build):
    result, db = broken_build
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_file_reconciles(broken_build):
    _, db = broken_build
    rows = query(db, "select source_file, rows_read, rows_staged, rows_quarantined, is_reconciled "
                     "from audit.audit_reconciliation order by 1")
    assert len(rows) == 6
    assert all(r[4] for r in rows), rows
    by_file = {r[0]: r[1:4] for r in rows}
    assert by_file["372/2024/ssda903/episodes.csv"] == (6, 3, 3)
    assert by_file["372/2024/ssda903/header.csv"] == (2, 1, 1)
    assert by_file["201/2020/ssda903/episodes.csv"] == (5, 5, 0)


def test_bad_rows_are_quarantined_with_file_line_and_reason(broken_build):
    _, db = broken_build
    q = query(db, "select source_file, source_line, column_name, raw_value, reason from audit.audit_quarantine "
                  "where source_file like '372/2024/ssda903/%' order by 1, 2")
    assert ("372/2024/ssda903/episodes.csv", 4, None, None, "exact duplicate of line 3") in q
    assert ("372/2024/ssda903/episodes.csv", 5, "DECOM", "31/02/2024", "DECOM is not a date (dd/mm/yyyy)") in q
    assert ("372/2024/ssda903/episodes.csv", 6, None, None, "record has 5 fields, the header has 13") in q
    assert ("372/2024/ssda903/header.csv", 3, "CHILD", None, "required value is blank") in q


def test_corrupted_xml_is_an_error_naming_file_and_line_and_others_still_load(broken_build):
    result, db = broken_build
    errors = query(db, "select source_file, source_line, reason from audit.audit_load_issues where severity = 'error'")
    assert any(f == "372/2024/cin_census.xml" and line and "not well-formed" in reason for f, line, reason in errors)
    assert "372/2024/cin_census.xml" in result.stdout  # the build log names it
    assert query(db, "select count(*) from staging.stg_cin_census__children where la_code = '201'") == [(1,)]


def test_staged_values_are_typed(broken_build):
    _, db = broken_build
    rows = query(db, "select child_id, episode_start_date::varchar, episode_end_date::varchar "
                     "from staging.stg_ssda903__episodes where la_code = '372' order by 1, 2")
    assert rows == [("1001", "2023-04-01", "2023-06-01"), ("1001", "2023-06-01", None), ("1004", "2023-07-01", None)]


def test_build_fails_loudly_when_the_raw_folder_does_not_exist(tmp_path):
    result = dbt_build(tmp_path / "missing", tmp_path / "m.duckdb", "--select", "assert_raw_folder_loaded+",
                       "audit_load_issues", "audit_load_files")
    assert result.returncode != 0
    assert "assert_raw_folder_loaded" in result.stdout


def test_unknown_codes_stay_staged_and_are_named(broken_build):
    _, db = broken_build
    findings = query(db, "select source_file, source_line, column_name, code_value, reason from audit.audit_code_findings "
                         "where la_code = '372'")
    assert findings == [("372/2024/ssda903/episodes.csv", 7, "PLACE", "Q9",
                         "PLACE Q9 is not in the DfE code list ssda903_placement")]
    assert query(db, "select placement_type from staging.stg_ssda903__episodes where child_id = '1004'") == [("Q9",)]


def _compiled_test(target: Path, test: str, model: str) -> str:
    """The compiled SQL of a generic test on a model (dbt shortens long test names with a hash)."""
    found = [f.read_text() for f in sorted((target / "compiled").rglob(f"{test}*.sql"))]
    found = [sql for sql in found if f'"{model}"' in sql]
    assert len(found) == 1, (test, model, len(found))
    return found[0]


def _run_on(sql: str, columns: list[str], rows: list[tuple]):
    """Run a compiled test on a table of the given rows, put where the test reads its model."""
    import re
    database, schema, table = re.search(r'from "(\w+)"\."(\w+)"\."(\w+)"', sql).groups()
    with duckdb.connect() as con:
        con.execute(f"attach ':memory:' as {database}")
        con.execute(f"create schema {database}.{schema}")
        con.execute(f"create table {database}.{schema}.{table} ({', '.join(c + ' varchar' for c in columns)})")
        con.executemany(f"insert into {database}.{schema}.{table} values ({', '.join('?' for _ in columns)})", rows)
        return sorted(con.sql(sql).fetchall(), key=str)


def test_the_unique_tests_find_every_repeated_value(broken_build):
    """`unique` and `unique_combination` group on a hash first (macros/tests/test_unique.sql,
    tests/generic/unique_combination.sql): they must still report each repeated value or
    combination, with its count, and nothing else; nulls are never duplicates for `unique` and
    are values like any other for `unique_combination`."""
    _, db = broken_build
    target = db.parent / "dbt_target"
    unique = _compiled_test(target, "unique_int_safeguarding__cin_episodes_cin_episode_id",
                            "int_safeguarding__cin_episodes")
    assert _run_on(unique, ["cin_episode_id"], [("a",), ("a",), ("b",), (None,), (None,), ("c",), ("c",), ("c",)]) \
        == [("a", 2), ("c", 3)]
    assert _run_on(unique, ["cin_episode_id"], [("a",), ("b",), (None,)]) == []
    combination = _compiled_test(target, "unique_combination_int_safegua", "int_safeguarding__children_in_need_at_date")
    cols = ["la_code", "as_at_date", "child_id"]
    rows = [("372", "2024-03-31", "A"), ("372", "2024-03-31", "A"), ("372", "2024-03-31", "B"),
            ("373", "2024-03-31", "A"), (None, "2024-03-31", None), (None, "2024-03-31", None), ("372", None, "A")]
    assert _run_on(combination, cols, rows) == [("372", "2024-03-31", "A", 2), (None, "2024-03-31", None, 2)]
    assert _run_on(combination, cols, rows[1:]) == [(None, "2024-03-31", None, 2)]
