"""dbt-duckdb plugin: `dbt build` itself reads the raw returns.

The raw folder is the plugin's `raw_path` setting in profiles/profiles.yml, which is the dbt var
`raw_path` (else the CSC_RAW_PATH environment variable, else data/raw). When dbt opens its
connection, the plugin reads the whole folder once (903 CSVs, CIN census and workforce XML
validated against the DfE XSDs) and writes every raw table into the `raw` schema in one go; the
sources (meta `plugin: cscare_returns`, `save_mode: ignore`) then point at those tables. Writing
them up front, on one thread, keeps parallel models from re-creating a table another is reading.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from dbt.adapters.events.logging import AdapterLogger

from .loaders import load_raw
from .loaders.core import raw_table_names

logger = AdapterLogger("cscare")
EXTRA_TABLES = ("load_files", "load_issues", "postcodes")


class Plugin(BasePlugin):
    def initialize(self, plugin_config):
        self._lock = threading.Lock()
        self._raw_path = str(Path(plugin_config.get("raw_path") or "data/raw").resolve())
        self._load = None
        self._written = False

    def raw(self):
        with self._lock:
            if self._load is None:
                logger.info(f"cscare: reading raw returns from {self._raw_path}")
                self._load = load_raw(self._raw_path)
                self._report(self._load)
            return self._load

    @staticmethod
    def _report(load) -> None:
        """Load errors, before any model runs; the counts people compare come once, at the end of
        the build (macros/load_summary.sql), from the audit tables."""
        files = load.files.to_pylist()
        issues = load.issues.to_pylist()
        logger.info(f"cscare: read {len(files)} files, {sum(load.counts.values())} raw rows in {load.seconds:.1f}s")
        errors = [i for i in issues if i["severity"] == "error"]
        for i in errors[:50]:
            where = f"{i['file']}:{i['line']}" if i["line"] else i["file"]
            logger.warning(f"cscare: LOAD ERROR {where} [{i['reason_code']}]: {i['reason']}")
        if len(errors) > 50:
            logger.warning(f"cscare: ... and {len(errors) - 50} more load errors; see audit.audit_load_issues")

    def configure_connection(self, conn):
        # CSC_SKIP_RAW_LOAD=1: a command that only reads a built warehouse (`dbt docs generate`).
        if self._written or os.environ.get("CSC_SKIP_RAW_LOAD") == "1":
            return
        load = self.raw()
        conn.execute("CREATE SCHEMA IF NOT EXISTS raw")
        for name in list(raw_table_names()) + list(EXTRA_TABLES):
            arrow_table = load.table(name)  # noqa: F841 - read by DuckDB's replacement scan below
            conn.execute(f"CREATE OR REPLACE TABLE raw.{name} AS SELECT * FROM arrow_table")
        self._written = True

    def load(self, source_config: SourceConfig):
        # Only reached if a raw table is missing (save_mode: ignore skips existing ones).
        table = source_config.get("raw_table") or source_config.identifier
        return self.raw().table(table)

    def default_materialization(self):
        return "table"
