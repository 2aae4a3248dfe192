# Sourced by the scripts: a project virtualenv with everything installed, on PATH.
# Installs only from PyPI (dbt-core is pinned to 1.11.x: 1.12 needs a parser built from GitHub).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "creating .venv with $($PY --version)"
    "$PY" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test]"
    touch .venv/.installed
fi
export PATH="$ROOT/.venv/bin:$PATH"
# The DfE XSDs and sample files (from the liiatools wheel on PyPI) into .cache/.
cscare schemas >/dev/null
