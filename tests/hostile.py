"""Hostile text for the terminal-safety tests: an escape sequence that retitles the terminal, a
colour, a bell, a right-to-left override, Rich markup that would crash or hide a link, and
Textual-only markup."""

from pathlib import Path
from typing import Any

import yaml

TITLE_ESCAPE = "\x1b]0;pwned\x07"
HOSTILE = (
    f"{TITLE_ESCAPE}Pay\x1b[31mments\u202eevil\u2066 [/x] [link=https://evil.example]click[/link]"
    " [$accent]accent [ bold]b [@click=app.quit]q[/]"
)
# What a person must see instead: every control made visible, every bracket kept.
SHOWN = (
    "\\x1b]0;pwned\\x07Pay\\x1b[31mments\\u202eevil\\u2066 [/x] [link=https://evil.example]click"
    "[/link] [$accent]accent [ bold]b [@click=app.quit]q[/]"
)
# Characters that must never reach a terminal from data.
RAW = ("\x1b", "\x07", "\u202e", "\u2066")


def assert_safe(output: str) -> None:
    """Nothing raw reaches the output, and no hyperlink escape (OSC 8) was made from markup."""
    for char in RAW:
        assert char not in output, f"{char!r} reached the terminal"
    assert "\x1b]8;" not in output


def hostile_model(source: Path, folder: Path) -> Path:
    """A copy of the model at source whose texts shown in terminals all hold HOSTILE (ids
    cannot: they are restricted to [a-z0-9_-])."""
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["title"] = f"Model {HOSTILE}"
    data["version"] = f"1.0{TITLE_ESCAPE}"
    for level in data["levels"]:
        level["name"] = f"{level['name']} {HOSTILE}"
    for area in data["areas"]:
        area["title"] = f"{area['title']} {HOSTILE}"
        for dimension in area["dimensions"]:
            dimension["title"] = f"{dimension['title']} {HOSTILE}"
            for question in dimension["questions"]:
                question["text"] = f"{question['text']} {HOSTILE}"
                question["help"] = f"{question.get('help', '')} {HOSTILE}"
                for choice in question["choices"]:
                    choice["text"] = f"{choice['text']} {HOSTILE}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / source.name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
