"""What the retelling omitted, added or altered, at span level.

Within each alignment the two sides' word tokens are matched in two passes of
``difflib.SequenceMatcher`` over script-folded stems: the first finds the
text kept in order, the second finds text moved within the group (a
retelling often puts the attribution first). What is left are runs of
unmatched words: a run on one side alone is an omitted or added clause, two
runs in the same gap are an alteration. Each gets a category from the words
it holds (numbers, dates, names, titles, hedges, speech verbs, disclaimers).
Alterations that are near-synonyms by the encoder ("declared"/"announced")
are paraphrase, not change, and are dropped by the caller's ``similar`` test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .models import Change
from .text.names import same_person
from .text.numbers import Quantity, quantities
from .text.tokens import GROUPED, LOCAL_NUMBER_WORDS, NUMBER_TENS, NUMBER_UNITS, NUMBER_WORDS, Token, tokenize

# "May" and "March" are also a modal verb, a surname (Theresa May) and a verb,
# and "Jan" a first name: they are months in a date's company only ("May 5",
# "5 May", "in May", "last March", "Jan. 3"). Russian "май" declines; "майор" is a major.
# Not after "to", "of", "from" ("a letter from May", unless "from May to July"), nor after a
# year ("In 2016 May became"); "by May" is a deadline more often than an author.
_DATE_BEFORE = (
    "in on by since until till through early late mid last next this "
    "In On By Since Until Last Next This Early Late Mid"
).split()
_MAY_MARCH = (
    "(?-i:(?:" + "|".join(f"(?<=\\b{w}[ -])" for w in _DATE_BEFORE) + r"|(?<=\b\d )|(?<=\b\d\d )"
    r"|(?<=\b[Ff]rom )(?=\w+\s+(?:to|until|till|through)\s+(?:January|February|April|June|July|August|September|"
    r"October|November|December)\b)"
    r"|(?<=\d(?:st|nd|rd|th) )|(?<=\d of )"
    r"|(?<=\d(?:st|nd|rd|th) of ))(?:May|March|Mar\.)(?!\w)|\b(?:May|March|Mar\.?)(?=\s+\d))"
)
_MONTH_LIST = "january february march april may june july august september october november december".split()
_MONTH_NAMES = "(?:" + "|".join(_MONTH_LIST) + ")"
# The day and year of a date are part of it ("March 3" -> "March 30" is a date change), and so is a
# year after a preposition or a month ("in 2025", "since 1991").
_DAY_AND_YEAR = (
    rf"\b{_MONTH_NAMES}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES}\b(?:,?\s+(?:19|20)\d\d\b)?"
    r"|(?:" + "|".join(f"(?<=\\b{w} )" for w in "in since by until till from to of during early late mid".split() + _MONTH_LIST)
    + r")(?:19|20)\d\d\b(?![.,]\d)"
)
MONTHS = re.compile(
    _DAY_AND_YEAR + "|" + _MAY_MARCH + r"|\b(?:january|february|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|"
    r"(?:next|last|this|previous|coming|past)\s+(?:week|weekend|month|year|spring|summer|autumn|fall(?!\s+(?:in|of)\b)|winter)|"
    r"январ\w*|феврал\w*|март[аеу]?|апрел\w*|ма(?:й|я|ю|е|ем)|июн\w*|июл\w*|август[аеу]?|"
    r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)\b"
    # abbreviations: "Jan." or "Jan 5", not the name Jan
    r"|\b(?:jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|(?=\s+\d))"
    # Chinese and Japanese: "9月", "25日", "周三"/"星期三", "水曜日", "昨天", "上午", "去年" (no \b between ideographs)
    # clock times: "10:24", "5 p.m."
    r"|(?<![\d.,])\d{1,2}:\d\d(?!\d)(?:\s*[ap]\.m\.)?|\b\d{1,2}\s*[ap]\.m\."
    r"|(?<!\d)\d+\s*[月日時时]|(?:周|星期|礼拜)[一二三四五六日天]|[月火水木金土日]曜日|[昨今明前后]天|[上下]午|凌晨|[今去明]年",
    re.IGNORECASE,
)
# A figure, or an English number word. Left out: "one" and "zero" ("no one",
# "one of them") and "ten" (Dutch "ten minste", Polish and Czech "ten" = "this").
_NUMBER_WORDS = sorted([*(w for w in NUMBER_UNITS + NUMBER_TENS if w not in ("zero", "one", "ten")),
                        *(w for w in LOCAL_NUMBER_WORDS if w != "сто")],  # "сто" is also "what"
                       key=len, reverse=True)
NUMBER = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
FIGURE = re.compile(r"\d")


def figures(text: str) -> list[str]:
    """The numbers of ``text`` in order, words as figures: "40 or forty-one" -> ["40", "41"].

    Number words count as ``NUMBER`` finds them (so not "one"), also inside
    compounds ("a three-year-old" -> ["3"]).
    """
    out: list[str] = []
    for t in tokenize(text):
        if FIGURE.search(t.text):
            out += [t.key] if GROUPED.fullmatch(t.text) else re.findall(r"\d+", t.text)
            continue
        key = t.key if t.key.isdigit() else None  # "forty-two" keys as "42"
        if key is not None and NUMBER.search(t.text):
            out.append(key)
        elif "-" in t.text:
            out += [NUMBER_WORDS[w.lower()] for w in t.text.split("-") if NUMBER.fullmatch(w)]
    return out


_SCALE = re.compile(r"\b(?:thousands?|millions?|billions?|trillions?|bn|mn|tn)\b", re.IGNORECASE)


def _scales(text: str) -> list[str]:
    return [m.lower().rstrip("s") for m in _SCALE.findall(text)]


HEDGES = frozenset(
    """may might could possibly probably likely reportedly allegedly apparently ostensibly
    purportedly seemingly perhaps maybe suspected alleged unconfirmed claimed likelihood""".split()
)
SPEECH = frozenset(
    """said says told added stated confirmed explained noted pointed recalled concluded stressed
    emphasized emphasised declared announced claimed argued warned insisted asserted indicated
    affirmed reported quoted saying according citing""".split()
)
# Speech verbs that say what the writer thinks of the claim: "said" -> "claimed" is a change.
LOADED_SPEECH = frozenset("claimed insisted asserted alleged admitted conceded acknowledged boasted confirmed".split())
# Qualifiers of a figure, by what they say of it: about, at least, at most.
_QUALIFIERS = {
    **dict.fromkeys(("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa"), "~"),
    **dict.fromkeys(("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
                     "not less than", "just over"), ">"),
    **dict.fromkeys(("at most", "up to", "less than", "fewer than", "under", "nearly", "almost", "close to",
                     "just under", "no more than", "as many as", "as much as"), "<"),
}
# Function words that reverse a claim when one replaces the other, and what they are about.
_OPPOSITES = {
    frozenset(("for", "against")): "negation", frozenset(("with", "without")): "negation",
    frozenset(("before", "after")): "date", frozenset(("a.m.", "p.m.")): "date",
    frozenset(("more", "less")): "number", frozenset(("more", "fewer")): "number", frozenset(("above", "below")): "number",
    frozenset(("over", "under")): "number", frozenset(("up", "down")): "number",
    frozenset(("increase", "decrease")): "number", frozenset(("rise", "fall")): "number",
}
# Content words of opposite sense: a direction ("rose" -> "fell" is a number that changed its
# sign) or an outcome ("passed" -> "failed", "won" -> "lost": the claim reversed).
_OPPOSITES |= {frozenset(pair): "number" for pair in (
    ("rose", "fell"), ("rises", "falls"), ("risen", "fallen"), ("rising", "falling"),
    ("increased", "decreased"), ("increases", "decreases"), ("increasing", "decreasing"),
    ("grew", "shrank"), ("gained", "lost"), ("higher", "lower"), ("highest", "lowest"),
    ("surged", "plunged"), ("climbed", "dropped"),
)} | {frozenset(pair): "negation" for pair in (
    ("won", "lost"), ("wins", "loses"), ("win", "lose"), ("passed", "failed"), ("approved", "rejected"),
    ("accepted", "rejected"), ("supported", "opposed"), ("supports", "opposes"), ("allowed", "banned"),
    ("legal", "illegal"), ("guilty", "innocent"), ("convicted", "acquitted"),
    ("true", "false"), ("success", "failure"), ("agreed", "refused"),
)}


def _qualifies(text: str) -> str | None:
    """What a qualifier says of its figure: "~" about, ">" at least, "<" at most."""
    return _QUALIFIERS.get(" ".join(text.lower().split()))


def _opposed(text: str, other: str) -> str | None:
    """The category of a swap of opposites ("voted against" -> "voted for"), else None."""
    words_a, words_b = (set(re.findall(r"[\w.]+", t.lower())) for t in (text, other))
    return next((_OPPOSITES[p] for x in words_a - words_b for y in words_b - words_a
                 if (p := frozenset((x, y))) in _OPPOSITES), None)


PRONOUNS = frozenset("he she they it we i you him her them his their its он она они".split())
NEGATIONS = frozenset(
    """not no never none nobody nothing neither nor without cannot не нет никогда
    nicht kein keine keinen keinem keiner nie niemals niemand nichts pas jamais nunca nadie""".split()
)
# "denied" -> "confirmed" flips a claim: "deny" counts as a negation, and so does a verb that
# negates the verb after it ("declined to comment" -> "commented", "failed to recover" ->
# "recovered"; "refused to publish" = "would not publish"). Alone such verbs only excuse
# a "not" ("rejected" = "did not accept"); they negate nothing ("exports declined to 4.1%",
# "rejected" -> "turned down").
_DENY = re.compile(r"\bden(?:y|ies|ied|ying)\b", re.IGNORECASE)
_REFUSE = r"refus(?:e[sd]?|ing)|declin(?:e[sd]?|ing)|fail(?:s|ed|ing)?"
_NEGATING_VERB = re.compile(
    rf"\b(?:{_REFUSE}|unable)\s+to\b(?!\s+(?:(?:the|a|an|its|their|his|her)\b|[\d$€£]))", re.IGNORECASE
)
_NEGATIVE_VERB = re.compile(rf"\b(?:{_REFUSE}|reject(?:s|ed|ing)?)\b", re.IGNORECASE)
# "no"/"not" in idioms that negate nothing: "not only", "no later than", "no matter", "No 10", "No. 2".
_NOT_NEGATING = {
    "not": re.compile(r"\s*(?:only|just|least)\b", re.IGNORECASE),
    "nothing": re.compile(r"\s*but\b", re.IGNORECASE),
    "no": re.compile(r"\s*(?:(?:later|earlier|sooner|fewer|more|less|matter|doubt)\b|\.?\s*\d)", re.IGNORECASE),
}
# Function words whose change turns the meaning: "will withdraw" -> "may withdraw",
# "did not deny" -> "did deny". They are reported like content words.
MEANING_WORDS = HEDGES | NEGATIONS
CREDIT = re.compile(
    r"\b(?:translated|translation|according to|quoted|quoting|citing|cited|reported by|in a report|"
    r"agency|news agency|told reporters|сообщает|по данным|передает)\b",
    re.IGNORECASE,
)
DISCLAIMER = re.compile(
    r"\b(?:banned|prohibited|outlawed|extremist|terrorist|designated|recogni[sz]ed as|"
    r"запрещен\w*|экстремист\w*|террорист\w*|иноагент\w*|foreign agent)\b",
    re.IGNORECASE,
)
CAUSAL = re.compile(r"^(?:because|since|as|so|therefore|although|though|while|whereas|due)\b", re.IGNORECASE)
TITLE_WORDS = frozenset(
    """president prime minister envoy representative ambassador spokesman spokeswoman chairman
    secretary commander general chancellor governor mayor senator minister chief special
    former acting deputy interim vice ex""".split()
)
UNIT_WORDS = frozenset(
    """corps forces force brigade division regiment battalion contingent troops unit units army
    km kilometers kilometres miles meters metres tons tonnes percent kg dollars euros rubles""".split()
)


def _meaning(t: Token) -> bool:
    """A hedge or a negation ("may", "not", "won't")."""
    w = t.text.lower()
    return w in MEANING_WORDS or w.replace("’", "'").endswith("n't")


def _reportable(t: Token) -> bool:
    return t.content or _meaning(t) or t.key.isdigit()  # "два" is a stopword, and a number


@dataclass(frozen=True, slots=True)
class SideText:
    """One side of an alignment: its sentences' indices and cleaned texts."""

    indices: tuple[int, ...]
    texts: tuple[str, ...]

    def tokens(self) -> list[tuple[int, Token]]:
        return [(i, t) for i, s in zip(self.indices, self.texts) for t in tokenize(s)]


