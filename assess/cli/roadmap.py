"""`assess roadmap`: the roadmap of an assessment as backlog items to import."""

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from assess.cli.app import cli, load_with_questionnaire, questionnaires_option, say
from assess.cli.output import check_output, force_option
from assess.errors import AssessError

if TYPE_CHECKING:
    from assess.domain.assessment import Assessment
    from assess.domain.roadmap import Roadmap
    from assess.report.backlog import BacklogFormat

SUFFIXES = {
    "jira": ".roadmap-jira.csv",
    "csv": ".roadmap.csv",
    "md": ".roadmap.md",
    "json": ".roadmap.json",
}


def _roadmap_of(file: Path, dirs: tuple[Path, ...]) -> tuple["Assessment", "Roadmap"]:
    from assess.domain.roadmap import build_roadmap
    from assess.domain.scoring import score

    assessment, questionnaire = load_with_questionnaire(file, dirs)
    return assessment, build_roadmap(questionnaire, assessment, score(questionnaire, assessment))


def earlier_assessment(file: Path, assessment: "Assessment") -> Path | None:
    """The team's latest earlier assessment of the same model in the same folder, if any."""
    from assess.files.assessments import load_assessment

    earlier = sorted(p for p in file.parent.glob("*.json") if p.name < file.name)
    for path in reversed(earlier):
        try:
            other = load_assessment(path)
        except AssessError:
            continue
        same = (other.team, other.questionnaire) == (assessment.team, assessment.questionnaire)
        if same and other.date < assessment.date:
            return path
    return None


@cli.command()
@questionnaires_option
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Where to write (default: beside FILE, e.g. NAME.roadmap-jira.csv; '-' for stdout).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jira", "csv", "md", "json"]),
    default="jira",
    show_default=True,
    help="jira: Jira's CSV import; csv: Azure DevOps and other trackers; md: task list; json.",
)
@click.option(
    "--since",
    "since_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The assessment of the last roadmap: its steps now reached are marked done (default: "
    "the team's latest earlier assessment in FILE's folder).",
)
@click.option("--fresh", is_flag=True, help="Compare with no earlier assessment.")
@force_option
def roadmap(
    questionnaire_dirs: tuple[Path, ...],
    file: Path,
    out: Path | None,
    fmt: str,
    since_file: Path | None,
    fresh: bool,
    force: bool,
) -> None:
    """Write the roadmap of an assessment as backlog items: one level step per dimension and
    quarter, "find out" steps for "don't know" answers, with ids that stay the same next quarter."""
    from assess.atomic import write_text_atomically
    from assess.domain.roadmap import since
    from assess.domain.scoring import score
    from assess.report.backlog import backlog

    assessment, current = _roadmap_of(file, questionnaire_dirs)
    earlier = None if fresh else since_file or earlier_assessment(file, assessment)
    if earlier is not None:
        if earlier.resolve() == file.resolve():
            raise AssessError(f"{file}: --since names the same assessment")
        previous, before = _roadmap_of(earlier, questionnaire_dirs)
        if previous.team != assessment.team:
            raise AssessError(
                f"{earlier}: an assessment of team '{previous.team}', not '{assessment.team}'"
            )
        _, questionnaire = load_with_questionnaire(file, questionnaire_dirs)
        card = score(questionnaire, assessment)
        current = since(current, before.steps, assessment, card)
    text = backlog(current, cast("BacklogFormat", fmt))
    if out is not None and str(out) == "-":
        click.echo(text, nl=False)
        return
    target = out or file.with_name(file.stem + SUFFIXES[fmt])
    check_output(target, force=force, inputs=[file, *([earlier] if earlier else [])])
    write_text_atomically(target, text)
    counted = {status: 0 for status in ("new", "open", "done", "dropped")}
    for step in current.steps:
        counted[step.status] += 1
    compared = f" against {earlier}: " if earlier else ": "
    summary = ", ".join(f"{n} {status}" for status, n in counted.items() if n)
    say(f"wrote {target}{compared}{summary or 'nothing to plan'}")
