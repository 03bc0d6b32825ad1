"""
The signed-in person's own pages, by what they are: an officer's inbox and tools, an
association member's associations and invitations, a moderator's queue. Shown as one menu in
the header, so that each role finds its pages without the header growing for everyone.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amane.core.viewer import Viewer, viewer_for


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str


OFFICER_PAGES = (
    (_("Inbox"), "inbox"),
    (_("Black spots to answer"), "black_spots_awaiting"),
    (_("Meetings"), "meetings"),
    (_("Announcements"), "announcement_manage"),
    (_("Directory of numbers"), "directory"),
    (_("Associations in my units' areas"), "associations_to_decide"),
)
MEMBER_PAGES = (
    (_("Declare a black spot"), "black_spot_declare"),
    (_("Meeting invitations"), "meeting_invitations"),
)
MODERATOR_PAGES = (
    (_("Moderation"), "flags:queue"),
    (_("Photos to review"), "flags:photos"),
)


def _links(pages: tuple[tuple[Promise, str], ...]) -> list[Link]:
    found = []
    for label, name in pages:
        try:
            found.append(Link(label, reverse(name)))
        except NoReverseMatch:  # an app that is not installed
            continue
    return found


def workspace_links(viewer: Viewer) -> list[Link]:
    links: list[Link] = []
    if viewer.acts_for_units:
        links += _links(OFFICER_PAGES)
    if viewer.association_ids:
        from amane.associations.models import Association

        for slug, name_ar, name_fr in Association.objects.filter(pk__in=sorted(viewer.association_ids)).values_list(
            "slug", "name_ar", "name_fr"
        ):
            name = name_fr if (get_language() or "ar").startswith("fr") else name_ar
            links.append(Link(name, reverse("association", args=[slug])))
        links += _links(MEMBER_PAGES)
    if viewer.is_moderator:
        links += _links(MODERATOR_PAGES)
    return links


def workspace(request: HttpRequest) -> dict[str, object]:
    """Context processor: nothing (and no query) for visitors who are not signed in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"workspace_links": lambda: workspace_links(viewer_for(user))}
