#!/bin/sh
# Two small git repositories of the demo team "Payments", for `make demo` to scan: an API with CI
# that runs tests, a Dockerfile on a tag and a CODEOWNERS file, and a service with no CI at all.
set -eu
root="$1"
rm -rf "$root"
commit() {
  git -C "$1" add -A
  git -C "$1" -c user.name=Demo -c user.email=demo@example.com -c commit.gpgsign=false \
    commit -q -m "$2"
}
mkdir -p "$root/payments-api/.github/workflows" "$root/payments-api/tests" "$root/payments-ledger"
git init -q -b main "$root/payments-api"
cat > "$root/payments-api/.github/workflows/ci.yml" <<'YAML'
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pytest -q
YAML
printf 'FROM python:3.12-slim\nCOPY . /app\n' > "$root/payments-api/Dockerfile"
printf '* @payments\n' > "$root/payments-api/CODEOWNERS"
printf 'def test_ok():\n    assert True\n' > "$root/payments-api/tests/test_api.py"
commit "$root/payments-api" "API with CI"
git init -q -b main "$root/payments-ledger"
printf 'ledger\n' > "$root/payments-ledger/README.md"
commit "$root/payments-ledger" "Ledger service"
