"""What the observatory's public reads share: the public categories, and answers kept per data version."""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from amane.reports.models import Category
from amane.reports.public_cache import data_version

# An answer outlives its data version by at most this long; a new version is a new key.
CACHE_SECONDS = 24 * 3600


def public_category_id(code: str | None) -> int | None:
    """The id of a category the public sees, None for no code, an unknown or a confidential one."""
    if code is None:
        return None
    return Category.objects.filter(code=code, confidential=False).values_list("id", flat=True).first()


def current(key: str, compute: Callable[[], Any]) -> Any:
    """The answer under `key` for the public data as they are now, computed if not kept yet."""
    versioned = f"{key}:{data_version()}"
    answer = cache.get(versioned)
    if answer is None:
        answer = compute()
        cache.set(versioned, answer, CACHE_SECONDS)
    return answer
