"""Word tokens with offsets, a script-independent match key, and function words.

The match key folds case, accents and script (anyascii), then keeps a short
prefix as a poor man's stem, so "withdrawing"/"withdraw" and
"Lavrentyev"/"Lavrentiev" compare cheaply without a language-specific stemmer.

Chinese and Japanese put no spaces between words, so a word pattern (``\\w+``) would make a
whole clause one "word" (and "630万人次" one token, its number unseen). Each
Han ideograph and each hiragana is a token of its own, keyed by itself, as
character-based indexing of CJK text does; a run of katakana (a loanword or
a foreign name) stays one token. Digits next to them are words of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from anyascii import anyascii

# Han ideographs (with extensions and compatibility forms) and hiragana: a token per character.
CJK_CHAR = "\u3005\u3007\u3040-\u309f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # not the dots ・ ゠: punctuation
# A figure with separators ("2,000", "6.8", "1.234,5") is one token, not "6" and "8"; so are a
# clock time ("10:24") and "a.m." / "p.m.".
GROUPED = re.compile(r"\d+(?:[.,]\d+)+")
# "couldn't" and "cannot" are two words each, "could" + "n't" and "can" + "not", so
# "could not" -> "couldn't" is no change and "could" -> "couldn't" an added negation.
# A dotted acronym ("F.B.I.", "U.S.") is one word, keyed as its letters: AP style "FBI" is the same word.
_WORD = re.compile(
    rf"(?P<acronym>\b(?:[A-Z]\.){{2,}})|(?P<modal>[^\W\d_]+?(?=[nN]['’][tT]\b)|\b(?i:can)(?=(?i:not)\b))|(?<=[cC][aA][nN])(?i:not)\b|[nN]['’][tT]\b"
    rf"|\d{{1,2}}:\d{{2}}(?!\d)|\b[aApP]\.[mM]\.|\d+(?:[.,]\d+)+|[{CJK_CHAR}]|[{_KATAKANA}]+|[^\W{CJK_CHAR}{_KATAKANA}]+(?:[-'’][^\W{CJK_CHAR}{_KATAKANA}]+)*"
)
# A month abbreviated with a full stop ("Sept. 5") is the month; without one "Jan" is a name.
_MONTH_ABBREVIATIONS = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
                        "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
                        "Oct": "October", "Nov": "November", "Dec": "December"}
# What the first half of a contraction stands for: "ca(n't)", "wo(n't)", "sha(n't)".
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_CJK_KEY = re.compile(rf"[{CJK_CHAR}]")
_DIGITS = re.compile(r"\d")

# Prefix length of the match key: 5 keeps "withdraw-ing/-al" together while
# separating "declared"/"declined"; chosen by reading the seed pair's diffs.
STEM_PREFIX = 5

# Function words of the languages retold sees most; they never make a change
# worth reporting on their own and never anchor a match.
STOPWORDS = frozenset(
    """a an the of to in on at by for from with as and or but nor so yet that this these those
    it its it's is are was were be been being has have had do does did will would shall should
    can could may might must not no than then there here which who whom whose what when where
    why how all any some such very also just only into onto over under about after before
    between through during up down out off again further once he she they we you i me him her
    them us our your their his my mine ours theirs s t n't n’t mr mrs ms
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее
    мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда
    кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
    были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через
    эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
    лучше чуть том нельзя такой им более всегда конечно всю между это
    في من على إلى عن مع أن إن كان التي الذي هذا هذه ما لا لم لن قد و أو ثم كما بعد قبل عند حتى
    der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an
    le la les de des du un une et en que qui dans pour par sur au aux est ce il elle
    el los las del y que en un una por con para es se al lo
    的 了 在 是 和 与 及 或 而 也 就 都 之 于 以 为 其 把 被 对 从 向 这 那 个 着 过 吗 呢 吧 啊 并 且
    但 所 该 此 则 还 又 已 将 等 由 我 你 他 她 它 们""".split()
) | frozenset(chr(c) for c in range(0x3041, 0x30a0))  # hiragana: particles and endings
# Written so, these are a country, an organisation and a month (or Theresa May), not "us", "who", "may".
_NOT_STOPWORDS = frozenset({"US", "WHO", "May"})


class Token(NamedTuple):
    """A word of a text (a named tuple: a 1,000-word compare makes ~2,500, 2.6 times faster to make than a frozen dataclass)."""

    text: str
    start: int  # offsets into the string that was tokenised
    end: int
    key: str  # script-folded, lower-cased stem
    content: bool  # not a function word


# English number words, so "forty schools" and "40 schools" match (a retelling
# spells out or writes in figures at will): units, teens, tens and "forty-two".
NUMBER_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen \
sixteen seventeen eighteen nineteen".split()
NUMBER_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: str(n) for n, w in enumerate(NUMBER_UNITS)} | {w: str(20 + 10 * n) for n, w in enumerate(NUMBER_TENS)} | {
    t + u: str(20 + 10 * n + k) for n, t in enumerate(NUMBER_TENS) for k, u in enumerate(NUMBER_UNITS[1:10], 1)
} | {"dozen": "12"}

# Small numbers in words in Russian (with their cases), German, French and
# Spanish: "два" / "zwei" / "deux" / "two" all key as "2". Left out where the
# word means something else in a neighbour language: "dos" (Portuguese "of the"),
# "sept" (English "Sept."), "elf" (English), "sei" (German "be"), "cent" ("per cent"),
# "neuf" (French "new"), "doce" (Portuguese "sweet").
LOCAL_NUMBER_WORDS = {
    w: str(n)
    for n, words in {
        2: "два две двух двум двумя zwei deux", 3: "три трех трёх трем трём тремя drei trois tres",
        4: "четыре четырех четырёх четырем четырём vier quatre cuatro",
        5: "пять пяти fünf cinq cinco", 6: "шесть шести sechs seis", 7: "семь семи sieben siete",
        8: "восемь восьми acht huit ocho", 9: "девять девяти neun nueve", 10: "десять десяти zehn dix diez",
        12: "двенадцать zwölf douze", 20: "двадцать zwanzig vingt veinte",
        30: "тридцать dreißig trente treinta", 100: "сто hundert cien",
    }.items()
    for w in words.split()
}


@lru_cache(maxsize=1)
def _simplified() -> Any:
    import opencc  # noqa: PLC0415 - C++ dictionaries, loaded when a Chinese character is first keyed

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def match_key(word: str) -> str:
    """Script- and case-folded stem: ``match_key("Лаврентьев") == match_key("lavrentev")``.

    Numbers written as English words key as figures: ``match_key("Forty-two") == "42"``.
    """
    if GROUPED.fullmatch(word):
        return number_key(word)
    if _CJK_KEY.fullmatch(word):
        # an ideograph keys as itself, in its Simplified form (國 and 国 alike): its romanisation
        # ("ren", "sun") would meet English stems and homophones
        return _simplified().convert(word) or word
    if (lower := word.lower()) in LOCAL_NUMBER_WORDS:
        return LOCAL_NUMBER_WORDS[lower]
    if lower in ("n't", "n’t"):
        return "not"
    folded = anyascii(word).lower().replace("'", "").replace("’", "").replace("-", "")
    if folded in NUMBER_WORDS:
        return NUMBER_WORDS[folded]
    return folded[:STEM_PREFIX] if not _DIGITS.search(folded) else folded


def number_key(figure: str) -> str:
    """One key however a figure is grouped: "2,000", "2.000" and "2000" -> "2000"; "6,8" and "6.8" -> "6.8".

    A mark followed by exactly three digits groups thousands, unless another
    mark follows it ("1.234,5"); without the language that is the reading
    news most often means ("2,000 people"; a German "2,000" would mean 2).
    """
    marks = [c for c in figure if c in ".,"]
    if not marks:
        return figure
    groups = re.split(r"[.,]", figure)
    if len(set(marks)) == 2:  # "1,234.5" / "1.234,5": the last mark is the decimal one
        return "".join(groups[:-1]) + "." + groups[-1]
    if all(len(g) == 3 for g in groups[1:]) and groups[0] != "0":  # "0.125" is a fraction
        return "".join(groups)
    return ".".join(groups) if len(groups) == 2 else "".join(groups)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into word tokens with offsets and match keys.

    Cached: one compare tokenises each sentence about five times (evidence,
    the span diff of each group it is in, categories), and Tokens are frozen.
    8,192 sentences (~4 KB each) hold a compare's or a few hundred articles'.
    """
    # a Traditional function character (們, 這) is a stopword through its Simplified key
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        if m.lastgroup == "acronym":
            out.append(Token(w, m.start(), m.end(), w.replace(".", "").lower(), True))
            continue
        if w in _MONTH_ABBREVIATIONS and text[m.end() : m.end() + 1] == ".":
            out.append(Token(w, m.start(), m.end(), match_key(_MONTH_ABBREVIATIONS[w]), True))
            continue
        if m.lastgroup == "modal":  # "could" of "couldn't", keyed and judged as the modal it stands for
            modal = _CONTRACTED.get(w.lower(), w)
            out.append(Token(w, m.start(), m.end(), match_key(modal), modal.lower() not in STOPWORDS))
            continue
        k = match_key(w)
        out.append(Token(w, m.start(), m.end(), k,
                         (w.lower() not in STOPWORDS or w in _NOT_STOPWORDS) and not (len(w) == 1 and k in STOPWORDS)))
    return tuple(out)


@lru_cache(maxsize=65536)
def word_keys(text: str) -> tuple[str, ...]:
    """Match keys of every word of ``text``, in order (cached)."""
    return tuple(t.key for t in tokenize(text))


@lru_cache(maxsize=65536)
def content_keys(text: str) -> frozenset[str]:
    """Match keys of the content words of ``text`` (cached: trace meets one sentence in many pairs)."""
    return frozenset(t.key for t in tokenize(text) if t.content)
