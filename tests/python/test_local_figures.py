"""Local figures (docs/KPI_CONTRACT.md section 6): a local-figures file with bad rows is read from
the path the dbt var local_figures_path names; each bad row lands in
audit.audit_local_figures_quarantine with the reason it was rejected (and in dq_issues' CSC-120
branch), and the good rows reach marts.fct_kpi_values as value_source 'local'."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cscare.generator import generate

PROJECT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).parent / "dbt")
HEADER = "la_code,kpi_id,period_type,period_end,value,numerator,denominator,source,supplied_on,note"

# (row, expected reason codes or None when the row must be accepted)
ROWS = [
    ("372,cla_statutory_visits_pct,month,31/03/2024,94.5,207,219,case system report,15/04/2024,", None),
    ("372,cla_pep_up_to_date_pct,year,2024-03-31,95,171,180,virtual school,2024-04-20,ISO dates", None),
    ("373,yj_first_time_entrants_count,year,31/03/2024,74,,,youth justice team,,", None),
    ("999,cla_statutory_visits_pct,month,31/03/2024,94.5,207,219,case system report,,", {"unknown_la"}),
    ("370,cla_statutory_visits_pct,month,31/03/2024,94.5,207,219,case system report,,", {"la_not_loaded"}),
    ("372,cla_visits_typo_pct,month,31/03/2024,94.5,,,case system report,,", {"unknown_kpi"}),
    ("372,cla_count,year,31/03/2024,410,,,case system report,,", {"computed_kpi"}),
    ("372,cla_statutory_visits_pct,quarterly,31/03/2024,94.5,,,case system report,,", {"invalid_period_type"}),
    ("372,cla_statutory_visits_pct,month,31/02/2024,94.5,,,case system report,,", {"invalid_date"}),
    ("372,cla_pep_up_to_date_pct,year,31/12/2023,95,,,virtual school,,", {"not_a_period_end"}),
    ("372,cla_statutory_visits_pct,month,30/04/2024,90,,,case system report,15/04/2024,", {"future_period"}),
    ("372,cla_statutory_visits_pct,month,31/01/2024,n/a,,,case system report,,", {"invalid_number"}),
    ("372,cla_statutory_visits_pct,month,29/02/2024,104,,,case system report,,", {"out_of_range"}),
    ("372,care_leaver_pathway_plan_pct,month,31/03/2024,100,30,25,case system report,,",
     {"numerator_exceeds_denominator", "value_disagrees"}),
    ("372,care_leaver_pathway_plan_pct,month,29/02/2024,50,20,25,case system report,,", {"value_disagrees"}),
    ("372,cla_statutory_visits_pct,month,2024-03-31,93,,,second copy,,", {"duplicate_key"}),
    ("372,cla_statutory_visits_pct,month,31/12/2023,91,,,,,", {"missing_value"}),
]


def dbt(*args: str, db: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db), **(env_extra or {}))
    return subprocess.run([DBT, *args, "--profiles-dir", "profiles", "--target-path", str(db.parent / "dbt_target")],
                          cwd=PROJECT, env=env, capture_output=True, text=True)


def query(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local_figures")
    raw, db, figures = tmp / "raw", tmp / "warehouse.duckdb", tmp / "my_figures.csv"
    generate(raw, la_codes=["372", "373"], years=[2024], seed=5, scale=0.05)
    figures.write_text("\n".join([HEADER] + [r for r, _ in ROWS]) + "\n", encoding="utf-8")
    variables = json.dumps({"raw_path": str(raw), "local_figures_path": str(figures)})
    run = dbt("build", "--vars", variables, "--select", "+fct_kpi_values", "dim_kpi", "int_dq__local_figure_findings",
              "--exclude", "test_type:data", "test_type:unit", db=db)
    assert run.returncode == 0, run.stdout[-4000:]
    tests = dbt("test", "--vars", variables, "--select", "assert_local_figures_reconcile",
                "audit_local_figures_quarantine", "int_local__kpi_figures", "fct_kpi_values", "--exclude",
                "test_type:unit", db=db)
    return db, tests


def test_each_bad_row_is_quarantined_for_its_reasons(built):
    db, _ = built
    found: dict[int, set[str]] = {}
    for row_number, reason_code, reason in query(
            db, "select row_number, reason_code, reason from audit.audit_local_figures_quarantine"):
        assert reason, "every quarantined problem carries a message"
        found.setdefault(row_number, set()).add(reason_code)
    expected = {i + 1: reasons for i, (_, reasons) in enumerate(ROWS) if reasons}
    assert found == expected


def test_good_rows_reach_fct_kpi_values_as_local(built):
    db, _ = built
    local = query(db, "select la_code, kpi_id, period_type, cast(period_end as varchar), value, value_source "
                      "from marts.fct_kpi_values where value_source = 'local' order by 1, 2, 3, 4")
    assert local == [
        ("372", "cla_pep_up_to_date_pct", "year", "2024-03-31", 95.0, "local"),
        ("372", "cla_statutory_visits_pct", "month", "2024-03-31", 94.5, "local"),
        ("373", "yj_first_time_entrants_count", "year", "2024-03-31", 74.0, "local"),
    ]
    # computed rows are marked too, and a rejected figure for a computed KPI changed nothing
    assert query(db, "select count(*) from marts.fct_kpi_values where value_source = 'computed'")[0][0] > 0
    assert query(db, "select count(*) from marts.fct_kpi_values where kpi_id = 'cla_count' "
                     "and value_source = 'local'") == [(0,)]
    # a KPI with local figures is still not "computed"
    assert query(db, "select is_computed from marts.dim_kpi where kpi_id = 'cla_statutory_visits_pct'") == [(False,)]


def test_rows_reconcile_and_dq_lists_every_problem(built):
    db, tests = built
    assert tests.returncode == 0, tests.stdout[-4000:]
    assert "assert_local_figures_reconcile" in tests.stdout
    rows_in = query(db, "select count(*) from staging.stg_local__kpi_figures")[0][0]
    accepted = query(db, "select count(*) from intermediate.int_local__kpi_figures")[0][0]
    quarantined = query(db, "select count(distinct row_number) from audit.audit_local_figures_quarantine")[0][0]
    assert (rows_in, accepted, quarantined) == (len(ROWS), 3, len(ROWS) - 3)
    problems = query(db, "select count(*) from audit.audit_local_figures_quarantine")[0][0]
    assert query(db, "select count(*) from intermediate.int_dq__local_figure_findings "
                     "where rule_code = 'CSC-120'")[0][0] == problems


def test_the_shipped_example_file_is_valid(tmp_path):
    """With the demo LAs' returns loaded, every row of the example file (which only the demo reads:
    cscare.cli.EXAMPLE_LOCAL_FIGURES) is accepted."""
    from cscare.cli import EXAMPLE_LOCAL_FIGURES

    db, raw = tmp_path / "example.duckdb", tmp_path / "raw"
    generate(raw, la_codes=["371", "372", "373", "370", "871"], years=[2024], seed=5, scale=0.02)
    variables = {"raw_path": str(raw), "local_figures_path": str(EXAMPLE_LOCAL_FIGURES)}
    run = dbt("build", "--vars", json.dumps(variables), "--select", "kpi_catalogue",
              "ref_local_authorities", "audit_load_files", "stg_local__kpi_figures", "audit_local_figures_quarantine",
              "--exclude", "test_type:unit", "--indirect-selection", "cautious", db=db)
    assert run.returncode == 0, run.stdout[-4000:]
    assert query(db, "select count(*) from staging.stg_local__kpi_figures")[0][0] >= 5
    assert query(db, "select count(*) from audit.audit_local_figures_quarantine") == [(0,)]
    assert all("ILLUSTRATIVE" in source for (source,) in query(db, "select source from staging.stg_local__kpi_figures"))
