"""Test settings shared by every app: a scratch media folder and a cheap receipt hash."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import SettingsWrapper


@pytest.fixture(autouse=True)
def _test_settings(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real codes use 2**14; tests check the same code path at a cost that keeps them fast.
    settings.AMANE_RECEIPT_SCRYPT_LOG2_N = 4
    # Tests file many reports from one address; the limits have tests of their own.
    settings.RATELIMIT_ENABLE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _flushes_may_empty_the_audit_trail() -> Any:
    """
    A transactional test empties every table when it ends, the audit trail included: the one
    purge the trail allows, done by dropping its guard for the flush and raising it again.
    """
    from django.db.backends.base.operations import BaseDatabaseOperations

    from amane.audit import guard

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: BaseDatabaseOperations, sql_list: Iterable[str]) -> None:
        vendor = self.connection.vendor
        original(self, [*guard.drop_sql(vendor), *sql_list, *guard.create_sql(vendor)])

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Ids start again after a rolled-back test on SQLite: no cached answer may outlive its test.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_geography_indexes() -> None:
    from amane.authorities.routing import forget_routing_index
    from amane.geo.selectors import forget_loaded_geography

    forget_loaded_geography()
    # Ids start again after a rolled-back test on SQLite: no routing index may outlive its test.
    forget_routing_index()


def _import_real_geography_if_missing() -> None:
    from amane.geo.models import Area, BoundarySet
    from amane.geo.services import geography_import

    if not (BoundarySet.objects.filter(active=True).exists() and Area.objects.count() > 1800):
        geography_import(force=True)


@pytest.fixture(scope="session")
def _real_geography_once(django_db_setup: None, django_db_blocker: Any) -> None:
    # Outside any test's transaction, so that it stays for the whole session.
    with django_db_blocker.unblock():
        _import_real_geography_if_missing()


@pytest.fixture
def real_geography(_real_geography_once: None, django_db_blocker: Any) -> None:
    """The national geography in the test database, imported once per session."""
    with django_db_blocker.unblock():
        # A transactional test flushes the database; import again after one.
        _import_real_geography_if_missing()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """
    A transactional test empties the database when it ends, and without serialized_rollback the
    content types come back under new ids: every later serialized test then fails to set up.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True), "
                "or django_capture_on_commit_callbacks instead of a transactional test."
            )


@pytest.fixture(scope="session", autouse=True)
def _tasks_run_immediately() -> Any:
    """Background tasks run in the caller, on in-memory storage: no consumer, no queue file touched."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = was
