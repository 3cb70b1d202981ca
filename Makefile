# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
DEMO_USER := admin
DEMO_PASSWORD := govsite-demo

.PHONY: run install migrate demo serve test lint format lock bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -c constraints.txt -e '.[dev,bench]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo --port $(PORT) --admin-user $(DEMO_USER) --admin-password $(DEMO_PASSWORD)

run: demo
	@echo ""
	@echo "  GovSite demo cluster:  http://$(HOST):$(PORT)/   (other sites: see the footer's 站群导航)"
	@echo "  Admin:                 http://$(HOST):$(PORT)/admin/   login: $(DEMO_USER) / $(DEMO_PASSWORD)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@scripts/ensure-chromium.sh
	$(VENV)/bin/ruff check src tests bench
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf /tmp/govsite-lock && $(PYTHON) -m venv /tmp/govsite-lock
	/tmp/govsite-lock/bin/pip install -qq --upgrade pip
	/tmp/govsite-lock/bin/pip install -qq -e '.[dev,bench]'
	/tmp/govsite-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

bench: install
	$(PY) bench/serve_article.py
	$(PY) bench/inspector.py
	$(PY) bench/letters_load.py

clean:
	rm -rf $(VENV) var
