"""Where things live. The package is installed editable from the repository, so the
project root (dbt_project.yml, seeds/) sits two levels above this file."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("CSCARE_PROJECT_DIR", Path(__file__).resolve().parents[2]))
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_RAW = PROJECT_ROOT / "data" / "raw"
CACHE_DIR = Path(os.environ.get("CSCARE_CACHE_DIR", PROJECT_ROOT / ".cache"))
SCHEMA_DIR = CACHE_DIR / "dfe_schemas"
