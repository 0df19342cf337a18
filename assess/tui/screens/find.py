"""Command palette entries for the questionnaire: dimensions and questions found by their words."""

from typing import Protocol

from textual.command import Hit, Hits, Provider
from textual.content import Content

from assess.safe_text import visible
from assess.tui.session import Session


class Jumps(Protocol):
    """The screen the palette was opened from."""

    session: Session

    def jump_to_dimension(self, dimension_id: str) -> None: ...

    def go_to(self, index: int) -> None: ...


def _words_in(words: list[str], text: str) -> bool:
    lowered = text.lower()
    return all(word in lowered for word in words)


class FindProvider(Provider):
    """'monitoring' finds the dimension 'Monitoring, …' and every question that says it.

    Words, not the palette's usual letter-by-letter fuzzy match: in long question texts that
    would match almost anything."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        session: Session | None = getattr(screen, "session", None)
        words = query.lower().split()
        if session is None or not words or not hasattr(screen, "jump_to_dimension"):
            return
        jumps: Jumps = screen  # type: ignore[assignment]
        for _, dimension in session.questionnaire.dimensions():
            if _words_in(words, f"{dimension.title} {dimension.id}"):
                answered, total = session.progress(dimension)
                yield Hit(
                    1.0,
                    Content.assemble(("Dimension ", "$foreground-muted"), visible(dimension.title)),
                    lambda d=dimension.id: jumps.jump_to_dimension(d),
                    text=visible(dimension.title),
                    help=f"{answered} of {total} answered; opens its first open question",
                )
        for position in session.positions:
            question = position.question
            if _words_in(words, f"{question.text} {question.help} {question.id}"):
                yield Hit(
                    0.5,
                    Content.assemble(("Question ", "$foreground-muted"), visible(question.text)),
                    lambda i=position.index: jumps.go_to(i),
                    text=visible(question.text),
                    help=visible(f"{position.dimension.title}: {session.describe(position)}"),
                )
