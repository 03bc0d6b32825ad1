"""A log filter that keeps receipt codes out of every log line."""

import logging
import re

# Anything the tracking form would accept as a code: 20 symbols, any case, O/I/L for 0/1/1,
# with any run of spaces, dots, dashes, underscores or %20 between any two. It also hides the odd
# 20-letter word, a fair price for never logging a code a reporter mistyped.
_SYMBOL = "[0-9a-tv-z]"
_SEPARATOR = r"(?:%20|[\s._-])*"
RECEIPT_CODE = re.compile(rf"(?i)(?<![0-9a-z]){_SYMBOL}(?:{_SEPARATOR}{_SYMBOL}){{19}}(?![0-9a-z])")
REDACTED = "[receipt code]"


class RedactReceiptCodes(logging.Filter):
    """Replace anything shaped like a receipt code, such as a /track/ path in a 404 warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = RECEIPT_CODE.sub(REDACTED, message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True
