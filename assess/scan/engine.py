"""Run a questionnaire's detection rules over one team's repositories.

Per repository: one `git ls-files`, one pass of the paths through the glob index, then each file
some content rule selected is read once and offered to every rule that wants it. History rules
share one read of `git log`. Nothing from the repository is executed, imported or fetched.
"""

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from assess.domain.detection import Rule, choice_id
from assess.domain.evidence import (
    Finding,
    Hit,
    RepositoryResult,
    combine,
    combine_history,
    rule_name,
)
from assess.domain.history import figure
from assess.domain.patterns import required_literal
from assess.domain.questionnaire import Question, Questionnaire
from assess.scan.git import checkout_root, read_history, tracked_files
from assess.scan.read import MAX_BYTES, Skip, read_text
from assess.scan.select import Selector

MAX_LINE = 500
"""Lines are matched up to this many characters: with the pattern checks, it bounds the time one
line can take."""
RULE_BUDGET_SECONDS = 10.0
"""Time one rule may spend matching lines in one repository before it is stopped."""
MAX_HITS = 5


@dataclass(frozen=True)
class RuleRef:
    """One rule of the model, where it sits, and the choice it suggests by its position."""

    question: Question
    name: str
    rule: Rule
    implied: str | None
    contains: re.Pattern[str] | None
    lacks: re.Pattern[str] | None
    contains_literal: tuple[tuple[str, ...], bool] | None = None
    lacks_literal: tuple[tuple[str, ...], bool] | None = None

    @property
    def reads(self) -> bool:
        return self.contains is not None or self.lacks is not None


def rules_of(questionnaire: Questionnaire) -> list[RuleRef]:
    refs = []
    for _, question in questionnaire.questions():
        placed: list[tuple[Rule, str | None]] = [(rule, None) for rule in question.detect]
        for choice in question.choices:
            placed += [(rule, choice_id(choice)) for rule in choice.detect]
        for index, (rule, implied) in enumerate(placed):
            refs.append(
                RuleRef(
                    question=question,
                    name=rule_name(question, index, rule),
                    rule=rule,
                    implied=implied,
                    contains=re.compile(rule.contains) if rule.contains else None,
                    lacks=re.compile(rule.lacks) if rule.lacks else None,
                    contains_literal=required_literal(rule.contains) if rule.contains else None,
                    lacks_literal=required_literal(rule.lacks) if rule.lacks else None,
                )
            )
    return refs


@dataclass
class RepositoryScan:
    """What scanning one repository cost and skipped."""

    name: str
    path: Path
    tracked: int = 0
    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    stopped: list[str] = field(default_factory=list)


@dataclass
class ScanResult:
    findings: dict[str, list[Finding]]
    """Findings by question id, in the model's order."""
    repositories: list[RepositoryScan]


def scan(
    questionnaire: Questionnaire,
    paths: list[Path],
    scanned_at: datetime,
    budget: float = RULE_BUDGET_SECONDS,
    cap: int = MAX_BYTES,
    history_until: datetime | None = None,
) -> ScanResult:
    """Findings of every rule of the model over the repositories (checked before any is read).
    History figures cover the 90 days to history_until (default: scanned_at)."""
    roots = [checkout_root(path) for path in paths]
    refs = rules_of(questionnaire)
    selector = Selector()
    for i, ref in enumerate(refs):
        for glob in ref.rule.files:
            selector.add(i, glob)
    per_rule: list[list[RepositoryResult]] = [[] for _ in refs]
    reports = []
    for root, name in zip(roots, _names(roots), strict=True):
        report = RepositoryScan(name=name, path=root)
        until = history_until or scanned_at
        results = _scan_one(root, name, refs, selector, until, budget, cap, report)
        for i, result in enumerate(results):
            per_rule[i].append(result)
        reports.append(report)
    findings: dict[str, list[Finding]] = defaultdict(list)
    for ref, results in zip(refs, per_rule, strict=True):
        if ref.rule.history is not None:
            found = combine_history(ref.question, ref.name, ref.rule, results, scanned_at)
        else:
            found = combine(ref.question, ref.name, ref.rule, results, scanned_at, ref.implied)
        if found is not None:
            findings[ref.question.id].append(found)
    return ScanResult(dict(findings), reports)


def _names(roots: list[Path]) -> list[str]:
    names: list[str] = []
    for root in roots:
        name, n = root.name, 1
        while name in names:
            n += 1
            name = f"{root.name}-{n}"
        names.append(name)
    return names


