# The two commands of the README: `make demo` (set up, fill with demo content, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Where `make demo` and `make serve` listen: `make demo PORT=8080`, `make serve HOST=0.0.0.0` (a host other
# than this machine's loopback also needs GONGKAI_ALLOWED_HOSTS). Canonical addresses, the PDF's QR
# code and the feeds name the same place unless GONGKAI_SITE_URL says otherwise.
HOST ?= 127.0.0.1
PORT ?= 8000
SITE_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
SITE_HOST := $(if $(findstring :,$(SITE_HOST)),[$(SITE_HOST)],$(SITE_HOST))

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

demo serve: export GONGKAI_SITE_URL ?= http://$(SITE_HOST):$(PORT)

demo: setup
	@$(BIN)/gongkai serve --host $(HOST) --port $(PORT) --check  # a taken port: one line, before the demo is filled
	$(BIN)/gongkai demo --if-empty
	$(BIN)/gongkai serve --host $(HOST) --port $(PORT)

serve: setup
	$(BIN)/gongkai serve --host $(HOST) --port $(PORT)

test: setup
	bash scripts/test.sh
