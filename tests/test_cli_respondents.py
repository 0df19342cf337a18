"""The respondent commands: fill --respondent, collect, consolidate, form, import."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import cli, fill_context
from assess.domain.assessment import Answer, Assessment
from assess.files.assessments import load_assessment, save_assessment, standard_path
from assess.files.respondents import respondent_path, team_respondents
from tests.conftest import DATA, NOW, pick

Q = ("--questionnaires", str(DATA))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def one_error(code: int, out: str, err: str, *words: str) -> None:
    assert code != 0 and len(err.splitlines()) == 1 and err.startswith("error: "), err
    assert all(word in err for word in words), err
    assert "Traceback" not in out + err


def test_fill_as_respondent_writes_the_respondents_file(tmp_path: Path) -> None:
    root = tmp_path / "assessments"
    context = fill_context([DATA], "tiny", "Payments", None, None, root, lambda: NOW, None, "Kim")
    opened = context.opened
    assert opened is not None and not opened.store.exists
    answered = opened.assessment.with_answer("ci-builds", pick("ci-builds", 2), NOW)
    opened.store.save(answered)
    [(path, kim)] = team_respondents(root, "Payments")
    assert path == opened.path and path.parent.name == "respondents"
    assert (kim.respondent, kim.anonymous, kim.questionnaire) == ("Kim", False, "tiny")
    assert kim.questionnaire_version == "1.0" and kim.questionnaire_hash.startswith("sha256:")
    opened.store.close()
    # Kim again: the same file continues, not a second respondent
    again = fill_context([DATA], "tiny", "Payments", None, None, root, lambda: NOW, None, "Kim")
    assert again.opened is not None and again.opened.path == path
    again.opened.store.close()
    # anonymous respondents each get a file of their own
    for _ in range(2):
        anon = fill_context(
            [DATA], "tiny", "Payments", None, None, root, lambda: NOW, anonymous=True
        )
        assert anon.opened is not None
        anon.opened.store.save(anon.opened.assessment)
        anon.opened.store.close()
    names = [p.name for p, _ in team_respondents(root, "Payments")]
    assert names == [
        "2026-11-20-tiny-anonymous-2.json",
        "2026-11-20-tiny-anonymous.json",
        "2026-11-20-tiny-kim.json",
    ]
    # the team's own assessments do not list respondent files
    team = fill_context([DATA], None, None, None, None, root, lambda: NOW)
    assert team.in_progress == []


def test_fill_as_respondent_user_errors(tmp_path: Path) -> None:
    base = (
        "fill",
        "--questionnaires",
        str(DATA),
        "--questionnaire",
        "tiny",
        "--dir",
        str(tmp_path),
    )
    one_error(*run(*base, "--respondent", "Kim"), "--team")
    one_error(*run(*base, "--team", "P", "--respondent", "Kim", "--anonymous"), "not both")
    one_error(*run(*base, "--team", "P", "--respondent", " "), "needs a name")


def member(blank: Assessment, name: str, **answers: Answer) -> Assessment:
    done = blank.model_copy(update={"respondent": name, "assessors": [], "answers": answers})
    return done.with_status("complete", NOW)


@pytest.fixture
def five(tmp_path: Path, blank: Assessment) -> Path:
    """Five respondents of Payments on tiny: ci-builds spread from None to All (flagged),
    ci-gate agreed on Yes, tracking unanswered by one."""
    root = tmp_path / "assessments"
    spread = [1, 1, 2, 3, 3]
    for n, (name, level) in enumerate(zip(["Ana", "Bo", "Cy", "Di", "Ed"], spread, strict=True)):
        answers = {"ci-builds": pick("ci-builds", level), "ci-gate": pick("ci-gate", 2)}
        if n:
            answers["tracking-runs"] = pick("tracking-runs", 2)
        r = member(blank, name, **answers)
        save_assessment(r, respondent_path(root, r))
    return root


def test_collect_copies_checks_and_skips_what_it_has(tmp_path: Path, blank: Assessment) -> None:
    root = tmp_path / "assessments"
    kim, lee = member(blank, "Kim"), member(blank, "Lee")
    save_assessment(kim, tmp_path / "kim.json")
    save_assessment(lee, tmp_path / "lee.json")
    code, out, err = run(
        "collect", *Q, str(tmp_path / "kim.json"), str(tmp_path / "lee.json"), "--dir", str(root)
    )
    assert code == 0, err
    assert [r.respondent for _, r in team_respondents(root, "Payments")] == ["Kim", "Lee"]
    code, out, _ = run("collect", *Q, str(tmp_path / "kim.json"), "--dir", str(root))
    assert code == 0 and "already collected" in out
    assert len(team_respondents(root, "Payments")) == 2
    old = kim.model_copy(update={"questionnaire_version": "0.9", "respondent": "Old"})
    save_assessment(old, tmp_path / "old.json")
    one_error(
        *run("collect", *Q, str(tmp_path / "old.json"), "--dir", str(root)),
        "old.json",
        "version 0.9",
        "1.0",
    )
    save_assessment(blank, tmp_path / "team.json")
    one_error(
        *run("collect", *Q, str(tmp_path / "team.json"), "--dir", str(root)),
        "not a respondent file",
    )
    one_error(*run("collect", *Q, str(tmp_path / "missing.json"), "--dir", str(root)))
    assert len(team_respondents(root, "Payments")) == 2


def test_consolidate_writes_the_team_assessment_and_keeps_agreed(
    five: Path, blank: Assessment
) -> None:
    from assess.domain.assessment import Agreed

    code, out, err = run(
        "consolidate", *Q, "--team", "Payments", "--dir", str(five), "--date", "2026-11-20"
    )
    assert code == 0, err
    assert "consolidated 5 respondents of Payments: 1 question where they disagree" in out
    path = standard_path(five, blank)
    assert f"wrote {path}" in out
    assert f"discuss them: assess facilitate --team Payments --dir {five}" in out
    team = load_assessment(path)
    record = team.consolidation
    assert record is not None
    assert record.respondents == [f"Respondent {n}" for n in range(1, 6)]
    assert len(record.files) == 5 and record.questions["ci-builds"].flagged
    assert team.answers["ci-builds"].choice == pick("ci-builds", 2).choice  # lower median
    assert team.answers["ci-builds"].source == "lower median of 5 respondents"
    assert team.status == "complete" and team.respondent == ""
    # The facilitator agrees ci-builds; a target is set; consolidating again keeps both.
    agreed = Agreed(
        answer=pick("ci-builds", 3),
        note="all new repos build",
        distribution=record.questions["ci-builds"].distribution,
        agreed=NOW,
    )
    edited = team.with_target("ci", 5, NOW).model_copy(
        update={"consolidation": record.model_copy(update={"agreed": {"ci-builds": agreed}})}
    )
    save_assessment(edited, path)
    code, out, err = run(
        "consolidate", *Q, "--team", "Payments", "--dir", str(five), "--show-names"
    )
    assert code == 0, err
    assert "1 agreed answers kept" in out and "reopened" not in out
    again = load_assessment(path)
    assert again.consolidation is not None
    assert again.consolidation.respondents == ["Ana", "Bo", "Cy", "Di", "Ed"]
    assert again.answers["ci-builds"].choice == pick("ci-builds", 3).choice
    assert again.answers["ci-builds"].source == "agreed by the team"
    assert again.targets == {"ci": 5}
    assert len(list(path.parent.glob("*.json"))) == 1


def test_consolidate_refusals_are_one_line(five: Path, blank: Assessment) -> None:
    base = ("consolidate", *Q, "--dir", str(five), "--date", "2026-11-20")
    one_error(*run(*base, "--team", "Nobody"), "no respondent files")
    answered = blank.with_answer("ci-gate", pick("ci-gate", 1), NOW)
    save_assessment(answered, standard_path(five, blank))
    one_error(*run(*base, "--team", "Payments"), "not consolidated from respondents")
    # a respondent on another version is named
    other = member(blank, "Zed").model_copy(update={"questionnaire_version": "0.9"})
    save_assessment(other, respondent_path(five, other))
    one_error(*run(*base, "--team", "Payments", "--date", "2026-11-21"), "tiny-zed.json", "0.9")
    broken = respondent_path(five, other).with_name("2026-11-20-tiny-zz.json")
    broken.write_text("{}", encoding="utf-8")
    one_error(*run(*base, "--team", "Payments"), "tiny-zz.json")


def test_report_and_score_warn_when_respondent_files_changed(five: Path, blank: Assessment) -> None:
    run("consolidate", *Q, "--team", "Payments", "--dir", str(five), "--date", "2026-11-20")
    path = standard_path(five, blank)
    code, _, err = run("score", *Q, str(path), "--format", "json")
    assert code == 0 and "warning" not in err
    late = member(blank, "Fay", **{"ci-gate": pick("ci-gate", 1)})
    save_assessment(late, respondent_path(five, late))
    code, out, err = run("score", *Q, str(path), "--format", "json")
    assert code == 0 and json.loads(out)
    [line] = [line for line in err.splitlines() if "respondent" in line]
    assert line.startswith("warning: ") and "fay.json added" in line and "consolidate" in line


def test_form_csv_and_markdown(tmp_path: Path) -> None:
    code, out, err = run("form", *Q, "--questionnaire", "tiny")
    assert code == 0, err
    header, texts, allowed = out.splitlines()
    assert header == '"respondent","ci-builds","ci-gate","tracking-runs","tracking-compare"'
    assert texts.startswith('"#question","Which share of repositories build on every push?"')
    assert '"None | Some | All | Don\'t know"' in allowed
    assert '"Nowhere | In a spreadsheet | In a tracking server | Don\'t know | Not applicable"' in (
        allowed
    )
    code, out, err = run("form", *Q, "--questionnaire", "tiny", "-o", str(tmp_path / "f.md"))
    assert code == 0 and "wrote" in out
    markdown = (tmp_path / "f.md").read_text()
    assert "**Is merging blocked when the build fails?** (`ci-gate`)" in markdown
    assert "- Don't know" in markdown
    one_error(
        *run("form", *Q, "--questionnaire", "tiny", "-o", str(tmp_path / "f.md")), "already exists"
    )
    one_error(*run("form", *Q, "--questionnaire", "tiny", "-o", str(tmp_path / "f.pdf")), ".pdf")
    one_error(*run("form", *Q, "--questionnaire", "nope"), "nope")


def test_the_filled_template_imports(tmp_path: Path) -> None:
    """The template from `assess form`, filled in a spreadsheet, imports as it is."""
    _, template, _ = run("form", *Q, "--questionnaire", "tiny")
    filled = template + '"Kim","Some","Yes","","No"\n"Lee","all","no","Nowhere","yes"\n'
    (tmp_path / "filled.csv").write_text(filled, encoding="utf-8")
    root = tmp_path / "assessments"
    args = (
        "import",
        *Q,
        str(tmp_path / "filled.csv"),
        "--team",
        "Payments",
        "--questionnaire",
        "tiny",
        "--dir",
        str(root),
        "--respondent-column",
        "respondent",
    )
    code, out, err = run(*args)
    assert code == 0 and "imported 2 respondents of Payments" in out, err
    assert err == ""
    assert [r.respondent for _, r in team_respondents(root, "Payments")] == ["Kim", "Lee"]


def test_import_twelve_respondents(tmp_path: Path) -> None:
    from tests.files.test_form_import import export

    source = tmp_path / "responses.csv"
    source.write_bytes(export(bad="Maybe"))
    root = tmp_path / "assessments"
    args = (
        "import",
        *Q,
        str(source),
        "--team",
        "Payments",
        "--questionnaire",
        "tiny",
        "--dir",
        str(root),
    )
    code, out, err = run(*args)
    assert code == 1 and "Traceback" not in out + err
    assert err.splitlines()[0].startswith("error: ")
    assert "row 8, column D (ci-gate): 'Maybe'" in err and "nothing imported" in err
    assert not root.exists()
    source.write_bytes(export())
    code, out, err = run(*args)
    assert code == 0 and "imported 12 respondents of Payments" in out
    assert "Comments, if any" in err and err.startswith("warning: ")
    code, out, _ = run(*args)
    assert code == 0 and "imported 0 respondents" in out and "12 rows were imported before" in out
    assert len(team_respondents(root, "Payments")) == 12
    code, out, err = run("consolidate", *Q, "--team", "Payments", "--dir", str(root))
    assert code == 0 and "consolidated 12 respondents" in out, err


def test_demo_team_of_respondents_is_consolidated_as_consolidate_would(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    code, said, err = run("demo", "--teams", "1", "--date", "2026-11-20", "--out", str(out))
    assert code == 0, err
    assert "a team answered by 5 respondents, consolidated, who disagree on" in said
    found = team_respondents(out, "Streaming")
    assert len(found) == 5 and sum(r.anonymous for _, r in found) == 1
    [team_file] = [p for p in out.glob("streaming-*/*.json")]
    made = load_assessment(team_file)
    assert made.consolidation is not None
    flagged = [q for q, s in made.consolidation.questions.items() if s.flagged]
    assert 2 <= len(flagged) <= 8
    code, _, err = run("score", str(team_file), "--format", "json")
    assert code == 0 and "respondent files changed" not in err
    code, said, err = run("consolidate", "--team", "Streaming", "--dir", str(out))
    assert code == 0, err
    again = load_assessment(team_file)
    assert again.consolidation is not None
    assert {q: a.choice for q, a in again.answers.items()} == {
        q: a.choice for q, a in made.answers.items()
    }
    assert again.consolidation.respondents == made.consolidation.respondents
    assert again.consolidation.files == made.consolidation.files


def test_compare_warns_once_about_stale_teams(five: Path, blank: Assessment) -> None:
    run("consolidate", *Q, "--team", "Payments", "--dir", str(five), "--date", "2026-11-20")
    code, out, err = run("compare", *Q, str(five), "--format", "csv")
    assert code == 0 and "warning" not in err and out.count("Payments") >= 1
    late = member(blank, "Fay", **{"ci-gate": pick("ci-gate", 1)})
    save_assessment(late, respondent_path(five, late))
    code, out, err = run("compare", *Q, str(five), "--format", "csv")
    assert code == 0
    [line] = err.splitlines()
    assert line.startswith("warning: respondent files changed since the consolidation of Payments")
