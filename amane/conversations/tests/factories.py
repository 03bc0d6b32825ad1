"""A report in the north annex of the square test city, an officer of that annex, and a first question."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from amane.authorities.tests.factories import NORTH_ANNEX
from amane.conversations.models import Message
from amane.conversations.services import message_from_officer
from amane.core.actors import Actor, authority_user
from amane.reports.services import FiledReport
from amane.reports.tests.factories import file_report

NORTH_ANNEX_POINT = (NORTH_ANNEX[0][1], NORTH_ANNEX[0][0])


def officer(username: str = "officer-north") -> tuple[AbstractBaseUser, Actor]:
    user = get_user_model().objects.create_user(username=username, password="not-used-here-4821")
    return user, authority_user(user.pk)


def filed_in_north_annex(**overrides: Any) -> FiledReport:
    return file_report(point=NORTH_ANNEX_POINT, **overrides)


@dataclass
class Asked:
    filed: FiledReport
    question: Message


def asked(units: Any, *, body: str = "أي باب من أبواب السوق؟", **overrides: Any) -> Asked:
    """File a report in the north annex and have its officer ask a question."""
    filed = filed_in_north_annex(**overrides)
    _, actor = officer()
    question = message_from_officer(actor=actor, report=filed.report, unit=units.north_annex, body=body)
    return Asked(filed, question)
