#!/usr/bin/env bash
# Regenerates the browser screenshots in docs/img from the browser test run itself
# (tests/render/test_browser.py): the pictures are what the tests saw.
set -eu
cd "$(dirname "$0")/../.."
UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests/render/test_browser.py
