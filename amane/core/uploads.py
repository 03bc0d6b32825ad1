"""
Uploads are capped while they arrive, not after.

Django's own upload handlers write every file whole to memory or a temporary file before
any view runs, so a multi-gigabyte "photo" would fill the disk only to be refused by the
photo size check. ``PhotoSizeCap`` runs first: it passes on each file's first bytes, one
past ``AMANE_PHOTO_MAX_BYTES``, and drops the rest. The service still sees a file over
the limit and refuses it with its usual message next to the form's photo field, and no
more than that reaches the disk. A body too large to hold even ten such files is refused
before it is read (413).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

# Room for the multipart boundaries and headers around the photos and fields.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def max_report_body_bytes() -> int:
    """
    Every file the parser accepts at the photo limit, and the text fields.

    DATA_UPLOAD_MAX_NUMBER_FILES, not the 5 photos a report takes: six full-size photos
    should get the form's "at most 5 photos", not a bare refusal.
    """
    photos = settings.DATA_UPLOAD_MAX_NUMBER_FILES * (settings.AMANE_PHOTO_MAX_BYTES + 1)
    return photos + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + MULTIPART_OVERHEAD_BYTES


class PhotoSizeCap(FileUploadHandler):
    def handle_raw_input(
        self,
        input_data: Any,
        meta: Any,
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length > max_report_body_bytes():
            raise RequestDataTooBig("The request body is larger than any upload may be.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        keep = settings.AMANE_PHOTO_MAX_BYTES + 1 - start
        # None stops the chunk here: the handlers after this one never receive it.
        return raw_data[:keep] if keep > 0 else None

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) holds the file
