"""Random and mutated files fed to the loaders: only clean AssessErrors come out."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.errors import AssessError
from assess.files.assessments import load_assessment
from assess.files.questionnaires import load_questionnaire

DATA = Path(__file__).parent.parent / "data"
TINY = (DATA / "tiny.yaml").read_text()
SAMPLE = {
    "format": "assess-assessment/1",
    "team": "Payments",
    "assessors": ["A. Rivera"],
    "date": "2026-11-20",
    "questionnaire": "tiny",
    "questionnaire_version": "1.0",
    "questionnaire_hash": "sha256:0000",
    "status": "in-progress",
    "created": "2026-11-20T09:30:00Z",
    "updated": "2026-11-20T09:30:00Z",
    "targets": {"ci": 4},
    "answers": {"ci-gate": {"choice": 2, "note": "fine"}, "tracking-runs": {"skip": "dont-know"}},
}
SAMPLE_ASSESSMENT = json.dumps(SAMPLE, indent=2)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "indent", "garble", "swap"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "garble":
            junk = data.draw(st.text(alphabet=":-[]{}&*!|>'\"#%@ ab1\t", max_size=6))
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + junk + lines[i][at:]
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            break
    return "\n".join(lines)


def only_clean_errors(loader: object, path: Path) -> None:
    try:
        loader(path)  # type: ignore[operator]
    except AssessError as error:
        assert error.message.strip()
        assert "Traceback" not in error.message


@FUZZ
@given(data=st.data())
def test_mutated_questionnaires(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(mutate(TINY, data), encoding="utf-8")
    only_clean_errors(load_questionnaire, path)


@FUZZ
@given(data=st.data())
def test_mutated_assessments(tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "a.json"
    path.write_text(mutate(SAMPLE_ASSESSMENT, data), encoding="utf-8")
    only_clean_errors(load_assessment, path)


@FUZZ
@given(data=st.data())
def test_assessments_with_wrong_values(tmp_path: Path, data: st.DataObject) -> None:
    """Valid JSON whose fields hold anything at all: the validator's errors stay clean."""
    sample = json.loads(SAMPLE_ASSESSMENT)
    for _ in range(data.draw(st.integers(1, 3))):
        key = data.draw(st.sampled_from(sorted(sample)))
        sample[key] = data.draw(JSON_VALUES)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    only_clean_errors(load_assessment, path)


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_bytes(raw)
    only_clean_errors(load_questionnaire, path)
    only_clean_errors(load_assessment, path)


@FUZZ
@given(text=st.text(max_size=200))
def test_random_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    only_clean_errors(load_questionnaire, path)
    only_clean_errors(load_assessment, path)
