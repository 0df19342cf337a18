"""Brand files: a small YAML with a name, a logo file, an accent colour and a footer line.

The logo is the one file a report reads from outside its templates, so it is checked here: a
regular file, at most LOGO_LIMIT bytes, and a PNG, JPEG or SVG by its first bytes (whatever its
name says). The report embeds it as a data: URI; nothing else is fetched.
"""

import re
from pathlib import Path

from pydantic import ValidationError

from assess.domain.brand import Brand, BrandFile, ImageType, Logo
from assess.errors import AssessError
from assess.files.reading import MB, display, read_bytes, read_text
from assess.files.yaml_source import parse, require_mapping, validation_error

BRAND_LIMIT = 64 * 1024
LOGO_LIMIT = 1 * MB
_SVG_START = re.compile(
    rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]",
    re.S,
)


def image_type(data: bytes) -> ImageType | None:
    """The image type of data by its magic bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if _SVG_START.match(data[:4096]):
        return "image/svg+xml"
    return None


def load_brand(path: Path) -> Brand:
    text = read_text(path, BRAND_LIMIT, "a brand file")
    data = require_mapping(parse(text, path), path, "a brand file")
    try:
        written = BrandFile.model_validate(data)
    except ValidationError as error:
        raise validation_error(path, text, error) from None
    logo = None
    if written.logo:
        logo_path = path.parent / written.logo
        try:
            image = read_bytes(logo_path, LOGO_LIMIT, "a logo")
        except AssessError as error:
            raise AssessError(f"{display(path)}: logo: {error.message}") from None
        media_type = image_type(image)
        if media_type is None:
            raise AssessError(
                f"{display(path)}: logo: {display(logo_path)} is not a PNG, JPEG or SVG image"
            )
        logo = Logo(media_type=media_type, data=image)
    return Brand(name=written.name, accent=written.accent, footer=written.footer, logo=logo)
