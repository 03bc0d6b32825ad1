"""Citizen pages: the map, the report form, the receipt, tracking, reports and communes."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amane.core.errors import AmaneError, InvalidInput, NotFound
from amane.core.viewer import viewer_for
from amane.geo import selectors as geo
from amane.geo.emergency import emergency_numbers
from amane.geo.models import Area, AreaKind
from amane.reports import selectors, services
from amane.reports.models import ReportStatus
from amane.web.forms import ReportFilterForm, ReportForm, TrackForm

PAGE_SIZE = 30
# The form's fields, named as the service names them in its errors.
SERVICE_FIELD = {"location": "place", "occurred_at": "occurred_on"}


def _language() -> str:
    return "fr" if (get_language() or "ar").startswith("fr") else "ar"


def _filter_commune(code: str, place: str) -> Area | None:
    """Return the commune a filter names, by code or, without JavaScript, by its typed name."""
    if code:
        return geo.areas_of_kind(kind=AreaKind.COMMUNE).filter(code=code).first()
    if place:
        found = geo.communes_named(name=place, limit=1)
        return found[0] if found else None
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
    if form.is_valid():
        data = form.cleaned_data
        commune = _filter_commune(data["commune"], data["place"])
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
            "filter_query": query.urlencode(),
            "tile_url": settings.AMANE_TILE_URL,
            "tile_attribution": settings.AMANE_TILE_ATTRIBUTION,
        },
    )


def _place_choices(form: ReportForm) -> list[object]:
    name = form.cleaned_data.get("place") or ""
    if form.cleaned_data.get("commune") or not name:
        return []
    return list(geo.communes_named(name=name))


@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    language = _language()
    if request.method != "POST":
        return render(request, "web/report_form.html", {"form": ReportForm(language=language)})
    form = ReportForm(request.POST, request.FILES, language=language)
    choices: list[object] = []
    if form.is_valid():
        data = form.cleaned_data
        commune_code = data["commune"] or None
        if data["lat"] is None and not commune_code:
            choices = _place_choices(form)
            if len(choices) == 1:
                commune_code = choices[0].code  # type: ignore[attr-defined]
        try:
            filed = services.report_submit(
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
    return render(request, "web/report_form.html", {"form": form, "place_choices": choices}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
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
    status = 200 if report is not None else 400
    return render(request, "web/track.html", {"form": form, "report": report}, status=status)


def report_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    try:
        report = selectors.report_get(viewer=viewer_for(request.user), public_id=public_id)
    except NotFound:
        raise Http404 from None
    return render(request, "web/report_detail.html", {"report": report})


def commune_detail(request: HttpRequest, code: str) -> HttpResponse:
    viewer = viewer_for(request.user)
    try:
        commune = geo.commune_by_code(code=code)
    except NotFound:
        raise Http404 from None
    page = selectors.report_list(
        viewer=viewer, filters=selectors.ReportFilters(commune_code=code), cursor=request.GET.get("cursor") or None
    )
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
            "tile_url": settings.AMANE_TILE_URL,
        },
    )


def photo(request: HttpRequest, public_id: str) -> FileResponse:
    try:
        photo = selectors.photo_for_viewer(viewer=viewer_for(request.user), photo_public_id=public_id)
    except NotFound:
        raise Http404 from None
    response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")
