# The two commands of the README: `make run` and `make test`.
VENV := .venv
STYR := $(VENV)/bin/styr
PORT ?= 8000

.PHONY: run test lint bench messages

$(VENV)/bin/python:
	"$$(bin/find-python)" -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(VENV)/bin/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(STYR) migrate --noinput
	$(STYR) loaddemo --if-empty
	$(STYR) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	bin/test

# The habits CI keeps: ruff, mypy (django-stubs), the import-linter layers and deptry.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check styr bench conftest.py
	$(VENV)/bin/mypy styr
	$(VENV)/bin/lint-imports
	$(VENV)/bin/deptry .

# Every benchmark into bench/results/latest.json (PostgreSQL at BENCH_DATABASE_URL; about 15 minutes).
bench: $(VENV)/.installed-dev
	$(VENV)/bin/python bench/run.py

messages: $(VENV)/.installed
	cd styr && ../$(STYR) makemessages --locale sv --locale en --ignore 'tests/*' && ../$(STYR) compilemessages
