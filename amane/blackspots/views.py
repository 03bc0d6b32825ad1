"""Black spot pages: declare, read, the officer's list with its answer form, and photos. Thin."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amane.blackspots import access, selectors, services
from amane.blackspots.forms import AnswerForm, DeclareForm, PlaceForm
from amane.blackspots.geometry import ShapeError, spot_shape
from amane.blackspots.models import BlackSpot
from amane.core.actors import association_member, authority_user
from amane.core.errors import AmaneError, NotAllowed, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.meetings.selectors import recommendations_about
from amane.reports.selectors import categories_visible_to
from amane.reports.services import photo_bytes
from amane.tiles.views import base_map
from amane.web.templatetags.amane import name


def _member(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    if not access.verified_associations(viewer):
        # Said, not hidden: the page exists, and says who may use it.
        raise NotAllowed(_("Only members of a verified association declare black spots."))
    return viewer


def _refused(request: HttpRequest, error: AmaneError) -> HttpResponse:
    return render(request, "blackspots/refused.html", {"message": str(error.detail)}, status=error.status)


def _declare_choices(form: DeclareForm, viewer: Viewer, offered: tuple[list[object], list[object]] = ([], [])) -> None:
    reports, places = offered
    form.set_choices(
        associations=[(a.slug, name(a)) for a in access.verified_associations(viewer)],
        categories=[(c.code, name(c)) for c in categories_visible_to(viewer).filter(confidential=False)],
        reports=[(r.public_id, f"{name(r.category)} · {r.occurred_on:%Y-%m-%d} · {r.public_id}") for r in reports],  # type: ignore[attr-defined]
        places=[(str(p.pk), f"{p.get_kind_display()} · {name(p)}") for p in places],  # type: ignore[attr-defined]
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    try:
        viewer = _member(request)
    except NotAllowed as error:
        return _refused(request, error)
    if request.method != "POST":
        form = DeclareForm()
        _declare_choices(form, viewer)
        return _declare_page(request, form)
    form = DeclareForm(request.POST, request.FILES)
    _declare_choices(form, viewer)
    form.is_valid()
    data = form.cleaned_data
    geometry = form.geometry_value()
    offered: tuple[list[object], list[object]] = ([], [])
    try:
        shape = spot_shape(geometry)
        offered = (list(selectors.report_candidates(shape=shape)), list(selectors.place_candidates(shape=shape)))
    except ShapeError:
        pass
    # The candidates are choices of the second step: the form is read again with them.
    form = DeclareForm(request.POST, request.FILES)
    _declare_choices(form, viewer, offered)
    parsed = form.is_valid()
    try:
        if not (parsed and data.get("confirm")):
            services.black_spot_check(
                category_code=data.get("category") or "", geometry=geometry, description=data.get("description") or ""
            )
            return _declare_page(request, form, offered=offered, confirming=True)
        assert viewer.user_id is not None
        spot = services.black_spot_declare(
            actor=association_member(viewer.user_id),
            viewer=viewer,
            association_slug=form.cleaned_data["association"] or None,
            category_code=form.cleaned_data["category"],
            geometry=geometry,
            description=form.cleaned_data["description"],
            report_ids=form.cleaned_data["reports"],
            place_ids=[int(pk) for pk in form.cleaned_data["places"]],
            photos=photo_bytes(request.FILES.getlist("photos")),
        )
    except AmaneError as error:
        show_service_errors(form, error)
        return _declare_page(request, form, offered=offered, confirming=False, status=400)
    response = redirect("black_spot", spot.public_id)
    response.status_code = 303
    return response


def _declare_page(
    request: HttpRequest,
    form: DeclareForm,
    *,
    offered: tuple[list[object], list[object]] = ([], []),
    confirming: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "confirming": confirming, "offered_reports": offered[0], "offered_places": offered[1]}
    return render(request, "blackspots/declare.html", {**context, **base_map()}, status=status)


def _spot_page(
    request: HttpRequest, viewer: Viewer, spot: BlackSpot, form: AnswerForm | None, status: int = 200
) -> HttpResponse:
    answering = access.answering_unit(viewer, spot.responsible_unit)
    if form is None and answering is not None:
        form = AnswerForm(initial={"expected_status": spot.status})
    context = {
        "spot": spot,
        "timeline": selectors.timeline(spot),
        "reports": selectors.linked_reports(spot),
        "places": [link.place for link in spot.place_links.all()],
        "photos": list(spot.photos.all()),
        "answering": answering,
        "form": form if answering is not None else None,
        "recommendations": recommendations_about(black_spot=spot),
        # The urgent announcements of the black spot's commune run above its page.
        "ticker_area": spot.commune,
    }
    return render(request, "blackspots/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        spot = selectors.black_spot_for_viewer(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    if request.method != "POST":
        return _spot_page(request, viewer, spot, None)
    if viewer.user_id is None:
        return redirect(f"{reverse('sign_in')}?next={request.path}")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.black_spot_answer(
                actor=authority_user(viewer.user_id),
                viewer=viewer,
                public_id=public_id,
                status=form.cleaned_data["status"],
                text=form.cleaned_data["text"],
                planned_for=form.cleaned_data["planned_for"],
                expected_status=form.cleaned_data["expected_status"] or None,
            )
        except NotAllowed as error:
            return _refused(request, error)
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            response = redirect("black_spot", public_id)
            response.status_code = 303
            return response
    spot = selectors.black_spot_for_viewer(viewer=viewer, public_id=public_id)
    return _spot_page(request, viewer, spot, form, status=400)


@login_required
def awaiting(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units:
        raise Http404
    return render(request, "blackspots/awaiting.html", {"spots": selectors.black_spots_awaiting(viewer=viewer)})


@login_required
@require_http_methods(["GET", "POST"])
def place_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert viewer.user_id is not None
        actor = authority_user(viewer.user_id) if viewer.acts_for_units else association_member(viewer.user_id)
        try:
            services.sensitive_place_register(actor=actor, viewer=viewer, **form.values())
        except NotAllowed as error:
            return _refused(request, error)
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            return render(request, "blackspots/place_new.html", {"form": PlaceForm(), "saved": True})
    return render(request, "blackspots/place_new.html", {"form": form}, status=400 if form.is_bound else 200)


def photo(request: HttpRequest, public_id: str) -> FileResponse:
    try:
        found = selectors.photo_for_viewer(viewer=viewer_for(request.user), public_id=public_id)
    except NotFound:
        raise Http404 from None
    response = FileResponse(found.file.open("rb"), content_type="image/jpeg")
    # Private: a hidden black spot's photo is seen by some viewers only.
    response["Cache-Control"] = "private, max-age=3600"
    return response
