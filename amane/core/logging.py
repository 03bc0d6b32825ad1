"""A log filter that keeps receipt codes out of every log line."""

import logging
import re

# Four groups of five Crockford symbols, with or without dashes, anywhere in a message.
RECEIPT_CODE = re.compile(
    r"(?i)\b[0-9a-hjkmnp-tv-z]{5}-?[0-9a-hjkmnp-tv-z]{5}-?[0-9a-hjkmnp-tv-z]{5}-?[0-9a-hjkmnp-tv-z]{5}\b"
)
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
