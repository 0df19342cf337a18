"""What a dimension's score rests on, in words every display uses: why a dimension has no score
(so it is never drawn as zero) and how many of its questions the score rests on."""

from assess.domain.scoring import DimensionScore


def not_scored_reason(d: DimensionScore) -> str | None:
    """Why d has no score: 'scoped out', 'not applicable' (every question), or 'no answers';
    None when it has a score."""
    if d.scoped_out:
        return "scoped out"
    if d.score is not None:
        return None
    if d.questions and d.not_applicable == d.questions:
        return "not applicable"
    return "no answers"


def all_not_applicable(d: DimensionScore) -> bool:
    """The team said none of d applies (scoped out, or every question not applicable)."""
    return not_scored_reason(d) in ("scoped out", "not applicable")


def answered_mark(d: DimensionScore) -> str:
    """'3 of 4 answered' when d's score rests on fewer than all its questions; else '' (also
    when d has no score at all).

    Not-applicable questions count as answered (the team answered them); unanswered ones and
    answers the model changed under (left out until confirmed) do not."""
    if d.score is None:  # no score to rest on: not_scored_reason says why
        return ""
    given = d.answered + d.not_applicable
    if given >= d.questions:
        return ""
    return f"{given} of {d.questions} answered"
