"""The flag form (works without JavaScript) and the moderators' queues: thin, through selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from amane.core.errors import AmaneError, InvalidInput, NotFound
from amane.core.forms import show_service_errors
from amane.core.throttle import too_many_attempts
from amane.core.viewer import Viewer, viewer_for
from amane.flags import flaggers, registry, selectors, services
from amane.flags.api import flagging_actor
from amane.flags.forms import DecisionForm, FlagForm
from amane.reports.thumbnails import thumbnail_path


@never_cache
@require_http_methods(["GET", "POST"])
def flag(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = FlagForm(initial={"kind": request.GET.get("kind", ""), "id": request.GET.get("id", "")})
        kind = request.GET.get("kind", "")
        if kind not in registry.kinds():
            raise Http404
        return render(request, "flags/flag.html", {"form": form, "label": registry.flaggable(kind).label})
    form = FlagForm(request.POST)
    if form.is_valid():
        key = flaggers.flagger_key(request)
        try:
            flaggers.check_rate(request, key)
            outcome = services.flag_submit(
                actor=flagging_actor(request),
                flagger_key=key,
                kind=form.cleaned_data["kind"],
                target_id=form.cleaned_data["id"],
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except flaggers.TooManyFlags as refused:
            return too_many_attempts(request, refused)
        except NotFound:
            raise Http404 from None
        except InvalidInput as error:
            show_service_errors(form, error)
        else:
            return render(request, "flags/flagged.html", {"outcome": outcome})
    return render(request, "flags/flag.html", {"form": form}, status=400)


def _refusal(error: AmaneError) -> str:
    said = [str(error.detail)]
    for field_messages in error.field_messages().values():
        said.extend(field_messages)
    return " ".join(said)


def _moderator(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    if not viewer.is_moderator:
        raise Http404
    return viewer


@never_cache
@login_required
@require_http_methods(["GET"])
def queue(request: HttpRequest) -> HttpResponse:
    viewer = _moderator(request)
    try:
        page = selectors.pending_cases(viewer=viewer, after=request.GET.get("after"))
    except InvalidInput:
        page = selectors.pending_cases(viewer=viewer)
    return render(request, "flags/queue.html", {"page": page, "form": DecisionForm()})


@login_required
@require_POST
def decide(request: HttpRequest, case_id: int) -> HttpResponse:
    viewer = _moderator(request)
    decision = request.POST.get("decision", "")
    try:
        # The service checks the note's length, like every other input.
        services.case_decide(viewer=viewer, case_id=case_id, decision=decision, reason=request.POST.get("reason", ""))
    except NotFound:
        raise Http404 from None
    except AmaneError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Restored: the public sees it again.") if decision == "restore" else _("Removed."))
    return redirect("flags:queue")


@never_cache
@login_required
@require_http_methods(["GET"])
def photos(request: HttpRequest) -> HttpResponse:
    viewer = _moderator(request)
    try:
        page = selectors.photos_awaiting_review(viewer=viewer, after=request.GET.get("after"))
    except InvalidInput:
        page = selectors.photos_awaiting_review(viewer=viewer)
    return render(request, "flags/photos.html", {"page": page})


@login_required
@require_POST
def review_photo(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = _moderator(request)
    decision = request.POST.get("decision", "")
    try:
        services.photo_review(viewer=viewer, photo_public_id=public_id, decision=decision)
    except NotFound:
        raise Http404 from None
    except AmaneError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("Approved: the public sees it.") if decision == "approve" else _("Removed."))
    return redirect("flags:photos")


@login_required
@require_http_methods(["GET"])
def photo(request: HttpRequest, public_id: str) -> FileResponse:
    """A photo's thumbnail for a moderator deciding on it, whatever its state; never kept by a cache."""
    try:
        found = selectors.photo_for_moderator(viewer=viewer_for(request.user), photo_public_id=public_id)
    except NotFound:
        raise Http404 from None
    response = FileResponse(thumbnail_path(found).open("rb"), content_type="image/jpeg")
    # As amane.conversations.views.private_photo: only some may see it, so no cache keeps it.
    response["Cache-Control"] = "private, no-store"
    return response
