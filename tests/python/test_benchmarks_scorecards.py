"""Benchmarks and scorecards (issue 11) on a warehouse built from generated returns for Rotherham (372) and all
ten of its statistical neighbours in the DfE 2025 model (the model in force for the 2024/25 year built here):
every figure of fct_kpi_benchmarks is recomputed in Python from the fct_kpi_values rows it comes from; a
published England figure fed in replaces the partial computed one; the shared benchmarks use no suppressed
figure; and every scorecard row of the seed documents appears in its rpt_ table in the seed's order."""

import csv
import math
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from cscare.generator import generate

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LA = "372"
MODELS = ("+rpt_scorecard_monthly +rpt_contract_quarterly +rpt_contract_slough +rpt_regional_benchmark "
          "+fct_kpi_benchmarks fct_kpi_performance +shared_kpi_benchmarks +shared_scorecard_monthly dim_la")


def neighbours_2025(la):
    with open(PROJECT / "seeds/reference/ref_statistical_neighbours.csv") as f:
        rows = [r for r in csv.DictReader(f) if r["la_code"] == la]
    return [r["neighbour_la_code"] for r in sorted(rows, key=lambda r: int(r["neighbour_rank"]))]


def dbt(args, db, tmp):
    env = dict(os.environ, CSC_DUCKDB_PATH=str(db))
    return subprocess.run(
        [str(BIN / "dbt"), *args, "--profiles-dir", "profiles", "--vars", f"{{raw_path: '{tmp / 'raw'}'}}",
         "--target-path", str(tmp / "dbt_target")],
        cwd=PROJECT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("benchmarks")
    db = tmp / "bench.duckdb"
    generate(tmp / "raw", la_codes=[LA, *neighbours_2025(LA)], years=[2025], seed=11, scale=0.05)
    result = dbt(["build", "--select", MODELS, "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"], db, tmp)
    assert result.returncode == 0, result.stdout[-5000:]
    return db, tmp


def query(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(sql).fetchall()


def quantile7(values, p):
    """R's type-7 quantile (DuckDB quantile_cont)."""
    xs = sorted(values)
    h = (len(xs) - 1) * p
    lo = math.floor(h)
    return xs[lo] + (h - lo) * (xs[min(lo + 1, len(xs) - 1)] - xs[lo])


def recompute(values, polarity, la, neighbours):
    """SN average, count and best; rank (ties share the better rank); quartile band, as LAIT does them."""
    got = [values[n] for n in neighbours if values.get(n) is not None]
    expected = {"sn_average": sum(got) / len(got) if got else None, "sn_count": len(got)}
    own = values.get(la)
    everyone = [v for v in values.values() if v is not None]
    good = {"high_is_good": max, "low_is_good": min}.get(polarity)
    expected["sn_best_value"] = good(got) if good and got else None
    expected.update(national_rank=None, quartile=None, top_quartile_threshold=None)
    if good and everyone:
        q1, q2, q3 = (quantile7(everyone, p) for p in (0.25, 0.5, 0.75))
        expected["top_quartile_threshold"] = q3 if polarity == "high_is_good" else q1
    if good and own is not None:
        better = [v for v in everyone if (v > own if polarity == "high_is_good" else v < own)]
        expected["national_rank"] = len(better) + 1
        if polarity == "high_is_good":
            expected["quartile"] = "A" if own >= q3 else "B" if own >= q2 else "C" if own >= q1 else "D"
        else:
            expected["quartile"] = "A" if own <= q1 else "B" if own <= q2 else "C" if own <= q3 else "D"
    return expected


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9,
                                                                                          abs_tol=1e-9))


def check_against_values(db, values_table, benchmarks_table, suppressed_filter):
    values = defaultdict(dict)
    for la, kpi, ptype, pend, value in query(db, f"""
            select la_code, kpi_id, period_type, period_end, value from {values_table}
            where {suppressed_filter}"""):
        values[(kpi, ptype, pend)][la] = value
    polarity = dict(query(db, "select kpi_id, polarity from ref.kpi_catalogue"))
    neighbours = neighbours_2025(LA)
    rows = query(db, f"""
        select kpi_id, period_type, period_end, sn_model, sn_average, sn_count, sn_best_value, national_rank,
               quartile, top_quartile_threshold
        from {benchmarks_table} where la_code = '{LA}'""")
    assert rows, f"no benchmark rows for {LA}"
    checked = 0
    for kpi, ptype, pend, model, avg, count, best, rank, quartile, top in rows:
        assert model == "2025", (kpi, ptype, pend, model)
        want = recompute(values[(kpi, ptype, pend)], polarity[kpi], LA, neighbours)
        got = {"sn_average": avg, "sn_count": count, "sn_best_value": best, "national_rank": rank,
               "quartile": quartile, "top_quartile_threshold": top}
        for key in ("sn_average", "sn_best_value", "top_quartile_threshold"):
            assert close(got[key], want[key]), (kpi, ptype, pend, key, got[key], want[key])
        for key in ("sn_count", "national_rank", "quartile"):
            assert got[key] == want[key], (kpi, ptype, pend, key, got[key], want[key])
        checked += count > 0
    return checked


def test_benchmarks_equal_a_recomputation_from_fct_kpi_values(warehouse):
    db, _ = warehouse
    checked = check_against_values(db, "marts.fct_kpi_values", "marts.fct_kpi_benchmarks", "true")
    assert checked > 1000, checked  # most KPI-periods have neighbours' values to compare


