"""Every bundled detection rule finds what it is meant to find in a small repository."""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from assess.bundled import questionnaires_dir
from assess.domain.questionnaire import Questionnaire
from assess.files.questionnaires import load_questionnaire
from assess.scan.engine import rules_of, scan
from tests.scan.repos import make_repo

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

WORKFLOW = """\
name: ci
on: [push, pull_request]
permissions:
  id-token: write
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@0123456789abcdef0123456789abcdef01234567
      - uses: github/codeql-action/init@0123456789abcdef0123456789abcdef01234567
      - run: pytest -q
      - run: terraform plan -detailed-exitcode
      - run: checkov -d infra
      - run: trivy image app:latest
      - run: syft . -o cyclonedx-json
      - run: cosign sign app
      - run: gitleaks detect
      - run: zizmor .github/workflows
"""

DOCKERFILE = """\
FROM python:3.12-slim@sha256:{digest}
USER 10001
""".format(digest="a" * 64)

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: app
          resources:
            limits:
              cpu: 1
          readinessProbe:
            httpGet: {path: /ready}
"""

NIGHTLY = """\
on:
  schedule:
    - cron: "0 3 * * *"
jobs:
  n:
    steps:
      - uses: actions/checkout@0123456789abcdef0123456789abcdef01234567
"""

EVERYTHING: dict[str, str | bytes] = {
    ".github/workflows/ci.yml": WORKFLOW,
    "tests/test_app.py": "def test_ok():\n    assert True\n",
    "pytest.ini": "[pytest]\n",
    "infra/main.tf": 'resource "null_resource" "x" {}\n',
    "infra/.terraform.lock.hcl": "# lock\n",
    "stack.yaml": "AWSTemplateFormatVersion: '2010-09-09'\n",
    "atlantis.yaml": "version: 3\n",
    "policy/deny.rego": "package main\n",
    "Dockerfile": DOCKERFILE,
    "build/app.Dockerfile": "FROM golang:1.22\n",
    "deploy/deployment.yaml": DEPLOYMENT,
    "chart/Chart.yaml": "name: app\n",
    "deploy/kustomization.yaml": "resources: []\n",
    "deploy/argo.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\n",
    "deploy/kyverno.yaml": "kind: ClusterPolicy\n",
    "deploy/rollout.yaml": "kind: Rollout\n",
    "deploy/cron.yaml": "kind: CronJob\n",
    "migrations/001_init.sql": "create table x();\n",
    "requirements.txt": "opentelemetry-sdk\nmlflow\ngreat-expectations\nevidently\nshap\n"
    "fairlearn\nopenlineage-python\n",
    "monitoring/rules.yaml": "groups:\n  - rules:\n      - alert: HighErrors\n"
    "        annotations:\n          runbook_url: https://runbooks/x\n",
    "slo/api.yaml": "apiVersion: openslo/v1\nkind: SLO\n",
    ".semgrep.yml": "rules: []\n",
    ".gitleaks.toml": "[allowlist]\n",
    "poetry.lock": "# lock\n",
    "bom.cdx.json": '{"bomFormat": "CycloneDX"}\n',
    ".github/workflows/nightly.yml": NIGHTLY,
    "SECURITY.md": "Report to security@example.com\n",
    ".github/dependabot.yml": "version: 2\n",
    "renovate.json": '{"automerge": true}\n',
    ".github/CODEOWNERS": "* @team\n",
    "runbooks/restart.md": "# Restart\n",
    ".github/ISSUE_TEMPLATE/incident.md": "incident\n",
    "postmortems/2026-10-01.md": "# Outage\n",
    ".dvc/config": "[core]\n    remote = store\n",
    "dvc.lock": "schema: '2.0'\n",
    "data/raw.csv.dvc": "outs:\n- md5: 1\n",
    ".gitattributes": "*.bin filter=lfs diff=lfs merge=lfs -text\n",
    "dvc.yaml": "artifacts:\n  m:\n    path: model.pkl\n    type: model\n"
    "stages:\n  train:\n    cmd: python train.py\n",
    "gx/great_expectations.yml": "config_version: 3\n",
    "train.py": "import mlflow\nmlflow.autolog()\nmlflow.register_model('runs:/1/m', 'm')\n",
    "models/model.onnx": "not really a model\n",
    "serving/isvc.yaml": "kind: InferenceService\n",
    "bentofile.yaml": 'service: "service:Classifier"\n',
    "triton/m/config.pbtxt": 'name: "m"\nplatform: "onnxruntime_onnx"\n',
    ".tflint.hcl": 'plugin "aws" {\n  enabled = true\n}\n',
    "recipe.yaml": 'recipe: "regression/v1"\ntemplate: "regression/v1"\n',
    "locustfile.py": "from locust import HttpUser\n",
    "MODEL_CARD.md": "# Model card\n",
    "README.md": "---\nmodel-index:\n- name: m\n---\n",
    "features/feature_store.yaml": "project: shop\n",
    "setup.cfg": "[metadata]\nname = x\n",
}


@pytest.fixture(scope="module")
def model() -> Questionnaire:
    return load_questionnaire(questionnaires_dir() / "devops-mlops.yaml")


def test_every_bundled_file_rule_finds_its_sample(tmp_path: Path, model: Questionnaire) -> None:
    repo = make_repo(tmp_path / "all", EVERYTHING, when=datetime(2026, 11, 1, tzinfo=UTC))
    result = scan(model, [repo], NOW)
    found = {f.rule for findings in result.findings.values() for f in findings}
    file_rules = {ref.name for ref in rules_of(model) if ref.rule.files}
    # the unpinned build/app.Dockerfile keeps this one repository from the pinned share
    assert file_rules - found == {"dockerfile-pinned-non-root"}


def test_suggestions_of_the_bundled_rules(tmp_path: Path, model: Questionnaire) -> None:
    repo = make_repo(tmp_path / "all", EVERYTHING, when=datetime(2026, 11, 1, tzinfo=UTC))
    found = {f.rule: f for fs in scan(model, [repo], NOW).findings.values() for f in fs}
    assert found["ci-test-step"].suggests == "90-or-more"
    assert found["codeowners"].suggests == "90-or-more"
    assert found["dvc"].suggests is not None and found["dvc"].suggests.startswith(
        "a-versioning-tool"
    )
    # build/app.Dockerfile uses a tag without digest and no USER: the one repository fails
    assert "dockerfile-pinned-non-root" not in found
    assert [h.path for h in found["dockerfile-unpinned-base"].repositories[0].hits] == [
        "build/app.Dockerfile"
    ]
    assert found["actions-pinned"].suggests is None  # evidence only


def test_share_of_repositories_picks_the_band(tmp_path: Path, model: Questionnaire) -> None:
    tested = {".github/workflows/ci.yml": WORKFLOW}
    untested = {".github/workflows/ci.yml": "on: push\njobs: {}\n"}
    repos = [
        make_repo(tmp_path / "a", tested),
        make_repo(tmp_path / "b", tested),
        make_repo(tmp_path / "c", untested),
        make_repo(tmp_path / "d", {"README.md": "hi\n"}),
    ]
    found = {f.rule: f for fs in scan(model, repos, NOW).findings.values() for f in fs}
    # 2 of 4 repositories run tests in CI: 50% falls in the 50-89% band
    assert found["ci-test-step"].suggests == "half-or-more-but-under-90"
    assert found["ci-test-step"].summary == "ci-test-step: 2 matching files in 2 of 4 repositories"
    # 3 of 4 have a CI configuration at all (evidence only)
    assert found["ci-config"].suggests is None


def test_dockerfile_share_counts_only_repositories_with_a_dockerfile(
    tmp_path: Path, model: Questionnaire
) -> None:
    good = {"Dockerfile": DOCKERFILE}
    bad = {"Dockerfile": "FROM python:3.12\nUSER app\n"}
    root = {"Dockerfile": DOCKERFILE.replace("USER 10001", "USER root")}
    repos = [
        make_repo(tmp_path / "a", good),
        make_repo(tmp_path / "b", good),
        make_repo(tmp_path / "c", bad),
        make_repo(tmp_path / "d", root),
        make_repo(tmp_path / "e", {"main.tf": ""}),
    ]
    found = {f.rule: f for fs in scan(model, repos, NOW).findings.values() for f in fs}
    # 2 of the 4 repositories with a Dockerfile pin and run as non-root: 50%
    assert found["dockerfile-pinned-non-root"].suggests == "half-or-more-but-under-90"


def test_lookalikes_found_in_real_repositories_are_not_findings(
    tmp_path: Path, model: Questionnaire
) -> None:
    workflow = (
        "# SPDX-License-Identifier: Apache-2.0\n"
        "# Copyright The OpenTelemetry Authors\n"
        "name: Gradle wrapper validation\n"
        "jobs:\n  x:\n    steps:\n      - run: make check-clean-work-tree\n"
    )
    repo = make_repo(
        tmp_path / "r",
        {
            ".github/workflows/w.yml": workflow,
            ".github/workflows/checks.yml": "on: push\n",
            "package.json": '{"name": "opentelemetry-demo"}\n',
            "Dockerfile": "FROM --platform=$BUILDPLATFORM golang:1.22@sha256:"
            + "b" * 64
            + "\nFROM base AS test\nFROM ${BASE}\n",
        },
    )
    found = {f.rule for fs in scan(model, [repo], NOW).findings.values() for f in fs}
    lookalikes = {"ci-test-step", "sbom-step", "data-expectations", "opentelemetry"}
    assert found & {*lookalikes, "dockerfile-unpinned-base"} == set()


def _found(tmp_path: Path, model: Questionnaire, files: dict[str, str | bytes]) -> dict[str, Any]:
    repo = make_repo(tmp_path / "r", files)
    return {f.rule: f for fs in scan(model, [repo], NOW).findings.values() for f in fs}


def test_a_workflow_without_actions_does_not_break_the_pinned_rule(
    tmp_path: Path, model: Questionnaire
) -> None:
    # psf/requests pins every action by SHA, but close-issues.yml only runs a script: it uses no
    # action, and requiring a 'uses:' line in every workflow hid the finding.
    pinned = "steps:\n  - uses: actions/checkout@" + "c" * 40 + "\n"
    files: dict[str, str | bytes] = {
        ".github/workflows/ci.yml": pinned,
        ".github/workflows/close.yml": "steps:\n  - run: gh issue close 1\n",
    }
    assert "actions-pinned" in _found(tmp_path / "a", model, files)
    files[".github/workflows/lint.yml"] = "steps:\n  - uses: actions/setup-python@v5\n"
    assert "actions-pinned" not in _found(tmp_path / "b", model, files)


@pytest.mark.parametrize(
    ("command", "runs_tests"),
    [
        ("make run-telemetry-tests", True),  # open-telemetry/opentelemetry-demo
        ("make test-unit", True),
        ("dotnet test src/cart/tests", True),
        ("make ci", True),
        ("make lint-check", False),
        ("make build-ci-image", False),
        ("make check-clean-work-tree", False),
    ],
)
def test_test_step_commands(
    tmp_path: Path, model: Questionnaire, command: str, runs_tests: bool
) -> None:
    found = _found(tmp_path, model, {".github/workflows/t.yml": f"steps:\n  - run: {command}\n"})
    assert ("ci-test-step" in found) is runs_tests


def test_iac_linting_is_not_a_security_scan(tmp_path: Path, model: Questionnaire) -> None:
    # terraform-aws-modules/terraform-aws-s3-bucket runs tflint and terraform validate through
    # pre-commit: form checks, which were reported as a policy scan.
    hooks = "repos:\n  - hooks:\n      - id: terraform_fmt\n      - id: terraform_tflint\n"
    hooks += "      - id: terraform_validate\n"
    workflow = "steps:\n  - uses: clowdhaus/terraform-composite-actions/pre-commit@v1\n"
    workflow += "    with:\n      tflint-version: v0.53.0\n"
    found = _found(
        tmp_path / "a",
        model,
        {".pre-commit-config.yaml": hooks, ".github/workflows/pre-commit.yml": workflow},
    )
    assert "iac-lint-step" in found
    assert "policy-scan-step" not in found
    scanned = hooks + "      - id: terraform_checkov\n"
    assert "policy-scan-step" in _found(tmp_path / "b", model, {".pre-commit-config.yaml": scanned})
    # bitnami/charts scans every chart with kubescape in CI
    kubescape = "steps:\n  - run: kubescape scan framework nsa chart/\n"
    found = _found(tmp_path / "c", model, {".github/workflows/ci.yml": kubescape})
    assert "policy-scan-step" in found


def test_helm_chart_lock_is_a_lock_file(tmp_path: Path, model: Questionnaire) -> None:
    found = _found(tmp_path, model, {"charts/app/Chart.lock": "dependencies: []\n"})
    assert "lock-files" in found


def test_serving_patterns_stay_in_their_own_files(tmp_path: Path, model: Questionnaire) -> None:
    # 'platform: "..."' and 'service: ...' are Triton's and BentoML's keys, but common in any
    # YAML (Compose platforms, Helm values): only bentofile.yaml and config.pbtxt are read for them.
    files: dict[str, str | bytes] = {
        "compose.yaml": 'services:\n  app:\n    platform: "linux/amd64"\n',
        "values.yaml": "service: ClusterIP\n",
    }
    found = _found(tmp_path, model, files)
    assert found.keys() & {"serving-manifests", "bentoml-service", "triton-model-config"} == set()


def test_pypi_attestations_are_provenance(tmp_path: Path, model: Questionnaire) -> None:
    # psf/requests publishes with pypa/gh-action-pypi-publish and 'attestations: true'
    publish = "steps:\n  - uses: pypa/gh-action-pypi-publish@" + "d" * 40 + "\n"
    publish += "    with:\n      attestations: true\n"
    found = _found(tmp_path, model, {".github/workflows/publish.yml": publish})
    assert "signing-provenance" in found
    off: dict[str, str | bytes] = {
        ".github/workflows/publish.yml": publish.replace("true", "false")
    }
    assert "signing-provenance" not in _found(tmp_path / "off", model, off)
