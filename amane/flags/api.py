"""POST /api/v1/flags: anyone flags a report, a photo or other registered content."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from amane.core.actors import ANONYMOUS_REPORTER, Actor, Role
from amane.core.problems import openapi_responses
from amane.flags import flaggers, services

router = Router(tags=["flags"])


class FlagIn(Schema):
    kind: str
    id: str
    reason: str
    text: str = ""


class FlagOut(Schema):
    hidden: bool
    counted: bool


def flagging_actor(request: HttpRequest) -> Actor:
    """A signed-in person flags as themselves; anyone else as an anonymous member of the public."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.pk is not None:
        return Actor(role=Role.REPORTER, user_id=int(user.pk))
    return ANONYMOUS_REPORTER


@router.post(
    "/flags",
    response={200: FlagOut, 201: FlagOut},
    summary="Flag content that should not be public (kind: report or photo, id: its public id)",
    description=(
        "Reasons: misleading, personal_data, abusive, not_safety, other (with an optional text of at most "
        "300 characters). 201 when the flag was counted, 200 when this flagger had flagged it already or it "
        "is hidden already. Content is hidden once enough distinct people flagged it."
    ),
    openapi_extra=openapi_responses(400, 404, 415, 429),
)
def flag(request: HttpRequest, body: FlagIn) -> Status[dict[str, bool]]:
    key = flaggers.flagger_key(request)
    flaggers.check_rate(request, key)
    outcome = services.flag_submit(
        actor=flagging_actor(request),
        flagger_key=key,
        kind=body.kind,
        target_id=body.id,
        reason=body.reason,
        text=body.text,
    )
    return Status(201 if outcome.counted else 200, {"hidden": outcome.hidden, "counted": outcome.counted})
