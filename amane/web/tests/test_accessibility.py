"""
Every page passes axe-core's checks, in Arabic and in French, on a phone-sized screen.

axe-core (the engine behind most accessibility checkers) runs inside Chromium on each
page: labels, contrast, landmarks, language attributes, names of links and buttons...
Screen-reader users file reports too; a regression here fails the suite.
"""

from typing import Any

import pytest

from amane.geo.tests.factories import URBAN, build_square_geography
from amane.reports.tests.factories import file_report
from amane.web.tests.browser import AXE_CORE, needs_axe_core, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe_core]


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE_CORE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['impact']} {violation['id']}: {node['html'][:120]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_pages_have_no_accessibility_violation(page: Any, live_server: Any, language: str) -> None:
    build_square_geography()
    report = file_report().report
    paths = [
        "/",
        "/report/",
        "/track/",
        f"/reports/{report.public_id}/",
        f"/communes/{URBAN}/",
        "/about/",
        "/no-such-page/",
    ]
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}?lang={language}", wait_until="networkidle")
        found[path] = axe_violations(page)
    # The form again, as it comes back with its errors after an empty submission.
    page.goto(f"{live_server.url}/report/?lang={language}")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_selector("p.errors[role=alert]")
    found["/report/ with errors"] = axe_violations(page)
    assert {path: problems for path, problems in found.items() if problems} == {}
