# The two commands of the README: `make demo` (set up, fill with demo content, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup demo serve test

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: setup
	$(BIN)/gongkai demo --if-empty
	$(BIN)/gongkai serve

serve: setup
	$(BIN)/gongkai serve

test: setup
	bash scripts/test.sh
