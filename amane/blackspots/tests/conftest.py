import pytest

from amane.authorities.tests.factories import Units, build_units


@pytest.fixture
def units() -> Units:
    return build_units()
