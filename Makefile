# Amane: `make run` serves a demo on http://127.0.0.1:8000, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PROJECT_HASH := $(shell cat pyproject.toml | sha1sum | cut -c1-12)
# What running needs (make run), and what checking needs on top (make test): two stamps.
STAMP := $(VENV)/.installed-run-$(PROJECT_HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(PROJECT_HASH)
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system-packages test-packages translations geography demo serve lint typecheck pytest pytest-sqlite pytest-postgres bench mutation clean

run: setup geography demo
	@cat var/demo-logins.txt
	@echo "Amane is serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@# The task consumer (escalations every 15 minutes) runs beside the server and stops with it.
	$(BIN)/amane run_huey --quiet & consumer=$$!; \
	trap 'kill $$consumer 2>/dev/null; wait $$consumer' EXIT; \
	HOST=$(HOST) PORT=$(PORT) MALLOC_ARENA_MAX=2 $(BIN)/gunicorn -c gunicorn.conf.py amane.wsgi:application

test: setup test-packages lint typecheck pytest

setup: system-packages $(STAMP) translations
	$(BIN)/amane migrate --no-input -v 0
	$(BIN)/amane collectstatic --no-input -v 0

# Debian packages that running needs: gettext compiles the translations; Pango and an Arabic
# font let WeasyPrint print the directory of numbers with Arabic shaped and joined.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v $(PYTHON) >/dev/null || missing="$$missing python3-venv"; \
	dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0"; \
	dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpangoft2-1.0-0"; \
	dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# What the checks need on top: Debian's Chromium for the browser tests (driven by Playwright,
# from the dev extras; no browser download), ruff, mypy, pytest.
test-packages: system-packages $(DEV_STAMP)
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed"; exit 1; }
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@rm -f $(VENV)/.installed-run-*
	@touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-dev-*
	@touch $@

translations: $(STAMP)
	@cd amane && ../$(BIN)/amane compilemessages -v 0 --ignore '.venv'

geography: setup
	$(BIN)/amane import-geography

demo: setup
	# Units first: each demo report is routed as it is filed.
	$(BIN)/amane import-units --with-demo
	$(BIN)/amane demo --if-empty

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy amane bench gunicorn.conf.py

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: $(DEV_STAMP)
	env -u DATABASE_URL $(BIN)/pytest -q

pytest-postgres: $(DEV_STAMP)
	@bash .ci/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m "not browser"

# Every script in bench/ but mutation testing (its own target), each printing its table.
bench: $(DEV_STAMP)
	@for script in bench/*.py; do \
		case $$script in bench/__init__.py|bench/mutation.py|bench/_*) continue;; esac; \
		echo "== $$script"; nice -n 10 $(BIN)/python $$script || exit 1; \
	done

# Mutation testing of the pure modules (minutes; not part of `make test`): a table per module.
mutation: $(DEV_STAMP)
	nice -n 10 $(BIN)/python bench/mutation.py --children 2

clean:
	rm -rf $(VENV) var build mutants *.egg-info
