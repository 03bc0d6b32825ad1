"""
Tests of amane/reports/photos.py, written to pin its rules (checked by `make mutation`).

Mutants that survive because they change nothing a caller can see (equivalent):
- draft(None / "XXRGBXX" / "rgb", size) in _clean and make_thumbnail: Pillow's JPEG draft only
  acts on the mode "L" or "YCbCr"; any other mode, "RGB" included, is ignored.
- pixels = image.convert("RGB") always, or never, in _clean (mode == "RGB" mutated): converting an
  RGB image makes a copy of the same pixels, and _bare_jpeg's paste converts any other mode to RGB
  the same way (LA, RGBA, P, I;16 checked: same pixels).
- image.convert(None) in make_thumbnail: a JPEG stays in its own mode (RGB, L or CMYK), which
  _bare_jpeg's paste converts to RGB; resizing a grey picture gives the same grey in each channel.
- max(width, height, 2) in _target_size: the guard only avoids dividing by zero; sides of 0 or 1
  give the same (1, 1) target either way.
- save(format="jpeg"): Pillow upper-cases the format name.
"""

import io
import itertools
import os
import random
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from amane.reports import photos
from amane.reports.photos import (
    THUMBNAIL_EDGE,
    THUMBNAIL_MAX_BYTES,
    PhotoRejected,
    _target_size,
    clean_photo,
    make_thumbnail,
)

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


# The thumbnail rules, pinned: the spec's own figures, not the module's constants, so that a
# changed constant is noticed.
SPEC_EDGE = 480
SPEC_MAX_BYTES = 40_000
SPEC_LADDER = (75, 65, 55, 45)  # best quality first
SPEC_SMALLEST_SIDE = 16  # the size fallback stops once the shorter side is this or less


def seeded_noise(size: tuple[int, int], seed: int = 14) -> Image.Image:
    """Random pixels (the worst case for JPEG size), the same on every run."""
    return Image.frombytes("RGB", size, random.Random(seed).randbytes(size[0] * size[1] * 3))


def as_jpeg(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **params)
    return buffer.getvalue()


def encoded(pixels: Image.Image, quality: int) -> bytes:
    """Our own encoding of bare pixels, to compare make_thumbnail's output with."""
    return as_jpeg(pixels, quality=quality, optimize=True)


def decoded(jpeg: bytes) -> Image.Image:
    return Image.open(io.BytesIO(jpeg)).convert("RGB")


def test_the_highest_quality_of_the_ladder_that_fits_is_used() -> None:
    jpeg = as_jpeg(seeded_noise((160, 120)), quality=95)
    pixels = decoded(jpeg)
    at_each_quality = [encoded(pixels, quality) for quality in SPEC_LADDER]
    sizes = [len(thumbnail) for thumbnail in at_each_quality]
    assert sizes == sorted(set(sizes), reverse=True)  # noise: each step down is smaller
    for thumbnail in at_each_quality:
        # Exactly the limit fits (the larger, better ones before it do not).
        assert make_thumbnail(jpeg, max_bytes=len(thumbnail)) == thumbnail
    for better, next_best in itertools.pairwise(at_each_quality):
        assert make_thumbnail(jpeg, max_bytes=len(better) - 1) == next_best


def test_the_default_byte_limit_is_40_kb_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    # Encodings of chosen lengths stand in for real ones: no real picture lands on 40,000 bytes.
    def encoder(lengths: dict[int, int]) -> Callable[..., bytes]:
        return lambda pixels, *, quality: bytes([quality]) * lengths[quality]

    jpeg = as_jpeg(Image.new("RGB", (40, 30), "red"))
    lengths = dict(zip(SPEC_LADDER, (SPEC_MAX_BYTES, 30, 20, 10), strict=True))
    monkeypatch.setattr(photos, "_bare_jpeg", encoder(lengths))
    assert make_thumbnail(jpeg) == bytes([SPEC_LADDER[0]]) * SPEC_MAX_BYTES
    lengths = dict(zip(SPEC_LADDER, (SPEC_MAX_BYTES + 1, SPEC_MAX_BYTES, 20, 10), strict=True))
    monkeypatch.setattr(photos, "_bare_jpeg", encoder(lengths))
    assert make_thumbnail(jpeg) == bytes([SPEC_LADDER[1]]) * SPEC_MAX_BYTES


