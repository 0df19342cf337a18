"""A brand as the report templates use it: values ready to print, the logo as a data: URI."""

import base64
from dataclasses import dataclass

from assess.domain.brand import Brand
from assess.report.render import Embedded


@dataclass(frozen=True)
class BrandView:
    name: str
    accent: str
    """A checked #rrggbb colour, or empty for the default look."""
    footer: str
    logo_uri: str
    """The logo as a data: URI, or empty."""
    logo_alt: str


def brand_view(brand: Brand | None) -> BrandView | None:
    if brand is None:
        return None
    uri = ""
    if brand.logo is not None:
        encoded = base64.b64encode(brand.logo.data).decode("ascii")
        uri = f"data:{brand.logo.media_type};base64,{encoded}"
    return BrandView(
        name=brand.name,
        accent=brand.accent,
        footer=brand.footer,
        logo_uri=uri,
        logo_alt=f"Logo of {brand.name}" if brand.name else "Logo",
    )


def embedded(brand: Brand | None, view: BrandView | None) -> Embedded:
    """The one data: URI the PDF fetcher may serve: the brand's logo."""
    if brand is None or brand.logo is None or view is None:
        return {}
    return {view.logo_uri: (brand.logo.data, brand.logo.media_type)}
