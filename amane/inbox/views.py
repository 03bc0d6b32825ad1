"""The officer's inbox pages: thin, every read through the inbox selectors, every write a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amane.audit.selectors import UNIT_TRAIL_PAGE, unit_trail
from amane.authorities.selectors import transfer_candidates, unit_officers
from amane.conversations.selectors import message_photo_for_unit
from amane.conversations.services import photo_upload_bytes
from amane.conversations.views import private_photo
from amane.core import clock
from amane.core.actors import Actor, authority_user
from amane.core.errors import AmaneError, Conflict, NotAllowed, NotFound
from amane.core.forms import show_service_errors
from amane.core.viewer import Viewer, viewer_for
from amane.inbox import selectors, services
from amane.inbox.forms import AssignForm, InboxFilterForm, MessageForm, NoteForm, StatusChangeForm, TransferForm
from amane.inbox.reply_templates import template_body, templates_for
from amane.reports.models import ReportStatus
from amane.reports.selectors import categories_visible_to
from amane.service_levels.selectors import overdue_among
from amane.web.templatetags.amane import name


def _officer(request: HttpRequest) -> Viewer:
    viewer = viewer_for(request.user)
    if not viewer.acts_for_units:
        raise Http404
    return viewer


def _actor(viewer: Viewer) -> Actor:
    if viewer.user_id is None:  # _officer lets only signed-in officers through
        raise Http404
    return authority_user(viewer.user_id)


def _filter_form(request: HttpRequest, viewer: Viewer) -> InboxFilterForm:
    # The language and the page are not filters: only the filters' own fields bind the form.
    data = {key: values for key, values in request.GET.lists() if key not in ("lang", "before")}
    form = InboxFilterForm(_query_dict(data))
    form.set_choices(
        categories=[(c.code, name(c)) for c in categories_visible_to(viewer)],
        units=[(u.pk, name(u)) for u in selectors.viewer_units(viewer)],
    )
    return form


def _query_dict(data: dict[str, list[str]]) -> QueryDict | None:
    if not data:
        return None
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def _filters(form: InboxFilterForm) -> selectors.InboxFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.InboxFilters()
    data = form.cleaned_data
    return selectors.InboxFilters(
        statuses=tuple(data["status"]),
        category_codes=(data["category"],) if data["category"] else (),
        unit_id=data["unit"],
        text=data["text"],
        occurred_from=data["occurred_from"],
        occurred_to=data["occurred_to"],
        overdue_at=clock.now() if data["overdue"] else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inbox_list(request: HttpRequest) -> HttpResponse:
    viewer = _officer(request)
    if request.method == "POST":
        outcome = services.inbox_acknowledge_many(
            viewer=viewer, actor=_actor(viewer), public_ids=request.POST.getlist("report")
        )
        if outcome.done:
            messages.success(request, _("Acknowledged: %(n)d.") % {"n": len(outcome.done)})
        for public_id, why in outcome.refused.items():
            messages.error(request, f"{public_id}: {why}")
        return redirect(request.get_full_path())
    form = _filter_form(request, viewer)
    before = request.GET.get("before", "")
    page = selectors.inbox_page(viewer=viewer, filters=_filters(form), before=int(before) if before.isdigit() else None)
    query = request.GET.copy()
    query.pop("before", None)
    status_counts = [(value, label, page.counts.get(value, 0)) for value, label in ReportStatus.choices]
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "status_counts": status_counts,
        "head_of_units": bool(viewer.head_of),
        # Only reports still "submitted" have a box to tick, and so a button to acknowledge them.
        "awaiting": any(report.status == ReportStatus.SUBMITTED for report in page.reports),
        "overdue": overdue_among(report_ids=[report.pk for report in page.reports], now=clock.now()),
        "window": selectors.WINDOW,
    }
    return render(request, "inbox/list.html", context)


def _hand_on(request: HttpRequest, viewer: Viewer, actor: Actor, public_id: str, action: str) -> HttpResponse:
    """Transfer to another unit, or assign to an officer: the same steps, two services."""
    try:
        seen = selectors.inbox_report(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    form: TransferForm | AssignForm = (
        TransferForm(request.POST, units=_transfer_choices(seen))
        if action == "transfer"
        else AssignForm(request.POST, officers=_officer_choices(seen))
    )
    if form.is_valid():
        try:
            if isinstance(form, TransferForm):
                services.inbox_transfer(
                    viewer=viewer,
                    actor=actor,
                    public_id=public_id,
                    to_unit_code=form.cleaned_data["to_unit"],
                    reason=form.cleaned_data["reason"],
                )
            else:
                services.inbox_assign(
                    viewer=viewer, actor=actor, public_id=public_id, assignee_id=form.cleaned_data["assignee"]
                )
        except NotAllowed as error:
            return _report_page(request, viewer, public_id, refusal=str(error.detail), status=403)
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Report handed to another unit.") if action == "transfer" else _("Assigned."))
            # A transfer may take the report out of the viewer's reach: back to the list then.
            return redirect("inbox") if action == "transfer" else redirect("inbox_report", public_id=public_id)
    return _report_page(request, viewer, public_id, **{f"{action}_form": form}, status=400)  # type: ignore[arg-type]


def _status_form(request: HttpRequest, viewer: Viewer, current: str) -> StatusChangeForm:
    """A fresh status form, its answer filled from the template the officer picked, if any."""
    body = template_body(viewer=viewer, template_id=request.GET.get("template", ""), language=get_language())
    return StatusChangeForm(current=current, initial={"message": body} if body else None)


def _transfer_choices(seen: selectors.InboxReport) -> list[tuple[str, str]]:
    units = transfer_candidates(report_id=seen.report.pk, responsible=seen.responsible)
    return [(unit.code, name(unit)) for unit in units]


def _officer_choices(seen: selectors.InboxReport) -> list[tuple[int, str]]:
    return unit_officers(unit=seen.responsible) if seen.responsible is not None else []


def _write_to_reporter(request: HttpRequest, viewer: Viewer, actor: Actor, public_id: str) -> HttpResponse:
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.inbox_message(
                viewer=viewer,
                actor=actor,
                public_id=public_id,
                body=form.cleaned_data["body"],
                photo=photo_upload_bytes(request.FILES.get("photo")),
            )
        except NotFound:
            raise Http404 from None
        except NotAllowed as error:
            return _report_page(request, viewer, public_id, refusal=str(error.detail), status=403)
        except AmaneError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Message sent to the reporter."))
            return redirect("inbox_report", public_id=public_id)
    return _report_page(request, viewer, public_id, message_form=form, status=400)


@login_required
@require_http_methods(["GET", "HEAD"])
def message_photo(request: HttpRequest, photo_public_id: str) -> FileResponse:
    viewer = _officer(request)
    try:
        message = message_photo_for_unit(photo_public_id=photo_public_id, unit_ids=viewer.unit_ids)
    except NotFound:
        raise Http404 from None
    return private_photo(message)


def _report_page(
    request: HttpRequest,
    viewer: Viewer,
    public_id: str,
    *,
    status_form: StatusChangeForm | None = None,
    note_form: NoteForm | None = None,
    message_form: MessageForm | None = None,
    transfer_form: TransferForm | None = None,
    assign_form: AssignForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    try:
        seen = selectors.inbox_report(viewer=viewer, public_id=public_id)
    except NotFound:
        raise Http404 from None
    context = {
        "seen": seen,
        "report": seen.report,
        "status_form": status_form or _status_form(request, viewer, seen.report.status),
        "reply_templates": templates_for(viewer=viewer),
        "note_form": note_form or NoteForm(),
        "message_form": message_form or MessageForm(),
        "transfer_form": transfer_form or TransferForm(units=_transfer_choices(seen)),
        "assign_form": assign_form or AssignForm(officers=_officer_choices(seen)),
        "assignment": selectors.assignment_of(report=seen.report),
        "refusal": refusal,
    }
    return render(request, "inbox/report.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def inbox_report(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = _officer(request)
    if request.method != "POST":
        return _report_page(request, viewer, public_id)
    actor = _actor(viewer)
    if request.POST.get("action") == "message":
        return _write_to_reporter(request, viewer, actor, public_id)
    if request.POST.get("action") in ("transfer", "assign"):
        return _hand_on(request, viewer, actor, public_id, request.POST["action"])
    if request.POST.get("action") == "note":
        note_form = NoteForm(request.POST)
        if note_form.is_valid():
            try:
                services.note_add(viewer=viewer, actor=actor, public_id=public_id, body=note_form.cleaned_data["body"])
            except NotFound:
                raise Http404 from None
            messages.success(request, _("Note added."))
            return redirect("inbox_report", public_id=public_id)
        return _report_page(request, viewer, public_id, note_form=note_form, status=400)
    current = request.POST.get("expected_status", "submitted")
    try:
        status_form = StatusChangeForm(request.POST, current=current)
    except ValueError:
        raise Http404 from None
    if status_form.is_valid():
        data = status_form.cleaned_data
        try:
            services.inbox_change_status(
                viewer=viewer,
                actor=actor,
                public_id=public_id,
                new_status=data["new_status"],
                expected_status=data["expected_status"],
                message=data["message"],
                duplicate_of_public_id=data["duplicate_of"] or None,
            )
        except NotFound:
            raise Http404 from None
        except NotAllowed as error:
            return _report_page(request, viewer, public_id, refusal=str(error.detail), status=403)
        except AmaneError as error:
            # Kept as typed: the officer fixes what was refused, or reads the new state, and sends again.
            show_service_errors(status_form, error)
            return _report_page(
                request, viewer, public_id, status_form=status_form, status=409 if isinstance(error, Conflict) else 400
            )
        messages.success(request, _("Status changed."))
        return redirect("inbox_report", public_id=public_id)
    return _report_page(request, viewer, public_id, status_form=status_form, status=400)


@login_required
@require_http_methods(["GET", "HEAD"])
def unit_audit(request: HttpRequest) -> HttpResponse:
    """The audit trail of the units the viewer heads."""
    viewer = _officer(request)
    before = request.GET.get("before", "")
    try:
        entries = unit_trail(viewer=viewer, unit_ids=viewer.head_of, before=int(before) if before.isdigit() else None)
    except NotFound:
        raise Http404 from None
    next_before = entries[-1].pk if len(entries) == UNIT_TRAIL_PAGE else None
    return render(request, "inbox/audit.html", {"entries": entries, "next_before": next_before})
