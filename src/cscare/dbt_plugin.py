"""dbt-duckdb plugin: `dbt build` itself reads the raw returns, in bounded memory.

The raw folder is the plugin's `raw_path` setting in profiles/profiles.yml, which is the dbt var
`raw_path` (else the CSC_RAW_PATH environment variable, else data/raw). When dbt opens its
connection, the plugin reads the whole folder once (903 CSVs, CIN census and workforce XML
validated against the DfE XSDs, in worker processes on every core) and appends each file's rows
to the tables of the `raw` schema as the files complete; the sources (meta
`plugin: cscare_returns`, `save_mode: ignore`) then point at those tables. Writing them up front,
on one thread, keeps parallel models from re-creating a table another is reading.

Before the database opens, the plugin gives DuckDB explicit bounds, from the machine unless the
profile says otherwise: memory_limit (25% of physical memory), threads (every core this process
may use) and temp_directory (target/duckdb_tmp), where DuckDB spills what does not fit.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from dbt.adapters.events.logging import AdapterLogger

from .loaders.core import load_raw_into
from .paths import PROJECT_ROOT

logger = AdapterLogger("cscare")
# Of physical memory, for DuckDB's buffer manager (what it holds beyond this spills to
# temp_directory). A quarter keeps the whole build, Python and loader workers included, within a
# third of the machine: measured by scripts/benchmark.py (README, "Scale").
MEMORY_SHARE = 0.25


def physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def duckdb_bounds(config: dict) -> dict[str, str]:
    """memory_limit, threads and temp_directory for DuckDB: the profile's value where it gives one
    (profiles.yml passes CSC_DUCKDB_MEMORY_LIMIT, CSC_DUCKDB_THREADS, CSC_DUCKDB_TEMP_DIR), else
    computed from this machine."""
    memory = str(config.get("memory_limit") or "")
    if not memory:
        total = physical_memory()
        memory = f"{int(total * MEMORY_SHARE / 2**20)}MiB" if total else "4GiB"
    threads = str(config.get("threads") or "") or str(cores())
    temp = str(config.get("temp_directory") or "") or str(PROJECT_ROOT / "target" / "duckdb_tmp")
    return {"memory_limit": memory, "threads": threads, "temp_directory": temp}


# What the raw tables and the models built from them depend on besides the returns themselves: a
# change to any of these makes the next build a full one (raw tables read again, every model whole).
FINGERPRINTED = ("models", "macros", "seeds", "dbt_project.yml", "src/cscare/loaders", "src/cscare/schemas.py")


def build_fingerprint() -> str | None:
    """A hash of the project's code, seeds and settings (the dbt vars, the dbt and DuckDB versions),
    or None when this invocation asks for a full build (`--full-refresh`, CSC_FULL_REFRESH=1)."""
    import hashlib
    import json

    import duckdb
    from dbt.flags import get_flags
    from dbt.version import __version__ as dbt_version

    try:
        flags = get_flags()
    except Exception:  # noqa: BLE001 - dbt run as a library (sqlfluff's templater): build whole
        return None
    if getattr(flags, "FULL_REFRESH", False) or os.environ.get("CSC_FULL_REFRESH") == "1":
        return None
    digest = hashlib.sha256(f"dbt {dbt_version}; duckdb {duckdb.__version__}".encode())
    variables = getattr(flags, "VARS", None) or {}
    if isinstance(variables, str):
        variables = {"raw": variables}
    digest.update(json.dumps({k: v for k, v in dict(variables).items() if k != "raw_path"},
                             sort_keys=True, default=str).encode())
    figures = dict(variables).get("local_figures_path") if isinstance(variables, dict) else None
    if figures and (PROJECT_ROOT / figures).is_file():  # relative to the project, or absolute
        digest.update((PROJECT_ROOT / figures).read_bytes())
    for name in FINGERPRINTED:
        root = PROJECT_ROOT / name
        paths = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in paths:
            if path.suffix in (".pyc",) or "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class Plugin(BasePlugin):
    def initialize(self, plugin_config):
        self._lock = threading.Lock()
        self._raw_path = str(Path(plugin_config.get("raw_path") or "data/raw").resolve())
        self._bounds = duckdb_bounds(plugin_config)
        self._written = False

    def update_connection_config(self, creds, config):
        # Database-wide settings, given when the database opens (not per cursor).
        for key, value in self._bounds.items():
            config.setdefault(key, value)
        Path(config["temp_directory"]).mkdir(parents=True, exist_ok=True)

    def configure_connection(self, conn):
        with self._lock:
            # CSC_SKIP_RAW_LOAD=1: a command that only reads a built warehouse (`dbt docs generate`).
            if self._written or os.environ.get("CSC_SKIP_RAW_LOAD") == "1":
                return
            bounds = conn.execute("SELECT current_setting('memory_limit'), current_setting('threads'), "
                                  "current_setting('temp_directory')").fetchone()
            logger.info(f"cscare: DuckDB memory_limit {bounds[0]}, threads {bounds[1]}, temp_directory {bounds[2]}")
            logger.info(f"cscare: reading raw returns from {self._raw_path}")
            summary = load_raw_into(conn, self._raw_path, fingerprint=build_fingerprint())
            self._report(summary)
            self._written = True

    @staticmethod
    def _report(summary) -> None:
        """Load errors, before any model runs; the counts people compare come once, at the end of
        the build (macros/load_summary.sql), from the audit tables."""
        logger.info(f"cscare: loaded {summary.files} files, {sum(summary.counts.values())} raw rows "
                    f"into the warehouse in {summary.seconds:.1f}s; {summary.mode}")
        for i in summary.errors:
            where = f"{i['file']}:{i['line']}" if i["line"] else i["file"]
            logger.warning(f"cscare: LOAD ERROR {where} [{i['reason_code']}]: {i['reason']}")
        if summary.n_errors > len(summary.errors):
            logger.warning(f"cscare: ... and {summary.n_errors - len(summary.errors)} more load errors; "
                           f"see audit.audit_load_issues")

    def load(self, source_config: SourceConfig):
        # Only reached if a raw table is missing (save_mode: ignore skips existing ones), which
        # configure_connection rules out: say so rather than build on nothing.
        table = source_config.get("raw_table") or source_config.identifier
        raise RuntimeError(f"cscare: raw table {table} was not written by the loader; is it in "
                           f"cscare.loaders.core.raw_table_names()?")

    def default_materialization(self):
        return "table"
