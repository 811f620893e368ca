# compactdraft: `make demo` runs the main job on drafts/, `make test` runs the whole suite.
# Both create .venv and install what they need; nothing else needs to be installed first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast bench lint clean distclean venv system-deps help

help:
	@echo "make demo   - set up .venv and run compactdraft on the sample series in drafts/"
	@echo "make test   - set up .venv (with test extras, LibreOffice) and run the whole test suite"
	@echo "make bench  - run the benchmarks and write bench/RESULTS.md"
	@echo "make lint   - ruff and mypy"

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

venv: $(STAMP)

system-deps:
	@bash .ci/system-deps.sh

demo: $(STAMP)
	@$(BIN)/python -m compactdraft.demo drafts

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -x -m "not slow and not libreoffice"

lint: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	$(BIN)/ruff check compactdraft tests
	$(BIN)/mypy compactdraft

clean:
	rm -rf build .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV) *.egg-info