def _scan_one(
    root: Path,
    name: str,
    refs: list[RuleRef],
    selector: Selector,
    scanned_at: datetime,
    budget: float,
    cap: int,
    report: RepositoryScan,
) -> list[RepositoryResult]:
    needs_files = any(ref.rule.files for ref in refs)
    paths = tracked_files(root) if needs_files else []
    report.tracked = len(paths)
    selected = selector.select(paths)
    passing: dict[int, list[Hit]] = defaultdict(list)
    skipped: Counter[int] = Counter()
    failed_every: set[int] = set()
    spent: dict[int, float] = defaultdict(float)
    stopped: dict[int, str] = {}
    wanted: dict[str, list[int]] = defaultdict(list)
    for i, ref in enumerate(refs):
        for path in selected.get(i, []):
            if ref.reads:
                wanted[path].append(i)
            else:
                passing[i].append(Hit(path=path))
    for path in sorted(wanted):
        text = read_text(root, path, cap)
        if isinstance(text, Skip):
            report.skipped[text.value] += 1
            for i in wanted[path]:
                skipped[i] += 1
                failed_every.add(i)
            continue
        report.read += 1
        view = _View(text)
        for i in wanted[path]:
            ref = refs[i]
            if ref.contains is not None and not view.may_hold(ref.contains_literal):
                failed_every.add(i)  # a piece every match needs is not in the file
                continue
            if i in stopped:
                continue
            started = time.perf_counter()
            outcome = _judge(ref, view, started + budget - spent[i])
            spent[i] += time.perf_counter() - started
            if outcome is None:
                stopped[i] = f"{ref.name}: stopped after its {budget:g} s time budget"
                failed_every.add(i)
            elif outcome is False:
                failed_every.add(i)
            else:
                passing[i].append(Hit(path=path, line=outcome[0], text=outcome[1]))
    report.stopped = sorted(stopped.values())
    history = None
    if any(ref.rule.history for ref in refs):
        history = read_history(root, scanned_at)
    results = []
    for i, ref in enumerate(refs):
        if ref.rule.history is not None and history is not None:
            value = figure(
                ref.rule.history, history.first_parent, history.authors, history.tags, scanned_at
            )
            results.append(RepositoryResult(repository=name, matched=True, figure=value))
            continue
        chosen = selected.get(i, [])
        hits = passing.get(i, [])
        if ref.rule.every_file:
            matched = bool(chosen) and i not in failed_every
        else:
            matched = len(hits) >= ref.rule.min_files
        results.append(
            RepositoryResult(
                repository=name,
                matched=matched,
                hits=hits[:MAX_HITS] if matched else [],
                passed=len(hits),
                selected=len(chosen),
                skipped=skipped[i],
                stopped=stopped.get(i, ""),
            )
        )
    return results


class _View:
    """One file's text, split into lines and lowercased only when a rule first needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[str] | None = None
        self._lower: str | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def may_hold(self, literal: tuple[tuple[str, ...], bool] | None) -> bool:
        """Whether the text holds one of the pieces a match needs (True when none are known)."""
        if literal is None:
            return True
        pieces, ignore_case = literal
        if ignore_case:
            if self._lower is None:
                self._lower = self.text.lower()
            text = self._lower
        else:
            text = self.text
        for piece in pieces:  # noqa: SIM110 (a loop, not any(): it runs for every file and rule)
            if piece in text:
                return True
        return False


def _judge(
    ref: RuleRef, view: _View, deadline: float
) -> tuple[int | None, str] | Literal[False] | None:
    """(line, text) of the evidence when the file passes, False when not, None when out of time."""
    # A literal every match needs, absent from the file: the pattern cannot match any line.
    if ref.contains is not None and not view.may_hold(ref.contains_literal):
        return False
    lacks = ref.lacks if view.may_hold(ref.lacks_literal) else None
    if ref.contains is None and lacks is None:
        return (None, "")
    lines = view.lines
    found: tuple[int | None, str] | None = None if ref.contains else (None, "")
    for number, line in enumerate(lines, start=1):
        if time.perf_counter() > deadline:
            return None
        piece = line[:MAX_LINE]
        if lacks is not None and lacks.search(piece):
            return False
        if found is None and ref.contains is not None and ref.contains.search(piece):
            found = (number, piece.strip()[:120])
            if lacks is None:
                return found
    if time.perf_counter() > deadline:
        return None
    return found if found is not None else False
