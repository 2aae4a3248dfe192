"""An incremental build gives, row for row, what a full build of the same returns gives.

A small warehouse (4 LAs x 2 years) is built whole. Then one LA-year is replaced by a different
return, a file of another LA is changed, one is removed and a new LA-year arrives; the warehouse
is built again, incrementally (only those LAs' rows are rebuilt). A third warehouse is built whole
from the changed folder. Every table of every schema the build writes must be the same in both,
compared with EXCEPT ALL both ways (so duplicate rows count too).
"""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cscare.generator import generate

PROJECT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
LAS = ["372", "373", "202", "204"]  # 373 and 204 stay as they are
SCHEMAS = ("raw", "staging", "audit", "intermediate", "marts", "shared")
# Tables whose rows describe the load or the run itself, not the returns.
RUN_TABLES = {("raw", "load_state"), ("raw", "load_changes"), ("raw", "load_pending"),
              ("audit", "run_summary"), ("raw", "postcodes")}


def dbt_run(raw: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    env.pop("CSC_FULL_REFRESH", None)
    result = subprocess.run(
        # Seeds and models; the data tests and unit tests are proved elsewhere.
        [DBT, "build", "--exclude", "resource_type:test", "resource_type:unit_test",
         "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{raw}'}}",
         "--target-path", str(db.parent / f"dbt_target_{db.stem}"), *extra],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    return result


def tables(con, catalog: str) -> list[tuple[str, str]]:
    # Tables and views alike (the scorecard marts are views).
    return sorted(tuple(r) for r in con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = ?", [catalog]).fetchall()
        if r[0] in SCHEMAS and tuple(r) not in RUN_TABLES)


def differences(incremental: Path, full: Path) -> list[str]:
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as inc (read_only)")
    con.execute(f"attach '{full}' as whole (read_only)")
    out = []
    assert tables(con, "inc") == tables(con, "whole")
    for schema, table in tables(con, "whole"):
        cols = con.execute(
            "select column_name, data_type from information_schema.columns where table_catalog = 'whole' "
            "and table_schema = ? and table_name = ? order by ordinal_position", [schema, table]).fetchall()
        # Times of the load and the build itself differ by nature; a sum of doubles differs in its
        # last bits with the order DuckDB's threads add it up in, in two full builds alike.
        sel = ", ".join(f'round("{c}", 9)' if t in ("DOUBLE", "FLOAT") else f'"{c}"'
                        for c, t in cols if c not in ("seconds", "built_at", "loaded_at"))
        for a, b in (("inc", "whole"), ("whole", "inc")):
            n = con.execute(f"select count(*) from (select {sel} from {a}.{schema}.{table} "
                            f"except all select {sel} from {b}.{schema}.{table})").fetchone()[0]
            if n:
                out.append(f"{schema}.{table}: {n} rows only in {a}")
    con.close()
    return out


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    raw = tmp / "raw"
    generate(raw, la_codes=LAS, years=[2023, 2024], seed=3, scale=0.3)
    inc = tmp / "inc.duckdb"
    first = dbt_run(raw, inc)
    assert "; full load" in first.stdout

    # The same folder again: nothing is read, nothing rebuilt.
    again = dbt_run(raw, inc)
    assert "incremental: 0 LA-year(s) changed" in again.stdout
    with duckdb.connect(str(inc), read_only=True) as con:
        assert con.execute("select count(*) from raw.load_pending").fetchone()[0] == 0

    # One LA-year replaced by another return, and a new year of the same LA; a file of another LA
    # edited and one removed. 373 and 204 do not change: their rows must be kept, not rebuilt. But
    # 204 has 202 for a statistical neighbour, so its neighbour summaries must be computed again,
    # while 373's (no neighbour changed) are kept as they were.
    other = tmp / "other"
    generate(other, la_codes=["372"], years=[2022, 2023, 2024], seed=99, scale=0.3)
    shutil.rmtree(raw / "372" / "2024")
    shutil.copytree(other / "372" / "2024", raw / "372" / "2024")
    episodes = raw / "202" / "2024" / "ssda903" / "episodes.csv"
    lines = episodes.read_text().splitlines(keepends=True)
    episodes.write_text("".join(lines[:-3]))  # three episodes fewer
    (raw / "202" / "2023" / "ssda903" / "missing.csv").unlink()
    shutil.copytree(other / "372" / "2022", raw / "372" / "2022")  # a year that was not there
    # A folder no LA owns: its finding (no LA) must reach the audit and the DQ issues all the same.
    (raw / "misc").mkdir()
    (raw / "misc" / "notes.txt").write_text("not a return\n")

    update = dbt_run(raw, inc)
    whole = tmp / "whole.duckdb"
    full = dbt_run(raw, whole)
    return inc, whole, update, full


def test_incremental_update_reads_only_what_changed(warehouses):
    inc, _, update, _ = warehouses
    assert "incremental: 4 LA-year(s) changed" in update.stdout, update.stdout[-3000:]
    # Only the two changed LAs were computed again (the filter each la_incremental model ran with).
    target = inc.parent / "dbt_target_inc" / "run" / "cscare" / "models"
    staged = (target / "staging" / "ssda903" / "stg_ssda903__episodes.sql").read_text()
    assert "_la_code in ('202', '372')" in staged
    # The benchmarks computed again the neighbour summaries of those LAs and of the LAs that have
    # one of them as a neighbour in either DfE model (204: 202 is one of its neighbours) only, and
    # kept the rest.
    scope = {"202", "372"}
    for seed in ("ref_statistical_neighbours.csv", "ref_statistical_neighbours_2021.csv"):
        with open(PROJECT / "seeds" / "reference" / seed) as f:
            scope |= {r["la_code"] for r in csv.DictReader(f) if r["neighbour_la_code"] in ("202", "372")}
    assert "204" in scope and len(scope) < 60  # not every LA
    summaries = (target / "intermediate" / "benchmarks" / "int_benchmarks__neighbour_summaries.sql").read_text()
    assert "and la_code in (" + ", ".join(f"'{la}'" for la in sorted(scope)) + ")" in summaries
    with duckdb.connect(str(inc), read_only=True) as con:
        changes = dict(((r[0], r[1]), r[2]) for r in con.execute("select * from raw.load_changes").fetchall())
        assert changes == {("372", 2024): "changed", ("372", 2022): "added", ("202", 2024): "changed",
                           ("202", 2023): "changed"}
        assert con.execute("select count(*) from raw.load_pending").fetchone()[0] == 0  # built, so done
        # The finding about the folder no LA owns, in the two models rebuilt by LA.
        assert con.execute("select count(*) from audit.audit_load_issues "
                           "where la_code is null and source_file = 'misc'").fetchone()[0] == 1
        assert con.execute("select count(*) from marts.dq_issues "
                           "where la_code is null and source_file = 'misc'").fetchone()[0] == 1


def test_incremental_update_equals_a_full_build(warehouses):
    inc, whole, _, _ = warehouses
    assert differences(inc, whole) == []


def test_full_refresh_is_one_flag_away(warehouses, tmp_path):
    inc, whole, _, _ = warehouses
    copy = tmp_path / "copy.duckdb"
    shutil.copy(inc, copy)
    result = dbt_run(Path(whole).parent / "raw", copy, "--full-refresh")
    assert "; full load" in result.stdout
    assert differences(copy, whole) == []


def test_incremental_update_of_real_files_equals_a_full_build(tmp_path):
    """The same equality on the DfE's own sample files, not the generator's: a CIN census with a
    child removed and a first plan's NumberOfPreviousCPP set to 0, a workforce census whose header
    names another LA (a load warning in a second return of the same LA-year), and a 903 year added."""
    import re

    from cscare.schemas import sample_file

    raw = tmp_path / "raw"
    (raw / "201" / "2022").mkdir(parents=True)
    (raw / "201" / "2020" / "ssda903").mkdir(parents=True)
    shutil.copy(sample_file("cin-2022.xml"), raw / "201" / "2022" / "cin_census.xml")
    shutil.copy(sample_file("social_work_workforce_2022.xml"), raw / "201" / "2022" / "csww.xml")
    shutil.copy(sample_file("SSDA903_2020_episodes.csv"), raw / "201" / "2020" / "ssda903" / "episodes.csv")
    inc = tmp_path / "inc.duckdb"
    dbt_run(raw, inc)

    cin = raw / "201" / "2022" / "cin_census.xml"
    text = re.sub(r"<Child>.*?</Child>", "", cin.read_text(), count=1, flags=re.S)
    cin.write_text(re.sub(r"<NumberOfPreviousCPP>\d+</NumberOfPreviousCPP>",
                          "<NumberOfPreviousCPP>0</NumberOfPreviousCPP>", text, count=1))
    shutil.copytree(raw / "201" / "2020", raw / "201" / "2021")
    update = dbt_run(raw, inc)
    assert "incremental: 2 LA-year(s) changed" in update.stdout, update.stdout[-3000:]

    whole = tmp_path / "whole.duckdb"
    dbt_run(raw, whole)
    assert differences(inc, whole) == []
