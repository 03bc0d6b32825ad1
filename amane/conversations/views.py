"""
The reporter's side of the thread, reached from the tracking page and working without JavaScript.

The receipt code arrives in a POST body, once; the pages after it find it in the session
(amane.conversations.tracking). Every POST counts towards the tracking limit, since each one
tests a code. Every POST that succeeds answers with a redirect (Post/Redirect/Get).
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amane.conversations import selectors, services, tracking
from amane.conversations.forms import ReplyForm
from amane.conversations.models import Message
from amane.conversations.selectors import ReporterThread
from amane.core import throttle
from amane.core.errors import InvalidInput, NotFound
from amane.core.forms import show_service_errors
from amane.reports.models import Report
from amane.reports.selectors import report_track
from amane.web.forms import TrackForm


def _page(
    request: HttpRequest,
    *,
    thread: ReporterThread | None = None,
    track_form: TrackForm | None = None,
    reply_form: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "thread": thread,
        "track_form": track_form or TrackForm(),
        "reply_form": reply_form or ReplyForm(),
        "sent": request.GET.get("sent") == "1",
    }
    return render(request, "conversations/thread.html", context, status=status)


def tracking_context(request: HttpRequest, *, report: Report, receipt_code: str) -> dict[str, object]:
    """
    Return what the tracking page needs to show a report's thread, right after `receipt_code` opened it.

    For amane.web.views.track, once report_track succeeded: the code is kept for the answer
    that may follow (amane.conversations.tracking), and the page includes
    conversations/_track_panel.html, which shows the thread and the answer form.
    """
    tracking.remember(request.session, receipt_code)
    return {"thread": selectors.thread_of_tracked_report(report=report), "reply_form": ReplyForm()}


def _kept_thread(request: HttpRequest) -> ReporterThread | None:
    code = tracking.recall(request.session)
    if code is None:
        return None
    try:
        return selectors.thread_for_reporter(receipt_code=code)
    except NotFound:
        tracking.forget(request.session)
        return None


@never_cache
@require_http_methods(["GET", "POST"])
@throttle.limited("track")
def thread(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TrackForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["receipt_code"]
            try:
                report_track(receipt_code=code)
            except NotFound as error:
                form.add_error("receipt_code", str(error.detail))
            else:
                tracking.remember(request.session, code)
                return redirect("conversations:thread")
        # The input never renders what was typed (NoEchoInput), right or wrong.
        return _page(request, track_form=form, status=400)
    return _page(request, thread=_kept_thread(request))


@never_cache
@require_http_methods(["POST"])
@throttle.limited("track")
def reply(request: HttpRequest) -> HttpResponse:
    code = tracking.recall(request.session)
    if code is None:
        # Too long since the code was typed: the page asks for it again.
        return redirect("conversations:thread")
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.message_from_reporter(
                receipt_code=code,
                body=form.cleaned_data["body"],
                photo=services.photo_upload_bytes(form.cleaned_data["photo"]),
            )
        except NotFound:
            tracking.forget(request.session)
            return redirect("conversations:thread")
        except InvalidInput as error:
            show_service_errors(form, error)
        else:
            return redirect(reverse("conversations:thread") + "?sent=1")
    return _page(request, thread=_kept_thread(request), reply_form=form, status=400)


@never_cache
@require_http_methods(["POST"])
def close(request: HttpRequest) -> HttpResponse:
    tracking.forget(request.session)
    return redirect("conversations:thread")


@never_cache
@require_http_methods(["GET"])
def photo(request: HttpRequest, photo_public_id: str) -> FileResponse:
    code = tracking.recall(request.session)
    if code is None:
        raise Http404
    try:
        message = selectors.message_photo_for_reporter(receipt_code=code, photo_public_id=photo_public_id)
    except NotFound:
        raise Http404 from None
    return private_photo(message)


def private_photo(message: Message) -> FileResponse:
    """A message's photo, which no shared cache may keep: only the reporter and the unit may see it."""
    response = FileResponse(message.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
