"""History figures from a small repository, against values computed by hand."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from assess.bundled import questionnaires_dir
from assess.domain.history import deployment_bucket, figure, lead_time_bucket
from assess.files.questionnaires import load_questionnaire
from assess.scan.engine import scan
from assess.scan.git import read_history
from tests.scan.repos import commit, git, make_repo, tag, write

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def day(month: int, d: int, hour: int = 0) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def build(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "svc", {"a.txt": "1"}, when=day(10, 1))  # c1, author dev@
    write(repo, {"a.txt": "2"})
    commit(repo, "feat a", day(10, 2))
    tag(repo, "v1.0.0", day(10, 3))
    write(repo, {"a.txt": "1"})
    commit(repo, 'Revert "feat a"', day(10, 10))
    write(repo, {"b.txt": "b"})
    commit(repo, "hotfix: b", day(10, 11))
    tag(repo, "v1.1.0", day(10, 11, 12))
    for n in range(6):  # c5..c10 on 12..17 October
        write(repo, {f"c{n}.txt": "c"})
        author = "b@example.com" if n in (2, 3) else "c@example.com" if n in (4, 5) else ""
        if n == 1:
            author = "dependabot[bot]@users.noreply.github.com"  # a bot: not counted
        commit(repo, f"chore {n}", day(10, 12 + n), author=author)
    tag(repo, "v1.2.0", day(10, 18))
    tag(repo, "nightly", day(10, 19))  # not a release name
    return repo


def test_figures_match_the_hand_computed_values(tmp_path: Path) -> None:
    history = read_history(build(tmp_path), NOW)
    assert len(history.first_parent) == 10

    def get(metric: str) -> tuple[float | None, float | None]:
        value = figure(metric, history.first_parent, history.authors, history.tags, NOW)  # type: ignore[arg-type]
        assert value.since.isoformat() == "2026-08-22" and value.until.isoformat() == "2026-11-20"
        return value.value, value.dora_value

    # 3 release tags in 90 days = 3 * 7 / 90 per week; once a month exactly is bucket 3
    assert get("deployment-frequency") == (0.23, 3)
    # leads in hours 48, 24 | 36, 12 | 144, 120, 96, 72, 48, 24: median (48 + 48) / 2
    assert get("lead-time") == (48.0, 4)
    # 'Revert "feat a"' and 'hotfix: b' of 10 changes
    assert get("change-fail-rate") == (20.0, 20.0)
    # dev@ wrote 5 of the 9 commits by people (the bot's one left out): one person covers half
    assert get("contributors") == (1, None)
    people = figure("contributors", [], history.authors, [], NOW)
    assert "half of the 9 commits" in people.derivation
    assert "(3 authors in all; bots left out)" in people.derivation


def test_history_rules_suggest_the_bucket(tmp_path: Path) -> None:
    model = load_questionnaire(questionnaires_dir() / "devops-mlops.yaml")
    found = {f.rule: f for fs in scan(model, [build(tmp_path)], NOW).findings.values() for f in fs}
    assert (
        found["history-deployment-frequency"].suggests == "between-once-per-week-and-once-per-month"
    )
    assert found["history-lead-time"].suggests == "between-one-day-and-one-week"
    assert found["history-change-fail"].suggests == "16-20"  # 20% is nearest 18 (16-20%)
    assert found["history-contributors"].suggests is None
    repo = found["history-lead-time"].repositories[0]
    assert (
        repo.figure is not None and "median over 10 first-parent commits" in repo.figure.derivation
    )


def test_without_tags_merges_to_main_count(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "m", {"a": "1"}, when=day(11, 1))
    for n in range(2):
        git(repo, "checkout", "-q", "-b", f"f{n}")
        write(repo, {f"f{n}": "x"})
        commit(repo, f"feature {n}", day(11, 2 + n))
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge f{n}", f"f{n}", when=day(11, 2 + n, 1))
    history = read_history(repo, NOW)
    value = figure("deployment-frequency", history.first_parent, [], history.tags, NOW)
    assert value.value == round(2 * 7 / 90, 2)
    assert "merge commits" in value.derivation


def test_without_tags_squash_merged_pull_requests_count(tmp_path: Path) -> None:
    # A repository that squash-merges has no merge commits: each pull request lands as one
    # commit named '... (#N)'. Found in mlflow/mlp-regression-template, where counting only merge
    # commits gave "0 in 90 days, the last one five months earlier" for 29 landed changes.
    repo = make_repo(tmp_path / "s", {"a": "1"}, when=day(6, 1))
    git(repo, "checkout", "-q", "-b", "old")
    commit(repo, "old feature", day(6, 2))
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge old", "old", when=day(6, 3))
    for n in range(3):
        write(repo, {f"s{n}": "x"})
        commit(repo, f"Squashed change {n} (#{10 + n})", day(11, 2 + n))
    write(repo, {"direct": "x"})
    commit(repo, "Pushed straight to main", day(11, 6))  # not a pull request: not counted
    history = read_history(repo, NOW)
    value = figure("deployment-frequency", history.first_parent, [], history.tags, NOW)
    assert value.value == round(3 * 7 / 90, 2)
    assert value.dora_value == 3  # 3 in 90 days: once a month exactly
    assert value.derivation.startswith("3 merged pull requests (merge commits, or squash merges")


def test_tags_made_after_the_period_are_not_yet_releases(tmp_path: Path) -> None:
    # The history of a snapshot: tags created after --history-until do not count as releases
    # then, so merged pull requests stand in for them.
    repo = make_repo(tmp_path / "t", {"a": "1"}, when=day(10, 1))
    write(repo, {"b": "1"})
    commit(repo, "Change (#1)", day(10, 5))
    tag(repo, "v1.0.0", day(11, 15))
    history = read_history(repo, day(11, 1))
    value = figure("deployment-frequency", history.first_parent, [], history.tags, day(11, 1))
    assert value.value == round(7 / 90, 2)
    assert "merged pull requests" in value.derivation


def test_release_bots_are_not_contributors() -> None:
    # terraform-aws-modules/terraform-aws-s3-bucket: semantic-release-bot@... made 7 of the 14
    # commits, and was reported as the one person covering half of the work.
    authors = [(day(11, n + 1), "semantic-release-bot@martynus.net") for n in range(7)]
    authors += [(day(11, 8), "a@example.com"), (day(11, 9), "a@example.com")]
    authors += [(day(11, 10 + n), f"p{n}@example.com") for n in range(3)]
    authors += [(day(11, 13), "ci.bot@example.com"), (day(11, 14), "robotics@example.com")]
    value = figure("contributors", [], authors, [], NOW)
    # a@ wrote 2 of the 6 commits by people (robotics@ is a person): 2 people cover half
    assert value.value == 2
    assert "half of the 6 commits" in value.derivation


def test_too_little_history_is_no_figure(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "x", {"a": "1"}, when=NOW - timedelta(days=1))
    history = read_history(repo, NOW)
    cfr = figure("change-fail-rate", history.first_parent, history.authors, history.tags, NOW)
    assert cfr.value is None and "only 1 changes" in cfr.derivation
    lead = figure("lead-time", history.first_parent, history.authors, history.tags, NOW)
    assert lead.value is None


def test_bucket_edges() -> None:
    assert [deployment_bucket(w) for w in (0, 0.04, 0.25, 1, 7, 14)] == [1, 2, 3, 4, 5, 6]
    hour = 3600
    edges = [59 * 60, hour, 23 * hour, 24 * hour, 7 * 24 * hour, 30 * 24 * hour, 200 * 24 * hour]
    assert [lead_time_bucket(s) for s in edges] == [6, 5, 5, 4, 3, 2, 1]
