#!/usr/bin/env bash
# requirements.lock: every package that `pip install -e '.[test]'` would install, pinned to one version
# with the hashes of its files, resolved from pyproject.toml. Rerun it after changing a dependency in
# pyproject.toml; `make setup` (and so .ci/run) installs from the lock with --require-hashes.
#   scripts/lock.sh            regenerate requirements.lock
#   scripts/lock.sh --upgrade  also move every pin to the newest version pyproject.toml allows
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
"$PY" -m piptools --version >/dev/null 2>&1 || "$PY" -m pip install --quiet "pip-tools>=7.4,<8"
# No index, find-links or host lines: the lock names packages and hashes, never this machine's mirrors.
CUSTOM_COMPILE_COMMAND="scripts/lock.sh" "$PY" -m piptools compile --quiet --generate-hashes --extra test \
  --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
  --resolver=backtracking --output-file requirements.lock "$@" pyproject.toml
echo "requirements.lock: $(grep -c '^[a-zA-Z0-9]' requirements.lock) packages pinned with hashes"
