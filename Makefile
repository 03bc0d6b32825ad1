# Amane: `make run` serves a demo on http://127.0.0.1:8000, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system-packages translations geography demo serve lint typecheck pytest pytest-sqlite pytest-postgres bench mutation clean

run: setup geography demo
	@cat var/demo-logins.txt
	@echo "Amane is serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/gunicorn amane.wsgi:application --bind $(HOST):$(PORT) --workers 2 --threads 4 \
		--timeout 60 --graceful-timeout 10 --log-level warning

test: setup lint typecheck pytest

setup: system-packages $(STAMP) translations
	$(BIN)/amane migrate --no-input -v 0
	$(BIN)/amane collectstatic --no-input -v 0

# Debian packages: gettext compiles the translations, Chromium drives the browser tests.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	command -v $(PYTHON) >/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed"; exit 1; }
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

translations: $(STAMP)
	@cd amane && ../$(BIN)/amane compilemessages -v 0 --ignore '.venv'

geography: setup
	$(BIN)/amane import-geography

demo: setup
	$(BIN)/amane demo --if-empty

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy amane bench

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: $(STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q

pytest-postgres: $(STAMP)
	@bash .ci/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"

bench: $(STAMP)
	$(BIN)/python bench/locate.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/map_api.py

# Mutation testing of the pure modules (minutes; not part of `make test`): a table per module.
mutation: $(STAMP)
	nice -n 10 $(BIN)/python bench/mutation.py --children 2

clean:
	rm -rf $(VENV) var build mutants *.egg-info
