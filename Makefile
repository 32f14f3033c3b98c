# Erfaringsbanken – two commands on a fresh machine:
#   make site   -> virtual environment with pinned dependencies, validate all cases, build site/
#   make test   -> the same set-up (plus Chromium when missing), then all tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve validate test chromium java schema clean bench lighthouse properdocs

$(STAMP): requirements.txt requirements-dev.txt requirements-nodeps.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# ProperDocs, the maintained fork of MkDocs 1.x, in its own environment without MkDocs (engine
# insurance: tests/engine/test_properdocs.py builds the site with it and compares). --no-deps because
# Material declares a dependency on mkdocs, which this environment must not have.
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed

$(PD_STAMP): requirements-properdocs.txt pyproject.toml
	rm -rf $(PD_VENV)
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.txt
	$(PD_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

properdocs: $(PD_STAMP)

# The editing form at /rediger/ needs Decap CMS from npm; without npm the site builds and the form
# page says how to get it.
NODE_DEPS := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)

site: $(STAMP) $(NODE_DEPS)
	$(BIN)/python -m builder build

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

validate: $(STAMP)
	$(BIN)/python -m builder validate

schema: $(STAMP)
	$(BIN)/python -m builder schema

# Browser tests use Debian's chromium; CHROMIUM_PATH points them at another Chromium build instead.
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then echo sudo; fi)
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; then :; else \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

java:
	@command -v java >/dev/null 2>&1 || { echo "Installing a Java runtime for the HTML checker"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; }

test: $(STAMP) $(PD_STAMP) chromium java node_modules/.installed
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Lighthouse scores of site/ for docs/quality.md (a measurement, not a test)
lighthouse: site chromium node_modules/.installed
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .cache $(PD_VENV)
