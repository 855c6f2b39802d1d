# Everything needs only python3 on the machine: the venv is created on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint check bench demo clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/companion

demo: $(STAMP_RUN)
	$(BIN)/companion --demo

# One pytest worker more than the cores this process may use: much of the suite waits on real
# processes, terminals and fsync rather than on the CPU.
WORKERS := $(shell $(PY) -c 'import os; f = getattr(os, "sched_getaffinity", None); print((len(f(0)) if f else os.cpu_count() or 1) + 1)')

# The suite starts hundreds of `companion` processes: each loads the package's bytecode, made
# here once (only what changed), rather than compiling the source anew where the environment
# says not to write bytecode (PYTHONDONTWRITEBYTECODE). The test run itself may write bytecode
# too: each worker imports every test module, and pytest's rewriting of their asserts, kept in
# tests/**/__pycache__ from one run to the next, cut a worker's collection from 3.9 CPU-s to
# 1.5 (every later run; the first makes it).
test: $(STAMP_TEST)
	$(BIN)/python -m compileall -q -j 0 companion
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal

lint: $(STAMP_TEST)
	$(BIN)/ruff check companion tests
	$(BIN)/ruff format --check companion tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# What CI runs: the contracts and linters, then the whole suite.
check: lint test

bench: $(STAMP_TEST)
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) build dist
