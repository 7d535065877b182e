#!/usr/bin/env bash
# The whole test suite: once on SQLite (the default), then again on PostgreSQL when one is reachable
# (always in CI, where .ci/run has started it). Browser tests run in the SQLite pass only.
# It ends with one line: what was skipped and what enables it, or "nothing skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${GONGKAI_TEST_BIN:-.venv/bin}"  # another only in tests/test_first_run.py, which fakes pytest
PG_URL="${GONGKAI_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/gongkai}"
export GONGKAI_DATA_DIR="${GONGKAI_TEST_DATA_DIR:-$(mktemp -d)}"
export REDIS_TEST_URL="${REDIS_TEST_URL:-redis://127.0.0.1:6379/15}"
skipped="$(mktemp)"
trap 'rm -f "$skipped"' EXIT

# axe-core for the browser tests, pinned in package.json and package-lock.json.
if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then
  echo "== installing axe-core for the browser tests (npm)"
  if [ -f package-lock.json ]; then npm_install=(npm ci); else npm_install=(npm install); fi
  "${npm_install[@]}" --no-audit --no-fund --silent || echo "npm could not install axe-core" >&2
fi

status=0
echo "== tests on SQLite"
# tests/conftest.py writes the groups it skipped to this file (pytest_terminal_summary).
env -u DATABASE_URL GONGKAI_SKIP_SUMMARY="$skipped" "$BIN/pytest" "$@" || status=$?

pg_pass=""
if "$BIN/python" - "$PG_URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1].replace("/gongkai", "/postgres"), connect_timeout=3).close()
except Exception:
    sys.exit(1)
PY
then
  echo "== tests on PostgreSQL"
  DATABASE_URL="$PG_URL" "$BIN/pytest" -m "not browser" "$@" || status=$?
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL, and CI must test it" >&2
  status=1
else
  pg_pass="PostgreSQL pass (start PostgreSQL so that $PG_URL answers, or set GONGKAI_TEST_PG_URL)"
fi

parts=()
while IFS= read -r line; do parts+=("$line"); done < "$skipped"
[ -n "$pg_pass" ] && parts+=("$pg_pass")
if [ ${#parts[@]} -eq 0 ]; then
  echo "nothing skipped"
else
  line="skipped: ${parts[0]}"
  for part in "${parts[@]:1}"; do line+="; $part"; done
  echo "$line"
fi
exit $status
