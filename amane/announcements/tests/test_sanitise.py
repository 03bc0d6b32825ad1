"""The allow-list of announcements' rich text, against hostile input."""

import pytest

from amane.announcements.sanitise import clean_rich_text, has_text, plain_text


def test_the_allowed_tags_stay() -> None:
    html = "<p>Un <strong>avis</strong> <em>important</em><br></p><ul><li>un</li></ul><ol><li>deux</li></ol>"
    assert clean_rich_text(html) == html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<p onclick='alert(1)'>x</p>",
        "<svg onload=alert(1)>",
        "<iframe src='https://evil.example'></iframe>",
        "<style>body{display:none}</style>",
        "<p style='position:fixed;top:0'>x</p>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<!--<script>alert(1)</script>-->",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
        "<form action='https://evil.example'><input name=x></form>",
    ],
)
def test_no_script_handler_or_style_survives(hostile: str) -> None:
    cleaned = clean_rich_text(hostile).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "<img",
        "<svg",
        "<iframe",
        "<style",
        "style=",
        "<form",
    ):
        assert forbidden not in cleaned, (hostile, cleaned)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "//evil.example/phish",
        "/relative/path",
        "ftp://files.example",
    ],
)
def test_links_lose_any_address_but_the_web_a_phone_or_a_mailbox(href: str) -> None:
    cleaned = clean_rich_text(f'<a href="{href}">lien</a>')
    assert "href" not in cleaned
    assert "lien" in cleaned


@pytest.mark.parametrize(
    "href", ["https://taroudant.ma/avis", "http://example.ma", "tel:+212528850000", "mailto:a@b.ma"]
)
def test_links_to_the_web_a_phone_or_a_mailbox_stay_with_their_rel(href: str) -> None:
    cleaned = clean_rich_text(f'<a href="{href}" rel="opener" target="_blank" onclick="x()">lien</a>')
    assert f'href="{href}"' in cleaned
    assert 'rel="noopener nofollow"' in cleaned
    assert "target" not in cleaned
    assert "onclick" not in cleaned


def test_the_text_of_scripts_and_styles_goes_with_them() -> None:
    assert clean_rich_text("<p>avis</p><script>steal()</script><style>p{}</style>") == "<p>avis</p>"


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    assert plain_text("<ul><li>un</li><li>deux &amp; trois</li></ul><script>x()</script>") == "un deux & trois"


def test_an_empty_paragraph_says_nothing() -> None:
    assert has_text("<p> </p><br>") is False
    assert has_text("<script>alert(1)</script>") is False
    assert has_text("<p>نص</p>") is True
