import json

import pytest

from assess.safe_text import visible, visible_json
from tests.hostile import HOSTILE, SHOWN


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain Café 数据 👩‍💻", "plain Café 数据 👩‍💻"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
        ("a\x00b\x7fc\x85d\x9b", "a\\x00b\\x7fc\\x85d\\x9b"),
        ("line\nnext\ttab\rback", "line\\nnext\\ttab\\rback"),
        ("abc\u202edef\u2066g\u2069\u200f\u061c", "abc\\u202edef\\u2066g\\u2069\\u200f\\u061c"),
        ("one\u2028two\u2029", "one\\u2028two\\u2029"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("[/x] [link=https://e.example]x[/link]", "[/x] [link=https://e.example]x[/link]"),
        (HOSTILE, SHOWN),
    ],
)
def test_controls_are_shown_not_sent(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_multiline_keeps_line_feeds_and_tabs_only() -> None:
    assert visible("a\nb\tc\rd\x1b", multiline=True) == "a\nb\tc\\rd\\x1b"


def test_visible_json_is_the_same_json() -> None:
    data = {"team": HOSTILE + "\x85\u2028", "n": [1, 2.5]}
    text = visible_json(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(text) == data
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text
