"""The assessment store: merges changes made elsewhere, refuses conflicts, locks, creates new files
exclusively."""

import json
import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.atomic import write_text_atomically
from assess.domain.assessment import Answer, Assessment
from assess.domain.merge import MergeConflict
from assess.errors import AssessError
from assess.files.assessments import load_assessment, save_assessment, standard_path
from assess.files.lock import lock_path
from assess.files.store import AssessmentStore, remove_orphans
from tests.conftest import NOW


def cid(n: int) -> str:
    """A choice id: the store keeps answers whole and never reads inside them."""
    return f"c{n}"


@pytest.fixture
def path(tmp_path: Path, blank: Assessment) -> Path:
    where = standard_path(tmp_path, blank)
    save_assessment(blank, where)
    return where


def hand_edit(path: Path, question: str, answer: dict[str, object]) -> None:
    """What a person does with an editor: change one answer in the JSON."""
    data = json.loads(path.read_text())
    data.setdefault("answers", {})[question] = answer
    path.write_text(json.dumps(data, indent=2))


def answer(store: AssessmentStore, question: str, choice: int) -> Assessment:
    return store.save(store.assessment.with_answer(question, Answer(choice=cid(choice)), NOW))


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_hand_edit_between_two_answers_is_kept(path: Path) -> None:
    store = AssessmentStore.open(path)
    answer(store, "ci-builds", 2)
    hand_edit(path, "ci-gate", {"choice": cid(1), "note": "by hand"})
    merged = answer(store, "tracking-runs", 3)
    on_disk = load_assessment(path)
    assert on_disk == merged
    assert on_disk.answers == {
        "ci-builds": Answer(choice=cid(2)),
        "ci-gate": Answer(choice=cid(1), note="by hand"),
        "tracking-runs": Answer(choice=cid(3)),
    }


def test_a_conflicting_hand_edit_is_refused_naming_the_answer(path: Path) -> None:
    store = AssessmentStore.open(path)
    answer(store, "ci-builds", 2)
    hand_edit(path, "ci-builds", {"choice": cid(3)})
    with pytest.raises(MergeConflict) as caught:
        answer(store, "ci-builds", 1)
    assert "the answer to 'ci-builds' changed elsewhere" in caught.value.message
    assert caught.value.message.startswith(f"{path}: not saved: ")
    assert load_assessment(path).answers == {
        "ci-builds": Answer(choice=cid(3))
    }  # the edit survives
    assert caught.value.current.answers == {"ci-builds": Answer(choice=cid(3))}
    assert store.failed
    # The store now builds on the other version: the next change merges cleanly.
    answer(store, "ci-gate", 2)
    assert load_assessment(path).answers == {
        "ci-builds": Answer(choice=cid(3)),
        "ci-gate": Answer(choice=cid(2)),
    }
    assert not store.failed


def test_the_same_change_on_both_sides_is_no_conflict(path: Path) -> None:
    store = AssessmentStore.open(path)
    hand_edit(path, "ci-builds", {"choice": cid(2)})
    answer(store, "ci-builds", 2)
    assert load_assessment(path).answers == {"ci-builds": Answer(choice=cid(2))}


def test_a_change_that_keeps_size_and_time_is_still_noticed(path: Path) -> None:
    """The fingerprint is the content, not the modification time."""
    store = AssessmentStore.open(path)
    before = path.stat()
    text = path.read_text()
    edited = text.replace('"team": "Payments"', '"team": "Paymentz"')
    assert len(edited) == len(text)
    path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    answer(store, "ci-builds", 2)
    assert load_assessment(path).team == "Paymentz"


def test_a_file_damaged_elsewhere_is_not_overwritten(path: Path) -> None:
    store = AssessmentStore.open(path)
    path.write_text("{ not json")
    with pytest.raises(AssessError, match="no longer a valid assessment"):
        answer(store, "ci-builds", 2)
    assert path.read_text() == "{ not json"


def test_a_file_removed_elsewhere_is_written_again(path: Path) -> None:
    store = AssessmentStore.open(path)
    path.unlink()
    answer(store, "ci-builds", 2)
    assert load_assessment(path).answers == {"ci-builds": Answer(choice=cid(2))}


def test_a_second_store_is_read_only_until_it_takes_over(path: Path) -> None:
    first = AssessmentStore.open(path)
    second = AssessmentStore.open(path)
    assert first.held_by is None
    assert second.held_by is not None
    assert second.held_by.startswith(f"process {os.getpid()} on {socket.gethostname()}, since ")
    with pytest.raises(AssessError, match=r"open in another window .*; this one is read-only"):
        answer(second, "ci-builds", 1)
    answer(first, "ci-builds", 2)
    second.take_over()
    answer(second, "ci-gate", 1)  # merged with the first store's answer it had not read
    assert load_assessment(path).answers == {
        "ci-builds": Answer(choice=cid(2)),
        "ci-gate": Answer(choice=cid(1)),
    }
    with pytest.raises(AssessError, match="open in another window"):
        answer(first, "tracking-runs", 1)  # taken over: the first one stops writing
    assert first.held_by is not None


def test_closing_releases_the_lock(path: Path) -> None:
    first = AssessmentStore.open(path)
    assert lock_path(path).exists()
    first.close()
    assert not lock_path(path).exists()
    assert AssessmentStore.open(path).held_by is None


def test_a_stale_lock_is_taken_silently(path: Path) -> None:
    lock = {"pid": dead_pid(), "host": socket.gethostname(), "since": "x", "token": "t"}
    lock_path(path).write_text(json.dumps(lock))
    store = AssessmentStore.open(path)
    assert store.held_by is None
    assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()


