"""Consolidating 30 respondents of one team on the bundled default model (`assess consolidate`
and the facilitator's screen do this at every change).

Baseline: reading the team's 30 respondent files (`team_respondents`: read, parse, validate).
Measured in the same process, best of several runs each:
- consolidation: `consolidate` plus `Consensus.recorded` (the team's assessment, ready to save);
- of which reading the answers: each respondent's answers read against the model with their
  own dimension scores (`read_scores`, for each dimension's range), and the scorecard of the
  consolidated answers, which `consolidate` computes.
Printed: seconds and the ratio to the baseline (aim: consolidation at most 0.5), and the
first consolidation of the process, which also makes the model's plans and validators.
"""

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

RESPONDENTS = 30
RUNS = 15
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def best(run: Callable[[], object], runs: int = RUNS) -> float:
    fastest = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def main() -> None:
    from assess.domain.assessment import Assessment
    from assess.domain.consensus import consolidate, labels
    from assess.domain.samples import sample_respondents
    from assess.domain.scoring import read_scores, score
    from assess.files.assessments import save_assessment
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import file_hashes, respondent_path, team_respondents

    questionnaire = find_questionnaire(None, [])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        n = 0
        seed = 1
        while n < RESPONDENTS:
            for member in sample_respondents(questionnaire, seed, TODAY):
                n += 1
                named = member.model_copy(update={"respondent": f"Member {n}", "anonymous": False})
                save_assessment(named, respondent_path(root, named))
                if n == RESPONDENTS:
                    break
            seed += 1
        team = named.team
        found = team_respondents(root, team)
        members = [r for _, r in found]
        files = file_hashes(p for p, _ in found)
        assert len(members) == RESPONDENTS

        def consolidated() -> Assessment:
            consensus = consolidate(questionnaire, members, team, TODAY, NOW)
            return consensus.recorded(labels(members, False), False, files, NOW)

        def read() -> object:
            return [read_scores(questionnaire, m) for m in members]

        load = best(lambda: team_respondents(root, team))
        # The first consolidation of a process also makes the model's plans and the validators
        # of the models it builds: what `assess consolidate` pays once, and the facilitator's
        # screen at its first change only.
        first = best(consolidated, runs=1)
        whole = best(consolidated)
        card = consolidated().model_copy(update={"consolidation": None})
        reading = best(read) + best(lambda: score(questionnaire, card))
    print(f"consolidation of {RESPONDENTS} respondents, default model ({questionnaire.version}):")
    print(f"  reading their files (baseline)  {load * 1000:7.1f} ms")
    print(
        f"  consolidation                   {whole * 1000:7.1f} ms   ratio {whole / load:.2f}"
        "  (aim <= 0.5)"
    )
    print(f"  the first one in a process      {first * 1000:7.1f} ms")
    print(
        f"    of which reading the answers  {reading * 1000:7.1f} ms   ratio {reading / load:.2f}"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
