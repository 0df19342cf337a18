"""`assess scan`: what a team's repositories show about the model's questions."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.app import cli, load_with_questionnaire, questionnaires_option
from assess.errors import AssessError
from assess.safe_text import visible as _visible

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.questionnaire import Questionnaire
    from assess.scan.engine import ScanResult


@cli.command("scan")
@questionnaires_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--assessment",
    "assessment_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the findings into this assessment as evidence per question.",
)
@click.option("--team", help="Write the findings into this team's latest assessment.")
@click.option(
    "--dir",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    help="Assessments folder for --team (default ./assessments, or $ASSESS_DIR).",
)
@click.option(
    "--questionnaire",
    "questionnaire_ref",
    help="Questionnaire id or YAML path, when no assessment is given (default: the bundled one).",
)
@click.option(
    "--history-until",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="End of the 90 days the history figures cover (default: today), e.g. a snapshot's date.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def scan_command(
    questionnaire_dirs: tuple[Path, ...],
    paths: tuple[Path, ...],
    assessment_file: Path | None,
    team: str | None,
    root: Path | None,
    questionnaire_ref: str | None,
    history_until: datetime | None,
    fmt: str,
) -> None:
    """Scan a team's git checkouts (read only, offline) for evidence per question.

    Several repositories of one team are scanned together. With --assessment or --team, the
    findings are saved into the assessment; otherwise they are printed.
    """
    from assess.files.assessments import save_assessment
    from assess.files.questionnaires import find_questionnaire
    from assess.scan.engine import scan

    if assessment_file and team:
        raise click.UsageError("give --assessment or --team, not both")
    if questionnaire_ref and (assessment_file or team):
        raise click.UsageError("--questionnaire is for printing; an assessment names its own")
    target = assessment_file or (_latest_of(team, root) if team else None)
    assessment = None
    if target is not None:
        assessment, questionnaire = load_with_questionnaire(target, questionnaire_dirs)
    else:
        questionnaire = find_questionnaire(questionnaire_ref, list(questionnaire_dirs))
    if not any(True for _, q in questionnaire.questions() if _has_rules(q)):
        raise AssessError(f"questionnaire '{questionnaire.id}' has no detection rules to run")
    now = datetime.now(UTC).replace(microsecond=0)
    until = history_until.replace(hour=23, minute=59, tzinfo=UTC) if history_until else None
    result = scan(questionnaire, list(paths), now, history_until=until)
    if fmt == "json":
        click.echo(_as_json(result, now))
    else:
        _print_table(questionnaire, result)
    if assessment is not None and target is not None:
        save_assessment(_recorded(assessment, result, now), target)
        count = sum(len(found) for found in result.findings.values())
        click.echo(f"saved {count} findings into {target}", err=fmt == "json")


def _has_rules(question: object) -> bool:
    return bool(getattr(question, "detect", None)) or any(
        choice.detect for choice in getattr(question, "choices", [])
    )


def _latest_of(team: str, root: Path | None) -> Path:
    from assess.domain.assessment import normal_team
    from assess.files.assessments import default_root
    from assess.files.assessments import scan as stored

    folder = root or default_root()
    team = normal_team(team)
    mine = [
        (found.date, found.updated, path)
        for path, found in stored(folder)
        if not isinstance(found, AssessError) and found.team == team
    ]
    if not mine:
        raise AssessError(f"no assessment of team '{team}' under {folder}")
    return max(mine)[2]


def _recorded(assessment: "Assessment", result: "ScanResult", now: datetime) -> "Assessment":
    return assessment.with_findings(result.findings, now)


def _as_json(result: "ScanResult", now: datetime) -> str:
    data = {
        "scanned_at": now.isoformat(),
        "repositories": [
            {
                "name": repo.name,
                "tracked_files": repo.tracked,
                "files_read": repo.read,
                "skipped": dict(repo.skipped),
                "stopped": repo.stopped,
            }
            for repo in result.repositories
        ],
        "findings": {
            qid: [finding.model_dump(mode="json") for finding in found]
            for qid, found in result.findings.items()
        },
    }
    # ensure_ascii keeps every control character escaped, so the output is terminal-safe.
    return json.dumps(data, indent=2)


def _print_table(questionnaire: "Questionnaire", result: "ScanResult") -> None:
    from assess.domain.detection import choice_id

    repos = result.repositories
    tracked = sum(r.tracked for r in repos)
    read = sum(r.read for r in repos)
    skipped = sum(sum(r.skipped.values()) for r in repos)
    names = ", ".join(_visible(r.name) for r in repos)
    click.echo(
        f"scanned {len(repos)} repositor{'y' if len(repos) == 1 else 'ies'} ({names}): "
        f"{tracked} tracked files, {read} read, {skipped} skipped"
    )
    for repo in repos:
        for reason, n in sorted(repo.skipped.items()):
            click.echo(f"  {_visible(repo.name)}: {n} skipped ({reason})")
        for line in repo.stopped:
            click.echo(f"  {_visible(repo.name)}: {line}")
    if not result.findings:
        click.echo("nothing found (not finding a practice does not mean it is absent)")
    for dimension, question in questionnaire.questions():
        found = result.findings.get(question.id)
        if not found:
            continue
        click.echo(f"\n{dimension.id} / {question.id}")
        texts = {choice_id(c): c.text for c in question.choices}
        for finding in found:
            line = f"  {finding.summary}"
            if finding.suggests:
                line += f"  -> suggests: {texts.get(finding.suggests, finding.suggests)}"
            click.echo(_visible(line))
            for each in finding.repositories:
                if each.figure is not None:
                    value = each.figure
                    click.echo(_visible(f"    {each.repository}: {value.derivation}"))
                    click.echo(f"      period {value.since} to {value.until}")
                for hit in each.hits:
                    where = hit.path + (f":{hit.line}" if hit.line else "")
                    text = f"  {hit.text}" if hit.text else ""
                    click.echo(_visible(f"    {each.repository}: {where}{text}"))
