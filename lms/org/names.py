"""Vietnamese personal names: folding for search and the given-name sort key.

A Vietnamese name is written family, middle..., given ("Nguyễn Thị Minh Khai").
Lists are ordered by the given name, then the family name, then the middle
names, using the Vietnamese alphabet (a < ă < â < b < c < d < đ < e < ê ...)
with the tone as a tie-breaker, which no database collation does reliably.
"""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tone marks in the order Vietnamese dictionaries use: none, grave, hook, tilde,
# acute, dot below.
TONES = {
    "": "0",
    "\u0300": "1",
    "\u0309": "2",
    "\u0303": "3",
    "\u0301": "4",
    "\u0323": "5",
}
# Marks that make a distinct letter rather than a tone.
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
LETTER_CODES = {letter: f"{index + 10:02d}" for index, letter in enumerate(ALPHABET)}
OTHER_CODE = "99"


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ as d: "Nguyễn Văn Đức" -> "nguyen van duc"."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("đ", "d").split())


def normalize_name(text: str) -> str:
    """Collapse white space and compose characters (NFC), keeping the writer's case."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name."""
    words = normalize_name(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def _letter(char: str) -> tuple[str, str]:
    """(letter code, tone digit) of one character."""
    base, *marks = unicodedata.normalize("NFD", char)
    letter_marks = "".join(m for m in marks if m in LETTER_MARKS)
    tone = next((TONES[m] for m in marks if m in TONES), "0")
    letter = unicodedata.normalize("NFC", base + letter_marks)
    return LETTER_CODES.get(letter, OTHER_CODE), tone


def sort_key(full_name: str) -> str:
    """A string of digits whose plain order is the Vietnamese list order.

    Digits sort the same under every database collation (SQLite, PostgreSQL C
    or ICU), so ``order_by("sort_key")`` is correct everywhere.
    """
    family, middle, given = split_name(full_name.casefold())
    words = [w for w in [given, family, *middle.split(" ")] if w]
    primary, tones = [], []
    for word in words:
        for char in word:
            code, tone = _letter(char)
            primary.append(code)
            tones.append(tone)
        primary.append("0")  # a shorter word sorts before a longer one
    return "".join(primary) + "0" + "".join(tones)


def filter_folded(queryset, query: str, field: str = "title"):
    """Rows whose ``field`` holds every word of the query, ignoring case and
    Vietnamese diacritics ("bai giang" finds "Bài giảng"). Folded in Python:
    for libraries of hundreds of rows (packages, activities), not millions."""
    words = fold(query).split()
    values = queryset.values_list("pk", field)
    found = [pk for pk, value in values if all(w in fold(value) for w in words)]
    return queryset.filter(pk__in=found)
