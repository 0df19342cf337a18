"""Text from files as Markdown inlines that show literally: the one escaping rule of every Markdown
output (the gap report, the comparison).

HTML is escaped, because many Markdown renderers pass inline HTML through; Markdown syntax
(emphasis, links, images, code, tables) is backslash-escaped, and a character that would open a
block (heading, list, quote) at the start is escaped too. Newlines become spaces: one line.
"""

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# Characters that start a block (heading, list, quote) when they open a line or a list item.
_BLOCK_START = re.compile(r"^([#+=-](?=\s|$)|>)")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def md(text: str) -> str:
    """Text as a Markdown inline: one line, HTML and Markdown syntax escaped."""
    one_line = " ".join(text.split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))
    return _NUMBERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", escaped))
