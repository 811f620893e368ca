# compactdraft: `make demo` runs the main job on drafts/, `make test` runs the whole suite.
# Both create .venv and install what they need; nothing else needs to be installed first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
.DEFAULT_GOAL := all

.PHONY: demo test test-fast bench lint clean distclean venv system-deps help

help:
	@echo "make        - build everything for the series in DRAFTS (default drafts/) under OUT (default build/)"
	@echo "make demo   - set up .venv, build the sample series in drafts/ and print the path of its report"
	@echo "make test   - set up .venv (with test extras, LibreOffice) and run the whole test suite"
	@echo "make bench  - run the benchmarks and write bench/RESULTS.md"
	@echo "make lint   - ruff and mypy"

# Every make step and CLI call is a new process, so start-up counts (bench/RESULTS.md): the "compat"
# editable install is a plain path in a .pth file, where the default one imports a path finder on every
# start (~20 ms); compiled bytecode spares compiling our modules on each start where the environment
# forbids writing it (PYTHONDONTWRITEBYTECODE).
$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q compactdraft
	@touch $@

venv: $(STAMP)

system-deps:
	@bash .ci/system-deps.sh

demo: build
	@echo "$(abspath $(OUT)/index.html)"

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -x -m "not slow and not libreoffice"

# the linters' versions are pinned in setup.cfg's dev extra: a new release may add findings on its own
lint: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check 'ruff==0.17.6' 'mypy==2.4.1'
	$(BIN)/ruff check compactdraft tests bench drafts
	$(BIN)/mypy compactdraft

# bench/README.md: the comparison tools are installed here, not in any extra, so only `make bench` pulls them
bench: $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check redlines 'python-redlines[docxodus]' fast-diff-match-patch
	$(BIN)/python -m compileall -q compactdraft
	$(BIN)/python -m bench.run

clean:
	rm -rf build $(OUT) .pytest_cache .hypothesis

distclean: clean
	rm -rf $(VENV) *.egg-info

include build.mk
