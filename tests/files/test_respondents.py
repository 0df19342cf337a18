from pathlib import Path

import pytest

from assess.domain.assessment import Assessment
from assess.errors import AssessError
from assess.files.assessments import load_assessment, save_assessment
from assess.files.respondents import collect, respondent_path


def test_collect_copies_in_and_never_overwrites(tmp_path: Path, blank: Assessment) -> None:
    kim = blank.model_copy(update={"respondent": "Kim Åberg"})
    source = tmp_path / "in" / "kim.json"
    save_assessment(kim, source)
    root = tmp_path / "teams"
    first = collect(source, root, "tiny", "1.0")
    second = collect(source, root, "tiny", "1.0")
    assert first == respondent_path(root, kim)
    assert first.parent.name == "respondents" and first.name.endswith("-tiny-kim-aberg.json")
    assert second.name.endswith("-kim-aberg-2.json")
    assert load_assessment(first).respondent == "Kim Åberg"
    with pytest.raises(AssessError, match=r"not 'tiny' version 2\.0"):
        collect(source, root, "tiny", "2.0")
