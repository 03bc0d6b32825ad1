"""
The area a page is about, for the urgent ticker that base.html shows.

A view says which area its page is about by setting `ticker_area` (an Area, or a commune's
code) in its context; a context processor cannot read a view's context, so this one only
offers the same name from the request (`request.ticker_area`, for a page whose context a view
cannot reach, such as an error page), and the ticker tag of base.html reads whichever is
set. A page about no area reads nothing: no query, no cache.
"""

from typing import Any

from django.http import HttpRequest


def ticker(request: HttpRequest) -> dict[str, Any]:
    return {"ticker_area": getattr(request, "ticker_area", None)}
