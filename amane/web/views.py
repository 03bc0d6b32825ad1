"""Citizen pages: the map, the report form, the receipt, tracking, reports and communes."""

from collections.abc import Sequence
from typing import IO

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amane.authorities import selectors as authorities
from amane.conversations import tracking
from amane.conversations import views as conversations
from amane.core import throttle
from amane.core.errors import AmaneError, IdempotencyKeyReused, InvalidInput, NotFound
from amane.core.viewer import PUBLIC, viewer_for
from amane.geo import selectors as geo
from amane.geo.emergency import CIVIL_PROTECTION, GENDARMERIE, POLICE, emergency_numbers
from amane.geo.models import Area, AreaKind
from amane.reports import limits, selectors, services, visibility
from amane.reports.models import Photo, ReportStatus
from amane.reports.thumbnails import thumbnail_path
from amane.tiles.views import base_map
from amane.web import filing
from amane.web.forms import ReportFilterForm, ReportForm, TrackForm, new_form_token
from amane.web.sections import commune_sections, report_sections

PAGE_SIZE = 30
ALL_NUMBERS = [POLICE, GENDARMERIE, CIVIL_PROTECTION]
COMMUNES = frozenset({AreaKind.COMMUNE.value})


def _tiles() -> dict[str, str]:
    return base_map()


def _language() -> str:
    return "fr" if (get_language() or "ar").startswith("fr") else "ar"


def _filter_commune(code: str, place: str) -> Area | None:
    """Return the commune a filter names, by code or, without JavaScript, by its typed name."""
    if code:
        try:
            return geo.commune_by_code(code=code)
        except NotFound:
            return None
    if place:
        # Only a name spelled exactly filters: a guess would show another town's reports.
        match = geo.places_named(name=place, kinds=COMMUNES).sole_exact
        return match.area if match else None
    return None


