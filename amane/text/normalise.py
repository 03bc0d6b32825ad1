"""
Normalisation of Arabic and Latin-script text for matching, without Django.

People write the same town many ways: "الدار البيضاء", "الدارالبيضاء", "دار البيضاء";
"Laâyoune", "Laayoune", "El Ayoun"; "Taroudannt", "Taroudant". Matching compares keys
that forget the differences that do not change the name: hamza and alef forms, ta
marbuta, alef maqsura, diacritics, tatweel, the article, Latin accents and case, doubled
letters and the common French/English transliteration pairs (ou/u/w, ch/sh, é/e).
"""

import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_ARABIC_LETTER_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ء": "",
        "ة": "ه",
        "ک": "ك",
        "ی": "ي",
        "ڭ": "ك",
        "گ": "ك",
        "ڤ": "ف",
        "پ": "ب",
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_ARTICLES = {"el", "al", "le", "la", "les", "de", "du", "des", "d", "l"}
# Pairs that French and English transliterations of Moroccan names use for one sound.
_LATIN_FOLDS = (
    ("ou", "u"),
    ("w", "u"),
    ("sh", "ch"),
    ("ee", "i"),
    ("y", "i"),
    ("q", "k"),
    ("gh", "r"),
    ("kh", "k"),
    ("z", "s"),
)


def has_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def fold_arabic(text: str) -> str:
    """Return Arabic text without diacritics, tatweel or hamza and alef variants."""
    text = _ARABIC_DIACRITICS.sub("", text).replace(_TATWEEL, "")
    return text.translate(_ARABIC_LETTER_FOLDS).translate(_DIGITS)


def fold_latin(text: str) -> str:
    """Return Latin text lowercased and without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _strip_arabic_article(word: str) -> str:
    for prefix in ("وال", "بال", "لل", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    return word


def _latin_key(word: str) -> str:
    for written, spoken in _LATIN_FOLDS:
        word = word.replace(written, spoken)
    # Doubled letters ("Taroudannt", "Laayoune") carry no distinction between names here.
    return re.sub(r"(.)\1+", r"\1", word)


def words(text: str) -> list[str]:
    """Return the normalised words of a name, article dropped, in either script."""
    # NFKC first: Arabic presentation forms ("ﻃﻨﺠﺔ", the ligature "ﻻ") become plain letters.
    # Apostrophes ("d'Ifrane", "l’Oasis") are not word characters: they split words like spaces.
    text = fold_latin(fold_arabic(unicodedata.normalize("NFKC", text)))
    result = []
    for word in _NON_WORD.sub(" ", text).split():
        if has_arabic(word):
            result.append(_strip_arabic_article(word))
        elif word not in _LATIN_ARTICLES:
            result.append(_latin_key(word))
    return [w for w in result if w]


def name_key(text: str) -> str:
    """Return one matching key for a whole name: its normalised words joined without spaces."""
    return "".join(words(text))
