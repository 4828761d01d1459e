# newsfuse — two commands do everything on a fresh Debian machine with Python 3.11:
#   make run    bootstrap .venv, install, extract the shipped examples
#   make test   the full test suite (installs the test extras, and Debian's chromium for the web
#               app's browser test, first)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: install browser run test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

EXAMPLES_DB := $(VENV)/examples.db

run: install
	rm -f $(EXAMPLES_DB) $(EXAMPLES_DB)-wal $(EXAMPLES_DB)-shm
	$(BIN)/newsfuse ingest examples/ --db $(EXAMPLES_DB)
	$(BIN)/newsfuse articles --db $(EXAMPLES_DB)
	$(BIN)/newsfuse articles --db $(EXAMPLES_DB) --format markdown

# Debian's chromium, for the web app's test in a real headless browser (root, or sudo, and apt)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

test: install browser
	$(BIN)/python -m pytest -n $(JOBS) -p no:cacheprovider

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .hypothesis
