# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= index
HOST   ?= 127.0.0.1
PORT   ?= 8080

.PHONY: run test test-fast bench clean-index

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

## index seeds/ into $(INDEX) and serve the web UI on http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/newsarchive index seeds/ --index $(INDEX)
	$(BIN)/newsarchive serve --index $(INDEX) --host $(HOST) --port $(PORT)

## the whole suite, corpus-scale (slow) and browser tests included
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

## everything but the corpus-scale tests
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "not slow"

## the quick benchmarks (the corpus-scale ones take their own options: see README)
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/cleaner.py --limit 300
	$(BIN)/python bench/translation.py
	$(BIN)/python bench/entities.py

clean-index:
	find $(INDEX) -mindepth 1 ! -name .gitignore -exec rm -rf {} +
