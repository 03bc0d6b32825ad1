"""Announcement pages: the public page of one, and the officers' list, form and withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amane.announcements import selectors, services
from amane.announcements.forms import AnnouncementForm
from amane.authorities.models import Unit
from amane.core import clock
from amane.core.actors import Actor, authority_user
from amane.core.errors import AmaneError, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.web.templatetags.amane import name


def announcement_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        announcement = selectors.announcement_get(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    areas = selectors.announcement_areas(announcement=announcement)
    now = clock.now()
    context = {
        "announcement": announcement,
        "areas": areas,
        "expired": announcement.expires_at is not None and announcement.expires_at <= now,
        "may_edit": announcement.unit_id in viewer.unit_ids,
        # The ticker runs on the page of an announcement for one commune.
        "ticker_area": areas[0] if len(areas) == 1 else None,
    }
    return render(request, "announcements/detail.html", context)


def _officer(request: HttpRequest) -> tuple[Viewer, Actor]:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units or viewer.user_id is None:
        raise Http404
    return viewer, authority_user(viewer.user_id)


def _unit_choices(viewer: Viewer) -> list[tuple[str, str]]:
    units = Unit.objects.filter(pk__in=sorted(viewer.unit_ids)).order_by("code")
    return [(unit.code, name(unit)) for unit in units]


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    viewer, _actor = _officer(request)
    announcements = selectors.announcements_of_viewer_units(viewer=viewer)
    return render(request, "announcements/manage_list.html", {"announcements": announcements, "now": clock.now()})


@login_required
@require_http_methods(["GET", "POST"])
def manage_new(request: HttpRequest) -> HttpResponse:
    viewer, actor = _officer(request)
    form = AnnouncementForm(request.POST or None, units=_unit_choices(viewer))
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_create(
                viewer=viewer, actor=actor, unit_code=form.cleaned_data["unit"], data=form.announcement_input()
            )
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The announcement is published."))
            return redirect("announcement", public_id=announcement.public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "announcements/form.html", {"form": form, "editing": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer, actor = _officer(request)
    try:
        announcement = selectors.announcement_get(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    if announcement.unit_id not in viewer.unit_ids or announcement.withdrawn_at is not None:
        raise Http404
    initial = {
        "unit": announcement.unit.code,
        "title_ar": announcement.title_ar,
        "body_ar": announcement.body_ar,
        "title_fr": announcement.title_fr,
        "body_fr": announcement.body_fr,
        "urgent": announcement.urgent,
        "publishes_at": announcement.publishes_at,
        "expires_at": announcement.expires_at,
        "areas": " ".join(area.code for area in selectors.announcement_areas(announcement=announcement)),
    }
    units = [(announcement.unit.code, name(announcement.unit))]
    form = AnnouncementForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.announcement_update(
                viewer=viewer, actor=actor, public_id=public_id, data=form.announcement_input()
            )
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("The announcement is updated."))
            return redirect("announcement", public_id=public_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "announcements/form.html", {"form": form, "editing": announcement}, status=status)


@login_required
@require_POST
def manage_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer, actor = _officer(request)
    try:
        services.announcement_withdraw(viewer=viewer, actor=actor, public_id=public_id)
    except NotFound:
        raise Http404 from None
    except AmaneError as error:
        messages.error(request, str(error.detail))
    else:
        messages.success(request, _("The announcement is withdrawn."))
    return redirect("announcement_manage")
