"""Test settings shared by every app: a scratch media folder and a cheap receipt hash."""

from pathlib import Path

import pytest
from pytest_django.fixtures import SettingsWrapper


@pytest.fixture(autouse=True)
def _test_settings(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real codes use 2**14; tests check the same code path at a cost that keeps them fast.
    settings.AMANE_RECEIPT_SCRYPT_LOG2_N = 4
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_geography_indexes() -> None:
    from amane.geo.selectors import forget_loaded_geography

    forget_loaded_geography()
