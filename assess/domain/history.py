"""Delivery figures from a repository's git history, each with its derivation and period.

These are proxies: a release tag is not necessarily a production deployment, and a revert is not
necessarily a failed change. They suggest a DORA bucket beside the team's answer, never instead.
Time buckets count 1 (slowest) to 6 (fastest), as the model's dora_value does.
"""

import re
import statistics
from collections import Counter
from datetime import date, datetime, timedelta

from assess.domain.base import DomainModel
from assess.domain.detection import HistoryMetric
from assess.domain.evidence import Figure

PERIOD_DAYS = 90
RELEASE_TAG = re.compile(r"^(?:[a-z][\w.-]*[-/@])?v?\d+(?:\.\d+)+$", re.IGNORECASE)
FAILURE_SUBJECT = re.compile(r"^revert\b|\bhot-?fix", re.IGNORECASE)
SQUASH_SUBJECT = re.compile(r"\(#\d+\)\s*$")
"""A squash-merged pull request's subject as GitHub writes it: 'Fix parsing (#123)'."""
BOT_AUTHOR = re.compile(
    r"\[bot\]|[-_.+]bot@|^(?:dependabot|renovate|github-actions|bot)\b", re.IGNORECASE
)
MIN_CHANGES_FOR_SHARE = 10
HOUR = 3600.0
DAY = 24 * HOUR


class Commit(DomainModel):
    """A commit on the first-parent line of the main branch."""

    sha: str
    when: datetime
    """The committer date: when the change landed on the branch."""
    parents: int
    """How many parents it has: 2 or more for a merge."""
    author: str
    """Author e-mail, lowercased, to count people."""
    subject: str


class Tag(DomainModel):
    """A tag, with the commit it points to."""

    name: str
    sha: str
    """The tagged commit."""
    when: datetime
    """The tagger date of an annotated tag, or the commit date of a lightweight one."""


def releases(tags: list[Tag]) -> list[Tag]:
    """Tags named like versions (v1.2.3, 1.2, chart-1.0.0), oldest first."""
    return sorted((t for t in tags if RELEASE_TAG.match(t.name)), key=lambda t: t.when)


def figure(
    metric: HistoryMetric,
    first_parent: list[Commit],
    all_authors: list[tuple[datetime, str]],
    tags: list[Tag],
    until: datetime,
) -> Figure:
    since = until - timedelta(days=PERIOD_DAYS)
    if metric == "deployment-frequency":
        return _deployment_frequency(first_parent, tags, since, until)
    if metric == "lead-time":
        return _lead_time(first_parent, tags, since, until)
    if metric == "change-fail-rate":
        return _change_fail(first_parent, since, until)
    return _contributors(all_authors, since, until)


def _make(
    metric: HistoryMetric,
    value: float | None,
    unit: str,
    position: float | None,
    derivation: str,
    since: datetime,
    until: datetime,
) -> Figure:
    return Figure(
        metric=metric,
        value=value,
        unit=unit,
        dora_value=position,
        derivation=derivation,
        since=_day(since),
        until=_day(until),
    )


def _day(moment: datetime) -> date:
    return moment.date()


def deployment_bucket(per_week: float) -> int:
    """DORA's deployment-frequency bucket for an average number of deployments per week."""
    per_day = per_week / 7
    if per_day >= 2:
        return 6
    if per_day >= 1:
        return 5
    if per_week >= 1:
        return 4
    if per_day * 30 >= 1:
        return 3
    if per_day * 182 >= 1:
        return 2
    return 1


def lead_time_bucket(seconds: float) -> int:
    """DORA's lead-time bucket for a lead time in seconds."""
    for limit, bucket in ((HOUR, 6), (DAY, 5), (7 * DAY, 4), (30 * DAY, 3), (182 * DAY, 2)):
        if seconds < limit:
            return bucket
    return 1


