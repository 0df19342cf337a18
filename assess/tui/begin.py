"""Starting a new assessment, blank or pre-filled from the team's latest complete one."""

from assess.domain.assessment import carried_over, new_assessment
from assess.errors import AssessError
from assess.tui.context import FillContext, Opened, QuestionnaireEntry


def begin(
    context: FillContext,
    entry: QuestionnaireEntry,
    team: str,
    assessor: str,
    prefill: bool,
) -> Opened:
    """Create, save and open a new assessment; raises AssessError with a message for the user."""
    team = team.strip()
    if not team:
        raise AssessError("enter the name of the team assessed")
    questionnaire = entry.load()
    now = context.now()
    assessors = [assessor.strip()] if assessor.strip() else []
    previous = context.latest_complete(team, questionnaire.id) if prefill else None
    if previous is None:
        assessment = new_assessment(questionnaire, team, assessors, now.date(), now)
    else:
        assessment = carried_over(previous, questionnaire, now.date(), now)
        if assessors:
            assessment = assessment.model_copy(update={"assessors": assessors})
    return context.create(questionnaire, assessment)