def shrunk_by_quarters(pixels: Image.Image) -> list[bytes]:
    """The fallback's steps, at the lowest quality: 3/4 of each side until the shorter is small."""
    steps = []
    while min(pixels.size) > SPEC_SMALLEST_SIDE:
        pixels = pixels.resize((pixels.width * 3 // 4, pixels.height * 3 // 4))
        steps.append(encoded(pixels, SPEC_LADDER[-1]))
    return steps


# 40 -> 30 -> 22 -> 16 stops on 16 itself; 42 -> 31 -> 23 -> 17 -> 12 goes one past 17.
@pytest.mark.parametrize("size", [(64, 40), (42, 60)])
def test_when_no_quality_fits_the_picture_shrinks_until_it_does(size: tuple[int, int]) -> None:
    jpeg = as_jpeg(seeded_noise(size), quality=95)
    steps = shrunk_by_quarters(decoded(jpeg))
    assert len(steps) >= 3
    smallest_quality = encoded(decoded(jpeg), SPEC_LADDER[-1])
    assert make_thumbnail(jpeg, max_bytes=len(smallest_quality) - 1) == steps[0]
    for step in steps:
        assert make_thumbnail(jpeg, max_bytes=len(step)) == step
    # Never fits: the smallest step is the answer, the picture is not shrunk to nothing.
    smallest = make_thumbnail(jpeg, max_bytes=1)
    assert smallest == steps[-1]
    assert min(decoded(smallest).size) <= SPEC_SMALLEST_SIDE < min(decoded(steps[-2]).size)


def test_a_photo_of_exactly_480_px_is_kept_and_one_pixel_more_is_shrunk() -> None:
    for size in [(SPEC_EDGE, 300), (300, SPEC_EDGE)]:
        kept = decoded(make_thumbnail(as_jpeg(Image.new("RGB", size, "red"))))
        assert kept.size == size
    for size in [(SPEC_EDGE + 1, 300), (300, SPEC_EDGE + 1)]:
        shrunk = decoded(make_thumbnail(as_jpeg(Image.new("RGB", size, "red"))))
        assert max(shrunk.size) == SPEC_EDGE and min(shrunk.size) in (299, 300)


def test_a_thumbnail_carries_no_metadata() -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (30.0, 28.0, 12.5)}
    jpeg = as_jpeg(Image.new("RGB", (600, 400), "red"), exif=exif, icc_profile=b"PhoneProfile", comment=b"PhoneNote")
    source = Image.open(io.BytesIO(jpeg))
    assert source.getexif() and source.info["icc_profile"] and source.info["comment"]
    thumbnail = make_thumbnail(jpeg)
    image = Image.open(io.BytesIO(thumbnail))
    assert dict(image.getexif()) == {} and image.getexif().get_ifd(GPS_IFD) == {}
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(image.info)
    assert all(secret not in thumbnail for secret in (b"PhoneMaker", b"PhoneProfile", b"PhoneNote"))


def test_the_thumbnail_of_a_photo_taken_sideways_is_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    sideways = as_jpeg(Image.new("RGB", (1200, 900), "red"), exif=exif)
    cleaned = clean_photo(sideways, **LIMITS)
    assert decoded(make_thumbnail(cleaned.jpeg)).size == (360, SPEC_EDGE)


def full_decode_size(data: bytes, max_edge: int) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    image.load()  # loaded first, so Pillow cannot decode at a reduced scale
    image.thumbnail((max_edge, max_edge))
    return image.size


@pytest.mark.parametrize(("size", "max_edge"), [((4001, 2999), 900), ((3333, 1111), 480), ((2000, 2000), 700)])
def test_a_reduced_scale_decode_gives_the_size_of_a_full_decode(size: tuple[int, int], max_edge: int) -> None:
    data = as_jpeg(Image.linear_gradient("L").resize(size).convert("RGB"))
    expected = full_decode_size(data, max_edge)
    cleaned = clean_photo(data, max_bytes=10**8, max_pixels=10**8, max_edge=max_edge)
    thumbnail = decoded(make_thumbnail(data, max_edge=max_edge, max_bytes=10**8))
    for got in [(cleaned.width, cleaned.height), thumbnail.size]:
        assert abs(got[0] - expected[0]) <= 1 and abs(got[1] - expected[1]) <= 1


@pytest.mark.parametrize(
    "shrink", [lambda data: clean_photo(data, max_bytes=10**8, max_pixels=10**8, max_edge=SPEC_EDGE), make_thumbnail]
)
@pytest.mark.parametrize("fmt", ["JPEG", "MPO"])
def test_a_large_jpeg_is_decoded_at_the_smallest_scale_that_covers_the_result(
    shrink: Callable[[bytes], object], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Memory: the bitmap decoded is what is resized; it must be under twice the result a side.
    resized_from: list[tuple[int, int]] = []
    resize = Image.Image.resize

    def spy(self: Image.Image, *args: Any, **kwargs: Any) -> Image.Image:
        resized_from.append(self.size)
        return resize(self, *args, **kwargs)

    photo = Image.new("RGB", (4000, 3000), "red")
    buffer = io.BytesIO()
    # A phone's multi-picture file (MPO) is a JPEG with a second picture after the first.
    second = {"save_all": True, "append_images": [Image.new("RGB", (400, 300))]} if fmt == "MPO" else {}
    photo.save(buffer, format=fmt, **second)
    data = buffer.getvalue()
    assert Image.open(buffer).format == fmt
    monkeypatch.setattr(Image.Image, "resize", spy)
    shrink(data)
    assert resized_from and SPEC_EDGE <= resized_from[0][0] < 2 * SPEC_EDGE


@pytest.mark.parametrize(
    ("size", "max_edge"),
    [
        ((4000, 3000), 480),
        ((3000, 4000), 480),
        ((4001, 2999), 900),
        ((4000, 1), 480),
        ((1, 4000), 480),
        ((300, 200), 480),
    ],
)
def test_the_decode_target_is_the_thumbnail_size_rounded_up(size: tuple[int, int], max_edge: int) -> None:
    image = Image.new("L", size)
    image.thumbnail((max_edge, max_edge))
    width, height = _target_size(*size, max_edge)
    assert 0 <= width - image.width <= 1 and 0 <= height - image.height <= 1


def test_the_decode_target_of_an_empty_size_is_one_pixel() -> None:
    assert _target_size(0, 0, SPEC_EDGE) == (1, 1)
