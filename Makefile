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

# Sample assessments, a scan of two sample repositories into the team Payments (its report shows
# "Claims to check"), then a gap report of each team's latest one in demo-assessments/reports/,
# rendered by as many processes as the machine has cores (JOBS=1 for one at a time).
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
demo: $(STAMP)
	$(BIN)/assess demo --out demo-assessments
	@mkdir -p demo-assessments/reports
	sh scripts/demo-repos.sh demo-repositories
	$(BIN)/assess scan demo-repositories/payments-api demo-repositories/payments-ledger \
	  --team Payments --dir demo-assessments > /dev/null
	@for team in demo-assessments/*/; do \
	  latest=$$(ls "$$team"*.json 2>/dev/null | grep -v '\.roadmap\.json$$' | sort | tail -n 1); \
	  [ -n "$$latest" ] || continue; \
	  printf '%s\0%s\0' "$$latest" \
	    "demo-assessments/reports/$$(basename "$$team")-$$(basename "$$latest" .json).pdf"; \
	done | xargs -0 -n 2 -P $(JOBS) sh -c '"$$0" report --force "$$1" -o "$$2"' $(BIN)/assess
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
	rm -rf $(VENV) demo-assessments demo-repositories
