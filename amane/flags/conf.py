"""
The flags' settings, read when used (never at import) from Django's settings or else the environment.

AMANE_FLAG_THRESHOLDS: how many distinct people hide a kind of content, as "report=3,photo=2"
(a kind not named takes DEFAULT_THRESHOLD). AMANE_RATE_LIMIT_FLAG: how many flags one
flagger may send, as django-ratelimit reads it ("20/h").
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from amane.env import env_str

DEFAULT_THRESHOLD = 3
DEFAULT_RATE = "20/h"


def parse_thresholds(raw: str) -> dict[str, int]:
    """Read "kind=N,kind=N"; refuse anything else, so that a typo stops the server at start-up."""
    thresholds: dict[str, int] = {}
    for item in raw.split(","):
        if not item.strip():
            continue
        kind, sep, number = item.partition("=")
        if not sep or not kind.strip() or not number.strip().isdigit() or int(number) < 1:
            raise ImproperlyConfigured(f"AMANE_FLAG_THRESHOLDS must read like report=3,photo=2, not {raw!r}")
        thresholds[kind.strip()] = int(number)
    return thresholds


def thresholds() -> dict[str, int]:
    configured = getattr(settings, "AMANE_FLAG_THRESHOLDS", None)
    raw = configured if configured is not None else env_str("AMANE_FLAG_THRESHOLDS", "")
    return parse_thresholds(str(raw))


def threshold_for(kind: str) -> int:
    return thresholds().get(kind, DEFAULT_THRESHOLD)


def flag_rate() -> str:
    configured = getattr(settings, "AMANE_RATE_LIMIT_FLAG", None)
    return str(configured) if configured is not None else env_str("AMANE_RATE_LIMIT_FLAG", DEFAULT_RATE)
