"""
Typed readers for settings from the environment.

Each refuses a value it cannot read instead of guessing, so a typo such as
AMANE_DEBUG=ture stops the server at start-up rather than silently turning debug off.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, fallback_file: Path | None) -> str:
    """Return a secret from NAME, from the file named by NAME_FILE, or from a generated file."""
    value = os.environ.get(name)
    if value:
        return value
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    if fallback_file is None:
        raise ImproperlyConfigured(f"{name} (or {name}_FILE) must be set in production")
    if not fallback_file.exists():
        from django.core.management.utils import get_random_secret_key

        fallback_file.parent.mkdir(parents=True, exist_ok=True)
        fallback_file.write_text(get_random_secret_key(), encoding="utf-8")
        fallback_file.chmod(0o600)
    return fallback_file.read_text(encoding="utf-8").strip()
