# diplolib — every target sets up what it needs on a fresh machine (idempotent).
#   make lab     set up, then JupyterLab on the notebooks (prints its URL with the token);
#                options pass through LAB_ARGS, e.g. make lab LAB_ARGS="--no-browser --port 8899 --ip 0.0.0.0"
#   make report  set up, execute every notebook headless, HTML copies in reports/ (REPORT_DIR)
#   make test    set up, then unit tests + nbval on every notebook + real-browser check
#   make eval    score the pipeline on the development set ../shared/devset (when present)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.diplolib-installed
LAB_ARGS ?=
REPORT_DIR ?= reports
# JupyterLab refuses to start as root (containers, CI) unless told --allow-root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: setup lab report test test-unit test-notebooks test-browser lint bench clean-cache eval

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# torch first, from the local CPU wheel: stanza's torch requirement is then met by it
	$(PY) -m pip install --disable-pip-version-check -q torch==2.13.0
	$(PY) -m pip install --disable-pip-version-check -q -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(PY) -m jupyter lab $(AS_ROOT) $(LAB_ARGS) notebooks/

report: setup
	$(PY) -m diplolib.report --out $(REPORT_DIR)

lint: setup
	$(PY) -m ruff check diplolib tests bench conftest.py

test-unit: setup
	$(PY) -m pytest -q tests -m "not browser"

test-notebooks: setup
	$(PY) -m pytest -q --nbval --nbval-current-env notebooks/

test-browser: setup
	$(PY) -m pytest -q tests -m browser

test: lint test-unit test-notebooks test-browser

bench: setup
	$(PY) bench/annotate.py

DEVSET := ../shared/devset

eval: setup
	@if [ -d $(DEVSET)/articles ]; then \
		echo "== texts only: $(PY) -m diplolib evaluate $(DEVSET) --json --cache .eval-cache"; \
		$(PY) -m diplolib evaluate $(DEVSET) --json --cache .eval-cache && \
		echo "== with the stated publication dates as metadata (--with-metadata)" && \
		$(PY) -m diplolib evaluate $(DEVSET) --json --cache .eval-cache --with-metadata; \
	else \
		echo "make eval: no development set at $(DEVSET) (expected $(DEVSET)/articles/); nothing to evaluate."; \
		echo "Score your own hand-coded sample with: $(PY) -m diplolib evaluate GOLD_DIR (see docs/validation.md)"; \
	fi
