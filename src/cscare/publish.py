"""Publishing the warehouse so that BI tools can read it while a build runs.

DuckDB lets one process write a file, and a writer's lock shuts readers out (and a reader's lock
fails the writer). So a build never writes the file that readers open:

1. `cscare build` copies the published warehouse (`target/cscare.duckdb`) to a build file of the
   same name in a folder beside it (`target/.building-<build id>/cscare.duckdb`), so incremental models and partial `--select`s start
   from the last complete build, and dbt writes only that copy.
2. When dbt succeeds, the build is stamped (`meta.build_info`: one row, this build;
   `meta.build_tables`: the row count of every mart and shared table or view; `meta.build_history`: every
   build published into this lineage), checkpointed (no `.wal` left beside it) and renamed over
   the published path with `os.replace`, which is atomic on one filesystem.
3. A reader that opens the published path gets either the old file or the new one, whole. A
   connection already open keeps reading the old file (its inode lives until the reader closes),
   so a dashboard sees the new build at its next connection. A failed build is not published: it
   stays in `target/.failed-cscare.duckdb/` for inspection, and readers keep the last good build.

The published file is never written in place, which also keeps the DuckDB 1.x storage format
that the profile's `storage_compatibility_version` chose when the file was first made (ODBC/JDBC
drivers in BI tools are DuckDB 1.x). POSIX rename semantics are assumed (Linux, macOS); on
Windows a reader holding the file open makes the rename fail, and the build says so.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# Written into meta.build_tables: what a reader can check a complete build against.
COUNTED_SCHEMAS = ("marts", "shared")
STORAGE_COMPATIBILITY = "v1.2.0"  # as profiles/profiles.yml


def new_build_id() -> str:
    return f"{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@dataclass
class Build:
    published: Path
    path: Path
    build_id: str
    started_at: dt.datetime
    description: str = ""
    succeeded: bool = False
    extra: dict = field(default_factory=dict)


def _connect(path: Path, read_only: bool = False):
    import duckdb

    config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            p.unlink()


@contextmanager
def new_build(published: Path, description: str = "", start_from_published: bool = True):
    """Yield a Build whose `path` the caller writes (e.g. by running dbt with CSC_DUCKDB_PATH set
    to it); publish it atomically if the caller sets `succeeded`, else keep it as `.failed`."""
    published = Path(published).resolve()
    published.parent.mkdir(parents=True, exist_ok=True)
    build_id = new_build_id()
    # Same file name in a folder beside it: DuckDB names the catalog after the file, and views
    # that dbt writes name their catalog, so the build must carry the published name.
    work_dir = published.parent / f".building-{build_id}"
    work_dir.mkdir()
    work = work_dir / published.name
    if start_from_published and published.exists():
        shutil.copyfile(published, work)
    build = Build(published, work, build_id, dt.datetime.now(dt.timezone.utc), description)
    try:
        yield build
        if build.succeeded and work.exists():
            stamp(build)
            publish(work, published)
        elif work.exists():  # kept for inspection; readers never see it
            failed = published.parent / f".failed-{published.name}"
            shutil.rmtree(failed, ignore_errors=True)
            os.replace(work_dir, failed)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


@contextmanager
def updating(published: Path, description: str):
    """Change the published warehouse without locking readers out: a copy is changed and
    published as a new build (e.g. `cscare repair-impact` adding its analysis table)."""
    with new_build(published, description) as build:
        with _connect(build.path) as con:
            yield con
        build.succeeded = True


def stamp(build: Build) -> None:
    finished = dt.datetime.now(dt.timezone.utc)
    with _connect(build.path) as con:
        con.execute("create schema if not exists meta")
        con.execute("""
            create table if not exists meta.build_history (
                build_id varchar, started_at timestamptz, published_at timestamptz,
                description varchar, host varchar)""")
        con.execute("insert into meta.build_history values (?, ?, ?, ?, ?)",
                    [build.build_id, build.started_at, finished, build.description, socket.gethostname()])
        con.execute("""
            create or replace table meta.build_info as
            select * from meta.build_history where build_id = ?""", [build.build_id])
        tables = con.execute("""
            select table_schema, table_name from information_schema.tables
            where table_schema in ? and table_type in ('BASE TABLE', 'VIEW') order by 1, 2""",
                             [list(COUNTED_SCHEMAS)]).fetchall()
        counts = [(build.build_id, s, t, con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0])
                  for s, t in tables]
        con.execute("""
            create or replace table meta.build_tables (
                build_id varchar, table_schema varchar, table_name varchar, row_count bigint)""")
        if counts:
            con.executemany("insert into meta.build_tables values (?, ?, ?, ?)", counts)
        con.execute("checkpoint")


def publish(work: Path, published: Path) -> None:
    wal = work.with_name(work.name + ".wal")
    if wal.exists():  # every change must be in the file itself before it is renamed
        with _connect(work) as con:
            con.execute("checkpoint")
    if wal.exists():
        raise RuntimeError(f"{wal} still exists after a checkpoint: not publishing a torn warehouse")
    os.replace(work, published)


def current_build(published: Path) -> dict | None:
    """The build a reader of `published` sees now (None before the first `cscare build`)."""
    if not Path(published).exists():
        return None
    with _connect(Path(published), read_only=True) as con:
        try:
            row = con.execute("select build_id, started_at, published_at, description from meta.build_info").fetchone()
        except Exception:  # a warehouse built by plain `dbt build` has no stamp
            return None
    return dict(zip(("build_id", "started_at", "published_at", "description"), row)) if row else None