@dataclass(frozen=True, slots=True)
class Run:
    """A run of unmatched tokens on one side, inside one sentence."""

    sentence: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    gap: tuple[int, int]  # (index of matched token before, after) on the *other* side
    dated: bool = False  # inside a date of its sentence ("May" in "in May")
    negations: int = 0  # negating words, read in the sentence ("No" of "No. 2" negates nothing)
    qualifier: str | None = None  # only a figure's qualifier ("at least" of "at least 12"): what it says, see _qualifies

    @property
    def content(self) -> bool:
        """Worth reporting: a content word or figure, a hedge, a negation (not "not only"), part of a date ("this year")."""
        if _IDIOM.fullmatch(self.text):  # "no later than Friday" -> "by Friday"
            return False
        return (any(t.content or t.key.isdigit() or t.text.lower() in HEDGES for t in self.tokens)
                or self.dated or self.negations > 0 or self.qualifier is not None)

    @property
    def named(self) -> bool:
        """Holds a capitalised word that does not merely start its sentence ("to Boeing", not "Officials")."""
        return any(t.text[:1].isupper() and (self.start > 0 or k > 0) for k, t in enumerate(self.tokens))

    @property
    def minor(self) -> bool:
        """Only speech verbs and pronouns ("He added"), or a single ordinary word."""
        if self.dated:
            return False
        kept = [t for t in self.tokens if _reportable(t)]
        words = [t.text.lower() for t in kept]
        if all(w in SPEECH or w in PRONOUNS for w in words):
            return True
        # "Lavrentyev added": a speech verb with only names around it.
        if len(words) <= 3 and any(w in SPEECH for w in words) and all(
            w in SPEECH or w in PRONOUNS or t.text[:1].isupper() for w, t in zip(words, kept)
        ):
            return True
        return len(words) == 1 and not (NUMBER.search(words[0]) or _meaning(kept[0]) or kept[0].text[:1].isupper()
                                        or self.negations or self.qualifier is not None)  # "declined to" (comment), "at least" (12)


