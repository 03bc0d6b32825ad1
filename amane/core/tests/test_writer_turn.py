"""A writer to a SQLite file takes its turn from a lock every process shares; elsewhere nothing waits."""

import fcntl
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from amane.core import writer_turn as module
from amane.core.writer_turn import writer_turn


@dataclass
class FakeConnection:
    vendor: str
    name: str
    in_atomic_block: bool = False
    settings_dict: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.settings_dict = {"NAME": self.name}


def use(monkeypatch: pytest.MonkeyPatch, connection: FakeConnection) -> None:
    monkeypatch.setattr(module, "connections", {"default": connection})


def held_by_someone(lock_path: Path) -> bool:
    """Whether another open file (as another process would have) can take the lock now."""
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


def test_a_sqlite_writer_holds_the_servers_turn_until_its_transaction_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use(monkeypatch, FakeConnection(vendor="sqlite", name=str(tmp_path / "amane.sqlite3")))
    lock_path = tmp_path / "amane.sqlite3.writer-turn"
    with writer_turn():
        assert held_by_someone(lock_path)
    assert not held_by_someone(lock_path)


def test_the_turn_is_given_back_when_the_write_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use(monkeypatch, FakeConnection(vendor="sqlite", name=str(tmp_path / "amane.sqlite3")))
    with pytest.raises(RuntimeError), writer_turn():
        raise RuntimeError("the transaction failed")
    assert not held_by_someone(tmp_path / "amane.sqlite3.writer-turn")


@pytest.mark.parametrize(
    "connection",
    [
        FakeConnection(vendor="postgresql", name="amane"),
        FakeConnection(vendor="sqlite", name="WRITES-ALREADY", in_atomic_block=True),
        FakeConnection(vendor="sqlite", name="file:memorydb_default?mode=memory&cache=shared"),
    ],
    ids=["postgresql", "inside a transaction", "in-memory test database"],
)
def test_no_file_lock_where_none_is_needed_or_safe(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, connection: FakeConnection
) -> None:
    monkeypatch.chdir(tmp_path)
    use(monkeypatch, connection)
    with writer_turn():
        pass
    assert list(tmp_path.iterdir()) == []
