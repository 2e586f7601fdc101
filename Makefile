# The two commands of the README's quick start:
#   make demo   set everything up and run the main job
#   make test   run the whole test suite
# Both bootstrap .venv from pyproject.toml; nothing else needs installing first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup bench clean

$(STAMP): pyproject.toml course/hub/package.json course/hub/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test]'
	@# JupyterHub's proxy (only needed to run the course on a hub, and by its test).
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix course/hub --no-audit --no-fund --loglevel=error; \
	 else echo "note: npm not found, skipping JupyterHub's proxy (course/hub); the hub will not start"; fi
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/crosstrain demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_world.py
	$(BIN)/python benchmarks/bench_grading.py
	$(BIN)/python benchmarks/bench_course.py

clean:
	rm -rf $(VENV) datasets/generated