def home(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    form = ReportFilterForm(request.GET or None)
    language = _language()
    categories = selectors.categories_visible_to(viewer).order_by("position")
    form.set_choices(
        categories=[(c.code, c.name(language)) for c in categories],
        statuses=[(value, str(label)) for value, label in ReportStatus.choices],
    )
    filters = selectors.ReportFilters()
    commune = None
    suggestions: list[Area] = []
    unknown_place = False
    if form.is_valid():
        data = form.cleaned_data
        commune = _filter_commune(data["commune"], data["place"])
        if commune is None and data["place"]:
            suggestions = [
                match.area for match in geo.places_named(name=data["place"], limit=5, kinds=COMMUNES).matches
            ]
            # Said on the page: a filter ignored in silence would pass the whole list for the place's.
            unknown_place = not suggestions
        filters = selectors.ReportFilters(
            commune_code=commune.code if commune else None,
            category_codes=(data["category"],) if data["category"] else (),
            statuses=(data["status"],) if data["status"] else (),
            occurred_from=data["occurred_from"],
            occurred_to=data["occurred_to"],
        )
    try:
        page = selectors.report_list(viewer=viewer, filters=filters, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidInput:
        page = selectors.report_list(viewer=viewer, filters=filters, limit=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "web/home.html",
        {
            "form": form,
            "page": page,
            "commune": commune,
            "suggestions": suggestions,
            "unknown_place": unknown_place,
            "filter_query": query.urlencode(),
            **_tiles(),
        },
    )


def _place_choices(form: ReportForm) -> geo.NamedPlaces | None:
    name = form.cleaned_data.get("place") or ""
    if form.cleaned_data.get("commune") or not name:
        return None
    # Communes and the arrondissements of the divided cities ("Anfa", "Maârif"): the same
    # selector as the API's place search, limited to the units a report is filed under.
    return geo.places_named(name=name, limit=20, kinds=geo.FILING_KINDS)


def redirect_see_other(name: str) -> HttpResponseRedirect:
    response = redirect(name)
    response.status_code = 303
    return response


def _form_page(
    request: HttpRequest, form: ReportForm, *, choices: Sequence[object] = (), status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "place_choices": choices,
        "numbers": ALL_NUMBERS,
        "description_limit": limits.DESCRIPTION_MAX,
        # A file input cannot be filled again by the server: say so, rather than lose them quietly.
        "photos_dropped": form.is_bound and bool(request.FILES),
        **_tiles(),
    }
    return render(request, "web/report_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@throttle.limited("file")
def report_new(request: HttpRequest) -> HttpResponse:
    language = _language()
    if request.method != "POST":
        return _form_page(request, ReportForm(language=language))
    form = ReportForm(request.POST, request.FILES, language=language)
    choices: list[geo.PlaceMatch] = []
    parsed = form.is_valid()
    data = form.cleaned_data
    commune_code = data.get("commune") or None
    if parsed and data["lat"] is None and not commune_code:
        named = _place_choices(form)
        if named is not None and named.sole_exact is not None:
            commune_code = named.sole_exact.area.code
        elif named is not None:
            # Several places of that name, or only close spellings: the citizen chooses
            # (each shown with its province), never a guess in a far-away unit.
            choices = named.choices
    report_input = filing.ReportInput.read(form, commune_code=commune_code)
    try:
        report_input.photos = services.photo_bytes(request.FILES.getlist("photos"))
        if not parsed:
            # The form could not read some field; the service still says what is wrong with the rest.
            filing.check(report_input)
        else:
            claim = filing.form_claim(request, form, report_input.photos)
            filing.file_once(report_input, claim)
            filing.remember_receipt(request.session, claim)
            # 303: the receipt page is fetched with GET, so that reloading it sends nothing again.
            return redirect_see_other("report_received")
    except IdempotencyKeyReused:
        # This form was sent before with other content: the first report stands, this one is new.
        fresh = request.POST.copy()
        fresh["form_token"] = new_form_token()
        form = ReportForm(fresh, language=language)
        form.is_valid()
        form.add_error(None, _("This form was already sent. Check it and send it again to file a new report."))
    except AmaneError as error:
        filing.add_service_errors(form, error)
    return _form_page(request, form, choices=choices, status=400)


@never_cache
@require_http_methods(["GET"])
def report_received(request: HttpRequest) -> HttpResponse:
    # The code is shown once per filing; a reload shows the rest of the page without it.
    kept = filing.take_receipt(request.session)
    if kept is None:
        return render(request, "web/report_filed.html", {"numbers": ALL_NUMBERS})
    report, receipt_code = kept
    return render(
        request,
        "web/report_filed.html",
        {"report": report, "receipt_code": receipt_code, "numbers": emergency_numbers(report.commune.subtype)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@throttle.limited("track")
def track(request: HttpRequest) -> HttpResponse:
    # The code travels in the POST body only, so that it never lands in a URL or a log.
    if request.method != "POST":
        return render(request, "web/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    report = None
    if form.is_valid():
        try:
            report = selectors.report_track(receipt_code=form.cleaned_data["receipt_code"])
        except NotFound as error:
            form.add_error("receipt_code", str(error.detail))
    if report is None:
        # The form's input never renders what was typed (NoEchoInput), right or wrong.
        return render(request, "web/track.html", {"form": form}, status=400)
    # Whose original a duplicate may name is the visibility gate's call; tracking is read as the public would.
    original = visibility.original_shown_to(PUBLIC, report)
    context = {"form": TrackForm(), "report": report, "original": original}
    # The conversation with the responsible unit, and the form to answer it.
    context.update(
        conversations.tracking_context(request, report=report, receipt_code=form.cleaned_data["receipt_code"])
    )
    return render(request, "web/track.html", context)


def report_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        report = selectors.report_get(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    responsible, copies = authorities.report_routing(report_id=report.pk)
    context = {
        "report": report,
        "responsible": responsible,
        "copies": copies,
        "photos": selectors.photos_for_viewer(viewer=viewer, report=report),
        "sections": report_sections(request, report, viewer),
        # The urgent announcements of the report's commune run above its page.
        "ticker_area": report.commune,
        **_tiles(),
    }
    return render(request, "web/report_detail.html", context)


def commune_detail(request: HttpRequest, code: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        commune = geo.commune_by_code(code=code)
    except NotFound:
        raise Http404 from None
    filters = selectors.ReportFilters(commune_code=code)
    try:
        page = selectors.report_list(viewer=viewer, filters=filters, cursor=request.GET.get("cursor") or None)
    except InvalidInput:
        page = selectors.report_list(viewer=viewer, filters=filters)
    counts = selectors.commune_counts(viewer=viewer, commune=commune)
    statuses = [(label, counts.by_status.get(value, 0)) for value, label in ReportStatus.choices]
    return render(
        request,
        "web/commune.html",
        {
            "commune": commune,
            "page": page,
            "counts": counts,
            "statuses": statuses,
            "arrondissements": geo.areas_of_kind(kind=AreaKind.ARRONDISSEMENT, parent_code=commune.code),
            "sections": commune_sections(request, commune, viewer),
            "ticker_area": commune,
            **_tiles(),
        },
    )


def commune_summary(request: HttpRequest, code: str) -> JsonResponse:
    """The counts a tap on the home map shows in its popup, with the commune page's address."""
    try:
        commune = geo.commune_by_code(code=code)
    except NotFound:
        raise Http404 from None
    counts = selectors.commune_counts(viewer=viewer_for(request.user), commune=commune)
    return JsonResponse(
        {
            "name": commune.name_fr if _language() == "fr" else commune.name_ar,
            "total": counts.total,
            "statuses": [
                {"label": str(label), "count": counts.by_status[value]}
                for value, label in ReportStatus.choices
                if counts.by_status.get(value)
            ],
            "url": reverse("commune", args=[commune.code]),
        }
    )


def _photo_seen_by(request: HttpRequest, public_id: str) -> tuple[Photo, bool]:
    """The photo this request may open and whether the public may too; else 404."""
    try:
        return selectors.photo_for_viewer(viewer=viewer_for(request.user), photo_public_id=public_id)
    except NotFound:
        pass
    # The reporter, who opened their report on the tracking page a moment ago, sees its photos
    # before any moderator has (amane.conversations.tracking keeps the code for a while).
    code = tracking.recall(request.session)
    if code is None:
        raise Http404
    try:
        report = selectors.report_track(receipt_code=code)
        return selectors.photo_for_tracked_report(report=report, photo_public_id=public_id), False
    except NotFound:
        raise Http404 from None


def _photo_response(file: IO[bytes], public: bool) -> FileResponse:
    response = FileResponse(file, content_type="image/jpeg")
    # Private even when public: a shared cache must never keep a photo that only some viewers
    # may see, and one that only the reporter or the units may see is not kept at all.
    response["Cache-Control"] = "private, max-age=3600" if public else "private, no-store"
    return response


def photo(request: HttpRequest, public_id: str) -> FileResponse:
    found, public = _photo_seen_by(request, public_id)
    return _photo_response(found.file.open("rb"), public)


def photo_thumbnail(request: HttpRequest, public_id: str) -> FileResponse:
    found, public = _photo_seen_by(request, public_id)
    return _photo_response(thumbnail_path(found).open("rb"), public)


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")
