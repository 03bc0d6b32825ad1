"""A log filter that keeps receipt codes out of every log line."""

import logging
import re

# Anything that reads as a code once its separators are dropped: 20 symbols of any case
# (O/I/L included, read as 0/1/1), with a character or two too many (a mistyped code is
# still a secret), and any run of separators between any two symbols: spaces, dots,
# underscores, hyphens, en and em dashes, the minus sign, plus signs (a space in a query
# string) and percent-escapes (%20, %2B; %E2%80%93 counts as three). It also hides the odd
# 20-letter word, a fair price for never logging a code a reporter typed.
_SYMBOL = "[0-9a-z]"
# At most three separators in a row, and never a line break: a code is typed on one line, and
# a traceback's lines must not join into one.
_JOINER = r"(?:%[0-9a-f]{2}|[._+\-\u2010-\u2015\u2212])"
_SEPARATOR = rf"(?:{_JOINER}|[ \t]){{0,3}}"
# Codes written without spaces; those with spaces are found among words (_spaced_codes).
RECEIPT_CODE = re.compile(rf"(?i)(?<![0-9a-z]){_SYMBOL}(?:{_JOINER}{{0,3}}{_SYMBOL}){{19,21}}(?![0-9a-z])")
REDACTED = "[receipt code]"


# Twenty letters with spaces between them are any sentence ("AXES: blocking by combination
# of ..."), so a code broken by spaces is looked for among runs of words: any run of words
# with 20 to 22 symbols and a digit is hidden, and overlapping runs are hidden together, so
# that the word before a code ("track K7QM3 ...") cannot push its last group out of view. A
# code without a digit has a chance of (22/32)^20, under 1 in 1,600, and would have to be
# typed with spaces too: the price of logs that still say what happened.
_WORD = re.compile(rf"(?i)(?<![0-9a-z]){_SYMBOL}(?:{_JOINER}{{0,3}}{_SYMBOL})*(?![0-9a-z])")
_GAP = re.compile(rf"(?i)(?=[^ \t]*[ \t]){_SEPARATOR}")
_DIGIT = re.compile(r"[0-9]")
_CODE_SYMBOLS = (20, 22)


def _symbols(word: str) -> int:
    return sum(ch.isascii() and ch.isalnum() for ch in re.sub(r"%[0-9a-fA-F]{2}", "", word))


def _spaced_codes(text: str) -> list[tuple[int, int]]:
    """Spans of runs of words, joined by spaces only, that read as a code; overlaps merged."""
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    for i, first in enumerate(words):
        count, has_digit = 0, False
        for j in range(i, len(words)):
            if j > i and not _GAP.fullmatch(text, words[j - 1].end(), words[j].start()):
                break
            count += _symbols(words[j].group(0))
            has_digit = has_digit or bool(_DIGIT.search(words[j].group(0)))
            if count > _CODE_SYMBOLS[1]:
                break
            if j > i and count >= _CODE_SYMBOLS[0] and has_digit:
                start, end = first.start(), words[j].end()
                if spans and start <= spans[-1][1]:
                    start = spans[-1][0]
                    spans.pop()
                spans.append((start, end))
    return spans


def redact(text: str) -> str:
    text = RECEIPT_CODE.sub(REDACTED, text)
    for start, end in reversed(_spaced_codes(text)):
        text = text[:start] + REDACTED + text[end:]
    return text


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
