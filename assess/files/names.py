"""File names derived from team names: safe, inside their folder, and never shared by two teams."""

import hashlib
import re
import unicodedata

_MAX_SLUG = 40


def team_slug(team: str) -> str:
    """A lowercase ASCII name plus a short hash of the exact team name.

    The slug keeps the name readable; the hash keeps 'Data Team' and 'data-team' apart. Only
    [a-z0-9-] survive, so no slug can hold a path separator, '..', or a reserved device name.
    """
    ascii_name = unicodedata.normalize("NFKD", team).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:_MAX_SLUG].strip("-")
    digest = hashlib.sha256(team.encode("utf-8")).hexdigest()[:6]
    return f"{slug or 'team'}-{digest}"
