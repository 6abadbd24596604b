"""What a translation must keep, checked word for word across languages.

Within one language ``changes.diff_alignment`` diffs the words. Across
languages the words differ everywhere, so compare checks, in each aligned
group, the things a faithful translation carries over unchanged and a
careful reader would check first:

* numbers, by value ("2,000" = "2 000", "6.3 million" = "630万");
* days and months named in words ("Friday" = "Freitag" = "пятницу");
* negation: one side negates, the other has no negating word at all;
* person names, by transliteration ("Lavrentyev" = "Лаврентьева"), where
  both languages are written in capitalising alphabets.

Each check favours precision: on 1,000-pair Tatoeba sets, faithful but free
translations, the negation check fires on 1–3% of pairs; on the WMT23 news
translations on 0.1% of items, most of them at a rater's error mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from anyascii import anyascii

from .changes import FIGURE
from .models import Alignment, Article, Change
from .text import calendar, negation
from .text.names import find_names, is_title_word, name_tokens, same_person, same_token
from .text.numbers import Quantity, quantities
from .text.tokens import STOPWORDS

# not "eine", "un" (articles), "no one", "one of them", "one another"
_ONE = re.compile(r"(?<!no )\b(?:one|a single|один|одна|одно|одного|одной|eins)\b(?!\s+(?:of|another)\b)", re.IGNORECASE)
# A figure before these is a month ("9月", "9월"): other languages name the month in words.
_MONTH_AFTER = ("月", "월")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def translation_changes(a: Article, b: Article, alignments: list[Alignment]) -> list[Change]:
    """Numbers, dates, negation and names that differ between aligned groups of two languages."""
    alphabetic = _alphabetic(a) and _alphabetic(b)
    whole_a = " ".join(a.sentence_texts()) if alphabetic else ""
    whole_b = " ".join(b.sentence_texts()) if alphabetic else ""
    known = (_persons(whole_a), _persons(whole_b)) if alphabetic else (frozenset(), frozenset())
    out: list[Change] = []
    for al in alignments:
        ta = " ".join(a.sentences[i].text for i in al.a)
        tb = " ".join(b.sentences[j].text for j in al.b)
        out += _numbers(al, ta, tb, a.language, b.language)
        out += _calendar(al, ta, tb, a.language, b.language)
        out += _negation(al, ta, tb, a.language, b.language)
        if alphabetic:
            out += _names(al, (ta, whole_a, known[0]), (tb, whole_b, known[1]))
    return out


def _numbers(al: Alignment, ta: str, tb: str, la: str, lb: str) -> list[Change]:
    qa, qb = _countable(ta, la), _countable(tb, lb)
    va, vb = {q.value for q in qa}, {q.value for q in qb}
    # "one" is no number word (a pronoun, "one of them"), but where the other side has 1 it is that 1
    va |= {Decimal(1)} if _ONE.search(ta) else set()
    vb |= {Decimal(1)} if _ONE.search(tb) else set()
    extra = ", ".join(dict.fromkeys(q.text for q in qb if q.value not in va)) or None
    # A number in words with no number in its place ("the two countries" / "обе страны") is no omission.
    return [
        Change("omitted" if extra is None else "altered", "number", al.a, al.b, text, extra,
               f"number {text} not in the translation")
        for text in dict.fromkeys(q.text for q in qa if q.value not in vb and (extra or FIGURE.search(q.text)))
    ]


def _countable(text: str, language: str) -> list[Quantity]:
    """The numbers of ``text`` a translation keeps as figures."""
    return [q for q in quantities(text, language) if not text.startswith(_MONTH_AFTER, q.end)]


# A figure date ("25.01.", "1/25") can stand for a month named in words.
_FIGURE_DATE = re.compile(r"\b\d{1,2}\s*[./]\s*\d{1,2}\b")


def _calendar(al: Alignment, ta: str, tb: str, la: str, lb: str) -> list[Change]:
    """A day or month named on one side that is another one on the other ("Friday" -> "Montag"),
    or that the translation leaves out ("2月10日" -> "on Friday": the date is gone)."""
    if not (calendar.supports(la) and calendar.supports(lb)):
        return []
    ma, mb = calendar.mentions(ta, la), calendar.mentions(tb, lb)
    out = []
    for kind, names in (("day", _DAY_NAMES), ("month", _MONTH_NAMES)):
        xa = {m.ordinal: ta[m.start:m.end] for m in ma if m.kind == kind}
        xb = {m.ordinal: tb[m.start:m.end] for m in mb if m.kind == kind}
        only_a, only_b = xa.keys() - xb.keys(), xb.keys() - xa.keys()
        if only_a and only_b:
            was = ", ".join(xa[i] for i in sorted(only_a))
            now = ", ".join(xb[i] for i in sorted(only_b))
            read = " / ".join(f"{names[i]} -> {names[j]}" for i, j in zip(sorted(only_a), sorted(only_b)))
            out.append(Change("altered", "date", al.a, al.b, was, now, f"{kind} changed in the translation ({read})"))
        elif only_a and not xb and not (kind == "month" and _FIGURE_DATE.search(tb)):
            lost = [i for i in sorted(only_a) if not calendar.named(tb, lb, kind, i)]
            if lost:
                was = ", ".join(xa[i] for i in lost)
                out.append(Change("omitted", "date", al.a, al.b, was, None,
                                  f"{' and '.join(names[i] for i in lost)} not in the translation"))
    return out


def _negation(al: Alignment, ta: str, tb: str, la: str, lb: str) -> list[Change]:
    """One side negates and the other has no negating word, particle or folded into a word."""
    if not (negation.supports(la) and negation.supports(lb)):
        return []
    na, nb = negation.negations(ta, la), negation.negations(tb, lb)
    if bool(na) == bool(nb) or (negation.implicit(tb, lb) if na else negation.implicit(ta, la)):
        return []
    if na:
        cue = ", ".join(dict.fromkeys(ta[s:e] for s, e in na))
        return [Change("altered", "negation", al.a, al.b, cue, None, f"negation “{cue}” not in the translation")]
    cue = ", ".join(dict.fromkeys(tb[s:e] for s, e in nb))
    return [Change("altered", "negation", al.a, al.b, None, cue, f"negation “{cue}” added in the translation")]


# Words that start a capitalised run without naming anyone (articles and
# prepositions of the languages that capitalise nouns or start sentences so).
_NOT_NAME_WORDS = STOPWORDS | frozenset(
    """der die das den dem des ein eine einer einem einen im am vom zum zur und
    le la les un une des du au aux et el los las del al lo il gli uno una i o os as do da dos das
    и в на с по о""".split()
)


def _persons(text: str) -> frozenset[str]:
    """Surnames (folded) of the people of an article: names after a person's title ("Liberal
    Democrat leader Nick Clegg", "Außenminister Johann Wadephul"). Places and bodies ("East
    Germany", "Police Scotland", "Vereinigten Königreich") are translated, not transliterated, so
    a name without one is not checked. Quote speakers are not taken as people: they are often
    bodies ("the Supreme Court said")."""
    out: set[str] = set()
    for start, _, name in find_names(text):
        before = text[max(0, start - 40):start].split()
        if before and _person_title(before[-1]) and len(tokens := name_tokens(name)) >= 2:
            out.add(tokens[-1])
    return frozenset(out)


# Words names.TITLES strips before a name that do not make it a person's ("the White House",
# "Russian Foreign Ministry", "General Motors").
_NOT_PERSON_TITLES = frozenset(
    """the former acting special presidential foreign defense defence interior deputy general gen chief
    iraqi russian american us u.s. french german chinese syrian israeli ukrainian turkish iranian""".split()
)


def _person_title(word: str) -> bool:
    folded = anyascii(word).lower().strip(".,")
    return folded not in _NOT_PERSON_TITLES and is_title_word(word)


def _people(text: str, persons: frozenset[str]) -> list[str]:
    """The names of ``text`` whose surname is one of ``persons``."""
    out = []
    for _, _, name in find_names(text):
        words = name.split()
        tokens = name_tokens(name)
        if len(tokens) >= 2 and tokens[-1] in persons and not any(w.lower() in _NOT_NAME_WORDS for w in words):
            out.append(name)
    return list(dict.fromkeys(out))


def _named(name: str, names: Iterable[str], text: str) -> bool:
    """Whether ``name`` is among ``names`` or its surname is a word of ``text`` (in any case form:
    "Клегга" is "Clegg")."""
    if any(same_person(name, other) for other in names):
        return True
    surname = name_tokens(name)[-1]
    return any(same_token(surname, anyascii(w).lower()) for w in re.findall(r"\w{3,}", text))


Side = tuple[str, str, frozenset[str]]  # the aligned text, the whole article, its people's surnames


def _names(al: Alignment, a: Side, b: Side) -> list[Change]:
    """A person named on one side whom the other side never names ("Nick Clegg" -> "Tony Blair")."""
    pa, pb = _people(a[0], a[2]), _people(b[0], b[2])
    lost = [n for n in pa if not _named(n, pb, b[1])]
    new = [n for n in pb if not _named(n, pa, a[1])]
    if lost and new:
        return [Change("altered", "entity", al.a, al.b, ", ".join(lost), ", ".join(new),
                       f"{', '.join(lost)} became {', '.join(new)} in the translation")]
    return [Change("omitted", "entity", al.a, al.b, n, None, f"{n} is not named in the translation") for n in lost] + [
        Change("added", "entity", (), al.b, None, n, f"{n} is named only in the translation") for n in new
    ]


_ALPHABETIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _alphabetic(article: Article) -> bool:
    """Written in Latin, Greek or Cyrillic letters: scripts whose names are capitalised and transliterate."""
    text = " ".join(article.sentence_texts())[:4000]
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_ALPHABETIC.findall(text)) >= 0.9 * letters
