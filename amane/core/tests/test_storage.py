"""Saved photos are synced to disk, file and folder, before the save returns."""

import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from amane.core.storage import DurableFileSystemStorage


def test_a_saved_file_and_its_folder_are_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real_fsync, real_open = os.fsync, os.open
    opened: dict[int, str] = {}

    def tracking_open(path: str, flags: int, *args: object) -> int:
        descriptor = real_open(path, flags, *args)  # type: ignore[arg-type]
        opened[descriptor] = str(path)
        return descriptor

    def tracking_fsync(descriptor: int) -> None:
        synced.append(opened.get(descriptor, "?"))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "open", tracking_open)
    monkeypatch.setattr(os, "fsync", tracking_fsync)
    storage = DurableFileSystemStorage(location=tmp_path)
    name = storage.save("photos/a.jpg", ContentFile(b"jpeg bytes"))
    assert (tmp_path / name).read_bytes() == b"jpeg bytes"
    assert str(tmp_path / name) in synced
    assert str(tmp_path / "photos") in synced