# Above this many token pairs a group's diff lets SequenceMatcher ignore its most frequent
# tokens (autojunk): exact matching costs the product of the lengths, and a group that large
# (a text of one repeated vocabulary, hundreds of sentences linked together) took minutes.
_EXACT_DIFF_PAIRS = 250_000


def _match(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    junk = len(a) * len(b) > _EXACT_DIFF_PAIRS
    return [blk for blk in SequenceMatcher(None, a, b, autojunk=junk).get_matching_blocks() if blk[2]]


def match_tokens(a_keys: list[str], b_keys: list[str], a_content: list[bool]) -> dict[int, int]:
    """Map a-token positions to b-token positions: in order first, then moved blocks."""
    pairs: dict[int, int] = {}
    for i, j, n in _match(a_keys, b_keys):
        # A lone function word is no evidence of kept text.
        if n >= 2 or a_content[i]:
            pairs.update({i + k: j + k for k in range(n)})
    # Second pass over what is left: text moved within the group.
    ra = [i for i in range(len(a_keys)) if i not in pairs]
    used = set(pairs.values())
    rb = [j for j in range(len(b_keys)) if j not in used]
    for i, j, n in _match([a_keys[x] for x in ra], [b_keys[y] for y in rb]):
        if n >= 3 or (n >= 2 and any(a_content[ra[i + k]] for k in range(n))):
            pairs.update({ra[i + k]: rb[j + k] for k in range(n)})
    return pairs


def _runs(toks: list[tuple[int, Token]], matched: dict[int, int], texts: dict[int, str]) -> list[Run]:
    runs: list[Run] = []
    cur: list[int] = []

    def flush() -> None:
        if not cur:
            return
        sent = toks[cur[0]][0]
        first, last = toks[cur[0]][1], toks[cur[-1]][1]
        # Local anchors: the nearest kept tokens on either side, wherever they went.
        before = next((matched[k] for k in range(cur[0] - 1, -1, -1) if k in matched), -1)
        after = next((matched[k] for k in range(cur[-1] + 1, len(toks)) if k in matched), 10**9)
        if after < before:  # the anchors moved apart: trust the one before
            after = 10**9
        start, end = _widen(texts[sent], first.start, last.end)
        dated = any(s < end and start < e for s, e in _date_spans(texts[sent]))
        negations = _negations(texts[sent], start, end)
        qualifier = _qualifies(texts[sent][start:end]) if NUMBER.match(texts[sent][end:].lstrip(" $€£")) else None
        runs.append(Run(sent, start, end, texts[sent][start:end], tuple(toks[k][1] for k in cur), (before, after), dated,
                        negations, qualifier))
        cur.clear()

    for k, (sent, tok) in enumerate(toks):
        if k in matched or (cur and (toks[cur[-1]][0] != sent or _BREAK.search(texts[sent][toks[cur[-1]][1].end : tok.start]))):
            flush()
        if k not in matched:
            cur.append(k)
    flush()
    return runs


@lru_cache(maxsize=8192)
def _date_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where ``sentence`` names a date (cached: a sentence's runs each ask, and MONTHS is slow)."""
    return tuple(m.span() for m in MONTHS.finditer(sentence))


# Runs of unmatched words do not cross brackets or sentence stops:
# a dropped parenthetical and the attribution after it are two changes.
_BREAK = re.compile(r"[()\[\];:.!?]")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in enclosing brackets so a dropped parenthetical shows whole, and whole words
    where a contraction was split ("n't" shows as "couldn't", "not" as "cannot")."""
    s, e = start, end
    if text[s : s + 3].lower() in ("n't", "n’t", "not"):
        while s > 0 and text[s - 1].isalpha():
            s -= 1
    if text[e : e + 3].lower() in ("n't", "n’t") or (text[e - 3 : e].lower() == "can" and text[e : e + 3].lower() == "not"):
        e += 3  # "wo" of "won't" shows whole
    while s > 0 and text[s - 1] in " " and s - 1 > 0 and text[s - 2] == "(":
        s -= 1
    if s > 0 and text[s - 1] == "(":
        close = text.find(")", e)
        if close != -1 and text[e:close].strip(" -—,.") == "":
            return s - 1, close + 1
    return s, e


def meaning_changed(category: str, a_text: str, b_text: str) -> bool:
    """An alteration that stays a change however close the encoder finds the two sides:
    numbers, dates, negations, names (an encoder puts "Boeing" near "Airbus": 0.74), a hedge
    that appears or goes ("will" -> "may"), opposites ("for" -> "against", "a.m." -> "p.m.")."""
    return (category in ("number", "date", "negation", "entity") or (category == "hedging" and _hedged(a_text) != _hedged(b_text))
            or bool(_opposed(a_text, b_text)))


def _hedged(text: str) -> bool:
    return any(t.text.lower() in HEDGES for t in tokenize(text))


_IDIOM = re.compile(r"(?:no (?:later|earlier|sooner|more|fewer|less) than|not only|not least|no matter)", re.IGNORECASE)


def _negations(text: str, start: int = 0, end: int | None = None) -> int:
    """Negating words and verbs in ``text[start:end]``, read in all of ``text``."""
    stop = len(text) if end is None else end
    return sum(start <= p < stop for p in _negation_starts(text))


@lru_cache(maxsize=8192)
def _negation_starts(text: str) -> tuple[int, ...]:
    """Where ``text``'s negating words and verbs start, idioms aside ("in no time", "not only",
    "no later than", "No. 2"). Cached: each run of a sentence asks."""
    out = [m.start() for pattern in (_DENY, _NEGATING_VERB) for m in pattern.finditer(text)]
    for m in re.finditer(r"[\w']+", text.replace("’", "'")):
        w = m.group().lower()
        idiom = w in _NOT_NEGATING and bool(_NOT_NEGATING[w].match(text, m.end()))
        if w.endswith("n't") or (w in NEGATIONS and not idiom and not (w == "no" and text[: m.start()].lower().endswith("in "))):
            out.append(m.start())
    return tuple(out)


def _only_negation(text: str, negations: int) -> bool:
    """A negation among function words ("did not", "never", "no longer"), not a clause that holds one."""
    return negations > 0 and not any(
        t.content and not _meaning(t) and t.text.lower() not in ("longer", "yet", "unable")
        and not _NEGATIVE_VERB.fullmatch(t.text) for t in tokenize(text)
    )


def _polarity_flipped(text: str, other: str, na: int, nb: int) -> bool:
    """One side negates (``na``, ``nb`` times) what the other does not; a negative verb on the side
    without the "not" excuses it."""
    if na == nb:
        return False
    return not _NEGATIVE_VERB.search(text if na < nb else other)


def categorise(text: str, *, other: str | None = None, in_quote: bool = False, dated: bool = False,
               negations: tuple[int, int] | None = None) -> str:
    """A category for a changed span (and its counterpart, for alterations).

    ``dated``: the span is part of a date in its sentence ("May" of "in May"). ``negations``:
    the negating words of the span and its counterpart, counted in their sentences (else in the spans).
    """
    na, nb = negations or (_negations(text), _negations(other or ""))
    both = f"{text} {other or ''}"
    # "May" written so is a month or a name (see MONTHS), not the hedge
    words = {t.text.lower() for t in tokenize(both) if t.text != "May"}  # tokens: "couldn't" holds "could"
    if DISCLAIMER.search(text) and (text.startswith("(") or other is None):
        return "disclaimer"
    # a polarity flip ("confirmed" -> "denied", an added "not"); a dropped clause that holds a "not" is a clause
    if _only_negation(text, na) if other is None else _polarity_flipped(text, other, na, nb):
        return "negation"
    if other is not None and (opposed := _opposed(text, other)):
        return opposed
    if _qualifies(text) or (other is not None and _qualifies(other)):
        return "number"  # "at least 12" -> "12", "nearly 400" -> "more than 400"
    if dated and (other is None or text.lower() != other.lower()):
        return "date"
    if MONTHS.search(both) and (other is None or MONTHS.findall(text) != MONTHS.findall(other or "")):
        return "date"
    if NUMBER.search(both) and (other is None or figures(text) != figures(other or "")):
        return "number"
    if other is not None and _scales(text) != _scales(other):  # "$3.5 billion" -> "$3.5 million"
        return "number"
    if CREDIT.search(both) and other is None:
        return "attribution"
    if words & TITLE_WORDS:
        return "title"
    if words & UNIT_WORDS:
        return "unit"
    caps = re.findall(r"\b[A-ZА-ЯЁ]\w+", both)
    if other is not None and caps and any(c[0].isupper() for c in re.findall(r"\b\w+", text)) and any(
        c[0].isupper() for c in re.findall(r"\b\w+", other)
    ):
        return "entity"
    if words & HEDGES:
        return "hedging"
    if words & SPEECH:
        return "attribution"
    if other is None and CAUSAL.match(text):
        return "context"
    if in_quote:
        return "quote"
    return "clause" if other is None else "wording"


def diff_alignment(
    a: SideText,
    b: SideText,
    *,
    similar: Callable[[list[tuple[str, str]]], list[bool]] | None = None,
    a_quotes: Sequence[str] = (),
    b_quotes: Sequence[str] = (),
) -> tuple[list[Change], dict[int, set[int]]]:
    """Changes inside one aligned group, plus the a-token offsets left unmatched per sentence.

    ``similar`` decides, for a batch of (a_span, b_span) alterations, which are
    mere paraphrase (the encoder says near-synonym).
    """
    at, bt = a.tokens(), b.tokens()
    matched = match_tokens([t.key for _, t in at], [t.key for _, t in bt], [_reportable(t) for _, t in at])
    back = {j: i for i, j in matched.items()}
    a_all = _runs(at, matched, dict(zip(a.indices, a.texts)))
    b_all = _runs(bt, back, dict(zip(b.indices, b.texts)))
    a_runs, b_runs = [r for r in a_all if r.content], [r for r in b_all if r.content]
    unmatched: dict[int, set[int]] = {}
    for r in a_runs:
        # every token the shown span covers ("couldn't" widened over a kept "could")
        unmatched.setdefault(r.sentence, set()).update(t.start + r.start for t in tokenize(r.text))

    # Pair runs that sit in the same gap: an alteration.
    pairs: list[tuple[Run, Run]] = []
    lone_b = list(b_runs)
    lone_a: list[Run] = []
    pos_a, pos_b = _positions(at), _positions(bt)
    for ra in a_runs:
        pa = pos_a[_first(ra)]
        mate = next((rb for rb in lone_b if ra.gap[0] < pos_b[_first(rb)] < ra.gap[1] and rb.gap[0] < pa < rb.gap[1]
                     and _comparable(ra, rb)), None)
        if mate is not None:
            pairs.append((ra, mate))
            lone_b.remove(mate)
        else:
            lone_a.append(ra)

    # Reordered counterparts ("Russia's special presidential representative …" →
    # "The Russian envoy to Syria" moved to the front): pair leftovers of one kind.
    for ra in list(lone_a):
        kind = categorise(ra.text, dated=ra.dated, negations=(ra.negations, 0))
        if kind not in SPECIFIC:
            continue
        mate = next((rb for rb in lone_b if categorise(rb.text, dated=rb.dated, negations=(rb.negations, 0)) == kind and _comparable(ra, rb)), None)
        if mate is not None:
            pairs.append((ra, mate))
            lone_a.remove(ra)
            lone_b.remove(mate)

    # A hedge or negation in place of other function words ("will" -> "may"): an alteration.
    pairs += _function_word_mates(lone_a, [r for r in b_all if not r.content], pos_a, pos_b)
    pairs += [(ra, rb) for rb, ra in _function_word_mates(lone_b, [r for r in a_all if not r.content], pos_b, pos_a)]
    # Opposite function words face each other ("voted against" -> "voted for").
    paired = {id(r) for pair in pairs for r in pair}
    b_left = [r for r in b_all if id(r) not in paired]
    for ra in [r for r in a_all if id(r) not in paired]:
        mate = next((rb for rb in b_left if _opposed(ra.text, rb.text) and ra.gap[0] < pos_b[_first(rb)] < ra.gap[1]
                     and rb.gap[0] < pos_a[_first(ra)] < rb.gap[1]), None)
        if mate is not None:
            pairs.append((ra, mate))
            b_left.remove(mate)
            for runs in (lone_a, lone_b):
                runs[:] = [r for r in runs if r is not ra and r is not mate]
    in_a_quote = lambda t: any(t in q for q in a_quotes)  # noqa: E731
    in_b_quote = lambda t: any(t in q for q in b_quotes)  # noqa: E731
    changes: list[Change] = []
    verdicts = similar([(ra.text, rb.text) for ra, rb in pairs]) if pairs and similar else [False] * len(pairs)
    for (ra, rb), same in zip(pairs, verdicts):
        if _name_variant(_with_name_tail(a, ra), _with_name_tail(b, rb)) or _speechy(ra, rb):
            continue
        if ra.qualifier and ra.qualifier == rb.qualifier:
            continue  # "about 400" -> "around 400"
        cat = categorise(ra.text, other=rb.text, in_quote=in_a_quote(ra.text), dated=ra.dated or rb.dated,
                         negations=(ra.negations, rb.negations))
        if cat == "entity" and not (ra.named or rb.named):
            cat = "wording"  # capitalised only as a sentence's first word ("Officials" -> "The minister")
        if same and not meaning_changed(cat, ra.text, rb.text):
            continue
        if cat == "number" and _same_quantities(ra.text, rb.text):
            continue  # "6.3 million" -> "6,300,000": the same number written another way
        # A long span replaced by a short one is mostly an omission.
        note = f"“{ra.text}” → “{rb.text}”"
        changes.append(Change("altered", cat, (ra.sentence,), (rb.sentence,), ra.text, rb.text, note))
    a_keys, b_keys = {t.key for _, t in at}, {t.key for _, t in bt}
    for ra in lone_a:
        if ra.minor and not _source_dropped(ra, b_keys):
            continue
        cat = categorise(ra.text, in_quote=in_a_quote(ra.text), dated=ra.dated, negations=(ra.negations, 0))
        changes.append(Change("omitted", cat, (ra.sentence,), (), ra.text, None, f"dropped {cat}: “{ra.text}”"))
    for rb in lone_b:
        if rb.minor and not _source_dropped(rb, a_keys):
            continue
        cat = categorise(rb.text, in_quote=in_b_quote(rb.text), dated=rb.dated, negations=(rb.negations, 0))
        changes.append(Change("added", cat, (), (rb.sentence,), None, rb.text, f"added {cat}: “{rb.text}”"))
    return changes, unmatched


def _source_dropped(run: Run, other: set[str]) -> bool:
    """A speech verb with a named source the other side never names: an attribution dropped
    ("…, the Times reported." -> "…."), which turns a report into the writer's own claim; not
    one reworded or moved ("Lavrentyev added" -> "Lavrentiev said that")."""
    words = [t for t in run.tokens if _reportable(t)]
    return any(t.text.lower() in SPEECH for t in words) and any(
        t.text[:1].isupper() and t.text.lower() not in PRONOUNS and t.key not in other for t in words)


def _function_word_mates(lone: list[Run], others: list[Run], pos: dict, pos_other: dict) -> list[tuple[Run, Run]]:
    """Lone runs of only hedges and negations paired with function-word runs in the same gap
    on the other side; the paired runs leave ``lone``."""
    out = []
    for r in list(lone):
        if not all(_meaning(t) or not t.content for t in r.tokens):  # other content words: not a function-word swap
            continue
        p = pos[_first(r)]
        mate = next((o for o in others if r.gap[0] < pos_other[_first(o)] < r.gap[1] and o.gap[0] < p < o.gap[1]), None)
        if mate is not None:
            out.append((r, mate))
            lone.remove(r)
            others.remove(mate)
    return out


def _same_quantities(a: str, b: str) -> bool:
    """The same numbers in the same order and nothing else changed: "6.3 million" / "6,300,000"."""
    qa, qb = quantities(a), quantities(b)
    if not qa or [q.value for q in qa] != [q.value for q in qb]:
        return False
    rest = lambda text, qs: [t.key for t in tokenize(_cut(text, qs))]  # noqa: E731
    return rest(a, qa) == rest(b, qb)


def _cut(text: str, spans: list[Quantity]) -> str:
    for q in reversed(spans):
        text = text[: q.start] + " " + text[q.end :]
    return text


# A run this many times longer than its counterpart is an omission or an
# addition next to an alteration, not a rewording of it.
PAIR_LENGTH_RATIO = 2.5
SPECIFIC = frozenset({"title", "unit", "entity", "number", "date"})


def _comparable(ra: Run, rb: Run) -> bool:
    na = sum(t.content for t in ra.tokens)
    nb = sum(t.content for t in rb.tokens)
    if max(na, nb) > PAIR_LENGTH_RATIO * max(1, min(na, nb)):
        return False
    # A date or figure on one side only is dropped or added, not altered ("40" ->
    # "Fourteen" is altered: both have a number; "The two" -> "Both" a rewording).
    if ra.dated != rb.dated:
        return False
    if bool(FIGURE.search(ra.text)) != bool(FIGURE.search(rb.text)):
        return bool(figures(ra.text)) and bool(figures(rb.text))
    return True


def _speechy(ra: Run, rb: Run) -> bool:
    """Both runs are attribution furniture ("Lavrentyev added" / "He explained")."""
    words = [t.text.lower() for r in (ra, rb) for t in r.tokens if _reportable(t)]
    return bool(words) and all((w in SPEECH and w not in LOADED_SPEECH) or w in PRONOUNS for w in words)


def _positions(toks: list[tuple[int, Token]]) -> dict[tuple[int, int], int]:
    """Position of each token in the group's token list, by (sentence, token identity)."""
    return {(s, id(t)): k for k, (s, t) in enumerate(toks)}


def _first(run: Run) -> tuple[int, int]:
    return run.sentence, id(run.tokens[0])


_NAME_TAIL = re.compile(r"^\s*((?:(?:al|el)-)?[A-ZА-ЯЁ][\w'’-]*(?:\s+(?:(?:al|el)-)?[A-ZА-ЯЁ][\w'’-]*)*)")


def _with_name_tail(side: SideText, run: Run) -> str:
    """The run plus any capitalised words right after it ("Mohammed" + " al-Sudani")."""
    text = dict(zip(side.indices, side.texts))[run.sentence]
    m = _NAME_TAIL.match(text[run.end :])
    return run.text + (" " + m.group(1) if m else "")


def _name_variant(x: str, y: str) -> bool:
    """Two spans that are spellings of one name are not a change."""
    return len(x.split()) <= 4 and len(y.split()) <= 4 and x[:1].isupper() and y[:1].isupper() and same_person(x, y)


# --- Across languages: clauses the translation left out -------------------------------------
# Words cannot be matched across languages, so a clause is tested by leaving
# it out: when the source without it is closer to the translation than the
# whole source is (USE cosine), the translation lacks it. Headlines and
# clauses dropped by machine translation show it clearly ("欧盟峰会为难民政策争论，"
# gone from "EU officials: Reception process is a bottleneck"); a single
# dropped word does not move a sentence vector enough, so recall is low.
# The gain threshold was chosen on half of the WMT23 MQM documents
# (bench/bench_wmt.py, which reports the other half).
CLAUSE_BREAK = re.compile(r"[,;:()\[\]，；：、（）“”\"«»—–]|\s-\s")
LEAVE_ONE_OUT_GAIN = 0.02
_WORD_CHAR = re.compile(r"\w")


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between clause punctuation, trimmed, each with at least two word characters.

    >>> t = "EU summit argues over refugee policy, EU official: bottlenecks"
    >>> [t[s:e] for s, e in clauses(t)]
    ['EU summit argues over refugee policy', 'EU official', 'bottlenecks']
    """
    out, last = [], 0
    for m in [*CLAUSE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[last:end]
        s = last + len(piece) - len(piece.lstrip(" .。!?！？"))
        e = last + len(piece.rstrip(" .。!?！？"))
        if len(_WORD_CHAR.findall(text[s:e])) >= 2:
            out.append((s, e))
        last = m.end() if m else len(text)
    return out


def dropped_clauses(
    text: str, other: str, encode: Callable[[list[str]], np.ndarray], gain: float = LEAVE_ONE_OUT_GAIN
) -> list[tuple[int, int, float]]:
    """Clauses of ``text`` that ``other`` (its translation, or the reverse) lacks: ``(start, end, gain)``.

    ``encode`` maps texts to L2-normalised vectors (``Encoder.encode``). A
    sentence of one clause is never tested: leaving it out leaves nothing.
    """
    spans = clauses(text)
    if len(spans) < 2:
        return []
    v = encode([text, other] + [text[:s] + text[e:] for s, e in spans])
    base = float(v[0] @ v[1])
    scored = [(s, e, float(v[2 + k] @ v[1]) - base) for k, (s, e) in enumerate(spans)]
    return [x for x in scored if x[2] >= gain]


def clause_gains(
    a: SideText, b: SideText, encode: Callable[[list[str]], np.ndarray], gain: float = LEAVE_ONE_OUT_GAIN
) -> list[tuple[str, int, int, int, float]]:
    """``(side, sentence, start, end, gain)`` for each clause of an aligned group that the other side lacks.

    Each sentence on one side is tested against the other side's text as a whole.
    """
    out = []
    for side, this, other in (("a", a, b), ("b", b, a)):
        whole = " ".join(other.texts)
        for i, sentence in zip(this.indices, this.texts):
            out += [(side, i, s, e, g) for s, e, g in dropped_clauses(sentence, whole, encode, gain)]
    return out


def cross_lingual_gaps(
    a: SideText, b: SideText, encode: Callable[[list[str]], np.ndarray], gain: float = LEAVE_ONE_OUT_GAIN
) -> list[Change]:
    """Clauses of an aligned group that its translation omitted (from a) or added (in b), as changes."""
    out: list[Change] = []
    texts = {"a": dict(zip(a.indices, a.texts)), "b": dict(zip(b.indices, b.texts))}
    for side, i, s, e, g in clause_gains(a, b, encode, gain):
        span = texts[side][i][s:e]
        if side == "a":
            out.append(Change("omitted", categorise(span), (i,), (), span, None,
                              f"not in the translation: “{span}” (leave-one-out gain {g:.2f})"))
        else:
            out.append(Change("added", categorise(span), (), (i,), None, span,
                              f"not in the source: “{span}” (leave-one-out gain {g:.2f})"))
    return out


class Swap(NamedTuple):
    """Two words that trade places, and the span from one to the other on each side."""

    first: str
    second: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]


def swapped_roles(a: str, b: str) -> Swap | None:
    """Two words that trade places, each taking the other's neighbours: who did what to whom changed.

    "Russia accused Ukraine of shelling" -> "Ukraine accused Russia of shelling" gives
    "Russia" and "Ukraine", and the spans "Russia accused Ukraine", "Ukraine accused Russia".
    The word diff sees only text that moved; here each word's
    content-word neighbours (before, after) decide. Not a swap: a coordination, where
    the two are each other's neighbours ("Putin and Xi" -> "Xi and Putin"); a passive
    ("… was accused by Russia"); an attribution moved ("Cook said Carter stopped" ->
    "Carter stopped, Cook said": the neighbours stay).

    >>> swap = swapped_roles("The police said the suspect shot the officer.", "The police said the officer shot the suspect.")
    >>> swap.first, swap.second, swap.a_span
    ('suspect', 'officer', (20, 45))
    >>> swapped_roles("Russia accused Ukraine of shelling.", "Ukraine was accused by Russia of shelling.") is None
    True
    """
    ta, tb = tokenize(a), tokenize(b)
    ca, cb = [t for t in ta if t.content], [t for t in tb if t.content]

    def once(toks: list[Token]) -> dict[str, int]:
        count: dict[str, int] = {}
        for t in toks:
            count[t.key] = count.get(t.key, 0) + 1
        return {t.key: k for k, t in enumerate(toks) if count[t.key] == 1 and not t.key.isdigit()}

    def around(toks: list[Token], k: int) -> tuple[str | None, str | None]:
        return (toks[k - 1].key if k else None, toks[k + 1].key if k + 1 < len(toks) else None)

    if any(t.key == "by" for t in (*ta, *tb)):  # a passive keeps the roles in another order
        return None
    pa, pb = once(ca), once(cb)
    common = [k for k in pa if k in pb]
    for n, x in enumerate(common):
        for y in common[n + 1 :]:
            ax, ay = around(ca, pa[x]), around(ca, pa[y])
            if ax != ay and ax == around(cb, pb[y]) and ay == around(cb, pb[x]) and x not in ay and y not in ax:
                first, second = sorted((ca[pa[x]], ca[pa[y]]), key=lambda t: t.start)
                if first.text[:1].isupper() == second.text[:1].isupper():  # two names, or two nouns
                    bx, by = sorted((cb[pb[x]], cb[pb[y]]), key=lambda t: t.start)
                    return Swap(first.text, second.text, (first.start, second.end), (bx.start, by.end))
    return None
