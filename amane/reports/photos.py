"""
Photo cleaning: every photo is decoded and re-encoded before it is kept, without Django.

A phone photo carries its GPS position, the phone's serial number and the time to the
second in EXIF, and sometimes more in XMP or ICC blocks. Re-encoding from pixels alone
drops all of it, whatever container it came in (thumbnails are made the same way). Anything
that does not decode as a real image, or would decode into an enormous bitmap (a
decompression bomb), is refused: a photo that cannot be cleaned is never stored as sent.
"""

import io
import math
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
JPEG_QUALITY = 82
# Lists and pages show a thumbnail of at most 480 px and 40 KB; the full photo is one tap away.
THUMBNAIL_EDGE = 480
THUMBNAIL_MAX_BYTES = 40_000
THUMBNAIL_QUALITIES = (75, 65, 55, 45)
# One photo decoded at a time per process: a large photo's pixels take some 70 MB, and four
# request threads decoding at once would hold them four times over.
_decoding = threading.Lock()


class PhotoRejected(Exception):
    """A photo refused, with a machine reason: too_large, too_many_pixels or not_an_image."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class CleanPhoto:
    jpeg: bytes
    width: int
    height: int


def clean_photo(data: bytes, *, max_bytes: int, max_pixels: int, max_edge: int) -> CleanPhoto:
    """Return the photo re-encoded as a metadata-free JPEG no larger than max_edge a side."""
    if len(data) > max_bytes:
        raise PhotoRejected("too_large")
    with _decoding:
        return _clean(data, max_pixels=max_pixels, max_edge=max_edge)


def _clean(data: bytes, *, max_pixels: int, max_edge: int) -> CleanPhoto:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRejected("not_an_image")
            width, height = image.size
            if width * height > max_pixels:
                raise PhotoRejected("too_many_pixels")
            if image.format in ("JPEG", "MPO"):
                # Decode at 1/2, 1/4 or 1/8 scale when that still covers max_edge: a 40-megapixel
                # phone photo then takes a quarter of the memory (120 MB of pixels otherwise).
                image.draft("RGB", _target_size(width, height, max_edge))
            image.load()
            # In place and shrunk before any copy: the copies below are of the small picture.
            ImageOps.exif_transpose(image, in_place=True)
            image.thumbnail((max_edge, max_edge))
            pixels = image if image.mode == "RGB" else image.convert("RGB")
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected("too_many_pixels") from None
    except Exception:
        # Pillow raises many kinds of error on hostile input; all mean "not an image".
        raise PhotoRejected("not_an_image") from None
    jpeg = _bare_jpeg(pixels, quality=JPEG_QUALITY)
    return CleanPhoto(jpeg, pixels.width, pixels.height)


def _target_size(width: int, height: int, max_edge: int) -> tuple[int, int]:
    """Return the size ``thumbnail((max_edge, max_edge))`` will give, rounded up."""
    scale = min(1.0, max_edge / max(width, height, 1))
    return (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale)))


def _bare_jpeg(pixels: Image.Image, *, quality: int) -> bytes:
    # A fresh image holds the pixels and nothing else: no info dict, EXIF, XMP or ICC.
    bare = Image.new("RGB", pixels.size)
    bare.paste(pixels)
    output = io.BytesIO()
    bare.save(output, format="JPEG", quality=quality, optimize=True)
    return output.getvalue()


def make_thumbnail(jpeg: bytes, *, max_edge: int = THUMBNAIL_EDGE, max_bytes: int = THUMBNAIL_MAX_BYTES) -> bytes:
    """Return a metadata-free JPEG of at most max_edge a side and max_bytes, from a cleaned photo."""
    with _decoding, Image.open(io.BytesIO(jpeg)) as image:
        image.draft("RGB", _target_size(image.width, image.height, max_edge))
        image.thumbnail((max_edge, max_edge))
        pixels = image.convert("RGB")
    for quality in THUMBNAIL_QUALITIES:
        thumbnail = _bare_jpeg(pixels, quality=quality)
        if len(thumbnail) <= max_bytes:
            return thumbnail
    # Noise-like pictures: smaller still until it fits.
    while len(thumbnail) > max_bytes and min(pixels.size) > 16:
        pixels = pixels.resize((pixels.width * 3 // 4, pixels.height * 3 // 4))
        thumbnail = _bare_jpeg(pixels, quality=THUMBNAIL_QUALITIES[-1])
    return thumbnail
