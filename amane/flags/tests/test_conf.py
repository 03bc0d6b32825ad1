import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django.fixtures import SettingsWrapper

from amane.flags import conf


def test_thresholds_per_kind_and_the_default(settings: SettingsWrapper) -> None:
    settings.AMANE_FLAG_THRESHOLDS = "report=5, photo=2"
    assert (conf.threshold_for("report"), conf.threshold_for("photo"), conf.threshold_for("black_spot")) == (5, 2, 3)


def test_thresholds_from_the_environment(settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch) -> None:
    del settings.AMANE_FLAG_THRESHOLDS
    monkeypatch.setenv("AMANE_FLAG_THRESHOLDS", "photo=4")
    assert conf.threshold_for("photo") == 4


@pytest.mark.parametrize("raw", ["report", "report=0", "report=x", "=3", "report=-1"])
def test_a_malformed_value_is_refused(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        conf.parse_thresholds(raw)
