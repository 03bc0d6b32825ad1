"""
Keeping a reporter's receipt code between the pages of their thread, without a URL or the HTML.

The tracking page takes the code in a POST body and never prints it back, so that it lands in
no address bar, history, log or cached page. Reading a thread, answering it and opening its
photos are several requests; asking for the code each time would push reporters to paste it
somewhere. So the code is kept in the server-side session, signed with the time it was typed
and refused after GRANT_SECONDS: a phone left on the page, or a session row read later, opens
the thread for a quarter of an hour at most. The session cookie holds only the session key.
"""

from django.contrib.sessions.backends.base import SessionBase
from django.core import signing

SESSION_KEY = "amane.conversations.tracked"
SALT = "amane.conversations.tracked"
GRANT_SECONDS = 15 * 60


def remember(session: SessionBase, receipt_code: str) -> None:
    """Keep a receipt code that has just opened its report, for GRANT_SECONDS."""
    session[SESSION_KEY] = signing.dumps(receipt_code, salt=SALT)


def recall(session: SessionBase) -> str | None:
    """Return the kept receipt code, or None if there is none or it is too old (then it is dropped)."""
    sealed = session.get(SESSION_KEY)
    if not isinstance(sealed, str):
        return None
    try:
        code = signing.loads(sealed, salt=SALT, max_age=GRANT_SECONDS)
    except signing.BadSignature:
        forget(session)
        return None
    return code if isinstance(code, str) else None


def forget(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)
