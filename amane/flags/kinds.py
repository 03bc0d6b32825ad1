"""Reports and their photos as flaggable content (amane.flags.registry)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amane.core.errors import NotFound
from amane.flags.registry import register_flaggable
from amane.reports import moderation
from amane.reports.models import Photo, Report


def _find_report(public_id: str) -> Report:
    report = Report.objects.select_related("category").filter(public_id=public_id).first()
    if report is None:
        raise NotFound(_("No report has this id."))
    return report


def _find_photo(public_id: str) -> Photo:
    photo = Photo.objects.select_related("report__category").filter(public_id=public_id).first()
    if photo is None:
        raise NotFound(_("No photo has this id."))
    return photo


def _hide_report(report: Report, hidden: bool) -> None:
    moderation.report_hidden_set(report, hidden=hidden)


def _hide_photo(photo: Photo, hidden: bool) -> None:
    moderation.photo_hidden_set(photo, hidden=hidden)


def _describe_report(report: Report) -> str:
    return f"{report.category.name_fr} · {report.category.name_ar}: {report.description[:280]}"


def _describe_photo(photo: Photo) -> str:
    return _("Photo %(position)d of report %(report)s") % {
        "position": photo.position + 1,
        "report": photo.report.public_id,
    }


def register_reports_and_photos() -> None:
    register_flaggable(
        "report",
        label=gettext_lazy("Report"),
        find=_find_report,
        is_public=lambda report: report.public,
        set_hidden=_hide_report,
        describe=_describe_report,
        link=lambda report: reverse("report_detail", args=[report.public_id]),
    )
    register_flaggable(
        "photo",
        label=gettext_lazy("Photo"),
        find=_find_photo,
        is_public=moderation.photo_shown_to_public,
        set_hidden=_hide_photo,
        describe=_describe_photo,
        link=lambda photo: reverse("report_detail", args=[photo.report.public_id]) + f"#photo-{photo.public_id}",
        image=lambda photo: reverse("flags:photo", args=[photo.public_id]),
    )
