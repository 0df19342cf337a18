"""SQLite export of 2,000 sample teams, as a ratio to reading the same files alone.

- Baseline: load every assessment file (read, parse JSON, validate), nothing else.
- Export: `assess.files.export.export` into a new database: read, hash, validate, score and
  insert teams, assessments, dimension scores and every answer (into a temporary file beside
  the database, renamed to it when complete).
- Reading and scoring alone (no database), for scale: what of the export is not writing.
- Re-run: the same database after 1% of the files changed (an answer edited), the others
  untouched: only the changed files are read.
Baseline, reading and scoring, and export alternate, best of three each, in one process so all
see the same caches and load from other work on the machine.
"""

import gc
import tempfile
import time
from datetime import date
from pathlib import Path

TEAMS = 2000
RUNS = 3
AIM = 2.0


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
    from assess.files.questionnaires import find_questionnaire

    questionnaire = find_questionnaire(None, [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "assessments"
        samples = sample_assessments(questionnaire, TEAMS, seed=1, today=date(2026, 11, 1))
        for assessment in samples:
            save_assessment(assessment, standard_path(folder, assessment))
        files = list(assessment_files([folder]))
        del samples, assessment
        gc.collect()

        def read_all() -> None:
            for path in files:
                load_assessment(path)

        def read_and_score() -> None:
            for path in files:
                figures(questionnaire, load_assessment(path))

        best_read = best_scored = best_export = float("inf")
        for n in range(RUNS):
            start = time.perf_counter()
            read_all()
            best_read = min(best_read, time.perf_counter() - start)
            start = time.perf_counter()
            read_and_score()
            best_scored = min(best_scored, time.perf_counter() - start)
            db = Path(tmp) / f"org-{n}.sqlite"
            start = time.perf_counter()
            export(files, db, lambda qid: find_questionnaire(qid, []))
            best_export = min(best_export, time.perf_counter() - start)

        changed = files[::100]
        first_question = next(q for _, q in questionnaire.questions())
        for path in changed:
            assessment = load_assessment(path)
            edited = assessment.with_answer(
                first_question.id, Answer(skip="dont-know"), assessment.updated
            )
            save_assessment(edited, path)
        start = time.perf_counter()
        result = export(files, db, lambda qid: find_questionnaire(qid, []))
        rerun = time.perf_counter() - start
        assert result.read == len(changed), result

    print(f"export: {TEAMS} teams, {len(files)} files")
    print(f"  reading the files alone      {best_read:6.2f} s")
    print(
        f"  reading and scoring them     {best_scored:6.2f} s   ratio {best_scored / best_read:.2f}"
    )
    ratio = best_export / best_read
    print(f"  export into a new database   {best_export:6.2f} s   ratio {ratio:.2f} (aim <= {AIM})")
    print(
        f"  re-run, {len(changed)} files changed ({len(changed) / len(files):.0%})"
        f" {rerun:6.2f} s   ratio {rerun / best_read:.2f} of reading all files"
    )


if __name__ == "__main__":
    main()
