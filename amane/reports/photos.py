"""
Photo cleaning: every photo is decoded and re-encoded before it is kept, without Django.

A phone photo carries its GPS position, the phone's serial number and the time to the
second in EXIF, and sometimes more in XMP or ICC blocks. Re-encoding from pixels alone
drops all of it, whatever container it came in. Anything that does not decode as a real
image, or would decode into an enormous bitmap (a decompression bomb), is refused: a photo
that cannot be cleaned is never stored as sent.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "MPO"})
JPEG_QUALITY = 82


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
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRejected("not_an_image")
            width, height = image.size
            if width * height > max_pixels:
                raise PhotoRejected("too_many_pixels")
            image.load()
            upright = ImageOps.exif_transpose(image)
            pixels = upright.convert("RGB")
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected("too_many_pixels") from None
    except Exception:
        # Pillow raises many kinds of error on hostile input; all mean "not an image".
        raise PhotoRejected("not_an_image") from None
    # A fresh image holds the pixels and nothing else: no info dict, EXIF, XMP or ICC.
    bare = Image.new("RGB", pixels.size)
    bare.paste(pixels)
    bare.thumbnail((max_edge, max_edge))
    output = io.BytesIO()
    bare.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(output.getvalue(), bare.width, bare.height)
