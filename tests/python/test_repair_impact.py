"""The Liquid Logic end-date repair: its effect on every KPI, per LA, is measured by building the
KPIs with and without it (`cscare repair-impact`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from cscare.generator import generate

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_repair_impact_is_visible_per_kpi_and_la(tmp_path):
    raw, db = tmp_path / "raw", tmp_path / "warehouse.duckdb"
    manifest = generate(raw, la_codes=["372", "373"], years=[2023, 2024], seed=3, scale=0.3,
                        faults={"liquid_logic_end_dates": 8})
    faulted = {f["la_code"] for f in manifest["faults"] if f["fault"] == "liquid_logic_end_dates"} \
        if "faults" in manifest else None
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    build = subprocess.run(
        [str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--vars", json.dumps({"raw_path": str(raw)}),
         "--select", "+fct_kpi_values", "--exclude", "test_type:data", "--target-path", str(tmp_path / "t")],
        cwd=PROJECT, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:]
    result = subprocess.run([str(BIN / "cscare"), "repair-impact", "--raw", str(raw), "--db", str(db),
                             "--out", str(tmp_path / "reports")], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "reports" / "kpi_liquid_logic_impact.csv").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        total = con.execute("select count(*) from analysis.kpi_liquid_logic_impact").fetchall()[0][0]
        kpis = con.execute("select count(*) from marts.fct_kpi_values").fetchall()[0][0]
        moved = con.sql("""
            select distinct la_code from analysis.kpi_liquid_logic_impact
            where kpi_id not like 'wf_%'
              and (abs(change_from_repair) > 1e-9 or ((value_repaired is null) <> (value_as_returned is null)))
        """).fetchall()
        repaired = con.execute("select count(*) from intermediate.int_looked_after__episodes "
                           "where is_end_date_repaired").fetchall()[0][0]
    assert total == kpis  # every KPI value has its as-returned twin
    assert repaired > 0
    assert moved, "the repair moved no looked-after KPI"
    if faulted:
        assert {la for (la,) in moved} <= faulted
