# Lantern: `make run` sets up and runs everything; `make test` sets up and runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
RASA_VENV := .venv-rasa
RASA_VERSION := 3.6.21
RASA_SDK_VERSION := 3.6.2
# The Rasa engine's environment depends only on its lock file, so it is built once per lock file
# in a shared cache and linked into each checkout.
RASA_LOCK_HASH := $(shell sha256sum requirements/rasa.lock | cut -c1-12)
RASA_ENV_CACHE := $(HOME)/.cache/lantern/venvs/rasa-$(RASA_VERSION)-$(RASA_LOCK_HASH)
LANTERN := $(VENV)/bin/lantern

.PHONY: setup run test test-unit test-integration test-browser lint bench nlu-eval catalogs model browser clean audit

setup: $(VENV)/.installed $(RASA_VENV)/.installed catalogs var/.migrated

$(VENV)/.installed: pyproject.toml requirements/app.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -c requirements/app.lock -e '.[dev]'
	touch $@

# No prerequisites: the folder's name carries the lock file's hash, so a stamp there is never stale.
# The stamp is written last, so a half-built folder is rebuilt.
$(RASA_ENV_CACHE)/.installed:
	rm -rf $(RASA_ENV_CACHE)
	$(PYTHON) -m venv $(RASA_ENV_CACHE)
	$(RASA_ENV_CACHE)/bin/pip install -q --upgrade pip
	$(RASA_ENV_CACHE)/bin/pip install -q --no-deps -r requirements/rasa.lock
	# Rasa 3.6 declares Python <3.11 but runs on 3.11 with the locked requirements above.
	$(RASA_ENV_CACHE)/bin/pip install -q --no-deps --ignore-requires-python rasa==$(RASA_VERSION) rasa-sdk==$(RASA_SDK_VERSION)
	touch $@

$(RASA_VENV)/.installed: $(RASA_ENV_CACHE)/.installed
	rm -rf $(RASA_VENV)
	ln -s $(RASA_ENV_CACHE) $(RASA_VENV)

catalogs: $(VENV)/.installed
	$(LANTERN) i18n compile

var/.migrated: $(VENV)/.installed $(wildcard gateway/migrations/versions/*.py)
	$(LANTERN) migrate
	touch $@

model: setup
	$(LANTERN) train

run: setup model
	$(LANTERN) run

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup browser model lint
	$(VENV)/bin/pytest -q

test-unit: setup
	$(VENV)/bin/pytest -q tests/unit

bench: setup model
	$(VENV)/bin/python scripts/bench.py

clean:
	rm -rf var $(VENV) $(RASA_VENV)

nlu-eval: setup
	$(LANTERN) nlu-eval

# Known vulnerabilities in both environments' locked packages. Needs PyPI's JSON API (not reachable
# from the build machines, so it is not part of `make test`).
audit: $(VENV)/.installed
	$(VENV)/bin/pip-audit --progress-spinner off --no-deps -r requirements/app.lock
	$(VENV)/bin/pip-audit --progress-spinner off --no-deps -r requirements/rasa.lock
