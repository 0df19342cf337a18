"""Respondent files: one team member's answers, in the team's folder beside its assessment.

    <team-slug>/respondents/<date>-<questionnaire-id>-<name-slug>.json
The file is an ordinary assessment file with the `respondent` and `anonymous` fields set.
"""

import re
import unicodedata
from pathlib import Path

from assess.atomic import write_text_atomically
from assess.domain.assessment import Assessment
from assess.errors import AssessError
from assess.files.assessments import SUFFIX, load_assessment, to_json
from assess.files.names import team_slug
from assess.files.yaml_source import display

FOLDER = "respondents"


def _name_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "anonymous"


def respondent_path(root: Path, respondent: Assessment, n: int = 1) -> Path:
    """Where a respondent's file lives under root; the n-th of the same name gets -n."""
    who = "anonymous" if respondent.anonymous else _name_slug(respondent.respondent)
    suffix = "" if n == 1 else f"-{n}"
    stem = f"{respondent.date.isoformat()}-{respondent.questionnaire}-{who}{suffix}"
    return root / team_slug(respondent.team) / FOLDER / f"{stem}{SUFFIX}"


def collect(path: Path, root: Path, questionnaire: str, version: str) -> Path:
    """Copy one respondent file under root; refuse another model or version; never overwrite:
    a file of the same name gets a free -n name."""
    respondent = load_assessment(path)
    if respondent.questionnaire != questionnaire or respondent.questionnaire_version != version:
        raise AssessError(
            f"{display(path)}: answers '{respondent.questionnaire}' version "
            f"{respondent.questionnaire_version}, not '{questionnaire}' version {version}"
        )
    n = 1
    while (target := respondent_path(root, respondent, n)).exists():
        n += 1
    write_text_atomically(target, to_json(respondent))
    return target
