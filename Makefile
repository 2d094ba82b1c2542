# Sổ Hội — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser test-fast test-spark setup lint fmt messages makemessages clean demo

setup: $(VENV)/.installed node_modules/.installed messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Vietnamese (and English) catalogues, compiled with Babel so no system gettext is needed.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -d sohoi/locale -D django

# Developers only: refresh the catalogue from the sources (needs GNU gettext).
makemessages:
	$(PY) manage.py makemessages -l vi -l en --no-obsolete -i node_modules -i .venv -i var

demo: setup
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py demo_logins
	@echo "Sổ Hội: http://$(HOST):$(PORT)/  (Ctrl+C stops the server and the worker)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

CHROMIUM ?= /usr/bin/chromium

# The whole suite. The browser tests need Debian's chromium (apt-get install chromium); the Spark test
# needs a Java runtime (apt-get install default-jre-headless) and the spark extra, installed here.
test: setup $(VENV)/.spark
	@if [ -x "$(CHROMIUM)" ]; then $(PY) -m pytest -m "not spark"; else \
	  echo "NOTE: $(CHROMIUM) is missing, so the browser tests are not run (apt-get install chromium)."; \
	  $(PY) -m pytest -m "not browser and not spark"; fi
	@$(MAKE) --no-print-directory test-spark

test-fast: setup
	$(PY) -m pytest -m "not browser and not spark"

test-browser: setup
	$(PY) -m pytest -m browser

# Splink on Spark in local mode: the same clusters as on DuckDB.
test-spark: setup $(VENV)/.spark
	@if command -v java >/dev/null; then $(PY) -m pytest -m spark; else \
	  echo "NOTE: no Java runtime, so the Spark test is not run (apt-get install default-jre-headless)."; fi

$(VENV)/.spark: $(VENV)/.installed
	$(VENV)/bin/pip install -q -e '.[dev,spark]'
	touch $@

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules var
