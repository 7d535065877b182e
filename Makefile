# The two commands of the README: `make demo` (set up, fill with demo content, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo serve test

setup: $(VENV)/.installed

# Every dependency pinned and hash-checked from requirements.lock (scripts/lock.sh writes it from
# pyproject.toml); then the project itself. pip check catches a lock older than pyproject.toml.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check || { echo "requirements.lock misses a dependency of pyproject.toml: run scripts/lock.sh" >&2; exit 1; }
	touch $@

demo: setup
	$(BIN)/gongkai demo --if-empty
	$(BIN)/gongkai serve

serve: setup
	$(BIN)/gongkai serve

test: setup
	bash scripts/test.sh
