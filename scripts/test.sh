#!/usr/bin/env bash
# The whole test suite: once on SQLite (the default), then again on PostgreSQL when one is reachable
# (always in CI, where .ci/run has started it). Browser tests run in the SQLite pass only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${GONGKAI_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/gongkai}"
export GONGKAI_DATA_DIR="${GONGKAI_TEST_DATA_DIR:-$(mktemp -d)}"
export REDIS_TEST_URL="${REDIS_TEST_URL:-redis://127.0.0.1:6379/15}"

status=0
echo "== tests on SQLite"
env -u DATABASE_URL "$BIN/pytest" "$@" || status=$?

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
  echo "== PostgreSQL not reachable: its pass was not run (CI runs it)"
fi
exit $status
