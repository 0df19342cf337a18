"""Brand files: the logo is checked before any report embeds it."""

from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.brand import LOGO_LIMIT, image_type, load_brand
from tests.conftest import DATA

BRAND = DATA / "brand"


def brand_file(folder: Path, logo: str, accent: str = "#145aa0") -> Path:
    path = folder / "brand.yaml"
    path.write_text(f"name: Northwind\nlogo: {logo}\naccent: '{accent}'\nfooter: Confidential\n")
    return path


def test_brand_with_a_png_logo() -> None:
    brand = load_brand(BRAND / "brand.yaml")
    assert (brand.name, brand.accent) == ("Northwind Consulting", "#145aa0")
    assert brand.footer == "Confidential: prepared for Example Corp"
    assert brand.logo is not None and brand.logo.media_type == "image/png"
    assert brand.logo.data == (BRAND / "logo.png").read_bytes()


def test_image_types_by_magic_bytes_not_by_name() -> None:
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type((BRAND / "peeking.svg").read_bytes()) == "image/svg+xml"
    assert image_type(b"<svg xmlns='http://www.w3.org/2000/svg'/>") == "image/svg+xml"
    assert image_type(b"<html><svg></svg></html>") is None
    assert image_type(b"GIF89a") is None


def test_missing_logo_names_brand_file_and_logo(tmp_path: Path) -> None:
    with pytest.raises(AssessError) as error:
        load_brand(brand_file(tmp_path, "nowhere.png"))
    assert "brand.yaml: logo: " in error.value.message and "nowhere.png: no such file" in (
        error.value.message
    )


def test_a_text_file_named_png_is_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_text("not an image\n")
    with pytest.raises(AssessError, match=r"logo\.png is not a PNG, JPEG or SVG image"):
        load_brand(brand_file(tmp_path, "logo.png"))


def test_a_huge_image_is_refused_before_it_is_read_whole(tmp_path: Path) -> None:
    with (tmp_path / "huge.png").open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(LOGO_LIMIT + 1)
    with pytest.raises(AssessError, match=r"too large for a logo .*the limit is 1 MB"):
        load_brand(brand_file(tmp_path, "huge.png"))


def test_a_folder_is_not_a_logo(tmp_path: Path) -> None:
    (tmp_path / "logos").mkdir()
    with pytest.raises(AssessError, match="a folder, not a file"):
        load_brand(brand_file(tmp_path, "logos"))


def test_an_accent_that_is_not_a_colour_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes((BRAND / "logo.png").read_bytes())
    with pytest.raises(AssessError, match=r"brand\.yaml:3: accent: "):
        load_brand(brand_file(tmp_path, "logo.png", accent="red; background: url(x)"))
