# Tori — two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in e-mails, feeds and the API point at: the one `make run` serves on.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install run test lint format bench screenshots messages serve-production worker notices clean

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements/constraints.txt ".[dev]"
	touch $(STAMP)

install: $(STAMP)  ## create or update .venv with the dev extras

run: install  ## install, migrate, load the demo content and serve on http://$(HOST):$(PORT) (127.0.0.1:8000)
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py migrate --noinput
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py seed_demo
	DEBUG=1 SITE_URL=$(SITE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: install  ## run the whole suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install  ## ruff, djhtml, the import contracts and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(git ls-files '*.html')
	$(VENV)/bin/lint-imports --no-cache
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(git ls-files '*.html')

messages: install  ## extract and compile the fi/sv catalogues of every app
	for app in marketplace partners cms ideas search; do \
	  (cd $$app && DEBUG=1 ../$(PY) ../manage.py makemessages -l fi -l sv --no-obsolete --ignore 'migrations/*') ; \
	done
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv'

bench: install  ## benchmark report in var/bench/
	$(PY) -m tests.bench

screenshots: install  ## full-page PNGs of every public page type (fi/sv/en, 1280/390 px) in var/screenshots/
	$(PY) -m tests.screenshots

serve-production: install  ## production server: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL first
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn marketplace.site.wsgi --workers 2 --limit-request-line 8190 --bind $(HOST):$(PORT)

worker: install  ## run queued tasks (TASKS_BACKEND=django_tasks_db.DatabaseBackend): notice e-mails, indexing
	$(PY) manage.py db_worker

notices: install  ## retry failed notice e-mails and send due digests (cron or a timer runs it every 10 minutes)
	$(PY) manage.py send_notices

clean:
	rm -rf $(VENV) var
