#!/usr/bin/env bash
# Command 2 of the README: the whole test suite. Fails loudly on the first failing step.
source "$(dirname "$0")/_env.sh"
echo "== sqlfluff lint (dbt templater) =="
lint_raw="$(mktemp -d)"
cscare generate --out "$lint_raw" --las 372 --years 2023-2024 --scale 0.05 >/dev/null
CSC_RAW_PATH="$lint_raw" CSC_DUCKDB_PATH="$lint_raw/lint.duckdb" sqlfluff lint models
echo "== pytest: loaders, generator, dbt builds, dbt unit tests, data quality =="
python -m pytest
