"""
The printable sheet of a commune's numbers: one A4 page, in Arabic or in French.

It is the list handed out at the end of a meeting with the pasha or the caid: the national
numbers in large type, then the local lines with their addresses. WeasyPrint lays it out
with Pango and HarfBuzz, which shape Arabic (joined letters, right to left) with the Noto
fonts that Debian installs. A sheet takes WeasyPrint 0.3–1 s, so its bytes are cached under
the commune, the language, the day printed on it and the version of its entries: an edit
makes a new key, and the old sheet simply ages out.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from amane.core import clock
from amane.directory.selectors import CommuneNumbers

LANGUAGES = ("ar", "fr")
CACHE_SECONDS = 24 * 3600
# Beyond this many local lines the sheet switches to smaller type to stay on one page.
DENSE_FROM = 8
# And beyond this many (or fewer, if they do not fit) it prints the first ones and sends the
# reader to the commune's page for the rest.
MOST_LINES = 18

# WeasyPrint tells each step of each layout at INFO; a server log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def sheet_cache_key(*, numbers: CommuneNumbers, language: str, day: dt.date) -> str:
    return f"directory:sheet:{numbers.commune.code}:{language}:{day.isoformat()}:{numbers.version}"


def sheet_html(*, numbers: CommuneNumbers, language: str, day: dt.date, shown: int = MOST_LINES) -> str:
    """Return the sheet as HTML, in `language`, dated `day`, with at most `shown` local lines."""
    site = settings.AMANE_SITE_URL.rstrip("/")
    local = numbers.local[:shown]
    with translation.override(language):
        return render_to_string(
            "directory/sheet.html",
            {
                "numbers": numbers,
                "commune": numbers.commune,
                "local": local,
                "more": len(numbers.local) - len(local),
                "dense": len(local) > DENSE_FROM,
                "day": day,
                "language": language,
                "site_url": site,
                "commune_url": f"{site}/communes/{numbers.commune.code}/",
            },
        )


def _one_page_pdf(*, numbers: CommuneNumbers, language: str, day: dt.date) -> bytes:
    """Lay the sheet out, with fewer local lines each time it runs onto a second page."""
    # Imported here: WeasyPrint loads Pango and its fonts, which only the sheet needs.
    from weasyprint import HTML  # type: ignore[import-untyped]

    shown = min(len(numbers.local), MOST_LINES)
    while True:
        document = HTML(string=sheet_html(numbers=numbers, language=language, day=day, shown=shown)).render()
        if len(document.pages) <= 1 or shown == 0:
            pdf = document.write_pdf()
            assert pdf is not None  # write_pdf returns bytes when given no target
            return pdf
        # Long addresses take two lines each: a quarter fewer until the page holds them.
        shown = min(shown - 1, shown * 3 // 4)


def sheet_pdf(*, numbers: CommuneNumbers, language: str) -> bytes:
    """Return the sheet as PDF bytes, from the cache when nothing on it changed today."""
    if language not in LANGUAGES:
        raise ValueError(f"A sheet is printed in {LANGUAGES}, not {language!r}.")
    day = timezone.localtime(clock.now()).date()
    key = sheet_cache_key(numbers=numbers, language=language, day=day)
    cached = cache.get(key)
    if isinstance(cached, bytes):
        return cached
    pdf = _one_page_pdf(numbers=numbers, language=language, day=day)
    cache.set(key, pdf, CACHE_SECONDS)
    return pdf