def _deployment_frequency(
    commits: list[Commit], tags: list[Tag], since: datetime, until: datetime
) -> Figure:
    tagged = [t for t in releases(tags) if t.when <= until]  # a snapshot's later tags: not yet
    weeks = PERIOD_DAYS / 7
    if tagged:
        landed = [t.when for t in tagged]
        what = "release tags (names like v1.2.3)"
    else:
        # Without release tags, merged pull requests stand in: merge commits, and squash merges
        # (single-parent commits named '... (#123)'), which a merge count alone would miss.
        landed = [c.when for c in commits if c.parents > 1 or SQUASH_SUBJECT.search(c.subject)]
        what = (
            "merged pull requests (merge commits, or squash merges named '... (#123)') on the "
            "first-parent history of the main branch (no release tags)"
        )
        if not landed:
            return _make(
                "deployment-frequency",
                None,
                "per week",
                None,
                "no release tags and no merged pull requests in the history: nothing to count",
                since,
                until,
            )
    count = sum(1 for when in landed if since < when <= until)
    per_week = count / weeks
    derivation = f"{count} {what} in {PERIOD_DAYS} days, divided by {PERIOD_DAYS / 7:.1f} weeks"
    bucket = deployment_bucket(per_week)
    if count == 0:
        # 90 days cannot tell "every few months" from "less than twice a year": look further back.
        last = max((m for m in landed if m <= until), default=None)
        recent = last is not None and (until - last).days < 182
        bucket = 2 if recent else 1
        derivation += (
            f"; the last one was on {last.date().isoformat()}" if last else "; there is none"
        )
    return _make(
        "deployment-frequency", round(per_week, 2), "per week", bucket, derivation, since, until
    )


def _lead_time(commits: list[Commit], tags: list[Tag], since: datetime, until: datetime) -> Figure:
    """Median time from a commit landing on main to the first release tag that contains it."""
    tagged = [t for t in releases(tags) if t.when <= until]
    position = {c.sha: i for i, c in enumerate(commits)}  # oldest first
    leads: list[float] = []
    previous_end = -1
    counted_tags = 0
    for tag in tagged:
        end = position.get(tag.sha)
        if end is None or end <= previous_end:
            continue  # a tag off the main line, or one that releases nothing new
        if since < tag.when:
            counted_tags += 1
            leads.extend(
                (tag.when - c.when).total_seconds() for c in commits[previous_end + 1 : end + 1]
            )
        previous_end = end
    if not leads:
        return _make(
            "lead-time",
            None,
            "hours",
            None,
            f"no release tag on the main line in {PERIOD_DAYS} days: nothing to measure",
            since,
            until,
        )
    median = statistics.median(leads)
    return _make(
        "lead-time",
        round(median / HOUR, 1),
        "hours",
        lead_time_bucket(median),
        f"median over {len(leads)} first-parent commits of the time from the commit to the first "
        f"release tag containing it, for the {counted_tags} release tags of the last "
        f"{PERIOD_DAYS} days",
        since,
        until,
    )


def _change_fail(commits: list[Commit], since: datetime, until: datetime) -> Figure:
    changes = [c for c in commits if since < c.when <= until]
    failed = [c for c in changes if FAILURE_SUBJECT.search(c.subject)]
    if len(changes) < MIN_CHANGES_FOR_SHARE:
        return _make(
            "change-fail-rate",
            None,
            "%",
            None,
            f"only {len(changes)} changes on the main line in {PERIOD_DAYS} days "
            f"(at least {MIN_CHANGES_FOR_SHARE} are needed for a share)",
            since,
            until,
        )
    percent = round(100 * len(failed) / len(changes), 1)
    return _make(
        "change-fail-rate",
        percent,
        "%",
        percent,
        f"{len(failed)} of {len(changes)} first-parent changes in {PERIOD_DAYS} days have a "
        "subject starting with 'Revert' or naming a hotfix",
        since,
        until,
    )


def _contributors(authors: list[tuple[datetime, str]], since: datetime, until: datetime) -> Figure:
    counts = Counter(
        email for when, email in authors if since < when <= until and not BOT_AUTHOR.search(email)
    )
    total = sum(counts.values())
    if not total:
        return _make(
            "contributors",
            None,
            "people",
            None,
            f"no commits in {PERIOD_DAYS} days",
            since,
            until,
        )
    covered = 0
    people = 0
    for _, n in counts.most_common():
        covered += n
        people += 1
        if 2 * covered >= total:
            break
    return _make(
        "contributors",
        people,
        "people",
        None,
        f"the fewest authors whose commits make up half of the {total} commits of the last "
        f"{PERIOD_DAYS} days ({len(counts)} authors in all; bots left out)",
        since,
        until,
    )
