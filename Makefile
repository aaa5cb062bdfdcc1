# Signaalmonitor Wmo — alle stappen voor een nieuwe machine lopen via deze Makefile.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/signaalmonitor.duckdb
PORT ?= 8501

.DEFAULT_GOAL := help
.PHONY: help install demo dashboard test e2e lint bench bench-archief bench-groot bench-schaal clean image

help: ## Toon de beschikbare opdrachten
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.geinstalleerd: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

install: $(BIN)/.geinstalleerd ## Maak .venv en installeer het project met ontwikkelhulpmiddelen

demo: install ## Genereer de demoregio, laad en bereken alles, en start het dashboard
	$(BIN)/signaalmonitor demo --db $(DB)
	$(BIN)/signaalmonitor dashboard --db $(DB) --port $(PORT)

dashboard: install ## Start alleen het dashboard op de bestaande database
	$(BIN)/signaalmonitor dashboard --db $(DB) --port $(PORT)

lint: install ## ruff, architectuurregels (import-linter), mypy en sqlfluff
	$(BIN)/ruff check pipelines dashboard bench tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/sqlfluff lint sql --processes 0

test: install ## Alle tests: lint, architectuurregels, mypy, sqlfluff, pytest en de browsertests (installeert Chromium zo nodig)
	$(BIN)/ruff check pipelines dashboard bench tests
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/sqlfluff lint sql --processes 0
	bash tests/e2e/installeer_chromium.sh
	$(BIN)/python -m pytest -m "not e2e" -n auto --dist loadfile
	$(BIN)/python -m pytest -m e2e

e2e: install ## Alleen de browsertests in Chromium
	bash tests/e2e/installeer_chromium.sh
	$(BIN)/python -m pytest -m e2e

bench: install ## Meet laadsnelheid, rekentijd, detectiekwaliteit en dashboardsnelheid (docs/)
	$(BIN)/python -m bench

clean: ## Verwijder .venv, gegenereerde demodata en de database
	rm -rf $(VENV) data/demo/bron data/demo/*.csv $(DB) $(DB).wal

bench-archief: install ## Archieftest: de demoregio als 72.000 iWmo-berichten (zip) naast de CSV-tweeling
	$(BIN)/python -m bench --archief

bench-groot: install ## Schaaltest: de demoregio tien keer (2 miljoen declaratieregels)
	$(BIN)/python -m bench --schaal 10

# MATEN=1M,5M for fewer sizes; WERKMAP=/pad for the generated files and databases (40M lines:
# ~45 GB free: at 20M the CSV files took 3,0 GB and the database 18,4 GB after the extra month,
# measured before the speed-up of 30-11; at 5M now 0,8 GB files and a 2,8 GB database).
bench-schaal: install ## Landelijke schaal: 1M/5M/20M/40M regels, ingest, run, extra maand, pandas (docs/benchmarks.md)
	$(BIN)/python -m bench --schaal-reeks $(if $(MATEN),--maten $(MATEN)) $(if $(WERKMAP),--werkmap $(WERKMAP))

image: ## Bouw het Docker-image signaalmonitor-wmo (alleen waar docker is; geen onderdeel van de tests)
	docker build -t signaalmonitor-wmo .
