#!/usr/bin/env bash
# The whole test suite, from a fresh clone, with nothing but Python 3.10+:
#   1. a virtual environment (.venv) with khabar and its test extra installed from pyproject.toml;
#   2. ruff, mypy, the unit tests and the notebooks under strict nbval (matplotlib 3.11+);
#   3. a second environment (.venv-mpl310) with matplotlib < 3.11 for the chart pixel tests,
#      because Arabic labels are drawn by a different code path there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

fresh_env() {  # fresh_env DIR PIP_ARGS...
  local dir="$1"; shift
  [ -x "$dir/bin/python" ] || "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet "$@"
}

echo "== environment: .venv (matplotlib 3.11+)"
fresh_env .venv -e ".[test]"
.venv/bin/python -c "import matplotlib; print('matplotlib', matplotlib.__version__)"

echo "== ruff"
.venv/bin/ruff check src tests benchmarks

echo "== mypy (the annotations say what the code does)"
.venv/bin/mypy

echo "== unit tests and notebooks (strict nbval)"
.venv/bin/python -m pytest -q tests notebooks --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

echo "== environment: .venv-mpl310 (matplotlib < 3.11)"
fresh_env .venv-mpl310 -e ".[test]" "matplotlib<3.11"
.venv-mpl310/bin/python -c "import matplotlib; print('matplotlib', matplotlib.__version__)"

echo "== chart tests on matplotlib < 3.11"
.venv-mpl310/bin/python -m pytest -q tests/test_plotting.py -p no:cacheprovider
