"""Drop the directory this process holds when an entry changes, now and again once the change is committed."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from amane.directory.models import DirectoryEntry
from amane.directory.selectors import forget_directory


def _changed(sender: type, **kwargs: Any) -> None:
    # After commit too: another thread may have read the entries as they were in between.
    forget_directory()
    transaction.on_commit(forget_directory)


post_save.connect(_changed, sender=DirectoryEntry, dispatch_uid="directory-entry-save")
post_delete.connect(_changed, sender=DirectoryEntry, dispatch_uid="directory-entry-delete")
