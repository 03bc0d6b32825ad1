"""The printable sheet for everyone, and the pages where a unit's officers keep its local numbers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods

from amane.core.actors import Actor, authority_user
from amane.core.error_views import Refusal, refuse
from amane.core.errors import AmaneError, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.directory import selectors, services
from amane.directory.forms import DirectoryEntryForm
from amane.directory.models import DirectoryEntry
from amane.directory.sheet import LANGUAGES, sheet_pdf
from amane.web.templatetags.amane import name

UNKNOWN_LANGUAGE = Refusal(
    400,
    "invalid_input",
    pgettext_lazy("directory", "The sheet is printed in Arabic (lang=ar) or in French (lang=fr)."),
    gettext_lazy("Go back, check the address or the form, and try again."),
)


@require_http_methods(["GET", "HEAD"])
def numbers_sheet(request: HttpRequest, code: str) -> HttpResponse:
    """The commune's numbers as a one-page PDF; ?lang=ar or fr, else the reader's language."""
    language = request.GET.get("lang") or ("fr" if (get_language() or "ar").startswith("fr") else "ar")
    if language not in LANGUAGES:
        return refuse(request, UNKNOWN_LANGUAGE)
    try:
        numbers = selectors.commune_numbers(code=code)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(sheet_pdf(numbers=numbers, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="amane-numbers-{numbers.commune.code}-{language}.pdf"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _keeper(request: HttpRequest) -> Viewer:
    """The signed-in viewer if they keep some unit's numbers (an officer, or staff); 404 for anyone else."""
    viewer = viewer_for(request.user)
    if viewer.user_id is None or not (viewer.is_staff or viewer.acts_for_units):
        raise Http404
    return viewer


def _actor(viewer: Viewer) -> Actor:
    if viewer.user_id is None:  # _keeper lets only signed-in viewers through
        raise Http404
    return authority_user(viewer.user_id)


def _unit_choices(viewer: Viewer, *also: tuple[int, str]) -> list[tuple[int, str]]:
    choices = [(unit.pk, name(unit)) for unit in selectors.viewer_directory_units(viewer=viewer)]
    return choices + [choice for choice in also if choice not in choices]


@login_required
@require_http_methods(["GET", "HEAD"])
def directory_home(request: HttpRequest) -> HttpResponse:
    viewer = _keeper(request)
    wanted = request.GET.get("unit", "").strip()
    # A unit's code is ASCII without spaces or slashes; anything else names no unit.
    if wanted and wanted.isascii() and len(wanted) <= 64 and not any(c in wanted for c in "/ \t"):
        return redirect("directory_unit", unit_code=wanted)
    units = selectors.viewer_directory_units(viewer=viewer)
    return render(request, "directory/home.html", {"units": units, "is_staff": viewer.is_staff})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def directory_unit(request: HttpRequest, unit_code: str) -> HttpResponse:
    viewer = _keeper(request)
    try:
        unit, entries = selectors.unit_directory(viewer=viewer, unit_code=unit_code)
    except NotFound:
        raise Http404 from None
    units = _unit_choices(viewer, (unit.pk, name(unit)))
    status = 200
    if request.method == "POST":
        form = DirectoryEntryForm(request.POST, units=units)
        if form.is_valid():
            try:
                services.directory_entry_create(viewer=viewer, actor=_actor(viewer), **form.service_values())
            except AmaneError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, pgettext("directory", "Number added."))
                return redirect("directory_unit", unit_code=unit.code)
        status = 400
    else:
        form = DirectoryEntryForm(units=units, initial={"unit": unit.pk, "position": len(entries)})
    context = {"unit": unit, "entries": entries, "form": form}
    return render(request, "directory/unit.html", context, status=status)


def _entry_or_404(viewer: Viewer, entry_id: int) -> DirectoryEntry:
    try:
        return selectors.directory_entry_for(viewer=viewer, entry_id=entry_id)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def directory_entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    viewer = _keeper(request)
    entry = _entry_or_404(viewer, entry_id)
    units = _unit_choices(viewer, (entry.unit.pk, name(entry.unit)))
    status = 200
    if request.method == "POST":
        form = DirectoryEntryForm(request.POST, units=units)
        if form.is_valid():
            try:
                updated = services.directory_entry_update(
                    viewer=viewer, actor=_actor(viewer), entry_id=entry.pk, **form.service_values()
                )
            except NotFound:
                raise Http404 from None
            except AmaneError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, pgettext("directory", "Number saved."))
                return redirect("directory_unit", unit_code=updated.unit.code)
        status = 400
    else:
        fields = ("service", "name_ar", "name_fr", "number", "address_ar", "address_fr", "hours", "position")
        form = DirectoryEntryForm(
            units=units, initial={"unit": entry.unit_id, **{field: getattr(entry, field) for field in fields}}
        )
    return render(request, "directory/entry.html", {"entry": entry, "form": form}, status=status)


@login_required
@require_http_methods(["POST"])
def directory_entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    viewer = _keeper(request)
    entry = _entry_or_404(viewer, entry_id)
    try:
        services.directory_entry_delete(viewer=viewer, actor=_actor(viewer), entry_id=entry.pk)
    except NotFound:
        raise Http404 from None
    messages.success(request, pgettext("directory", "Number removed."))
    return redirect("directory_unit", unit_code=entry.unit.code)
