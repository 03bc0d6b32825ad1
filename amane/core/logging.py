"""A log filter that keeps receipt codes out of every log line."""

import logging
import re

# Anything that reads as a code once its separators are dropped: 20 symbols of any case
# (O/I/L included, read as 0/1/1), with a character or two too many (a mistyped code is
# still a secret), and any run of separators between any two symbols: spaces, dots,
# underscores, hyphens, en and em dashes, the minus sign, plus signs (a space in a query
# string) and percent-escapes (%20, %2B; %E2%80%93 counts as three). It also hides the odd 20-letter word,
# a fair price for never logging a code a reporter typed.
_SYMBOL = "[0-9a-z]"
# At most three separators in a row, and never a line break: a code is typed on one line, and
# a traceback's lines must not join into one.
_SEPARATOR = r"(?:%[0-9a-f]{2}|[ \t._+\-\u2010-\u2015\u2212]){0,3}"
RECEIPT_CODE = re.compile(rf"(?i)(?<![0-9a-z]){_SYMBOL}(?:{_SEPARATOR}{_SYMBOL}){{19,21}}(?![0-9a-z])")
REDACTED = "[receipt code]"


def redact(text: str) -> str:
    return RECEIPT_CODE.sub(REDACTED, text)


class RedactReceiptCodes(logging.Filter):
    """Replace anything shaped like a receipt code, such as a /track/ path in a 404 warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and not record.exc_text:
            # A traceback can quote the code too (an exception's message, a local's repr).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
