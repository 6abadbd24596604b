"""Days of the week and months named in words, in the languages retold reads.

A translation keeps "Friday" as "Freitag" or "пятницу": comparing the day or
month *index* across languages catches a date that changed on the way
("on Friday" -> "am Montag"), which word alignment cannot see (the two words
are near neighbours in any embedding). Inflected languages list stems or
their case forms; a word that is also a common noun or verb in its language
("may", "march", Arabic الاثنين "the two") is left out or must sit beside a
figure or a date word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Per language: seven weekday patterns (Monday first), twelve month patterns.
# Each is a regex alternative matched as a whole word (case-insensitive);
# Latin/Cyrillic stems end in \w* where the language inflects them.
_DAYS: dict[str, list[str]] = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "de": ["montags?", "dienstags?", "mittwochs?", "donnerstags?", "freitags?", "(?:samstags?|sonnabends?)", "sonntags?"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "ru": ["понедельник\\w*", "вторник\\w*", "сред[ауые]", "четверг\\w*", "пятниц\\w*", "суббот\\w*", "воскресень\\w*"],
    "uk": ["понеділ\\w*", "вівтор\\w*", "серед[ауи]", "четвер(?:г\\w*)?", "п['’]ятниц\\w*", "субот\\w*", "неділ[яюі]"],
    "pl": ["poniedział\\w*", "wtor\\w*", "środ[aęyz]\\w*", "czwart\\w*", "piąt(?:ek|ku|kiem)", "sobot\\w*", "niedziel\\w*"],
    "tr": ["pazartesi\\w*", "salı\\w*", "çarşamba\\w*", "perşembe\\w*", "cuma(?!rtesi)\\w*", "cumartesi\\w*", "pazar(?!tesi)"],
    # Arabic: the day with its article, with "and"/"on" prefixes; "الاثنين" is also
    # "the two", so Monday needs "يوم" (day) before it.
    "ar": ["(?<=يوم )(?:ال)?[اإ]ثنين", "[وب]?الثلاثاء", "[وب]?الأربعاء", "[وب]?الخميس", "[وب]?الجمعة", "[وب]?السبت", "[وب]?الأحد"],
}
_MONTHS: dict[str, list[str]] = {
    # "may" and "march" are words before they are months: see _NEEDS_CONTEXT.
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"],
    "de": ["(?:januar|jänner)s?", "februars?", "märz", "aprils?", "mai", "juni", "juli", "augusts?", "septembers?",
           "oktobers?", "novembers?", "dezembers?"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "se[pt]?tiembre", "octubre",
           "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "ru": ["январ[ьяеюё]\\w*", "феврал[ьяею]\\w*", "март[аеу]?", "апрел[ьяею]\\w*", "ма[йяею]", "июн[ьяею]\\w*",
           "июл[ьяею]\\w*", "август[аеу]?", "сентябр[ьяею]\\w*", "октябр[ьяею]\\w*", "ноябр[ьяею]\\w*",
           "декабр[ьяею]\\w*"],
    # Ukrainian month stems are also words ("квіти" flowers, "червоне" red, "жовтий" yellow): case endings only.
    "uk": [f"{stem}(?:ень|ня|ні|нем)" if stem != "листопад" else "листопад(?:а|і|ом)?"
           for stem in ("січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд")],
    "pl": ["stycz\\w*", "lut(?:y|ego|ym)", "mar(?:zec|ca|cu)", "kwie(?:cień|tnia|tniu)", "maj[au]?", "czerw(?:iec|ca|cu)",
           "lip(?:iec|ca|cu)", "sierp(?:ień|nia|niu)", "wrze(?:sień|śnia|śniu)", "październik\\w*", "listopad\\w*",
           "grud(?:zień|nia|niu)"],
    "tr": ["ocak\\w*", "şubat\\w*", "mart\\w*", "nisan\\w*", "mayıs\\w*", "haziran\\w*", "temmuz\\w*", "ağustos\\w*",
           "eylül\\w*", "ekim\\w*", "kasım\\w*", "aralık\\w*"],
    # Arabic: the Egyptian/Gulf month names and the Levantine ones.
    "ar": ["[وب]?(?:يناير|كانون الثاني)", "[وب]?(?:فبراير|شباط)", "[وب]?(?:مارس|آذار)", "[وب]?(?:أبريل|ابريل|نيسان)",
           "[وب]?(?:مايو|أيار)", "[وب]?(?:يونيو|حزيران)", "[وب]?(?:يوليو|تموز)", "[وب]?(?:أغسطس|اغسطس|آب)",
           "[وب]?(?:سبتمبر|أيلول)", "[وب]?(?:أكتوبر|اكتوبر|تشرين الأول)", "[وب]?(?:نوفمبر|تشرين الثاني)",
           "[وب]?(?:ديسمبر|كانون الأول)"],
}
# English month abbreviations: with their full stop, or before a figure ("Jan" is also a name).
_EN_ABBREVIATED = [rf"{m}(?:\.|(?=\s\d))" for m in "jan feb mar apr may jun jul aug sept? oct nov dec".split()]
# English months that are common words: a month only beside a figure or after a date preposition.
_NEEDS_CONTEXT = {("en", "may"), ("en", "march")}
_EN_MONTH_BEFORE = "|".join(
    [r"(?<=\d )", r"(?<=\d, )", r"(?<=mid-)"]
    + [rf"(?<=\b{w} )" for w in "in of since until by last next early late mid on".split()]
)

# Chinese and Japanese: 星期五 / 周五 / 金曜日; months as 五月 / 5月 (not 个月, "months").
_CJK_DIGITS = "一二三四五六七八九十"
_CJK_DAYS = re.compile(r"(?:星期|礼拜|禮拜|周|週)([一二三四五六日天])(?!次)|([月火水木金土日])曜日?")
_CJK_MONTH = re.compile(rf"(?<![{_CJK_DIGITS}\d个個])(十[一二]|[{_CJK_DIGITS}]|1[0-2]|0?[1-9])\s*月(?!曜)")
_KO_DAYS = re.compile(r"([월화수목금토일])요일")
_KO_MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*월")
_CJK_DAY_INDEX = {**{c: i for i, c in enumerate("一二三四五六")}, "日": 6, "天": 6}
_JA_DAY_INDEX = {c: i for i, c in enumerate("月火水木金土日")}
_KO_DAY_INDEX = {c: i for i, c in enumerate("월화수목금토일")}


class Mention(NamedTuple):
    """A day or month named in words: ``kind`` "day" or "month", ``ordinal`` counting from 0 (Monday, January)."""

    kind: str
    ordinal: int
    start: int
    end: int


@lru_cache(maxsize=None)
def _pattern(language: str) -> re.Pattern[str] | None:
    days, months = _DAYS.get(language), _MONTHS.get(language)
    if days is None or months is None:
        return None
    groups = [f"(?P<d{i}>{p})" for i, p in enumerate(days)]
    for i, p in enumerate(months):
        if (language, p) in _NEEDS_CONTEXT:
            p = rf"(?:(?:{_EN_MONTH_BEFORE}){p}|{p}(?=,? \d))"
        if language == "en":
            p = rf"{p}|{_EN_ABBREVIATED[i]}"
        groups.append(f"(?P<m{i}>{p})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])", re.IGNORECASE)


def _cjk_month(figure: str) -> int:
    if figure.isdigit():
        return int(figure) - 1
    return 9 + _CJK_DIGITS.index(figure[1]) + 1 if len(figure) == 2 else _CJK_DIGITS.index(figure)


# Full-width digits ("６月") read as ASCII ones, one character for one, so offsets hold.
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# Forms that name a day without being the form a date takes: enough to tell that a
# translation kept it ("segunda" for "segunda-feira", "مساء الإثنين").
_LOOSE: dict[tuple[str, str, int], str] = {
    **{("pt", "day", i): f"{w}(?!-feira)" for i, w in enumerate(("segunda", "terça", "quarta", "quinta", "sexta"))},
    ("ar", "day", 0): "ال[اإ]ثنين",
}


def mentions(text: str, language: str) -> list[Mention]:
    """Days and months named in ``text`` (written in ``language``).

    >>> [(m.kind, m.ordinal) for m in mentions("Il est parti vendredi 5 mars.", "fr")]
    [('day', 4), ('month', 2)]
    >>> [(m.kind, m.ordinal) for m in mentions("Он уехал в пятницу, 5 марта.", "ru")]
    [('day', 4), ('month', 2)]
    >>> [(m.kind, m.ordinal) for m in mentions("他周五离开，三个月后的十二月回来。", "zh")]
    [('day', 4), ('month', 11)]
    >>> mentions("He may march on.", "en")
    []
    >>> [(m.kind, m.ordinal) for m in mentions("Поговорімо про квіти у квітні.", "uk")]  # flowers, then April
    [('month', 3)]
    >>> [(m.kind, m.ordinal) for m in mentions("今天是６月１８号，１２月份很热。", "zh")]
    [('month', 5), ('month', 11)]
    """
    if language in ("zh", "ja", "ko"):
        text = text.translate(_ASCII_DIGITS)
    if language in ("zh", "ja"):
        out = []
        for m in _CJK_DAYS.finditer(text):
            index = _CJK_DAY_INDEX[m.group(1)] if m.group(1) else _JA_DAY_INDEX[m.group(2)]
            out.append(Mention("day", index, m.start(), m.end()))
        out += [Mention("month", _cjk_month(m.group(1)), m.start(), m.end()) for m in _CJK_MONTH.finditer(text)]
        return sorted(out, key=lambda m: m.start)
    if language == "ko":
        out = [Mention("day", _KO_DAY_INDEX[m.group(1)], m.start(), m.end()) for m in _KO_DAYS.finditer(text)]
        out += [Mention("month", int(m.group(1)) - 1, m.start(), m.end()) for m in _KO_MONTH.finditer(text)]
        return sorted(out, key=lambda m: m.start)
    pattern = _pattern(language)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        name = m.lastgroup or ""
        out.append(Mention("day" if name[0] == "d" else "month", int(name[1:]), m.start(), m.end()))
    return out


def named(text: str, language: str, kind: str, ordinal: int) -> bool:
    """Whether ``text`` names that day or month anywhere, inside a word too ("Freitagsausgabe",
    "щопонеділка" every Monday): before saying a translation dropped it.

    >>> named("In der Freitagsausgabe sagte er", "de", "day", 4), named("Am Montag", "de", "day", 4)
    (True, False)
    """
    if any(m.kind == kind and m.ordinal == ordinal for m in mentions(text, language)):
        return True
    table = (_DAYS if kind == "day" else _MONTHS).get(language)
    forms = [table[ordinal]] if table is not None else []
    forms += [loose] if (loose := _LOOSE.get((language, kind, ordinal))) else []
    return any(re.search(form, text, re.IGNORECASE) for form in forms)


def supports(language: str) -> bool:
    return language in _DAYS or language in ("zh", "ja", "ko")
