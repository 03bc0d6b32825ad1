"""
The rich text of announcements: a short allow-list, applied by nh3 (Rust's ammonia).

A unit's announcement is read by every visitor of a commune, so its body must never carry a
script, a style that disguises a link, or a link that runs code: only paragraphs, line
breaks, emphasis, lists and links to the web, a phone number or an e-mail address remain.
Links leave with rel="noopener nofollow", so that a page linked to cannot reach back into
Amane's window and an announcement lends no ranking to whatever it names.
"""

import html as html_entities

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "tel", "mailto"})
LINK_REL = "noopener nofollow"
# Their content goes with them: the text of a script or a style is never meant to be read.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    # ammonia lets relative addresses through ("//evil.example" is one); an announcement links
    # to the web, a phone or a mailbox, each named by its scheme.
    if tag == "a" and attribute == "href":
        scheme, separator, _rest = value.strip().partition(":")
        if not separator or scheme.lower() not in URL_SCHEMES:
            return None
    return value


def clean_rich_text(html: str) -> str:
    """Return `html` reduced to the allow-list, stripped of surrounding blank space."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_absolute_links_only,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """Return the text of `html` with every tag dropped and entities decoded: escape it again to show it."""
    # A space before each tag keeps "<li>one</li><li>two</li>" from reading "onetwo".
    text = nh3.clean(html.replace("<", " <"), tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    return " ".join(html_entities.unescape(text).split())


def has_text(html: str) -> bool:
    """Whether the cleaned `html` says anything at all (an empty paragraph does not)."""
    return bool(plain_text(clean_rich_text(html)))
