"""
The kinds of content anyone may flag, each registered once with what moderation needs of it.

An app registers its kind in its AppConfig.ready() with one call, for example:

    register_flaggable("black_spot", label=_("Black spot"), find=..., is_public=...,
                       set_hidden=..., describe=..., link=...)

`find` looks the object up by its public id (raising NotFound), `is_public` says whether the
public sees it now, `set_hidden` hides it or shows it again inside the caller's transaction
(the flags' services write the audit row), `describe` gives the moderator a short text and
`link` its page. Reports and their photos are registered by amane.flags itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amane.core.errors import NotFound


@dataclass(frozen=True)
class Flaggable:
    kind: str
    label: str | Promise
    find: Callable[[str], Any]
    is_public: Callable[[Any], bool]
    set_hidden: Callable[[Any, bool], None]
    describe: Callable[[Any], str]
    link: Callable[[Any], str]
    # A picture the moderator sees in the queue (a photo's own), or None.
    image: Callable[[Any], str | None] = lambda _obj: None


_KINDS: dict[str, Flaggable] = {}


def register_flaggable(
    kind: str,
    *,
    label: str | Promise,
    find: Callable[[str], Any],
    is_public: Callable[[Any], bool],
    set_hidden: Callable[[Any, bool], None],
    describe: Callable[[Any], str],
    link: Callable[[Any], str],
    image: Callable[[Any], str | None] | None = None,
) -> Flaggable:
    flaggable = Flaggable(
        kind=kind,
        label=label,
        find=find,
        is_public=is_public,
        set_hidden=set_hidden,
        describe=describe,
        link=link,
        image=image or (lambda _obj: None),
    )
    _KINDS[kind] = flaggable
    return flaggable


def flaggable(kind: str) -> Flaggable:
    """Return a registered kind; an unknown one is not found, like an unknown id."""
    try:
        return _KINDS[kind]
    except KeyError:
        raise NotFound(_("Nothing of this kind can be flagged.")) from None


def kinds() -> list[str]:
    return sorted(_KINDS)
