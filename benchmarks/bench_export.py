"""SQLite export of 2,000 sample teams, as a ratio to reading the same files alone.

- Baseline: load every assessment file (read, parse JSON, validate), nothing else, in one
  process.
- Export: `assess.files.export.export` into a new database, as `assess export` runs it: the
  files read, hashed, validated and scored by as many worker processes as the machine has
  cores, while this process inserts teams, assessments, dimension scores and every answer
  (into a temporary file beside the database, renamed to it when complete).
- The CPU time of that export, its worker processes' included; the same export with every
  file read in this process (--jobs 1); and reading and scoring alone (no database), for scale.
- Re-run: the same database after 1% of the files changed (an answer edited), the others
  untouched: only the changed files are read.
All alternate, best of five each, in one process so all see the same caches and load from
other work on the machine. Goal: the export at most 2 x the baseline.
"""

import gc
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

TEAMS = 2000
RUNS = 5
AIM = 2.0


def cpu_seconds() -> float:
    """CPU time of this process and of its child processes that have ended."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    from assess.domain.assessment import Answer
    from assess.domain.samples import sample_assessments
    from assess.domain.scoring import figures
    from assess.files.assessments import (
        assessment_files,
        load_assessment,
        save_assessment,
        standard_path,
    )
    from assess.files.export import export
    from assess.files.export_read import usable_cores
    from assess.files.questionnaires import find_questionnaire

    questionnaire = find_questionnaire(None, [])
    cores = usable_cores()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "assessments"
        samples = sample_assessments(questionnaire, TEAMS, seed=1, today=date(2026, 11, 1))
        for assessment in samples:
            save_assessment(assessment, standard_path(folder, assessment))
        files = list(assessment_files([folder]))
        del samples, assessment
        gc.collect()
        exports = 0

        def read_all() -> None:
            for path in files:
                load_assessment(path)

        def read_and_score() -> None:
            for path in files:
                figures(questionnaire, load_assessment(path))

        def export_new(jobs: int) -> Callable[[], None]:
            def run() -> None:
                nonlocal exports
                exports += 1
                db = Path(tmp) / f"org-{exports}.sqlite"
                export(files, db, lambda qid: find_questionnaire(qid, []), jobs=jobs)

            return run

        timed = {
            "read": read_all,
            "scored": read_and_score,
            "export": export_new(cores),
            "export here": export_new(1),
        }
        best = dict.fromkeys(timed, float("inf"))
        cpu = dict.fromkeys(timed, float("inf"))
        for _ in range(RUNS):
            for name, work in timed.items():
                used = cpu_seconds()
                start = time.perf_counter()
                work()
                best[name] = min(best[name], time.perf_counter() - start)
                cpu[name] = min(cpu[name], cpu_seconds() - used)

        db = Path(tmp) / f"org-{exports}.sqlite"
        changed = files[::100]
        first_question = next(q for _, q in questionnaire.questions())
        for path in changed:
            assessment = load_assessment(path)
            edited = assessment.with_answer(
                first_question.id, Answer(skip="dont-know"), assessment.updated
            )
            save_assessment(edited, path)
        start = time.perf_counter()
        result = export(files, db, lambda qid: find_questionnaire(qid, []), jobs=cores)
        rerun = time.perf_counter() - start
        assert result.read == len(changed), result

    read = best["read"]

    def line(what: str, seconds: float) -> str:
        return f"  {what:<40} {seconds:6.2f} s   ratio {seconds / read:.2f}"

    print(f"export: {TEAMS} teams, {len(files)} files, {cores} cores")
    print(f"  {'reading the files alone':<40} {read:6.2f} s")
    print(line("reading and scoring them", best["scored"]))
    print(line(f"export into a new database ({cores} cores)", best["export"]) + f" (aim <= {AIM})")
    print(line("  CPU time of all its processes", cpu["export"]))
    print(line("the same, read in one process", best["export here"]))
    print(line(f"re-run, {len(changed)} files changed ({len(changed) / len(files):.0%})", rerun))


if __name__ == "__main__":
    main()
