# Two entry points: `make run` (install, build the warehouse, print the report) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 1914

.PHONY: run test docs install install-test install-bench bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -e .

install-test: $(BIN)/python
	$(BIN)/pip install -e '.[test]'

run: install
	$(BIN)/alliancelab data build
	$(BIN)/alliancelab report $(YEAR)

test: install-test
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest

# The documentation site (MkDocs + Material, API reference by mkdocstrings) into site/; any warning fails.
docs: install-test
	$(BIN)/mkdocs build --strict

install-bench: $(BIN)/python
	$(BIN)/pip install -e '.[bench]'

bench: install-bench
	$(BIN)/python scripts/run_benchmarks.py

clean:
	rm -rf $(VENV) build site *.egg-info src/*.egg-info
