# Every target creates .venv when it is missing, so each is one command on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/assess

# Sample assessments, then a gap report of each team's latest one in demo-assessments/reports/.
demo: $(STAMP)
	$(BIN)/assess demo --out demo-assessments
	@mkdir -p demo-assessments/reports
	@for team in demo-assessments/*/; do \
	  latest=$$(ls "$$team"*.json 2>/dev/null | sort | tail -n 1); \
	  [ -n "$$latest" ] || continue; \
	  $(BIN)/assess report --force "$$latest" \
	    -o "demo-assessments/reports/$$(basename "$$team")-$$(basename "$$latest" .json).pdf" \
	    || exit 1; \
	done
	$(BIN)/assess compare demo-assessments --force -o demo-assessments/comparison.pdf

lint: $(TEST_STAMP)
	$(BIN)/ruff check assess tests benchmarks
	$(BIN)/ruff format --check assess tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -q

bench: $(TEST_STAMP)
	@for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) demo-assessments
