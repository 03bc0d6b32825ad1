"""Meeting pages, for the public, the unit that holds them and the invited associations: thin."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amane.authorities.selectors import unit_by_code
from amane.core.actors import Actor, association_member, authority_user
from amane.core.errors import AmaneError, InvalidInput, NotAllowed, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.geo.selectors import commune_by_code
from amane.meetings import selectors, services
from amane.meetings.calendar_file import CalendarMeeting, meeting_calendar
from amane.meetings.forms import (
    AttendanceForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    RecommendationForm,
    RespondForm,
    UpdateForm,
)
from amane.meetings.models import Meeting, MeetingStatus
from amane.meetings.progress import MonthCount, Progress, chart_bars
from amane.web.templatetags.amane import name

CHART_WIDTH, CHART_HEIGHT = 320.0, 120.0
# The chart and the table show the latest two years of due dates; the counts above cover all.
CHART_MONTHS = 24


def _french() -> bool:
    return (get_language() or "ar").startswith("fr")


def _officer_actor(request: HttpRequest) -> tuple[Viewer, Actor]:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units or viewer.user_id is None:
        raise Http404
    return viewer, authority_user(viewer.user_id)


@login_required
@require_http_methods(["GET", "HEAD"])
def my_meetings(request: HttpRequest) -> HttpResponse:
    viewer, _actor = _officer_actor(request)
    return render(request, "meetings/mine.html", {"meetings": selectors.viewer_meetings(viewer=viewer)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    viewer, actor = _officer_actor(request)
    units = [(unit.code, name(unit)) for unit in selectors.viewer_units(viewer)]
    if request.method != "POST":
        return render(request, "meetings/new.html", {"form": MeetingForm(units=units)})
    form = MeetingForm(request.POST, units=units)
    if not form.is_valid():
        # What the form cannot read (a date, a number) is said first; the service judges the rest.
        return render(request, "meetings/new.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        meeting = services.meeting_schedule(
            viewer=viewer,
            actor=actor,
            unit_code=data["unit"],
            title_ar=data["title_ar"],
            title_fr=data["title_fr"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            place=data["place"],
            lat=data["lat"],
            lon=data["lon"],
            agenda_ar=data["agenda_ar"],
            agenda_fr=data["agenda_fr"],
        )
    except AmaneError as error:
        show_service_errors(form, error)
        return render(request, "meetings/new.html", {"form": form}, status=400)
    messages.success(request, _("Meeting scheduled."))
    return redirect("meeting", public_id=meeting.public_id)


def _meeting_or_404(public_id: str) -> Meeting:
    try:
        return selectors.meeting_by_public_id(public_id=public_id)
    except NotFound:
        raise Http404 from None


def _officer_forms(meeting: Meeting, data: Any = None, action: str = "") -> dict[str, forms.Form]:
    invitations = selectors.meeting_invitations(meeting=meeting)
    invited = [(i.association.slug, name(i.association)) for i in invitations]
    invitable = [(a.slug, name(a)) for a in selectors.invitable_associations(meeting=meeting)]

    def bound(key: str) -> Any:
        return data if action == key else None

    return {
        "invite_form": InviteForm(bound("invite"), choices=invitable),
        "attendance_form": AttendanceForm(
            bound("attendance"),
            choices=invited,
            initial={"attended": [i.association.slug for i in invitations if i.attended]},
        ),
        "minutes_form": MinutesForm(bound("minutes"), initial={"minutes": meeting.minutes}),
        "recommendation_form": RecommendationForm(bound("recommend")),
    }


def _meeting_page(
    request: HttpRequest, meeting: Meeting, viewer: Viewer, status: int = 200, **extra: Any
) -> HttpResponse:
    manages = selectors.may_manage(viewer, meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "title": (meeting.title_fr or meeting.title_ar) if _french() else (meeting.title_ar or meeting.title_fr),
        "agenda": (meeting.agenda_fr or meeting.agenda_ar) if _french() else (meeting.agenda_ar or meeting.agenda_fr),
        "invitations": selectors.meeting_invitations(meeting=meeting),
        "recommendations": selectors.meeting_recommendations(meeting=meeting),
        "manages": manages,
        "held": meeting.status == MeetingStatus.HELD,
        "scheduled": meeting.status == MeetingStatus.SCHEDULED,
    }
    if manages:
        context.update(_officer_forms(meeting))
    context.update(extra)
    return render(request, "meetings/meeting.html", context, status=status)


_FORM_OF_ACTION = {
    "invite": "invite_form",
    "attendance": "attendance_form",
    "minutes": "minutes_form",
    "recommend": "recommendation_form",
}


def _run_action(viewer: Viewer, actor: Actor, meeting: Meeting, action: str, form: forms.Form, post: Any) -> None:
    public_id = meeting.public_id
    if action == "invite":
        services.meeting_invite(
            viewer=viewer, actor=actor, public_id=public_id, association_slugs=post.getlist("associations")
        )
    elif action == "attendance":
        services.meeting_record_attendance(
            viewer=viewer, actor=actor, public_id=public_id, attended_slugs=post.getlist("attended")
        )
    elif action == "minutes":
        services.meeting_record_minutes(
            viewer=viewer, actor=actor, public_id=public_id, minutes=post.get("minutes", "")
        )
    else:
        form.is_valid()
        if "due_on" in form.errors:
            raise InvalidInput(fields={"due_on": [_("Enter a date such as 2026-11-20.")]})
        services.recommendation_add(
            viewer=viewer,
            actor=actor,
            meeting_public_id=public_id,
            text_ar=post.get("text_ar", ""),
            text_fr=post.get("text_fr", ""),
            responsible_unit_code=post.get("responsible_unit", ""),
            due_on=form.cleaned_data.get("due_on"),
            black_spot_ids=[spot for spot in post.get("black_spots", "").replace("،", ",").split(",") if spot.strip()],
        )


def _act_on_meeting(request: HttpRequest, meeting: Meeting, viewer: Viewer, actor: Actor) -> HttpResponse:
    action = request.POST.get("action", "")
    key = _FORM_OF_ACTION.get(action)
    try:
        if action == "cancel":
            services.meeting_cancel(viewer=viewer, actor=actor, public_id=meeting.public_id)
        elif key is None:
            raise InvalidInput(_("Choose one of the allowed values."))
        else:
            form = _officer_forms(meeting, request.POST, action)[key]
            _run_action(viewer, actor, meeting, action, form, request.POST)
    except NotAllowed as error:
        return _meeting_page(request, meeting, viewer, status=403, refusal=str(error.detail))
    except AmaneError as error:
        if key is None:
            return _meeting_page(request, meeting, viewer, status=400, refusal=str(error.detail))
        form = _officer_forms(meeting, request.POST, action)[key]
        form.is_valid()
        show_service_errors(form, error)
        return _meeting_page(request, meeting, viewer, status=400, **{key: form})
    messages.success(request, _("Saved."))
    return redirect("meeting", public_id=meeting.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    meeting = _meeting_or_404(public_id)
    viewer = viewer_for(request.user)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        viewer, actor = _officer_actor(request)
        return _act_on_meeting(request, meeting, viewer, actor)
    return _meeting_page(request, meeting, viewer)


@require_http_methods(["GET", "HEAD"])
def meeting_ics(request: HttpRequest, public_id: str) -> HttpResponse:
    meeting = _meeting_or_404(public_id)
    french = _french()
    unit_name = meeting.unit.name_fr if french else meeting.unit.name_ar
    title = (meeting.title_fr or meeting.title_ar) if french else (meeting.title_ar or meeting.title_fr)
    agenda = (meeting.agenda_fr or meeting.agenda_ar) if french else (meeting.agenda_ar or meeting.agenda_fr)
    site = settings.AMANE_SITE_URL.rstrip("/")
    body = meeting_calendar(
        CalendarMeeting(
            uid=f"meeting-{meeting.public_id}@amane",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            summary=f"{title} · {unit_name}",
            description=agenda,
            location=meeting.place,
            changed_at=meeting.updated_at,
            cancelled=meeting.status == MeetingStatus.CANCELLED,
            lat=meeting.lat,
            lon=meeting.lon,
            url=site + reverse("meeting", args=[meeting.public_id]),
            sequence=meeting.sequence,
        ),
        language="fr" if french else "ar",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.public_id}.ics"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not viewer.association_ids or viewer.user_id is None:
        raise Http404
    refusal = ""
    status = 200
    if request.method == "POST":
        form = RespondForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_respond(
                    viewer=viewer,
                    actor=association_member(viewer.user_id),
                    public_id=form.cleaned_data["meeting"],
                    association_slug=form.cleaned_data["association"],
                    response=form.cleaned_data["response"],
                )
            except AmaneError as error:
                refusal = "; ".join([str(error.detail), *(m for ms in error.field_messages().values() for m in ms)])
                status = 404 if isinstance(error, NotFound) else 403 if isinstance(error, NotAllowed) else 400
            else:
                messages.success(request, _("Your answer was recorded."))
                return redirect("meeting_invitations")
        else:
            refusal, status = _("Answer confirmed or declined."), 400
    context = {"invitations": selectors.viewer_invitations(viewer=viewer), "refusal": refusal}
    return render(request, "meetings/invitations.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        recommendation = selectors.recommendation_by_public_id(public_id=public_id)
    except NotFound:
        raise Http404 from None
    viewer = viewer_for(request.user)
    may_update = selectors.may_update(viewer, recommendation)
    form = UpdateForm(initial={"new_status": recommendation.status})
    status = 200
    if request.method == "POST":
        if not may_update or viewer.user_id is None:
            raise Http404
        form = UpdateForm(request.POST)
        try:
            services.recommendation_update(
                viewer=viewer,
                actor=authority_user(viewer.user_id),
                public_id=public_id,
                text=request.POST.get("text", ""),
                new_status=request.POST.get("new_status", ""),
            )
        except AmaneError as error:
            form.is_valid()
            show_service_errors(form, error)
            status = 400
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("recommendation", public_id=public_id)
    context = {
        "recommendation": recommendation,
        "updates": selectors.recommendation_updates(recommendation=recommendation),
        "may_update": may_update,
        "form": form,
        "text": _text(recommendation),
        "black_spots": selectors.public_black_spots_of(recommendation=recommendation),
    }
    return render(request, "meetings/recommendation.html", context, status=status)


def _text(recommendation: Any) -> str:
    if _french():
        return str(recommendation.text_fr or recommendation.text_ar)
    return str(recommendation.text_ar or recommendation.text_fr)


# Colours that stay apart for the common colour blindnesses (Okabe–Ito).
COLOURS = {
    Progress.DONE: "#009E73",
    Progress.DONE_LATE: "#56B4E9",
    Progress.ON_TIME: "#F0E442",
    Progress.LATE: "#D55E00",
    Progress.DROPPED: "#999999",
}
PROGRESS_LABELS = {
    Progress.DONE: gettext_lazy("Done"),
    Progress.DONE_LATE: gettext_lazy("Done late"),
    Progress.ON_TIME: gettext_lazy("On time"),
    Progress.LATE: gettext_lazy("Late"),
    Progress.DROPPED: gettext_lazy("Dropped"),
}


def _bars(months: list[MonthCount]) -> list[dict[str, str | int]]:
    """The chart's rectangles, their numbers already written as SVG wants them."""
    return [
        {
            "x": f"{bar.x:.1f}",
            "y": f"{bar.y:.1f}",
            "width": f"{bar.width:.1f}",
            "height": f"{bar.height:.1f}",
            "fill": COLOURS[bar.progress],
            "count": bar.count,
        }
        for bar in chart_bars(months, width=CHART_WIDTH, height=CHART_HEIGHT)
    ]


