"""The Great Expectations suite over the KPI marts, on small DuckDB files built here (frames made
by hand to the marts' contract, so the test does not wait for the KPI models)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cscare.quality.kpi_suite import build_frames, run_kpi_expectations

PROJECT = Path(__file__).resolve().parents[2]

DIM = pd.DataFrame({
    "kpi_id": ["cla_count", "cla_placement_stability_3plus", "cla_rate_per_10k"],
    "unit": ["count", "percent", "rate_per_10k"],
    "polarity": ["information", "low_is_good", "low_is_good"],
})


def fct_rows(rows):
    out = []
    for la, kpi, year, num, den, value in rows:
        out.append({"la_code": la, "kpi_id": kpi, "period_type": "year", "period_start": dt.date(year - 1, 4, 1),
                    "period_end": dt.date(year, 3, 31), "numerator": num, "denominator": den, "value": value})
    return pd.DataFrame(out)


CLEAN = [
    ("372", "cla_count", 2023, 400, None, 400), ("372", "cla_count", 2024, 420, None, 420),
    ("886", "cla_count", 2023, 900, None, 900), ("886", "cla_count", 2024, 880, None, 880),
    ("372", "cla_placement_stability_3plus", 2023, 40, 400, 10.0), ("372", "cla_placement_stability_3plus", 2024, 46, 420, 46 / 4.2),
    ("886", "cla_placement_stability_3plus", 2023, 90, 900, 10.0), ("886", "cla_placement_stability_3plus", 2024, 88, 880, 10.0),
    ("372", "cla_rate_per_10k", 2023, 400, 56000, 71.4), ("372", "cla_rate_per_10k", 2024, 420, 56000, 75.0),
]


def write_db(path: Path, fct: pd.DataFrame, dim: pd.DataFrame = DIM) -> Path:
    with duckdb.connect(str(path)) as con:
        con.sql("create schema marts")
        con.register("fct", fct)
        con.register("dim", dim)
        con.sql("create table marts.fct_kpi_values as select * from fct")
        con.sql("create table marts.dim_kpi as select * from dim")
    return path


def cli(db: Path, docs: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cscare.quality", "--db", str(db), "--docs", str(docs), *extra],
                          cwd=PROJECT, capture_output=True, text=True)


def test_clean_marts_pass_and_write_data_docs(tmp_path):
    db = write_db(tmp_path / "clean.duckdb", fct_rows(CLEAN))
    result = cli(db, tmp_path / "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "docs" / "index.html").exists()
    assert "0 error-level failed" in result.stdout


def test_broken_marts_fail_with_each_fault_named(tmp_path):
    broken = CLEAN[:-2] + [
        ("372", "cla_placement_stability_3plus", 2025, 50, 40, 125.0),   # above 100 and numerator > denominator
        (None, "cla_count", 2024, 10, None, 10),                          # null key
    ]
    broken = [r for r in broken if not (r[0] == "886" and r[2] == 2024)]   # LA 886 missing from 2024
    result = run_kpi_expectations(write_db(tmp_path / "broken.duckdb", fct_rows(broken)), docs_dir=tmp_path / "docs")
    assert not result.success
    failed = {(o.frame, o.expectation, o.column) for o in result.errors}
    assert ("kpi_percentages", "expect_column_values_to_be_between", "value") in failed
    assert ("kpi_percentage_counts", "expect_column_pair_values_a_to_be_greater_than_b", "denominator") in failed
    assert ("fct_kpi_values", "expect_column_values_to_not_be_null", "la_code") in failed
    assert ("la_year_coverage", "expect_column_values_to_be_in_set", "is_present") in failed
    assert cli(tmp_path / "broken.duckdb", tmp_path / "docs2").returncode == 1


def test_a_jump_from_the_previous_period_is_a_warning_not_a_failure(tmp_path):
    jumpy = [r if r[:3] != ("886", "cla_placement_stability_3plus", 2024) else ("886", r[1], 2024, 300, 880, 300 / 8.8)
             for r in CLEAN]
    frames = build_frames(fct_rows(jumpy), DIM)
    result = run_kpi_expectations(frames=frames, docs_dir=tmp_path / "docs")
    assert result.success
    assert [(o.frame, o.column) for o in result.warnings] == [("kpi_changes_percent", "change_points")]
    # a looser threshold accepts the same jump
    assert not run_kpi_expectations(frames=frames, docs_dir=tmp_path / "docs", max_jump_points=30).warnings


def test_missing_marts_exit_2(tmp_path):
    with duckdb.connect(str(tmp_path / "empty.duckdb")) as con:
        con.sql("create table t (a int)")
    result = cli(tmp_path / "empty.duckdb", tmp_path / "docs")
    assert result.returncode == 2
    assert "run dbt build first" in result.stderr
