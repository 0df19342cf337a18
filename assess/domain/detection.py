"""Detection rules: what a repository can show about a question, written as data in the model.

A rule selects tracked files by glob (optionally keeping those whose lines match, or lack, a
pattern), or names a figure from the git history. It suggests a choice of its question, or only
adds evidence. Rules never decide an answer: a finding is a suggestion with its evidence.

Field docstrings document the `detect:` format for questionnaire authors.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from assess.domain.base import DomainModel
from assess.domain.patterns import glob_problem, pattern_problem

if TYPE_CHECKING:
    from assess.domain.questionnaire import Choice

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
HistoryMetric = Literal["deployment-frequency", "lead-time", "change-fail-rate", "contributors"]
Across = Literal["any", "all", "share"]


class Band(DomainModel):
    """For a rule combined by share: the choice suggested from a share of repositories up."""

    at_least: float = Field(ge=0, le=1)
    """The lowest share of repositories (0 to 1) for which this band's choice is suggested."""
    choice: str = Field(pattern=ID_PATTERN)
    """The id of the choice suggested."""


class Rule(DomainModel):
    """One detection rule: a file selection (with optional content patterns) or a history figure.

    A repository matches a file rule when at least `min_files` selected files pass (a file passes
    when it has a line matching `contains`, if given, and no line matching `lacks`, if given).
    """

    id: str | None = Field(default=None, pattern=ID_PATTERN)
    """Name of the rule, shown with its findings; '<question id>-<n>' when absent."""
    files: list[str] = []
    """Globs over the paths git tracks, '/'-separated from the repository root. A glob without
    '/' matches a file name in any folder; '**' spans folders; '{a,b}' gives alternatives."""
    contains: str | None = None
    """A regular expression; a selected file passes only if one of its lines matches."""
    lacks: str | None = None
    """A regular expression; a selected file passes only if none of its lines matches."""
    every_file: bool = False
    """The repository matches only if every selected file passes (and at least one is selected)."""
    min_files: int = Field(default=1, ge=1)
    """How many passing files a repository needs to match."""
    history: HistoryMetric | None = None
    """A figure from the git history instead of files: 'deployment-frequency', 'lead-time',
    'change-fail-rate' (suggest the choice with the nearest dora_value) or 'contributors'
    (evidence only)."""
    across: Across = "any"
    """How repositories scanned together combine: 'any' one matching, 'all' of them, or 'share'
    (the share that match, mapped to a choice through `bands`)."""
    share_of: Literal["all", "selected"] = "all"
    """With across: share, which repositories the share counts: 'all' scanned, or only those in
    which the globs 'selected' a file (e.g. services that have a Dockerfile)."""
    bands: list[Band] = []
    """With across: share, the choice per share of matching repositories (highest band met)."""
    suggests: str | None = Field(default=None, pattern=ID_PATTERN)
    """The id of the choice a match suggests; absent when the rule only adds evidence."""
    note: str = ""
    """What a match means and what it cannot show, printed beside the finding."""

    @field_validator("files")
    @classmethod
    def _sane_globs(cls, globs: list[str]) -> list[str]:
        for glob in globs:
            problem = glob_problem(glob)
            if problem:
                raise ValueError(f"glob '{glob}': {problem}")
        return globs

    @field_validator("contains", "lacks")
    @classmethod
    def _safe_pattern(cls, pattern: str | None) -> str | None:
        if pattern is not None:
            problem = pattern_problem(pattern)
            if problem:
                raise ValueError(f"pattern '{pattern}': {problem}")
        return pattern

    @model_validator(mode="after")
    def _one_kind(self) -> "Rule":
        if bool(self.files) == (self.history is not None):
            raise ValueError("a rule needs either files or history (one of them)")
        if self.history is not None and (self.contains or self.lacks or self.every_file):
            raise ValueError("contains, lacks and every_file apply to file rules only")
        if self.history is not None and (self.suggests or self.bands):
            raise ValueError("a history rule suggests the choice its figure falls in by itself")
        if self.bands and self.across != "share":
            raise ValueError("bands need across: share")
        if self.across == "share" and not self.bands and self.history is None:
            raise ValueError("across: share needs bands (the choice per share)")
        if self.bands and self.suggests:
            raise ValueError("give either suggests or bands, not both")
        return self

    def suggested_choices(self) -> list[str]:
        return [self.suggests] if self.suggests else [band.choice for band in self.bands]


def choice_id(choice: "Choice") -> str:
    """The choice's id: written by the author, or derived from its text."""
    return choice.id


Where = tuple[str | int, ...]


def rule_problems(
    rules: list[Rule], choice_ids: list[str], where: Where, implied: str | None = None
) -> Iterator[tuple[Where, str]]:
    """Rules naming choices the question lacks, and rule ids used twice."""
    seen: set[str] = set()
    for r, rule in enumerate(rules):
        rwhere = (*where, r)
        if rule.id is not None:
            if rule.id in seen:
                yield (*rwhere, "id"), f"rule id '{rule.id}' is used twice"
            seen.add(rule.id)
        if implied is not None and (rule.bands or rule.suggests not in (None, implied)):
            yield (*rwhere, "suggests"), "a rule under a choice suggests that choice"
        if rule.suggests is not None and rule.suggests not in choice_ids:
            yield (*rwhere, "suggests"), _unknown(rule.suggests, choice_ids)
        for b, band in enumerate(rule.bands):
            if band.choice not in choice_ids:
                yield (*rwhere, "bands", b, "choice"), _unknown(band.choice, choice_ids)


def _unknown(ident: str, choice_ids: list[str]) -> str:
    return f"no choice with id '{ident}' (choices: {', '.join(choice_ids)})"
