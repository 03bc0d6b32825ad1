"""
Photo thumbnails: made from the cleaned photo on first view, kept beside it.

A report's page shows each photo at most 480 px wide and 40 KB (amane.reports.photos), and
links to the full photo; a phone on a slow network loads a page of five photos in a fifth of
the bytes. The thumbnail is re-encoded from pixels like the photo it comes from, so it holds
no metadata either. Made on first view rather than at filing, so that filing stays quick and
photos stored before thumbnails existed get one too.
"""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage

from amane.reports.models import Photo
from amane.reports.photos import make_thumbnail


def thumbnail_name(photo: Photo) -> str:
    return f"photos/{photo.public_id}.thumb.jpg"


def thumbnail_path(photo: Photo) -> Path:
    """Return the path of the photo's thumbnail, making it first if it does not exist yet."""
    path = Path(default_storage.path(thumbnail_name(photo)))
    if path.exists():
        return path
    with photo.file.open("rb") as original:
        thumbnail = make_thumbnail(original.read())
    # Written aside and renamed: two first views at once each write a whole file, one wins.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".thumb-")
    try:
        with os.fdopen(descriptor, "wb") as output:
            output.write(thumbnail)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
