"""Corroboration notes as content anyone may flag (amane.flags.registry); the flags' services audit it."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amane.associations.models import Corroboration
from amane.core.errors import NotFound
from amane.flags.registry import register_flaggable
from amane.reports import public_cache


def _find(target_id: str) -> Corroboration:
    corroboration = None
    if target_id.isdigit():
        corroboration = Corroboration.objects.select_related("association", "report").filter(pk=int(target_id)).first()
    if corroboration is None:
        raise NotFound(_("No corroboration has this id."))
    return corroboration


def _set_hidden(corroboration: Corroboration, hidden: bool) -> None:
    Corroboration.objects.filter(pk=corroboration.pk).update(hidden=hidden)
    transaction.on_commit(public_cache.invalidate)


def register() -> None:
    register_flaggable(
        "corroboration",
        label=gettext_lazy("Corroboration note"),
        find=_find,
        is_public=lambda corroboration: not corroboration.hidden,
        set_hidden=_set_hidden,
        describe=lambda corroboration: f"{corroboration.association.name_fr}: {corroboration.note[:280]}",
        link=lambda corroboration: reverse("report_detail", args=[corroboration.report.public_id]) + "#corroborations",
    )
