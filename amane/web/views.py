"""Citizen pages: the map, the report form, the receipt, tracking, reports and communes."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amane.core import throttle
from amane.core.actors import ANONYMOUS_REPORTER
from amane.core.errors import AmaneError, InvalidInput, NotFound
from amane.core.viewer import viewer_for
from amane.geo import selectors as geo
from amane.geo.emergency import emergency_numbers
from amane.geo.models import Area, AreaKind
from amane.reports import selectors, services
from amane.reports.models import ReportStatus
from amane.web.forms import ReportFilterForm, ReportForm, TrackForm

PAGE_SIZE = 30
COMMUNES = frozenset({AreaKind.COMMUNE.value})
# The form's fields, named as the service names them in its errors.
SERVICE_FIELD = {"location": "place", "occurred_at": "occurred_on"}


def _tiles() -> dict[str, str]:
    return {"tile_url": settings.AMANE_TILE_URL, "tile_attribution": settings.AMANE_TILE_ATTRIBUTION}


def _language() -> str:
    return "fr" if (get_language() or "ar").startswith("fr") else "ar"


def _filter_commune(code: str, place: str) -> Area | None:
    """Return the commune a filter names, by code or, without JavaScript, by its typed name."""
    if code:
        return geo.areas_of_kind(kind=AreaKind.COMMUNE).filter(code=code).first()
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
    if form.is_valid():
        data = form.cleaned_data
        commune = _filter_commune(data["commune"], data["place"])
        if commune is None and data["place"]:
            suggestions = [
                match.area for match in geo.places_named(name=data["place"], limit=5, kinds=COMMUNES).matches
            ]
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


@never_cache
@require_http_methods(["GET", "POST"])
@throttle.limited("file")
def report_new(request: HttpRequest) -> HttpResponse:
    language = _language()
    if request.method != "POST":
        return render(request, "web/report_form.html", {"form": ReportForm(language=language), **_tiles()})
    form = ReportForm(request.POST, request.FILES, language=language)
    choices: list[geo.PlaceMatch] = []
    if form.is_valid():
        data = form.cleaned_data
        commune_code = data["commune"] or None
        if data["lat"] is None and not commune_code:
            named = _place_choices(form)
            if named is not None and named.sole_exact is not None:
                commune_code = named.sole_exact.area.code
            elif named is not None:
                # Several places of that name, or only close spellings: the citizen chooses
                # (each shown with its province), never a guess in a far-away unit.
                choices = named.choices
        try:
            filed = services.report_submit(
                actor=ANONYMOUS_REPORTER,
                category_code=data["category"],
                description=data["description"],
                occurred_at=form.occurred_at(),
                lat=data["lat"],
                lon=data["lon"],
                commune_code=commune_code,
                photos=services.photo_bytes(request.FILES.getlist("photos")),
                contact=data["contact"],
            )
        except AmaneError as error:
            for field, messages in error.field_messages().items():
                name = SERVICE_FIELD.get(field, field)
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            report = filed.report
            return render(
                request,
                "web/report_filed.html",
                {
                    "report": report,
                    "receipt_code": filed.receipt_code,
                    "numbers": emergency_numbers(report.commune.subtype),
                    "language": language,
                },
            )
    return render(request, "web/report_form.html", {"form": form, "place_choices": choices, **_tiles()}, status=400)


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
        return render(request, "web/track.html", {"form": form}, status=400)
    # A fresh form: the page must not carry the code back in its HTML.
    return render(request, "web/track.html", {"form": TrackForm(), "report": report})


def report_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        report = selectors.report_get(viewer=viewer_for(request.user), public_id=public_id)
    except NotFound:
        raise Http404 from None
    return render(request, "web/report_detail.html", {"report": report, **_tiles()})


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
            "numbers": emergency_numbers(commune.subtype),
            "arrondissements": commune.children.filter(kind=AreaKind.ARRONDISSEMENT).order_by("code"),
            **_tiles(),
        },
    )


def photo(request: HttpRequest, public_id: str) -> FileResponse:
    try:
        photo = selectors.photo_for_viewer(viewer=viewer_for(request.user), photo_public_id=public_id)
    except NotFound:
        raise Http404 from None
    response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
    # Private: a shared cache must never keep a photo that only some viewers may see.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")
