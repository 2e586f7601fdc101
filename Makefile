# The two commands of the README's quick start:
#   make demo   set everything up and run the main job
#   make test   run the whole test suite (installs Debian's chromium and PostgreSQL first when it can)
# Both bootstrap .venv from pyproject.toml; nothing else needs installing first.
# The inner loop: make check (lint, then every test with no kernel, server or browser; about 2 min on 2 cores).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Whole files per worker: a file's tests share its module-scoped fixtures (one batch, one server).
PYTEST := $(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder
CHROMIUM := /usr/bin/chromium
# The shared-gradebook tests start a throw-away server from Debian's PostgreSQL binaries.
INITDB   := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))

.PHONY: demo test check lint chromium postgresql setup bench clean

$(STAMP): pyproject.toml Makefile course/hub/package.json course/hub/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test]'
	@# jsonschema's optional IRI-format checker builds ~30 Earley parsers when imported, which
	@# nbformat does: 1.7 s of CPU in every process that reads a notebook (CLI, servers,
	@# nbgrader) for a format our schemas never use. jsonschema skips the check without it.
	$(BIN)/python -m pip uninstall -y -qq rfc3987-syntax
	@# JupyterHub's proxy (only needed to run the course on a hub, and by its test).
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix course/hub --no-audit --no-fund --loglevel=error; \
	 else echo "note: npm not found, skipping JupyterHub's proxy (course/hub); the hub will not start"; fi
	@# Byte-compile our own code once: kernels and test runs may have PYTHONDONTWRITEBYTECODE set.
	$(BIN)/python -m compileall -q crosstrain tests benchmarks >/dev/null
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/crosstrain demo

# chromium and PostgreSQL first: without them, stop before installing or running anything.
test: chromium postgresql lint
	$(PYTEST) --durations=20

# The fast lane: the lint gate, then every test that starts no kernel, server or browser.
check: lint
	$(PYTEST) -q -m "not kernel and not server and not browser" --durations=10

# The lint gate: ruff (pyproject's [tool.ruff]) and the package's layers (import-linter).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The real-browser tests drive Debian's chromium (never a downloaded browser).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "error: the browser tests need Debian's chromium: run sudo apt-get install -y chromium, then make test again" >&2; exit 1; \
	  fi; \
	  echo "installing Debian's chromium for the browser tests (apt-get install chromium)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# The PostgreSQL gradebook tests start Debian's server binaries (never a downloaded build).
postgresql:
	@if [ -z "$(INITDB)" ]; then \
	  if [ "$$(id -u)" -ne 0 ]; then \
	    echo "error: the gradebook tests need Debian's PostgreSQL: run sudo apt-get install -y postgresql, then make test again" >&2; exit 1; \
	  fi; \
	  echo "installing Debian's PostgreSQL for the gradebook tests (apt-get install postgresql)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_world.py
	$(BIN)/python benchmarks/bench_grading.py
	$(BIN)/python benchmarks/bench_course.py

clean:
	rm -rf $(VENV) datasets/generated
