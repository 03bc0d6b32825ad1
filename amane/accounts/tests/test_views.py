"""Signing in: Argon2 hashes, throttled failures, sessions that end, and no sign-out by GET."""

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "une phrase de passe assez longue"


@pytest.fixture
def officer() -> Any:
    return get_user_model().objects.create_user(username="officer@example.ma", password=PASSWORD)


def sign_in(client: Client, password: str, *, query: str = "", **extra: Any) -> Any:
    body = {"username": "officer@example.ma", "password": password}
    return client.post(f"/accounts/sign-in/{query}", body, **extra)


def test_passwords_are_stored_as_argon2_hashes(officer: Any) -> None:
    assert officer.password.startswith("argon2$")


def test_the_right_password_signs_in_and_the_session_ends_after_a_working_day(officer: Any) -> None:
    client = Client()
    answer = sign_in(client, PASSWORD)
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert client.session.get_expiry_age() <= 8 * 3600
    assert client.session.get_expire_at_browser_close()


def test_a_wrong_password_is_refused_in_the_readers_language(officer: Any) -> None:
    french = sign_in(Client(), "wrong", query="?lang=fr")
    assert french.status_code == 200 and "Saisissez un nom d" in french.content.decode()
    arabic = sign_in(Client(), "wrong")
    assert arabic.status_code == 200 and "الرجاء إدخال" in arabic.content.decode()


def test_failures_past_the_limit_lock_that_account_from_that_address_with_a_429(officer: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "محاولات كثيرة" in locked.content.decode()
    # Locked means locked: even the right password is refused from there for now.
    assert sign_in(client, PASSWORD).status_code == 429
    # Another address is not locked out of the same account.
    assert sign_in(Client(REMOTE_ADDR="10.1.2.3"), PASSWORD).status_code == 302


def test_a_success_clears_the_count_of_failures(officer: Any) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.post("/accounts/sign-out/")
    assert sign_in(client, "wrong").status_code == 200  # counting starts again


def test_signing_out_takes_a_post(officer: Any) -> None:
    client = Client()
    sign_in(client, PASSWORD)
    assert client.get("/accounts/sign-out/").status_code == 405
    assert "_auth_user_id" in client.session
    assert client.post("/accounts/sign-out/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_tells_citizens_they_need_no_account() -> None:
    page = Client().get("/accounts/sign-in/?lang=fr").content.decode()
    assert "Aucun compte n" in page and 'name="password"' in page


def test_an_officer_makes_a_key_sees_it_once_uses_it_and_revokes_it(officer: Any) -> None:
    from amane.authorities.models import Membership, Unit
    from amane.geo.tests.factories import build_square_geography

    build_square_geography()
    unit = Unit.objects.create(code="annex-k", name_ar="م", name_fr="A", kind="annex")
    Membership.objects.create(user=officer, unit=unit)
    client = Client()
    client.force_login(officer)
    made = client.post("/accounts/api-tokens/", {"name": "tableur"}).content.decode()
    key = re.search(r"<code dir=\"ltr\">(amane_[\w-]+)</code>", made)
    assert key is not None
    assert key[1] not in client.get("/accounts/api-tokens/").content.decode()  # shown once
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key[1]}")
    assert api.get("/api/v1/inbox").status_code == 200
    token_id = re.search(r'name="revoke" value="(\d+)"', made)
    assert token_id is not None
    client.post("/accounts/api-tokens/", {"revoke": token_id[1]})
    assert api.get("/api/v1/inbox").status_code == 401
    assert Client().get("/accounts/api-tokens/").status_code == 302


def test_a_moderator_or_analyst_grant_is_carried_by_the_viewer_and_widens_nothing(officer: Any) -> None:
    from amane.accounts.models import PlatformRole, RoleGrant
    from amane.core.viewer import ViewerRole, viewer_for

    RoleGrant.objects.create(user=officer, role=PlatformRole.ANALYST)
    viewer = viewer_for(officer)
    assert viewer.platform_roles == {"analyst"}
    assert viewer.role == ViewerRole.PUBLIC and not viewer.acts_for_units and not viewer.is_staff
