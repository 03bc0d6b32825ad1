"""Reading reply templates: those for every unit and those of the viewer's units."""

from django.db.models import Q, QuerySet

from amane.core.viewer import Viewer
from amane.inbox.models import ReplyTemplate


def templates_for(*, viewer: Viewer) -> QuerySet[ReplyTemplate]:
    return ReplyTemplate.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=sorted(viewer.unit_ids)), active=True)


def template_body(*, viewer: Viewer, template_id: str, language: str) -> str:
    """The body of one of the viewer's templates in the reader's language, or "" if there is none."""
    if not template_id.isdigit():
        return ""
    template = templates_for(viewer=viewer).filter(pk=int(template_id)).first()
    if template is None:
        return ""
    return template.body_fr if language == "fr" else template.body_ar
