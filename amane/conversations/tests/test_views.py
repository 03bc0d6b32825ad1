"""The reporter's thread pages: the code is typed once, never in a URL or the HTML; POSTs redirect."""

import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import django_ratelimit.core
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amane.authorities.tests.factories import Units
from amane.conversations import tracking
from amane.conversations.models import Author, Message
from amane.conversations.tests.factories import Asked, asked, filed_in_north_annex
from amane.reports.tests.test_photos import photo_with_gps

pytestmark = pytest.mark.django_db
THREAD = "/track/thread/"


def opened(client: Client, code: str, language: str = "ar") -> Any:
    """Type the code on the thread page and follow the redirect, as a browser does."""
    return client.post(f"{THREAD}?lang={language}", {"receipt_code": code}, follow=True)


def no_code_anywhere(response: Any, code: str) -> None:
    html = response.content.decode()
    assert code not in html and code.replace("-", "") not in html
    for url, _status in getattr(response, "redirect_chain", []):
        assert code not in url
    assert code not in response.request["PATH_INFO"] and code not in response.request.get("QUERY_STRING", "")


@pytest.fixture
def question(units: Units) -> Asked:
    return asked(units, body="أي باب من أبواب السوق؟")


class TestOpeningTheThread:
    def test_the_right_code_redirects_to_the_thread_without_the_code(self, client: Client, question: Asked) -> None:
        response = client.post(THREAD, {"receipt_code": question.filed.receipt_code})
        assert response.status_code == 302 and response["Location"] == THREAD
        page = client.get(THREAD)
        assert page.status_code == 200
        html = page.content.decode()
        assert "أي باب من أبواب السوق؟" in html and 'id="reply-form"' in html
        assert question.filed.receipt_code not in html

    def test_the_page_shows_the_unit_but_never_the_officer(self, client: Client, question: Asked) -> None:
        html = opened(client, question.filed.receipt_code).content.decode()
        assert "وحدة annex-north" in html and "officer-north" not in html

    @pytest.mark.parametrize("typed", ["AAAAA-BBBBB-CCCCC-DDDDD", "QWERTZ-12", "<b>K7QM3</b>"])
    def test_a_wrong_code_is_refused_and_never_echoed(self, client: Client, question: Asked, typed: str) -> None:
        response = client.post(THREAD, {"receipt_code": typed})
        html = response.content.decode()
        assert response.status_code == 400
        assert typed not in html and "QWERTZ" not in html and "&lt;b&gt;K7QM3" not in html
        assert "أي باب" not in html and tracking.SESSION_KEY not in client.session

    def test_without_a_code_the_page_asks_for_it(self, client: Client, question: Asked) -> None:
        html = client.get(THREAD).content.decode()
        assert 'name="receipt_code"' in html and "أي باب" not in html

    def test_the_page_reads_in_french(self, client: Client, question: Asked) -> None:
        page = opened(client, question.filed.receipt_code, "fr")
        html = page.content.decode()
        assert '<html lang="fr" dir="ltr">' in html
        assert "Messages sur mon signalement" in html and "Envoyer ma réponse" in html
        assert "Unité annex-north" in html
        no_code_anywhere(page, question.filed.receipt_code)

    def test_the_page_is_arabic_and_right_to_left_by_default(self, client: Client, question: Asked) -> None:
        html = opened(client, question.filed.receipt_code).content.decode()
        assert '<html lang="ar" dir="rtl">' in html and "أرسل ردي" in html

    def test_the_page_has_no_inline_script_or_style(self, client: Client, question: Asked) -> None:
        html = opened(client, question.filed.receipt_code).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert "<style" not in html and " style=" not in html

    def test_the_grant_expires(self, client: Client, question: Asked, monkeypatch: pytest.MonkeyPatch) -> None:
        opened(client, question.filed.receipt_code)
        monkeypatch.setattr(tracking, "GRANT_SECONDS", -1)
        html = client.get(THREAD).content.decode()
        assert 'name="receipt_code"' in html and "أي باب" not in html
        assert tracking.SESSION_KEY not in client.session

    def test_a_forged_grant_opens_nothing(self, client: Client, question: Asked) -> None:
        session = client.session
        session[tracking.SESSION_KEY] = signing.dumps(question.filed.receipt_code, salt="another purpose")
        session.save()
        assert "أي باب" not in client.get(THREAD).content.decode()

    def test_closing_forgets_the_code(self, client: Client, question: Asked) -> None:
        opened(client, question.filed.receipt_code)
        client.post(f"{THREAD}close/")
        assert "أي باب" not in client.get(THREAD).content.decode()

    def test_a_report_nobody_wrote_about_shows_no_answer_form(self, client: Client, units: Units) -> None:
        filed = filed_in_north_annex()
        html = opened(client, filed.receipt_code).content.decode()
        assert 'id="thread-empty"' in html and 'id="reply-form"' not in html


