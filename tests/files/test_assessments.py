from pathlib import Path

import pytest

from assess.atomic import write_text_atomically
from assess.domain.assessment import Answer, Assessment
from assess.errors import AssessError
from assess.files.assessments import (
    load_assessment,
    new_path,
    save_assessment,
    scan,
    standard_path,
)
from assess.files.names import team_slug
from tests.conftest import NOW, pick


def test_save_and_load_round_trip(tmp_path: Path, blank: Assessment) -> None:
    a = blank.with_answer(
        "ci-gate", pick("ci-gate", 2, note="Gate on main — ✓", evidence="https://ci/x"), NOW
    ).with_answer("removed-question", Answer(choice="yes", text="Yes", level=4), NOW)
    path = new_path(tmp_path, a)
    save_assessment(a, path)
    assert load_assessment(path) == a  # answers to unknown questions are kept
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "format": "assess-assessment/2",\n')
    assert "Gate on main — ✓" in text  # human-readable, not escaped
    assert "source" not in text  # empty fields are left out


def test_layout_is_team_folder_and_date(tmp_path: Path, blank: Assessment) -> None:
    path = new_path(tmp_path, blank)
    assert path.parent.parent == tmp_path
    assert path.parent.name.startswith("payments-")
    assert path.name == "2026-11-20-tiny.json"


def test_a_second_assessment_on_the_same_day_gets_a_new_file(
    tmp_path: Path, blank: Assessment
) -> None:
    save_assessment(blank, new_path(tmp_path, blank))
    second = new_path(tmp_path, blank)
    assert second.name == "2026-11-20-tiny-2.json"


@pytest.mark.parametrize(
    "team",
    ["../../etc", "/etc/passwd", "..", "a/../../b", "C:\\Windows", "CON", "", "  ", "日本語チーム"],
)
def test_team_names_cannot_escape_the_folder(tmp_path: Path, blank: Assessment, team: str) -> None:
    slug = team_slug(team)
    assert "/" not in slug and "\\" not in slug and ".." not in slug
    a = blank.model_copy(update={"team": team or "x"})
    path = standard_path(tmp_path, a)
    assert path.resolve().parent.parent == tmp_path.resolve()


def test_teams_differing_in_case_or_punctuation_never_share_a_file() -> None:
    names = ["Data Team", "data team", "data-team", "Data_Team", "DATA TEAM!"]
    assert len({team_slug(n) for n in names}) == len(names)
    assert team_slug("Équipe Données").startswith("equipe-donnees-")


def test_a_damaged_file_is_refused_and_never_overwritten(tmp_path: Path, blank: Assessment) -> None:
    path = standard_path(tmp_path, blank)
    path.parent.mkdir(parents=True)
    damaged = '{\n  "format": "assess-assessment/1",\n  "team": ["unclosed"\n'
    path.write_text(damaged)
    with pytest.raises(AssessError, match=r"2026-11-20-tiny\.json:4: not valid JSON"):
        load_assessment(path)
    with pytest.raises(AssessError, match="refusing to overwrite a file that is not a valid"):
        save_assessment(blank, path)
    assert path.read_text() == damaged


def test_a_foreign_file_is_refused(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "notes.json"
    path.write_text('{"shopping": ["milk"]}\n')
    with pytest.raises(AssessError, match=r"notes\.json: not an assessment file"):
        load_assessment(path)
    with pytest.raises(AssessError, match="refusing to overwrite"):
        save_assessment(blank, path)
    assert path.read_text() == '{"shopping": ["milk"]}\n'


def test_another_teams_assessment_is_not_overwritten(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "a.json"
    save_assessment(blank, path)
    other = blank.model_copy(update={"team": "Checkout"})
    with pytest.raises(
        AssessError, match="refusing to overwrite the assessment of team 'Payments'"
    ):
        save_assessment(other, path)


def test_an_invalid_field_names_file_line_and_field(tmp_path: Path, blank: Assessment) -> None:
    path = tmp_path / "a.json"
    save_assessment(blank.with_answer("ci-gate", pick("ci-gate", 2), NOW), path)
    text = path.read_text().replace('"level": 4', '"level": "high"')
    path.write_text(text)
    line = text.splitlines().index('      "level": "high"') + 1
    with pytest.raises(AssessError) as caught:
        load_assessment(path)
    assert caught.value.message.endswith(
        f"a.json:{line}: answers.ci-gate.level: should be a valid integer, "
        "unable to parse string as an integer"
    )


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    path.write_text("old")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(
        AssessError, match=r"a\.json: cannot be written \(No space left on device\)"
    ):
        write_text_atomically(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temp file left behind


def test_new_files_get_the_usual_permissions_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        write_text_atomically(tmp_path / "new.json", "{}")
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
        (tmp_path / "new.json").chmod(0o600)
        write_text_atomically(tmp_path / "new.json", "{}")
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(umask)


def test_scan_reports_damaged_files_beside_good_ones(tmp_path: Path, blank: Assessment) -> None:
    save_assessment(blank, new_path(tmp_path, blank))
    (tmp_path / "broken.json").write_text("{")
    results = list(scan(tmp_path))
    assert len(results) == 2
    assert sum(isinstance(r, AssessError) for _, r in results) == 1
