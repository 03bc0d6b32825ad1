"""
Writers to SQLite wait for their turn in a queue, not in SQLite's busy handler.

SQLite lets one transaction write at a time. The others wait in its busy handler, which
polls with sleeps that grow to 100 ms, so under load a waiting writer keeps missing the
lock that newer writers take between its sleeps: at 16 clients filing at once, a filing's
p50 was 121 ms and its p99 1,181 ms (bench/http.py). Here a writer first takes a lock
that the kernel hands to the next waiter the moment it is released: an flock on a file
beside the database, shared by every process of the server, behind a thread lock for the
threads of one process. PostgreSQL locks rows, not the database: there this does nothing.

The turn is taken before the transaction begins, never inside one: a transaction that
already holds SQLite's write lock and then waited for the turn would wait for a writer
that waits for it.
"""

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from django.db import connections

_threads = threading.Lock()
# Opened once per process: an flock belongs to an open file, which a forked worker would
# share with its parent and its siblings, and then none of them would exclude the others.
_lock_files: dict[tuple[int, Path], int] = {}


def _lock_file(database: Path) -> int:
    key = (os.getpid(), database.with_name(database.name + ".writer-turn"))
    if key not in _lock_files:
        _lock_files[key] = os.open(key[1], os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    return _lock_files[key]


@contextlib.contextmanager
def writer_turn(using: str = "default") -> Iterator[None]:
    """Wait for this process's and then the server's turn to write to SQLite; elsewhere, go on."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _threads:
        name = str(connection.settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            # The test database: one process, whose threads the thread lock already queues.
            yield
            return
        descriptor = _lock_file(Path(name))
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
