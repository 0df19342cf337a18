"""Text from files made safe to show in a terminal.

A team name, a questionnaire's text or an id comes from a file anyone may have written. Sent to a
terminal as it is, an escape sequence in it can retitle the window, move the cursor or hide text,
and a bidirectional override can make a line read differently from what it holds. `visible()`
replaces every such character by a readable escape (ESC becomes the four characters `\\x1b`,
RIGHT-TO-LEFT OVERRIDE becomes `\\u202e`), so the text shows what the file holds and nothing acts.

Markup is the other half: Rich and Textual read `[bold]` or `[link=...]` in a string as styling.
Their escaping rules differ (Textual also reads `[$accent]` and `[ bold]`), so the callers do not
escape: they hand the visible text over as an object that is never parsed as markup (rich's
`Text`, Textual's `Content`, or a widget with markup off).
"""

import re

# Characters that change how a line is shown instead of being shown: bidirectional embeddings,
# overrides, isolates and marks ("Trojan Source"), and the Unicode line and paragraph separators.
_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
# C0 and C1 controls, DEL, the characters above and lone surrogates (which cannot be encoded and
# would stop the output with an error).
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]")
_UNSAFE_BUT_LINE_BREAKS = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_AND_SEPARATORS}\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _shown_json(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """The text with every control character, escape sequence and bidirectional control shown as
    a backslash escape. With multiline, line feeds and tabs are kept as they are (for messages and
    documents of several lines); otherwise they too are shown, so the text stays on one line."""
    pattern = _UNSAFE_BUT_LINE_BREAKS if multiline else _UNSAFE
    return pattern.sub(_shown, text)


def visible_json(text: str) -> str:
    """JSON text (as json.dumps writes it with ensure_ascii=False) safe for a terminal and still
    the same JSON: the characters `visible()` shows become \\u escapes, which JSON reads back as
    the same characters. They can only occur inside strings, so the structure is untouched."""
    return _UNSAFE_BUT_LINE_BREAKS.sub(_shown_json, text)
