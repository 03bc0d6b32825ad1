"""Every page and API answer carries a Content-Security-Policy without inline code, and the pages keep to it."""

import os

import pytest
from django.test import Client

from amane.geo.tests.factories import build_square_geography
from amane.web.tests.test_browser import CHROMIUM, page  # noqa: F401  (the browser fixture)

PAGES = ("/", "/report/", "/track/", "/about/", "/?lang=fr", "/api/v1/docs", "/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PAGES, "/api/v1/reports", "/no-such-page/"])
def test_every_answer_carries_a_policy_without_inline_code(path: str) -> None:
    build_square_geography()
    policy = Client().get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_page_breaks_the_policy_in_a_real_browser(page, live_server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    build_square_geography()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_no_served_template_carries_inline_style_or_script_that_the_policy_would_refuse() -> None:
    from pathlib import Path

    import amane

    root = Path(amane.__file__).parent
    # The printed sheet is rendered by WeasyPrint into a PDF, never served as a page.
    printed = {root / "directory" / "templates" / "directory" / "sheet.html"}
    offending = []
    for template in sorted(root.glob("*/templates/**/*.html")):
        if template in printed:
            continue
        text = template.read_text(encoding="utf-8")
        if ' style="' in text or " onclick=" in text or "<script>" in text:
            offending.append(str(template.relative_to(root)))
    assert offending == []
