"""File storage whose files are on disk before the transaction that names them commits."""

import os
from typing import IO, Any

from django.core.files.storage import FileSystemStorage


def _fsync_path(path: str, flags: int) -> None:
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class DurableFileSystemStorage(FileSystemStorage):
    """
    FileSystemStorage that syncs each saved file and its folder to disk.

    A report is acknowledged (its receipt code shown) once its transaction commits; a photo
    still in the page cache at a power cut would leave that report pointing at an empty or
    missing file. Syncing the file, then the folder's entry for it, before returning closes
    that gap: the service saves photos inside the transaction, so they are durable first.
    """

    def save(self, name: str | None, content: IO[Any], max_length: int | None = None) -> str:
        saved = super().save(name, content, max_length)
        full_path = self.path(saved)
        _fsync_path(full_path, os.O_RDONLY)
        _fsync_path(os.path.dirname(full_path), os.O_RDONLY | os.O_DIRECTORY)
        return saved
