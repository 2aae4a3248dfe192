"""BI reads during a build (src/cscare/publish.py): while `cscare build` runs, another process
queries a mart every half second; no query may fail, and every answer must come from one
complete, published build (the mart's row count equals the count stamped for that build id).
A failed build is not published. The published file stays in the DuckDB 1.x storage format."""

import json
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb

from cscare.generator import generate
from cscare.publish import STORAGE_COMPATIBILITY, current_build

PROJECT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    import duckdb
    db, log, stop = sys.argv[1:4]
    with open(log, "w") as out:
        while not Path(stop).exists():
            t = time.time()
            try:
                with duckdb.connect(db, read_only=True) as con:
                    row = con.execute('''
                        select (select build_id from meta.build_info),
                               (select count(*) from marts.fct_kpi_values),
                               (select row_count from meta.build_tables
                                where table_schema = 'marts' and table_name = 'fct_kpi_values'),
                               (select count(distinct la_code) from marts.fct_kpi_values)''').fetchone()
                out.write(json.dumps({"t": t, "build_id": row[0], "rows": row[1], "stamped_rows": row[2],
                                      "las": row[3]}) + "\\n")
            except Exception as exc:
                out.write(json.dumps({"t": t, "error": f"{type(exc).__name__}: {exc}"}) + "\\n")
            out.flush()
            time.sleep(max(0.0, 0.5 - (time.time() - t)))
""")


def cscare_build(raw, db, *dbt_args):
    result = subprocess.run([str(BIN / "cscare"), "build", "--raw", str(raw), "--db", str(db), "--", *dbt_args],
                            cwd=PROJECT, capture_output=True, text=True)
    return result


def storage_version(path: Path) -> int:
    return struct.unpack("<Q", path.read_bytes()[12:20])[0]


def test_readers_see_only_complete_builds_while_building(tmp_path):
    raw_one, raw_two = tmp_path / "raw1", tmp_path / "raw2"
    generate(raw_one, la_codes=["372"], years=[2024], seed=5, scale=0.05)
    generate(raw_two, la_codes=["372", "373"], years=[2024], seed=5, scale=0.05)
    db = tmp_path / "target" / "cscare.duckdb"

    first = cscare_build(raw_one, db, "--select", "+fct_kpi_values", "--exclude", "test_type:data",
                         "test_type:unit")
    assert first.returncode == 0, first.stdout[-3000:]
    first_id = current_build(db)["build_id"]

    log, stop = tmp_path / "reads.jsonl", tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(log), str(stop)])
    try:
        time.sleep(2)
        # the whole project (seeds, models, data tests) over two LAs, as a second build
        second = cscare_build(raw_two, db, "--exclude", "test_type:unit")
        assert second.returncode == 0, second.stdout[-3000:]
        second_id = current_build(db)["build_id"]
        # a build that fails (no raw folder: assert_raw_folder_loaded errors) publishes nothing
        failed = cscare_build(tmp_path / "no_such_folder", db, "--select", "+assert_raw_folder_loaded")
        assert failed.returncode != 0
        assert "not published" in failed.stdout
        time.sleep(2)
    finally:
        stop.touch()
        reader.wait(timeout=60)

    reads = [json.loads(line) for line in log.read_text().splitlines()]
    errors = [r["error"] for r in reads if "error" in r]
    assert not errors, errors[:5]
    assert len(reads) > 20, "the reader barely ran"
    assert {r["build_id"] for r in reads} == {first_id, second_id}
    for r in reads:
        # one complete build per answer: the mart holds exactly the rows stamped for its build
        assert r["rows"] == r["stamped_rows"] > 0, r
        assert r["las"] == (1 if r["build_id"] == first_id else 2), r
    # readers moved from the first build to the second once, never back
    ids = [r["build_id"] for r in reads]
    assert ids == sorted(ids, key=lambda b: b == second_id)
    assert current_build(db)["build_id"] == second_id
    assert not list(db.parent.glob(".building-*")), "a build folder was left behind"

    # still the storage format DuckDB 1.x ODBC/JDBC drivers read
    reference = tmp_path / "reference.duckdb"
    with duckdb.connect(str(reference), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}) as con:
        con.execute("create table t as select 1 as x")
    assert storage_version(db) == storage_version(reference)
    with duckdb.connect(str(db), read_only=True) as con:
        history = con.execute("select build_id from meta.build_history order by published_at").fetchall()
    assert [h for (h,) in history] == [first_id, second_id]
