"""The database itself refuses to change or remove an audit entry, on SQLite and PostgreSQL."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from amane.audit import guard
from amane.audit.models import AuditEntry
from amane.audit.services import audit_record
from amane.core.actors import ANONYMOUS_REPORTER, DEMO_AUTHORITY

pytestmark = pytest.mark.django_db


def recorded(n: int) -> list[AuditEntry]:
    with transaction.atomic():
        return [
            audit_record(actor=DEMO_AUTHORITY, action="report.status", target_type="report", target_id=f"r{i}")
            for i in range(n)
        ]


def test_each_entry_carries_the_hash_of_the_one_before() -> None:
    first, second = recorded(2)
    assert second.previous_hash == first.entry_hash
    assert len({first.entry_hash, second.entry_hash}) == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda: AuditEntry.objects.update(action="report.forged"),
        lambda: AuditEntry.objects.all().delete(),
        lambda: AuditEntry.objects.filter(target_id="r1").update(details={"x": 1}),
    ],
)
def test_an_update_or_a_delete_is_refused_by_the_database(change: object) -> None:
    recorded(2)
    with pytest.raises(DatabaseError, match=guard.MESSAGE), transaction.atomic():
        change()  # type: ignore[operator]
    assert AuditEntry.objects.filter(action="report.status").count() == 2


def test_the_guard_triggers_exist_after_every_migration() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [guard.TABLE])
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [guard.TABLE]
            )
        names = {row[0] for row in cursor.fetchall()}
    expected = (
        {"audit_no_update", "audit_no_delete"}
        if connection.vendor == "sqlite"
        else {
            "audit_no_update_delete",
            "audit_no_truncate",
        }
    )
    assert names == expected


def tamper(sql: str, params: list[int]) -> None:
    """What someone with the database file and no respect for the guard could do."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in guard.drop_sql(connection.vendor):
            cursor.execute(statement)
        cursor.execute(sql, params)
        for statement in guard.create_sql(connection.vendor):
            cursor.execute(statement)


def test_verify_says_the_trail_holds(capsys: pytest.CaptureFixture[str]) -> None:
    recorded(3)
    with transaction.atomic():
        audit_record(actor=ANONYMOUS_REPORTER, action="report.submit", target_type="report", target_id="r9")
    call_command("audit", "verify")
    assert "4 entries" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sql", "broken_at"),
    [
        ("UPDATE audit_auditentry SET action = 'report.forged' WHERE id = %s", 1),  # altered
        ("DELETE FROM audit_auditentry WHERE id = %s", 2),  # removed: the next one breaks
    ],
)
def test_verify_finds_a_tampered_entry_and_names_where_the_chain_breaks(sql: str, broken_at: int) -> None:
    entries = recorded(3)
    tamper(sql, [entries[1].pk])
    with pytest.raises(CommandError, match=f"broken at entry {entries[broken_at].pk}"):
        call_command("audit", "verify")
