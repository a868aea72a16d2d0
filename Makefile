# integration-api — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPOSE ?= docker compose

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-22s %s\n", $$1, $$2}'

.PHONY: install
install: $(STAMP) ## Create .venv and install the service with its dev tools

.PHONY: run
run: $(STAMP) ## Serve REST + gRPC on :9004 (SQLite file and in-process cache; nothing else needed)
	$(BIN)/integration-api serve

.PHONY: migrate
migrate: $(STAMP) ## Apply database migrations (INTEGRATION_API_DATABASE_URL or the SQLite default)
	$(BIN)/integration-api migrate

.PHONY: lint
lint: $(STAMP) ## ruff (lint + format check), mypy --strict, import-linter contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict -p integration_api
	$(BIN)/lint-imports

.PHONY: test
test: $(STAMP) lint ## Lint, then the whole suite against a PostgreSQL and a Redis it starts itself
	tools/run_tests.sh

.PHONY: proto
proto: $(STAMP) ## Regenerate Python code from proto/integration/v1/*.proto
	tools/gen_proto.sh

.PHONY: bench
bench: $(STAMP) ## Overhead benchmarks against the direct-to-upstream baseline
	$(BIN)/python -m benchmarks

.PHONY: bench-quick
bench-quick: $(STAMP) ## Headline overhead ratios in under a minute (for development)
	$(BIN)/python -m benchmarks --quick

.PHONY: up-integration
up-integration: ## docker compose: start integration-api with postgres:15 and redis:7
	$(COMPOSE) up -d --build

.PHONY: logs-integration
logs-integration: ## docker compose: follow the integration-api logs
	$(COMPOSE) logs -f integration-api

.PHONY: rebuild-integration
rebuild-integration: ## docker compose: rebuild and restart integration-api only
	$(COMPOSE) up -d --build --force-recreate integration-api

.PHONY: down-integration
down-integration: ## docker compose: stop and remove the stack
	$(COMPOSE) down
