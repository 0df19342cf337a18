"""`assess compare` of teams consolidated from respondents, as a command, to the terminal table.

200 sample teams on the bundled default model, each with 8 respondents who start from the
team's answers and move about a quarter of them by one level: their files are written under
each team's respondents/ folder (which compare leaves out) and the team's consolidated
assessment beside them, as `assess consolidate` writes it. The baseline is the same command on
the same 200 teams without respondents (the same answers, no consolidation record, no
respondent files), measured in the same run. Aim: at most 1.5 s as a command.
"""

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

TEAMS = 200
RESPONDENTS = 8
TODAY = date(2026, 11, 1)
RUNS = 7
AIM = 1.5


def write_teams(with_respondents: Path, without: Path) -> None:
    from assess.domain.answers import answer_for
    from assess.domain.assessment import Answer, Assessment
    from assess.domain.consensus import consolidate, labels
    from assess.domain.samples import sample_assessments
    from assess.files.assessments import save_assessment, standard_path
    from assess.files.questionnaires import find_questionnaire
    from assess.files.respondents import file_hashes, respondent_path

    model = find_questionnaire(None, [])
    questions = [q for _, q in model.questions()]
    rng = random.Random(11)
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    teams = [a for a in sample_assessments(model, TEAMS, seed=2, today=TODAY) if a.date == TODAY]
    for team in teams:
        save_assessment(team, standard_path(without, team))
        people: list[Assessment] = []
        paths = []
        for n in range(RESPONDENTS):
            answers: dict[str, Answer] = {}
            for q in questions:
                given = team.answers.get(q.id)
                if given is None or given.choice is None:
                    if given is not None:
                        answers[q.id] = given
                    continue
                index = next(i for i, c in enumerate(q.choices) if c.id == given.choice)
                if rng.random() < 0.25:
                    index = max(0, min(len(q.choices) - 1, index + rng.choice((-1, 1))))
                answers[q.id] = answer_for(q, q.choices[index])
            person = team.model_copy(
                update={"respondent": f"Member {n + 1}", "answers": answers, "assessors": []}
            )
            people.append(person)
            path = respondent_path(with_respondents, person)
            save_assessment(person, path)
            paths.append(path)
        result = consolidate(model, people, team.team, TODAY, now, base=team)
        record = result.recorded(labels(people, False), False, file_hashes(paths), now)
        record = record.model_copy(update={"status": team.status})
        save_assessment(record, standard_path(with_respondents, record))


def best_of_interleaved_cpu(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(best wall seconds, best CPU seconds) of each command, runs alternating between them."""
    best = [(float("inf"), float("inf"))] * len(commands)
    for _ in range(runs):
        for i, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best[i] = (min(best[i][0], wall), min(best[i][1], cpu))
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        consolidated, single = root / "consolidated", root / "single"
        write_teams(consolidated, single)
        files = sum(1 for _ in consolidated.rglob("*.json"))
        command = [sys.executable, "-m", "assess", "compare"]
        # The whole command, start-up included, best of interleaved runs: wall time, and the
        # CPU time of the process (less disturbed when other work shares the machine).
        (wall, cpu), (base_wall, base_cpu) = best_of_interleaved_cpu(
            [[*command, str(consolidated)], [*command, str(single)]], runs=RUNS
        )
        print(
            f"bench_compare_respondents: {TEAMS} teams x {RESPONDENTS} respondents "
            f"({files} files, respondent files left out by compare), load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        verdict = "within" if wall <= AIM else "OVER"
        print(
            f"`assess compare` to the terminal table: {wall:.2f} s wall ({verdict} the aim of "
            f"{AIM} s), {cpu:.2f} s CPU = {wall / base_wall:.2f} x wall, {cpu / base_cpu:.2f} x "
            f"CPU of the same {TEAMS} teams without respondents ({base_wall:.2f} s wall, "
            f"{base_cpu:.2f} s CPU); best of {RUNS}"
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
