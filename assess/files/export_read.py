"""Reading the files of an export into rows (export_rows), in this process or, for many files
on a machine with several cores, in worker processes while this one writes the database.

Each file's rows are the same either way, and come back in the order of the files, so the
database is the same too (a test compares the two)."""

import gc
import hashlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

from pydantic import ValidationError

from assess.domain.assessment import questionnaire_hash
from assess.domain.questionnaire import Questionnaire
from assess.domain.scoring import figures
from assess.errors import AssessError
from assess.files.assessments import RESPONDENTS, parse_assessment
from assess.files.export_rows import FileRows, ModelCodes, file_rows, model_codes
from assess.files.reading import ASSESSMENT_LIMIT, display, read_bytes

QuestionnaireFinder = Callable[[str], Questionnaire]

Model = tuple[Questionnaire, str] | AssessError
"""A questionnaire with its content hash, or why it could not be found."""

PARALLEL_FROM: Final = 100
"""Fewer files than this are read in this process: starting workers would cost more."""
CHUNK: Final = 32
"""Files handed to a worker at a time."""


@dataclass(frozen=True, slots=True)
class Task:
    """A file to read."""

    file: Path
    unchanged_if: str | None
    """The content hash of the file as exported before, when those rows are still current: a
    file that hashes to it is not parsed again."""


class Prepared(NamedTuple):
    """What reading a file gave."""

    digest: str | None
    """Its content hash; None when it could not be read."""
    problem: str | None
    """Why it cannot be exported, in one line."""
    rows: FileRows | None
    """None when it cannot be exported, or hashes to Task.unchanged_if."""


class Models:
    """The models found so far, by id."""

    def __init__(self, find_questionnaire: QuestionnaireFinder) -> None:
        self.find_questionnaire = find_questionnaire
        self.found: dict[str, Model] = {}

    def get(self, qid: str) -> Model:
        found = self.found.get(qid)
        if found is None:
            try:
                questionnaire = self.find_questionnaire(qid)
                found = (questionnaire, questionnaire_hash(questionnaire))
            except AssessError as error:
                found = error
            self.found[qid] = found
        return found


class Reader:
    """Reads files into rows: one per process, with what it learnt of each model."""

    def __init__(self, find_questionnaire: QuestionnaireFinder) -> None:
        self.models = Models(find_questionnaire)
        self.codes: dict[str, ModelCodes] = {}

    def __call__(self, task: Task) -> Prepared:
        try:
            data = read_bytes(task.file, ASSESSMENT_LIMIT, "an assessment")
        except AssessError as error:
            return Prepared(None, error.message.splitlines()[0], None)
        digest = hashlib.sha256(data).hexdigest()
        if digest == task.unchanged_if:
            return Prepared(digest, None, None)
        problem, rows = self.rows(task.file, data)
        return Prepared(digest, problem, rows)

    def rows(self, file: Path, data: bytes) -> tuple[str | None, FileRows | None]:
        try:
            assessment = parse_assessment(data.decode("utf-8"), file)
        except UnicodeDecodeError:
            return f"{display(file)}: not UTF-8 text", None
        except AssessError as error:
            return error.message.splitlines()[0], None
        found = self.models.get(assessment.questionnaire)
        if isinstance(found, AssessError):
            return f"{display(file)}: {found.message.splitlines()[0]}", None
        questionnaire, model_hash = found
        try:
            scores = figures(questionnaire, assessment)
        except ValidationError as error:  # a scorer's own model refusing a value: report, go on
            return f"{display(file)}: cannot be scored ({error.error_count()} problems)", None
        codes = self.codes.get(model_hash)
        if codes is None or codes.questionnaire is not questionnaire:
            codes = self.codes[model_hash] = model_codes(questionnaire)
        respondent = bool(
            file.parent.name == RESPONDENTS or assessment.respondent or assessment.anonymous
        )
        return None, file_rows(codes, model_hash, assessment, scores, respondent)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


def read_all(tasks: list[Task], reader: Reader, jobs: int) -> Iterator[Prepared]:
    """What each task's file gave, in order: read by `jobs` worker processes when there are
    enough files and the system forks (the workers start with this process's modules and
    models loaded), otherwise here."""
    if jobs < 2 or len(tasks) < PARALLEL_FROM or not _forks():
        yield from map(reader, tasks)
        return
    # The first file is read here: the workers then start with its model loaded.
    yield reader(tasks[0])
    tasks = tasks[1:]
    count = min(jobs, len(tasks) // CHUNK + 1)
    workers = ProcessPoolExecutor(
        count, multiprocessing.get_context("fork"), initializer=_start_worker, initargs=(reader,)
    )
    # A few chunks per worker handed out ahead, no more: what is read waits in memory until
    # this process has written it.
    ahead: deque[Future[list[Prepared]]] = deque()
    try:
        for start in range(0, len(tasks), CHUNK):
            ahead.append(workers.submit(_read_in_worker, tasks[start : start + CHUNK]))
            if len(ahead) > 2 * count:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
    except BrokenProcessPool:
        workers.shutdown(wait=False, cancel_futures=True)
        raise AssessError(
            "a process reading the files stopped (killed, or out of memory); the export was"
            " not changed; try again with --jobs 1"
        ) from None
    except BaseException:
        # Stopped early: files not yet handed out are not read.
        workers.shutdown(wait=False, cancel_futures=True)
        raise
    workers.shutdown()


def _forks() -> bool:
    # Forking is safe on Linux; elsewhere a spawned worker would import everything again.
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


_worker_reader: Reader | None = None


def _start_worker(reader: Reader) -> None:
    # Ctrl+C is the writing process's to handle: it stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # What the worker shares with the writing process at the fork is left out of collections:
    # walking it would make the worker a copy of each of its pages.
    gc.freeze()
    global _worker_reader
    _worker_reader = reader


def _read_in_worker(tasks: list[Task]) -> list[Prepared]:
    assert _worker_reader is not None, "set when the worker starts"
    return [_worker_reader(task) for task in tasks]
