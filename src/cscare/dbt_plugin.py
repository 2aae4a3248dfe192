"""dbt-duckdb source plugin: `dbt build` itself reads the raw returns.

Every source whose meta names `plugin: cscare_returns` is materialised from the raw folder given
by the source's `raw_path` meta (the dbt var `raw_path`). The whole folder is read once per dbt
invocation, on first use, and every raw table is served from that read.
"""

from __future__ import annotations

import threading
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.duckdb.utils import SourceConfig
from dbt.adapters.events.logging import AdapterLogger

from .loaders import load_raw

logger = AdapterLogger("cscare")


class Plugin(BasePlugin):
    def initialize(self, plugin_config):
        self._lock = threading.Lock()
        self._loads: dict[str, object] = {}

    def _load(self, raw_path: str):
        key = str(Path(raw_path).resolve())
        with self._lock:
            if key not in self._loads:
                logger.info(f"cscare: reading raw returns from {key}")
                load = load_raw(key)
                self._loads[key] = load
                self._report(load)
            return self._loads[key]

    @staticmethod
    def _report(load) -> None:
        files = load.files.to_pylist()
        issues = load.issues.to_pylist()
        logger.info(f"cscare: read {len(files)} files, {sum(load.counts.values())} raw rows in {load.seconds:.1f}s")
        shown = 0
        for i in issues:
            if i["severity"] != "error":
                continue
            shown += 1
            if shown <= 50:
                where = f"{i['file']}:{i['line']}" if i["line"] else i["file"]
                logger.warning(f"cscare: {where}: {i['reason']}")
        if shown > 50:
            logger.warning(f"cscare: ... and {shown - 50} more load errors; see audit.load_issues")
        n_bad_rows = sum(f["rows_with_load_error"] or 0 for f in files)
        if n_bad_rows:
            logger.warning(f"cscare: {n_bad_rows} raw rows could not be read cleanly and will be quarantined")

    def configure_connection(self, conn):
        # Created once up front: threads creating it on first use collide in DuckDB's catalog.
        conn.execute("CREATE SCHEMA IF NOT EXISTS raw")

    def load(self, source_config: SourceConfig):
        raw_path = source_config.get("raw_path")
        if not raw_path:
            raise ValueError(f"source {source_config.name}.{source_config.identifier} needs meta raw_path")
        table = source_config.get("raw_table") or source_config.identifier
        return self._load(raw_path).table(table)

    def default_materialization(self):
        return "table"