def test_a_lock_from_another_host_is_reported(path: Path) -> None:
    lock = {"pid": 1, "host": "elsewhere", "since": "2026-11-20T09:30:00+00:00", "token": "t"}
    lock_path(path).write_text(json.dumps(lock))
    assert AssessmentStore.open(path).held_by == "process 1 on elsewhere, since 09:30"


def test_an_unreadable_lock_is_replaced(path: Path) -> None:
    lock_path(path).write_text("garbage")
    assert AssessmentStore.open(path).held_by is None


def test_a_new_assessment_has_no_file_until_its_first_save(
    tmp_path: Path, blank: Assessment
) -> None:
    store = AssessmentStore.new(tmp_path, blank)
    assert not store.exists
    assert list(tmp_path.rglob("*")) == []
    answer(store, "ci-builds", 2)
    assert store.exists
    assert load_assessment(store.path).answers == {"ci-builds": Answer(choice=cid(2))}


def test_two_new_assessments_of_one_team_and_day_never_share_a_file(
    tmp_path: Path, blank: Assessment
) -> None:
    first = AssessmentStore.new(tmp_path, blank)
    second = AssessmentStore.new(tmp_path, blank)
    assert first.path == second.path  # both chose the free name before either wrote
    answer(first, "ci-builds", 1)
    answer(second, "ci-builds", 2)
    assert first.path != second.path
    assert second.path.name == "2026-11-20-tiny-2.json"
    assert load_assessment(first.path).answer("ci-builds").choice == cid(1)
    assert load_assessment(second.path).answer("ci-builds").choice == cid(2)


def test_exclusive_creation_under_a_race(tmp_path: Path, blank: Assessment) -> None:
    stores = [AssessmentStore.new(tmp_path, blank) for _ in range(8)]
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def first_answer(store: AssessmentStore, n: int) -> None:
        start.wait()
        try:
            answer(store, "ci-builds", n % 4 + 1)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=first_answer, args=(s, n)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({s.path for s in stores}) == len(stores)
    for n, store in enumerate(stores):
        assert load_assessment(store.path).answer("ci-builds").choice == cid(n % 4 + 1)


def test_temporary_files_of_killed_writes_are_removed(tmp_path: Path) -> None:
    team = tmp_path / "payments-abc123"
    team.mkdir()
    orphan = team / f".2026-11-20-tiny.json.{dead_pid()}-k2j4.tmp"
    mine = team / f".2026-11-20-tiny.json.{os.getpid()}-a1b2.tmp"
    unrelated = team / ".notes.tmp"
    for file in (orphan, mine, unrelated):
        file.write_text("{")
    assert remove_orphans(tmp_path) == [orphan]
    assert not orphan.exists() and mine.exists() and unrelated.exists()


# Random interleavings ---------------------------------------------------------------------------

QUESTIONS = ["ci-builds", "ci-gate", "tracking-runs", "tracking-compare"]
Step = tuple[str, str, int]  # (who, question, choice): who is "a", "b" or "hand"
steps = st.lists(
    st.tuples(st.sampled_from(["a", "b", "hand"]), st.sampled_from(QUESTIONS), st.integers(1, 4)),
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_no_acknowledged_answer_is_lost(
    tmp_path: Path, blank: Assessment, steps: list[Step]
) -> None:
    """Two windows (each taking over when the other holds the file) and hand edits, in any order:
    the file always holds the last acknowledged value of every answer."""
    path = tmp_path / f"{len(list(tmp_path.iterdir()))}.json"
    save_assessment(blank, path)
    stores = {"a": AssessmentStore.open(path), "b": AssessmentStore.open(path)}
    shown = {who: store.assessment for who, store in stores.items()}  # what each window shows
    acknowledged: dict[str, int] = {}
    for who, question, choice in steps:
        if who == "hand":
            hand_edit(path, question, {"choice": cid(choice)})
            acknowledged[question] = choice
            continue
        store = stores[who]
        if store.held_by is not None:
            store.take_over()
        if shown[who].answer(question) == Answer(choice=cid(choice)):
            continue  # as the TUI's session, a window writes nothing for an unchanged answer
        changed = shown[who].with_answer(question, Answer(choice=cid(choice)), NOW)
        try:
            shown[who] = store.save(changed)
        except MergeConflict as conflict:
            shown[who] = conflict.current  # refused, and the window shows what is on disk
            assert store.failed
            continue
        except AssessError:
            assert store.held_by is not None  # taken over since the last write: not saved
            continue
        acknowledged[question] = choice
        assert shown[who] == load_assessment(path)
    on_disk = load_assessment(path)
    assert {q: a.choice for q, a in on_disk.answers.items()} == {
        q: cid(c) for q, c in acknowledged.items()
    }
    for store in stores.values():
        store.close()


def test_an_interleaving_with_a_takeover_merges(path: Path) -> None:
    a = AssessmentStore.open(path)
    b = AssessmentStore.open(path)
    answer(a, "ci-builds", 1)
    b.take_over()
    answer(b, "ci-gate", 2)
    with pytest.raises(AssessError):
        answer(a, "ci-builds", 3)
    assert {q: x.choice for q, x in load_assessment(path).answers.items()} == {
        "ci-builds": cid(1),
        "ci-gate": cid(2),
    }
    write_text_atomically(path, path.read_text())  # a rewrite with the same bytes is no change
    answer(b, "tracking-runs", 4)