def _accountability(request: HttpRequest, heading: str, unit_ids: list[int], context: dict[str, Any]) -> HttpResponse:
    try:
        page = selectors.accountability_page(unit_ids=unit_ids, cursor=request.GET.get("cursor") or None)
    except InvalidInput:
        page = selectors.accountability_page(unit_ids=unit_ids)
    rows = []
    for recommendation in page.recommendations:
        progress = page.progress_of(recommendation)
        rows.append(
            {
                "recommendation": recommendation,
                "text": _text(recommendation),
                "progress": progress,
                "label": PROGRESS_LABELS[progress],
            }
        )
    context.update(
        {
            "heading": heading,
            "page": page,
            "rows": rows,
            "totals": [(progress, PROGRESS_LABELS[progress], page.tally.totals[progress]) for progress in Progress],
            "labels": PROGRESS_LABELS,
            "bars": _bars(page.tally.months[-CHART_MONTHS:]),
            "months": [
                (month.month, list(month.counts.values())) for month in reversed(page.tally.months[-CHART_MONTHS:])
            ],
            "colours": [(PROGRESS_LABELS[progress], COLOURS[progress]) for progress in Progress],
            "chart_width": CHART_WIDTH,
            "chart_height": CHART_HEIGHT,
        }
    )
    return render(request, "meetings/accountability.html", context)


@require_http_methods(["GET", "HEAD"])
def commune_accountability(request: HttpRequest, code: str) -> HttpResponse:
    try:
        commune = commune_by_code(code=code)
    except NotFound:
        raise Http404 from None
    unit_ids = selectors.commune_unit_ids(commune=commune)
    return _accountability(request, name(commune), unit_ids, {"commune": commune})


@require_http_methods(["GET", "HEAD"])
def unit_accountability(request: HttpRequest, code: str) -> HttpResponse:
    try:
        unit = unit_by_code(code=code)
    except NotFound:
        raise Http404 from None
    return _accountability(request, name(unit), [unit.pk], {"unit": unit})
