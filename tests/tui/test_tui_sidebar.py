"""The sidebar's one-line prompts: drawn like Content's own lines, cut with an ellipsis."""

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from assess.tui.widgets.sidebar import OneLine


def _drawn(content: Content, width: int) -> str:
    options = RenderOptions(lambda style: Style.null() if isinstance(style, str) else style, {})
    strips = OneLine(content).render_strips(width, None, Style.null(), options)
    assert len(strips) == 1
    return strips[0].text


def test_a_prompt_that_fits_is_drawn_as_written() -> None:
    prompt = Content.assemble(("✓", "bold"), " 3/5  ", "Monitoring")
    assert _drawn(prompt, 29) == "✓ 3/5  Monitoring"
    assert OneLine(prompt).get_height({}, 5) == 1  # never wrapped, however narrow


def test_a_prompt_wider_than_the_list_ends_in_an_ellipsis() -> None:
    heading = Content("Delivery outcomes, cost and the rest of the area")
    drawn = _drawn(heading, 20)
    assert drawn == "Delivery outcomes, …" and len(drawn) == 20
    assert str(OneLine(heading)) == heading.plain
