"""Numbers as values, so a translation that writes them its own way is not an alteration.

"2,000" (English), "2000", "2 000" (Russian, French) and "2.000" (German) are
one number; so are "6.8" and "6,8" (a decimal comma), "6.3 million",
"6,3 млн" and "630万" (Chinese counts in ten-thousands), "13.8 billion" and
"138亿". Which mark is the decimal one follows the language when a number
alone cannot say ("2,000": two thousand in English, two in German). Values
are Decimals, so 6.3 × 10⁶ equals 630 × 10⁴ exactly.

    >>> [f"{q.value:f}" for q in quantities("6.3 million visitors, up 19-fold from 2,000", "en")]
    ['6300000', '19', '2000']
    >>> [f"{q.value:f}" for q in quantities("达到630万人次，138亿新元", "zh")]
    ['6300000', '13800000000']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from .tokens import LOCAL_NUMBER_WORDS, NUMBER_WORDS, number_key, tokenize

__all__ = ["Quantity", "figure_keys", "quantities"]

# Languages that write a decimal comma (and group thousands with dots or spaces).
DECIMAL_COMMA = frozenset(
    "de fr es it pt nl ru uk be pl cs sk sl hr sr bs bg ro tr az sv da nb nn no fi et lv lt hu el "
    "id vi ca gl eu ka kk uz".split()
)
# Of those, the ones that group thousands with a space ("2 000"); others use a dot.
SPACE_GROUPING = frozenset("fr ru uk be pl cs sk bg sv nb nn no fi et lv lt hu kk uz".split())

_THIN_SPACES = "\u00a0\u202f\u2009"
# A run of digits with separators inside; a space groups only 3-digit groups after 1-3 digits ("2 000", not "2019 500").
_NUMBER = re.compile(rf"\d+(?:[.,'{_THIN_SPACES}]\d+)*")
_SPACED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?:,\d+)?(?![\d.,]\d)")

# Multipliers written after a number, by language ("und" and unlisted languages get every table).
_SCALES: dict[str, dict[str, int]] = {
    "en": {"thousand": 3, "thousands": 3, "million": 6, "millions": 6, "mn": 6, "billion": 9, "billions": 9,
           "bn": 9, "trillion": 12, "trillions": 12},
    "ru": {"тыс": 3, "тысяча": 3, "тысячи": 3, "тысяч": 3, "млн": 6, "миллион": 6, "миллиона": 6,
           "миллионов": 6, "млрд": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9, "трлн": 12},
    "uk": {"тис": 3, "тисяча": 3, "тисячі": 3, "тисяч": 3, "млн": 6, "мільйон": 6, "мільйона": 6,
           "мільйонів": 6, "млрд": 9, "мільярд": 9, "мільярда": 9, "мільярдів": 9},
    "de": {"tausend": 3, "mio": 6, "million": 6, "millionen": 6, "mrd": 9, "milliarde": 9, "milliarden": 9,
           "billion": 12, "billionen": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    "es": {"mil": 3, "millón": 6, "millones": 6, "mil millones": 9, "billón": 12, "billones": 12},
    "pt": {"mil": 3, "milhão": 6, "milhões": 6, "bilhão": 9, "bilhões": 9, "mil milhões": 9},
    "it": {"mila": 3, "milione": 6, "milioni": 6, "miliardo": 9, "miliardi": 9},
    "nl": {"duizend": 3, "miljoen": 6, "miljard": 9},
    "pl": {"tys": 3, "tysiąc": 3, "tysiące": 3, "tysięcy": 3, "mln": 6, "milion": 6, "miliony": 6,
           "milionów": 6, "mld": 9, "miliard": 9, "miliardy": 9, "miliardów": 9},
    "tr": {"bin": 3, "milyon": 6, "milyar": 9},
    "ar": {"ألف": 3, "آلاف": 3, "مليون": 6, "ملايين": 6, "مليار": 9, "مليارات": 9},
    "zh": {"千": 3, "万": 4, "萬": 4, "亿": 8, "億": 8},
    "ja": {"千": 3, "万": 4, "萬": 4, "億": 8},
    "ko": {"천": 3, "만": 4, "억": 8},
}
# Words that are scales in one language and common words in another stay with their language.
_AMBIGUOUS = frozenset({"bin", "mil", "mille", "mila", "mn", "billion", "billions", "billón", "billones", "만"})
_ANY_LANGUAGE = {w: e for table in _SCALES.values() for w, e in table.items() if w not in _AMBIGUOUS}
_IDEOGRAPHIC = frozenset("千万萬亿億천만억")


class Quantity(NamedTuple):
    """A number found in a text: its value and the words it was written with."""

    value: Decimal
    text: str  # as written, multiplier included ("6.3 million", "630万")
    start: int
    end: int


def figure_keys(text: str, min_digits: int = 1) -> set[str]:
    """The figures of ``text`` as ``tokens.number_key`` keys them ("2,000" and "2000" alike), without a language."""
    return {number_key(m.group()) for m in _NUMBER.finditer(text) if sum(c.isdigit() for c in m.group()) >= min_digits}


@lru_cache(maxsize=64)
def _scale_words(language: str) -> tuple[dict[str, int], re.Pattern[str]]:
    """The multiplier words of ``language`` (exponent by word) and the pattern that finds one after a number."""
    table = _SCALES.get(language)
    words = {**_ANY_LANGUAGE, **table} if table else _ANY_LANGUAGE
    spelled = sorted((w for w in words if w[0] not in _IDEOGRAPHIC), key=len, reverse=True)
    ideographs = "".join(w for w in words if w[0] in _IDEOGRAPHIC)
    alternatives = [rf"\s?(?P<word>{'|'.join(re.escape(w) for w in spelled)})\.?(?!\w)"]
    if ideographs:
        alternatives.append(f"(?P<char>[{ideographs}])(?![米克瓦伏帕焦卡])")  # 千米 is km, not thousand metres
    return words, re.compile("|".join(alternatives), re.IGNORECASE)


def _value(digits: str, language: str) -> Decimal | None:
    """The value of a run of digits and separators, decimal mark decided as the module says."""
    s = re.sub(rf"[ '{_THIN_SPACES}]", "", digits)
    marks = [c for c in s if c in ".,"]
    if marks:
        decimal_comma = language in DECIMAL_COMMA
        last = s.rfind(marks[-1])
        if len(set(marks)) == 2:  # "1,234.5" / "1.234,5": the last mark is the decimal one
            s = s[:last].replace(".", "").replace(",", "") + "." + s[last + 1 :]
        elif len(marks) > 1:  # "1,000,000": grouping
            s = s.replace(marks[0], "")
        else:
            mark, tail = marks[0], s[last + 1 :]
            # without a language, as tokens.number_key: three digits after one mark group ("2.000", "2,000")
            grouping = len(tail) == 3 and s[:last] != "0" and (language not in _SCALES or (mark == ",") != decimal_comma)
            s = s.replace(mark, "") if grouping else s.replace(mark, ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


# Number words that are also other words: "one" (a pronoun), "ten" (Dutch, Polish), "сто" ("what").
_NOT_NUMBERS = frozenset({"zero", "one", "сто"})


def _number_words(text: str, language: str) -> dict[tuple[int, int], Decimal]:
    """Numbers written as words ("forty-two", "три", "zwei"): English ones in English text only."""
    out = {}
    for t in tokenize(text):
        lower = t.text.lower()
        if not t.key.isdigit() or lower in _NOT_NUMBERS or any(c.isdigit() for c in lower):
            continue
        if lower in LOCAL_NUMBER_WORDS or (language in ("en", "und") and lower.replace("-", "") in NUMBER_WORDS):
            out[(t.start, t.end)] = Decimal(t.key)
    return out


def quantities(text: str, language: str = "und") -> list[Quantity]:
    """Every number in ``text`` with its value, a multiplier word after it included, in order.

    Numbers written as words count too ("three million", "два"); see ``_number_words``.
    """
    scales, pattern = _scale_words(language)
    spans = [m.span() for m in _NUMBER.finditer(text)]
    if language in SPACE_GROUPING:  # "2 000": one number, not two
        spaced = [m.span() for m in _SPACED.finditer(text)]
        starts = [a for a, _ in spaced]
        inside = lambda x: (k := bisect_right(starts, x) - 1) >= 0 and x < spaced[k][1]  # noqa: E731
        spans = sorted(spaced + [s for s in spans if not inside(s[0])])
    words = _number_words(text, language)
    if words:
        spans = sorted(spans + list(words))
    out = []
    for start, end in spans:
        value = words[(start, end)] if (start, end) in words else _value(text[start:end], language)
        if value is None:
            continue
        m = pattern.match(text, end)
        if m is not None:
            found = m.groupdict()
            word = (found["word"] or found.get("char") or "").casefold().replace("\u0307", "")  # "MİLYON" -> "milyon"
            value *= Decimal(10) ** scales.get(word, 0)
            end = m.end()
        out.append(Quantity(value.normalize(), text[start:end], start, end))  # 6.3E+6 == 630E+4
    return out
