import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from amane.env import env_bool, env_int


def run_amane(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AMANE_", "DJANGO_"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "amane.manage", *args], capture_output=True, text=True, env=environment, check=False
    )


def test_the_production_profile_passes_the_deploy_check() -> None:
    result = run_amane(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        AMANE_PROFILE="production",
        AMANE_SECRET_KEY=secrets.token_urlsafe(50),
        AMANE_ALLOWED_HOSTS="amane.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_production_profile_refuses_to_start_without_a_secret_key() -> None:
    result = run_amane("check", AMANE_PROFILE="production", AMANE_ALLOWED_HOSTS="amane.example")
    assert result.returncode != 0
    assert "AMANE_SECRET_KEY" in result.stderr


def test_a_misspelt_boolean_stops_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMANE_DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="AMANE_DEBUG must be true or false"):
        env_bool("AMANE_DEBUG", False)


def test_numbers_are_read_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMANE_PHOTO_MAX_BYTES", "8MB")
    with pytest.raises(ImproperlyConfigured):
        env_int("AMANE_PHOTO_MAX_BYTES", 1)
    monkeypatch.setenv("AMANE_PHOTO_MAX_BYTES", "1000")
    assert env_int("AMANE_PHOTO_MAX_BYTES", 1) == 1000


def database_settings(**env: str) -> str:
    code = (
        "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AMANE_", "DJANGO_", "DATABASE_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "amane.settings", **env})
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return result.stdout


def test_sqlite_syncs_every_commit_so_an_acknowledged_report_survives_a_power_cut() -> None:
    assert "synchronous=FULL" in database_settings()


def test_pooled_postgresql_connections_are_checked_before_use() -> None:
    assert '"CONN_HEALTH_CHECKS": true' in database_settings(DATABASE_URL="postgresql://u@127.0.0.1/x")


@pytest.mark.django_db
def test_the_sqlite_connection_runs_with_synchronous_full() -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
