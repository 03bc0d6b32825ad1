import io

import pytest
from PIL import Image

from amane.reports.photos import PhotoRejected, clean_photo

LIMITS = {"max_bytes": 5_000_000, "max_pixels": 4_000_000, "max_edge": 1024}
GPS_IFD = 0x8825


def photo_with_gps(size: tuple[int, int] = (64, 48), fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:11:23 21:14:05"  # DateTime
    exif[GPS_IFD] = {1: "N", 2: (30.0, 28.0, 12.5), 3: "W", 4: (8.0, 52.0, 38.1)}
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


def test_the_photo_built_with_gps_really_carries_it() -> None:
    original = Image.open(io.BytesIO(photo_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_cleaning_removes_gps_and_every_other_metadata(fmt: str) -> None:
    cleaned = clean_photo(photo_with_gps(fmt=fmt), **LIMITS)
    image = Image.open(io.BytesIO(cleaned.jpeg))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"PhoneMaker" not in cleaned.jpeg


def test_cleaning_keeps_the_picture_and_shrinks_large_ones() -> None:
    cleaned = clean_photo(photo_with_gps(size=(2400, 1200)), **LIMITS)
    assert (cleaned.width, cleaned.height) == (1024, 512)
    red, green, blue = Image.open(io.BytesIO(cleaned.jpeg)).getpixel((10, 10))  # type: ignore[misc]
    assert red > 150 and green < 80 and blue < 80


def test_text_pretending_to_be_a_photo_is_refused() -> None:
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(b"<?php echo 'hello'; ?>" + b"\xff\xd8" * 100, **LIMITS)
    assert refused.value.reason == "not_an_image"


def test_a_truncated_jpeg_is_refused() -> None:
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(photo_with_gps()[:200], **LIMITS)
    assert refused.value.reason == "not_an_image"


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    buffer = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buffer, format="PNG")  # a few KB, 25 megapixels
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(buffer.getvalue(), **LIMITS)
    assert refused.value.reason == "too_many_pixels"


def test_a_file_over_the_size_limit_is_refused() -> None:
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(photo_with_gps(), max_bytes=100, max_pixels=10**6, max_edge=100)
    assert refused.value.reason == "too_large"
