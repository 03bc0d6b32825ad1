import pytest

from amane.authorities.routing import forget_routing_index


@pytest.fixture(autouse=True)
def _fresh_routing_index() -> None:
    # Ids start again after a rolled-back test on SQLite: no index may outlive its test.
    forget_routing_index()