def test_all_ten_neighbours_are_used_when_present(warehouse):
    db, _ = warehouse
    assert query(db, f"""
        select max(sn_count) from marts.fct_kpi_benchmarks
        where la_code = '{LA}' and kpi_id = 'cla_count' and period_type = 'year'""") == [(10,)]


def test_shared_benchmarks_leave_suppressed_figures_out_of_every_comparison(warehouse):
    db, _ = warehouse
    check_against_values(db, "shared.shared_kpi_values", "shared.shared_kpi_benchmarks", "not is_suppressed")
    assert query(db, """
        select count(*) from shared.shared_kpi_benchmarks
        where is_suppressed and (value is not null or national_rank is not null or quartile is not null)""") \
        == [(0,)]
    # an aggregate a suppressed LA contributes to is withheld, never computed
    assert query(db, """
        select count(*) from shared.shared_kpi_benchmarks as b
        where national_computed_value is not null
          and exists (select 1 from shared.shared_kpi_values as v
                      where v.is_suppressed and v.kpi_id = b.kpi_id and v.period_type = b.period_type
                        and v.period_end = b.period_end)""") == [(0,)]
    assert query(db, "select count(*) from shared.shared_kpi_values where is_suppressed")[0][0] > 0


def test_national_figures_come_from_the_published_feed(warehouse):
    db, tmp = warehouse
    with duckdb.connect(str(db)) as con:
        con.execute("""
            insert into ref.published_benchmarks
            select distinct 'England', 'E92000001', kpi_id, period_type, period_end, '70', 'test feed', date '2025-11-13'
            from marts.fct_kpi_values where kpi_id = 'cla_rate_per_10k'""")
    # the England figures are stored in their own model; the benchmark view and mart join them on
    result = dbt(["run", "--select", "int_benchmarks__national_figures int_benchmarks__kpi_benchmarks fct_kpi_benchmarks"],
                 db, tmp)
    assert result.returncode == 0, result.stdout[-3000:]
    got = query(db, """
        select distinct national_value, national_source, national_coverage, national_computed_coverage
        from marts.fct_kpi_benchmarks where kpi_id = 'cla_rate_per_10k'""")
    assert got == [(70.0, "published", "test feed", "11 of 153 LAs")], got
    # KPIs the feed does not cover keep the partial computed figure, with its coverage
    assert query(db, """
        select distinct national_source, national_coverage from marts.fct_kpi_benchmarks
        where kpi_id = 'cla_count' and period_type = 'year'""") == [("computed", "11 of 153 LAs")]


def layout(scorecard):
    with open(PROJECT / "seeds/kpi/scorecard_layouts.csv") as f:
        return [r for r in csv.DictReader(f) if r["scorecard"] == scorecard]


ROTHERHAM = ([f"6.{i}" for i in range(1, 21)] + [f"7.{i}" for i in range(1, 6)] + [f"8.{i}" for i in range(1, 6)]
             + [f"9.{i}" for i in range(1, 6)] + [f"10.{i}" for i in range(1, 6)] + ["11.4", "11.5", "11.5"])


def test_rotherham_scorecard_has_every_row_in_order(warehouse):
    db, _ = warehouse
    assert [r["indicator_number"] for r in layout("rotherham_monthly")] == ROTHERHAM
    got = query(db, f"""
        select indicator_number, kpi_id from marts.rpt_scorecard_monthly
        where la_code = '{LA}' and report_month = date '2025-03-31' order by row_order""")
    assert [n for n, _ in got] == ROTHERHAM
    assert [k for _, k in got] == [r["kpi_id"] for r in layout("rotherham_monthly")]
    months = query(db, f"select count(distinct report_month) from marts.rpt_scorecard_monthly where la_code = '{LA}'")
    assert query(db, f"select count(*) from marts.rpt_scorecard_monthly where la_code = '{LA}'") \
        == [(months[0][0] * len(ROTHERHAM),)]


def test_doncaster_contract_has_every_measure_in_order(warehouse):
    db, _ = warehouse
    rows = layout("doncaster_contract")
    assert [r["section"] for r in rows].count("Contract Key Performance Indicators") == 11
    assert [r["section"] for r in rows].count("Partnership Performance Measures") == 25
    assert rows[0]["indicator_name"] == "Assessment's completed within 45 days or less"
    assert rows[-1]["indicator_name"] == "Re-offending rates"
    got = query(db, """
        select indicator_number, indicator_name from marts.rpt_contract_quarterly
        where la_code = '371' and quarter_end = date '2024-12-31' order by row_order""")
    assert got == [(r["indicator_number"], r["indicator_name"]) for r in rows]


def test_slough_contract_has_every_kpi_in_order(warehouse):
    db, _ = warehouse
    got = query(db, """
        select section, indicator_number, kpi_id from marts.rpt_contract_slough
        where la_code = '372' and report_month = date '2024-06-30' order by row_order""")
    numbers = {}
    for section, number, _ in got:
        numbers.setdefault(section, [])
        if not numbers[section] or numbers[section][-1] != int(number):
            numbers[section].append(int(number))
    assert numbers == {"Contractual KPIs": list(range(1, 45)),
                       "Non-Contractual Performance Indicators": list(range(1, 65))}
    assert [k for _, _, k in got] == [r["kpi_id"] for r in layout("slough_contract")]


def test_no_indicator_is_silently_missing(warehouse):
    db, _ = warehouse
    # a row without a value says why, and never carries a colour
    assert query(db, """
        select count(*) from marts.rpt_scorecard_monthly
        where value_status is null or (value_status = 'not in the returns' and rag is not null)""") == [(0,)]
    assert query(db, """
        select count(*) from marts.rpt_regional_benchmark where value_status is null""") == [(0,)]
