from pathlib import Path

import pytest

from assess.domain.assessment import Assessment, Consolidation
from assess.errors import AssessError
from assess.files.assessments import load_assessment, save_assessment
from assess.files.respondents import (
    collect,
    file_hashes,
    respondent_path,
    stale,
    team_respondents,
)
from tests.conftest import NOW


def test_collect_copies_in_and_never_overwrites(tmp_path: Path, blank: Assessment) -> None:
    kim = blank.model_copy(update={"respondent": "Kim Åberg"})
    source = tmp_path / "in" / "kim.json"
    save_assessment(kim, source)
    root = tmp_path / "teams"
    first = collect(source, root, "tiny", "1.0")
    again = collect(source, root, "tiny", "1.0")
    assert first == respondent_path(root, kim)
    assert first.parent.name == "respondents" and first.name.endswith("-tiny-kim-aberg.json")
    assert again == first  # the same file collected twice is one respondent
    # A changed copy of the same answers (same start) would count Kim twice: refused.
    changed = kim.model_copy(update={"assessors": ["Kim"]})
    save_assessment(changed, source)
    with pytest.raises(AssessError, match=r"already collected as .*kim-aberg\.json; remove"):
        collect(source, root, "tiny", "1.0")
    # Answers started at another time (a namesake, or a second round) are kept beside.
    later = changed.model_copy(update={"created": NOW.replace(year=2027)})
    save_assessment(later, source)
    second = collect(source, root, "tiny", "1.0")
    assert second.name.endswith("-kim-aberg-2.json")
    assert load_assessment(first).assessors == ["A. Rivera"]
    assert load_assessment(first).respondent == "Kim Åberg"
    with pytest.raises(AssessError, match=r"not 'tiny' version 2\.0"):
        collect(source, root, "tiny", "2.0")


def test_team_respondents_sorted_by_name_and_damage_named(
    tmp_path: Path, blank: Assessment
) -> None:
    root = tmp_path / "teams"
    assert team_respondents(root, "Payments") == []
    for name in ("Sam", "Ana"):
        who = blank.model_copy(update={"respondent": name})
        save_assessment(who, respondent_path(root, who))
    found = team_respondents(root, "Payments")
    assert [r.respondent for _, r in found] == ["Ana", "Sam"]
    assert [p.name for p, _ in found] == sorted(p.name for p, _ in found)
    broken = found[0][0].with_name("2026-11-20-tiny-zed.json")
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(AssessError, match=r"tiny-zed\.json"):
        team_respondents(root, "Payments")


def test_stale_names_files_added_changed_and_removed(tmp_path: Path, blank: Assessment) -> None:
    paths = []
    for name in ("Ana", "Bo", "Cy"):
        who = blank.model_copy(update={"respondent": name})
        paths.append(respondent_path(tmp_path, who))
        save_assessment(who, paths[-1])
    then = file_hashes(paths[:2])
    assert set(then) == {paths[0].name, paths[1].name}
    assert all(len(h) == 64 for h in then.values())
    record = Consolidation(respondents=["a", "b"], files=then, consolidated=NOW)
    team = blank.model_copy(update={"consolidation": record})
    assert stale(team, then) == []
    assert stale(blank, file_hashes(paths)) == []  # not consolidated: nothing to be stale
    paths[0].write_text(paths[0].read_text() + " ", encoding="utf-8")
    now = file_hashes([paths[0], paths[2]])
    assert stale(team, now) == [
        f"{paths[0].name} changed",
        f"{paths[1].name} removed",
        f"{paths[2].name} added",
    ]


def test_folders_read_leave_respondent_files_out(tmp_path: Path, blank: Assessment) -> None:
    from assess.files.assessments import assessment_files, standard_path

    team = standard_path(tmp_path, blank)
    save_assessment(blank, team)
    kim = blank.model_copy(update={"respondent": "Kim"})
    save_assessment(kim, respondent_path(tmp_path, kim))
    assert list(assessment_files([tmp_path])) == [team]
    folder = respondent_path(tmp_path, kim).parent
    assert list(assessment_files([folder])) == [respondent_path(tmp_path, kim)]
