"""A consultant's or client's branding for printed reports: name, logo, accent colour, footer."""

from typing import Literal

from pydantic import Field

from assess.domain.base import DomainModel

ImageType = Literal["image/png", "image/jpeg", "image/svg+xml"]


class BrandFile(DomainModel):
    """The brand YAML file, as written (`--brand FILE`)."""

    name: str = Field(default="", max_length=120)
    """The organisation or client the report is prepared by or for, shown on the cover."""
    logo: str = ""
    """A local PNG, JPEG or SVG file, relative to the brand file's folder."""
    accent: str = Field(default="", pattern=r"^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})?$")
    """The accent colour of headings, as #rrggbb."""
    footer: str = Field(default="", max_length=200)
    """A line at the foot of every page, e.g. 'Confidential: prepared for Example Corp'."""


class Logo(DomainModel):
    media_type: ImageType
    data: bytes


class Brand(DomainModel):
    """A brand file with its logo read and checked."""

    name: str = ""
    accent: str = ""
    footer: str = ""
    logo: Logo | None = None
