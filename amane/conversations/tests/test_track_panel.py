"""The tracking page leads to the thread; once its view hands over the thread, it shows it in place."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.shortcuts import render
from django.test import Client, RequestFactory

from amane.authorities.tests.factories import Units
from amane.conversations import tracking
from amane.conversations.tests.factories import asked
from amane.conversations.views import tracking_context
from amane.reports.selectors import report_track
from amane.web.forms import TrackForm

pytestmark = pytest.mark.django_db


def test_the_tracking_page_shows_the_thread_and_the_answer_form_never_the_code(client: Client, units: Units) -> None:
    done = asked(units, body="أي باب؟")
    html = client.post("/track/", {"receipt_code": done.filed.receipt_code}).content.decode()
    assert "أي باب؟" in html and 'id="reply-form"' in html
    assert done.filed.receipt_code not in html


def test_with_the_tracking_context_the_page_shows_the_thread_and_keeps_the_code_for_the_answer(units: Units) -> None:
    done = asked(units, body="أي باب؟")
    request = RequestFactory().post("/track/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    report = report_track(receipt_code=done.filed.receipt_code)
    context = tracking_context(request, report=report, receipt_code=done.filed.receipt_code)
    html = render(request, "web/track.html", {"form": TrackForm(), "report": report, **context}).content.decode()
    assert "أي باب؟" in html and 'id="reply-form"' in html and 'action="/track/thread/reply/"' in html
    assert done.filed.receipt_code not in html
    assert tracking.recall(request.session) == done.filed.receipt_code
