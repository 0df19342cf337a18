from assess.domain.questionnaire import Questionnaire
from assess.domain.samples import sample_assessments
from assess.domain.scoring import score
from tests.conftest import TODAY


def test_the_same_seed_gives_the_same_samples(tiny: Questionnaire) -> None:
    first = sample_assessments(tiny, 6, 7, TODAY)
    assert first == sample_assessments(tiny, 6, 7, TODAY)
    assert first != sample_assessments(tiny, 6, 8, TODAY)


def test_samples_have_history_and_work_in_progress(tiny: Questionnaire) -> None:
    samples = sample_assessments(tiny, 10, 1, TODAY)
    teams = {a.team for a in samples}
    assert len(teams) == 10
    assert len(samples) == 10 + 4  # teams 0, 3, 6, 9 were also assessed a quarter earlier
    assert any(a.status == "in-progress" for a in samples)
    assert all(score(tiny, a).score is not None for a in samples)
