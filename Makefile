# The two commands of the README: `make demo` (the API on the sample city) and `make test`.
# Everything they need is installed here, from nothing but Python 3.11, Java 17 and Maven.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SECRET_FILE := .gridwork/secret

.PHONY: install demo test lint neo4j-start neo4j-stop bench bench-parts schema

$(BIN)/gridwork: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is needed, found " + sys.version)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/gridwork

$(SECRET_FILE):
	@mkdir -p $(dir $@)
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(48))' > $@

# The API on the sample city, at http://127.0.0.1:8000/graphql, with a CITY_ADMIN token printed for GraphiQL.
demo: install $(SECRET_FILE)
	@$(BIN)/gridwork graphiql || echo "GraphiQL will load its files from unpkg."
	$(BIN)/gridwork neo4j start
	$(BIN)/gridwork load seeds/sample_city
	@echo "A CITY_ADMIN token for GraphiQL's headers: {\"Authorization\": \"Bearer <token>\"}"
	@GRIDWORK_SECRET=$$(cat $(SECRET_FILE)) $(BIN)/gridwork token --role CITY_ADMIN
	GRIDWORK_SECRET=$$(cat $(SECRET_FILE)) $(BIN)/gridwork serve

# Lint, types, then the whole suite against a real Neo4j that the suite starts and stops itself.
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

schema: install
	$(BIN)/strawberry export-schema schema.root:SCHEMA > schema.graphql

neo4j-start: install
	$(BIN)/gridwork neo4j start

neo4j-stop: install
	$(BIN)/gridwork neo4j stop

# The API beside hand-written Cypher and @neo4j/graphql, table in docs/bench.md (QUICK=1: a short run).
bench: install
	$(BIN)/gridwork bench $(if $(QUICK),--quick)

# The smaller benchmarks: Neo4j's start times, what nested queries cost, imports of 100,000 people.
bench-parts: install
	$(BIN)/python -m bench.neo4j_start
	$(BIN)/python -m bench.query_cost
	$(BIN)/python -m bench.import_scale
