# The newsroom's two commands: `make run` and `make test`. Everything installs from this
# repository's own files (pyproject.toml, uv.lock, package.json).

SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := python$(PYTHON_VERSION) -m uv
endif
RUN := $(UV) run --frozen
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_RELEASES ?= 300

.PHONY: run test install messages uv env browser-deps lint format check audit serve clean lighthouse

# uv comes from PyPI through pip when the machine has none.
uv:
	@command -v uv >/dev/null 2>&1 || python$(PYTHON_VERSION) -m uv --version >/dev/null 2>&1 \
	  || python$(PYTHON_VERSION) -m pip install --quiet --disable-pip-version-check uv

env:
	@test -f .env || cp .env.example .env

install: uv env
	@$(UV) sync --frozen --quiet
	@$(MAKE) --no-print-directory messages

# The interface's catalogues (locale/*/LC_MESSAGES/django.po) are compiled here, never committed;
# msgfmt comes from Debian's gettext, installed like Chromium when it is missing.
messages: env
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "gettext is missing: run 'sudo apt-get install -y gettext'"; exit 1; fi; }
	@$(RUN) python manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null

run: install
	$(RUN) python manage.py migrate --no-input
	$(RUN) python manage.py import_releases tests/data/legacy
	$(RUN) python manage.py import_releases tests/data/legacy-ru --language ru
	$(RUN) python manage.py seed_demo --releases $(DEMO_RELEASES) --if-empty
	@# Email alerts: a Celery worker (with beat) alongside the server when CELERY_BROKER_URL is
	@# set and answers; otherwise their tasks run in-process, and the command says so.
	@if $(RUN) python manage.py alerts_queue --check; then \
	  $(RUN) celery -A alerts.worker worker --beat --concurrency=1 --loglevel=INFO & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT; \
	  $(RUN) python manage.py runserver $(HOST):$(PORT); \
	else \
	  $(RUN) python manage.py runserver $(HOST):$(PORT); \
	fi

# Browser tests drive Debian's Chromium (never a downloaded browser) and the Nu Html Checker
# (vnu-jar from npm, run by Java).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium'"; exit 1; fi; }
	@# tests/deploy runs deploy/nginx.conf in Debian's nginx in front of the live server.
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  else echo "nginx is missing: run 'sudo apt-get install -y nginx-light'"; exit 1; fi; }
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --silent --no-audit --no-fund

test: install browser-deps
	$(RUN) pytest $(PYTEST_ARGS)

lint:
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

format:
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

# The deployment checklist runs with production settings: debug off, no .env, a throwaway key.
check:
	$(RUN) python manage.py check
	$(RUN) python manage.py makemigrations --check --dry-run
	env DJANGO_DEBUG=0 DJANGO_ENV_FILE=/dev/null DJANGO_ALLOWED_HOSTS=newsroom.example.org \
	  DJANGO_SECRET_KEY="$$($(RUN) python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(RUN) python manage.py check --deploy --fail-level WARNING

# Lighthouse on home, listing and release pages in English and Russian, phone and desktop,
# against a running site (BASE, default http://127.0.0.1:8000): fails under 95.
lighthouse: browser-deps
	BASE="$(or $(BASE),http://127.0.0.1:8000)" bash bench/lighthouse.sh

# Known vulnerabilities in the locked dependencies (see .ci/audit).
audit: install
	UV="$(UV)" bash .ci/audit

clean:
	rm -rf .venv node_modules staticfiles .pytest_cache
