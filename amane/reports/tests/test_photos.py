import io
import os

import pytest
from PIL import Image

from amane.reports.photos import THUMBNAIL_EDGE, THUMBNAIL_MAX_BYTES, PhotoRejected, clean_photo, make_thumbnail

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


def _png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 1).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_limits_are_inclusive() -> None:
    data = _png((50, 40))
    assert clean_photo(data, max_bytes=len(data), max_pixels=2000, max_edge=100).width == 50
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(data, max_bytes=len(data) - 1, max_pixels=2000, max_edge=100)
    assert refused.value.reason == "too_large"
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(data, max_bytes=len(data), max_pixels=1999, max_edge=100)
    assert refused.value.reason == "too_many_pixels"
    assert str(refused.value) == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["GIF", "MPO"])
def test_gif_and_phone_multi_picture_files_are_cleaned_too(fmt: str) -> None:
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (40, 30), (20, 200, 20)), Image.new("RGB", (40, 30))]
    frames[0].save(buffer, format=fmt, save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == fmt
    cleaned = clean_photo(buffer.getvalue(), **LIMITS)
    assert (cleaned.width, cleaned.height) == (40, 30)
    assert Image.open(io.BytesIO(cleaned.jpeg)).format == "JPEG"


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_images_in_other_formats_are_refused(fmt: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32)).save(buffer, format=fmt)
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(buffer.getvalue(), **LIMITS)
    assert refused.value.reason == "not_an_image"
    assert str(refused.value) == "not_an_image"


def test_pillows_own_bomb_limit_holds_when_the_callers_limit_is_higher(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pillow warns past MAX_IMAGE_PIXELS and refuses past twice that; the warning is a refusal too.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(_png((40, 30)), max_bytes=10**6, max_pixels=10**6, max_edge=100)
    assert refused.value.reason == "too_many_pixels"
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(_png((100, 100)), max_bytes=10**6, max_pixels=10**6, max_edge=100)
    assert refused.value.reason == "too_many_pixels"


def test_a_warning_that_is_not_a_bomb_does_not_refuse_a_photo() -> None:
    # A palette PNG whose transparency is given in bytes makes Pillow warn when converted.
    image = Image.new("P", (20, 20), 1)
    image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=b"\x00\x80\xff")
    with pytest.warns(UserWarning, match="Transparency"):
        assert clean_photo(buffer.getvalue(), **LIMITS).width == 20


def test_the_pixels_are_stored_as_an_optimised_quality_82_jpeg() -> None:
    data = _png((60, 40))
    expected = io.BytesIO()
    Image.open(io.BytesIO(data)).convert("RGB").save(expected, format="JPEG", quality=82, optimize=True)
    assert clean_photo(data, **LIMITS).jpeg == expected.getvalue()


def test_a_photo_taken_sideways_is_stored_upright() -> None:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    cleaned = clean_photo(buffer.getvalue(), **LIMITS)
    assert (cleaned.width, cleaned.height) == (48, 64)


def noisy_photo(size: tuple[int, int]) -> bytes:
    """A photo of random pixels, the worst case for JPEG size, with GPS in its EXIF."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (30.0, 28.0, 12.5)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize("size", [(3000, 2000), (1000, 3000), (300, 200)])
def test_a_thumbnail_is_at_most_480_px_and_40_kb_without_metadata(size: tuple[int, int]) -> None:
    thumbnail = make_thumbnail(noisy_photo(size))
    image = Image.open(io.BytesIO(thumbnail))
    assert image.format == "JPEG"
    assert max(image.size) <= THUMBNAIL_EDGE and len(thumbnail) <= THUMBNAIL_MAX_BYTES
    assert dict(image.getexif()) == {} and "exif" not in image.info
    # The shape is kept, and a small photo is not enlarged.
    assert abs(image.width / image.height - size[0] / size[1]) < 0.02
    assert max(image.size) == min(THUMBNAIL_EDGE, max(size))


def test_a_large_jpeg_is_decoded_at_reduced_scale_and_still_fills_max_edge() -> None:
    cleaned = clean_photo(photo_with_gps(size=(4000, 3000)), max_bytes=20_000_000, max_pixels=40_000_000, max_edge=900)
    assert (cleaned.width, cleaned.height) == (900, 675)
    red, green, blue = Image.open(io.BytesIO(cleaned.jpeg)).getpixel((10, 10))  # type: ignore[misc]
    assert red > 150 and green < 80 and blue < 80