class TestAnswering:
    def test_an_answer_is_kept_and_the_post_redirects(self, client: Client, question: Asked) -> None:
        opened(client, question.filed.receipt_code)
        response = client.post(f"{THREAD}reply/", {"body": "الباب الشرقي"})
        assert response.status_code == 302 and response["Location"] == f"{THREAD}?sent=1"
        answer = Message.objects.get(author=Author.REPORTER)
        assert answer.body == "الباب الشرقي" and answer.report == question.filed.report
        page = client.get(response["Location"]).content.decode()
        assert "الباب الشرقي" in page and 'id="thread-sent"' in page

    def test_an_answer_with_a_photo_shows_it_cleaned_to_the_reporter_only(
        self, client: Client, question: Asked
    ) -> None:
        opened(client, question.filed.receipt_code)
        photo = SimpleUploadedFile("IMG_2041.jpg", photo_with_gps(), content_type="image/jpeg")
        client.post(f"{THREAD}reply/", {"body": "صورة الباب", "photo": photo})
        answer = Message.objects.get(author=Author.REPORTER)
        url = f"{THREAD}photos/{answer.photo_public_id}.jpg"
        assert url in client.get(THREAD).content.decode()
        served = client.get(url)
        assert served.status_code == 200 and {"private", "no-store"} <= set(served["Cache-Control"].split(", "))
        assert b"PhoneMaker" not in b"".join(served.streaming_content)  # type: ignore[attr-defined]
        assert Client().get(url).status_code == 404

    def test_an_empty_answer_is_refused_on_its_field_in_french(self, client: Client, question: Asked) -> None:
        opened(client, question.filed.receipt_code, "fr")
        response = client.post(f"{THREAD}reply/", {"body": "   "})
        html = response.content.decode()
        assert response.status_code == 400 and "Écrivez votre message." in html
        assert "أي باب" in html and question.filed.receipt_code not in html
        assert not Message.objects.filter(author=Author.REPORTER).exists()

    def test_an_answer_without_a_typed_code_goes_back_to_the_code_form(self, client: Client, question: Asked) -> None:
        response = client.post(f"{THREAD}reply/", {"body": "نعم"})
        assert response.status_code == 302 and response["Location"] == THREAD
        assert not Message.objects.filter(author=Author.REPORTER).exists()

    def test_answering_by_get_is_refused(self, client: Client, question: Asked) -> None:
        assert client.get(f"{THREAD}reply/").status_code == 405


class TestLimit:
    @pytest.fixture(autouse=True)
    def limits(self, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))
        settings.RATELIMIT_ENABLE = True
        settings.AMANE_RATE_LIMITS = {"file": "10/m", "track": "3/m"}
        cache.clear()
        yield
        cache.clear()

    def test_code_guesses_past_the_tracking_limit_get_a_429(self, client: Client, question: Asked) -> None:
        for _ in range(3):
            assert client.post(THREAD, {"receipt_code": "AAAAA-BBBBB-CCCCC-DDDDD"}).status_code == 400
        refused = client.post(THREAD, {"receipt_code": question.filed.receipt_code})
        assert refused.status_code == 429 and refused["Retry-After"]
        assert '<html lang="ar" dir="rtl">' in refused.content.decode()
        assert tracking.SESSION_KEY not in client.session

    def test_guesses_here_and_on_the_tracking_page_share_one_count(self, client: Client, question: Asked) -> None:
        for _ in range(3):
            client.post("/track/", {"receipt_code": "AAAAA-BBBBB-CCCCC-DDDDD"})
        assert client.post(THREAD, {"receipt_code": question.filed.receipt_code}).status_code == 429

    def test_answers_count_too(self, client: Client, question: Asked) -> None:
        opened(client, question.filed.receipt_code)
        assert client.post(f"{THREAD}reply/", {"body": "1"}).status_code == 302
        assert client.post(f"{THREAD}reply/", {"body": "2"}).status_code == 302
        assert client.post(f"{THREAD}reply/", {"body": "3"}).status_code == 429
        assert Message.objects.filter(author=Author.REPORTER).count() == 2


def test_a_tampered_grant_is_dropped() -> None:
    session = SessionStore()
    tracking.remember(session, "K7QM3-XHD9T-PAW2R-C4NBE")
    assert tracking.recall(session) == "K7QM3-XHD9T-PAW2R-C4NBE"
    session[tracking.SESSION_KEY] = session[tracking.SESSION_KEY] + "x"
    assert tracking.recall(session) is None and tracking.SESSION_KEY not in session
