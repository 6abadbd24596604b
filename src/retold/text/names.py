"""Person names: find them in text and decide when two spellings are one person.

Transliteration scatters one name across spellings: Lavrentyev / Lavrentiev /
Лаврентьев, Mohammed / Muhammad, al-Sudani / السوداني. We fold every name to
ASCII (anyascii), compare tokens with Jaro-Winkler (rapidfuzz), and fall back
on a consonant skeleton, because Arabic script writes few vowels and
Russian/English romanisations differ mostly in vowels and y/i/j.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Indel, JaroWinkler

from .tokens import STOPWORDS

# Particles that vary freely between spellings of one name ("al-Sudani", "Sudani").
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "abu", "van", "von", "de", "der", "da", "di", "du", "la", "le"})
# Words that precede a name but are not part of it, matched ASCII-folded ("président" is
# "president", "губернатор" is "gubernator"; the Cyrillic spellings are kept for readers).
TITLES = frozenset(
    """mr mrs ms dr prof sir president prime minister foreign defense defence interior
    secretary ambassador envoy spokesman spokeswoman spokesperson general gen colonel col
    chancellor king queen prince sheikh senator sen rep representative governor mayor
    chairman chief commander deputy special presidential iraqi russian american us u.s.
    french german chinese syrian israeli ukrainian turkish iranian former acting the
    prosecutor judge lawyer attorney director chair chairwoman chairperson ceo commissioner
    inspector detective sheriff superintendent coach manager analyst economist professor
    speaker leader whip nominee candidate
    господин президент премьер министр посол генерал
    ministre premier presidente ministro portavoz portavoce herr frau
    gospodin prezident premer ministr posol gubernator mer glava predstavitel
    gouverneur gobernador alcalde governatore sindaco burgermeister""".split()
)
# A portfolio ends "Secretary of State", "Minister of Foreign Affairs": before a
# name it is no part of it ("State Antony Blinken").
_PORTFOLIOS = frozenset(
    """state defense defence foreign affairs health finance justice interior treasury homeland
    security commerce energy education labor labour agriculture transportation trade economy""".split()
)
# German titles compound: "Bundeskanzler", "Außenminister", "Regierungssprecher".
_TITLE_ENDINGS = ("minister", "ministerin", "kanzler", "kanzlerin", "prasident", "prasidentin", "sprecher", "sprecherin")


def is_title_word(word: str) -> bool:
    """``is_title`` for a word as written ("Außenminister", "CEO", "Gen.")."""
    return is_title(anyascii(word).lower().strip(".,"))


def is_title(folded: str) -> bool:
    """A folded word that precedes a name without being part of it ("minister", "außenminister")."""
    return folded in TITLES or folded.endswith(_TITLE_ENDINGS)

# Two name tokens are one spelling family when Jaro-Winkler is at least 0.85
# (Lavrentyev/Lavrentiev 0.95, Mohammed/Muhammad 0.87) *and* the normalised
# indel similarity is at least 0.7, which keeps prefix-sharing different names
# apart (Lavrov/Lavrentyev: JW 0.88 but indel 0.62).
TOKEN_JARO_WINKLER = 0.85
TOKEN_INDEL = 0.7
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

_SKELETON_DROP = str.maketrans("", "", "aeiouyhwj'")
_SKELETON_MAP = str.maketrans({"v": "f", "p": "b", "q": "k", "c": "k", "z": "s"})


def _upper_class() -> str:
    """A regex class of the capital letters of the alphabetic scripts (Latin with accents, Greek, Cyrillic)."""
    caps = [c for c in range(0x41, 0x530) if chr(c).isupper()]
    ranges, start = [], caps[0]
    for prev, cur in zip(caps, caps[1:] + [0]):
        if cur != prev + 1:
            ranges.append(chr(start) if start == prev else f"{chr(start)}-{chr(prev)}")
            start = cur
    return "[" + "".join(ranges) + "]"


# Capital letters: "Élise", "Łukasz", "Ángel" start names as "John" does.
UPPER = _upper_class()
# A capitalised run of one to six words, Latin, Greek or Cyrillic, with
# Arabic-style particles ("al-Sudani", "bin Salman") and middle initials ("Donald J. Trump") allowed inside. Six, not
# four: titles come first and count ("Russian Foreign Minister Sergei Lavrov",
# "Iraqi Prime Minister Mohammed Shia al-Sudani"); four cut the surname off.
NAME = (
    rf"(?:(?:al|el|Al|El)-)?{UPPER}[\w’'\-]+"
    rf"(?:\s+(?:{UPPER}\.\s+(?!(?:He|She|It|They|We|I|The|A|An|But|And|In|This|That)\s))?(?:(?:al|el|bin|ibn|de|van|von)[\s-])?(?:(?:al|el)-)?{UPPER}[\w’'\-]+){{0,5}}"
)
_NAME_RE = re.compile(NAME)


def name_tokens(name: str) -> list[str]:
    """ASCII-folded lower-case name tokens without particles or titles."""
    parts: list[str] = []
    for raw in re.split(r"[\s\-]+", name):
        if _ARABIC.search(raw) and raw.startswith("ال") and len(raw) > 3:
            raw = raw[2:]  # the Arabic article, written "al-" in Latin spellings
        if _HAN.search(raw):
            parts += _han_tokens(raw)
            continue
        folded = anyascii(raw).lower().replace("'", "").replace("’", "").replace("`", "")
        # a German compound title leads ("Außenminister Johann Wadephul"); after a name, "Kanzler" is a surname
        if folded and folded not in PARTICLES and not (folded in TITLES or (not parts and is_title(folded))):
            parts.append(folded)
    return parts


# The commonest Chinese surnames (Simplified and Traditional), and compound ones: a Han
# name is surname + given name, written so in English too ("Xi Jinping", "Ouyang Nana").
_SURNAMES_2 = frozenset("欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 夏侯 皇甫 慕容 令狐 尉迟 尉遲".split())
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习李温胡"
    "張劉陳楊黃趙吳鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋閆賀顧龔錢湯賴蔡柯"
)


def _han_tokens(raw: str) -> list[str]:
    """毛宁 -> [mao, ning], 习近平 -> [xi, jinping]; a transliterated foreign name (布林肯) stays one token."""
    syllables = [p.lower() for p in re.findall(r"[A-Z][a-z]*", anyascii(raw))]
    n = 2 if raw[:2] in _SURNAMES_2 else 1 if raw[:1] in _SURNAMES and len(raw) <= 4 else 0
    if not n or len(syllables) <= n:
        return ["".join(syllables)] if syllables else []
    return ["".join(syllables[:n]), "".join(syllables[n:])]


def strip_titles(name: str) -> str:
    """Drop leading titles, and what qualifies them: ``"Prime Minister Mohammed al-Sudani"`` →
    ``"Mohammed al-Sudani"``, ``"Fed Chair Jerome Powell"`` → ``"Jerome Powell"``.

    >>> strip_titles("White House Press Secretary Karine Jean-Pierre"), strip_titles("Queen Elizabeth")
    ('Karine Jean-Pierre', 'Elizabeth')
    >>> strip_titles("State Antony Blinken"), strip_titles("Florida’s Rick Wilson")  # "Secretary of State …"
    ('Antony Blinken', 'Rick Wilson')

    """
    words = name.split()
    # A possessive before the name is whose person it is ("Florida's Rick Wilson"), no part of the name.
    owner = max((k for k, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), default=-1)
    words = words[owner + 1 :]
    while words and (_not_name(words[0]) or (len(words) > 2 and words[0].lower() in _PORTFOLIOS)):
        words.pop(0)
    # An organisation before a title ("Fed Chair", "General Motors CEO"): the name starts after the title.
    last = max((k for k, w in enumerate(words[:-1]) if is_title_word(w)), default=-1)
    if 0 < last <= 3:
        words = words[last + 1 :]
    return " ".join(words)


# Articles that open a name-like run in German, French, Spanish and Italian ("Die Ministerin", "Le Président").
_ARTICLES = frozenset("der die das den dem des ein eine le la les el los las un una une il lo gli".split())


def _not_name(word: str) -> bool:
    folded = anyascii(word).lower().strip(".,")
    return is_title_word(word) or folded in _CALENDAR or word.lower() in STOPWORDS or folded in _ARTICLES


@lru_cache(maxsize=16384)
def _skeleton(token: str) -> str:
    s = token.translate(_SKELETON_MAP).translate(_SKELETON_DROP)
    return re.sub(r"(.)\1+", r"\1", s)


def same_token(x: str, y: str) -> bool:
    """Two folded name tokens are spellings of one name."""
    if x == y:
        return True
    if JaroWinkler.similarity(x, y) >= TOKEN_JARO_WINKLER and Indel.normalized_similarity(x, y) >= TOKEN_INDEL:
        return True
    sx, sy = _skeleton(x), _skeleton(y)
    # Skeletons of two letters are common; demand longer tokens for them.
    return sx == sy and (len(sx) >= 3 or (len(sx) == 2 and min(len(x), len(y)) >= 4))


def same_person(a: str, b: str) -> bool:
    """Whether two name strings plausibly name one person.

    >>> same_person("Alexander Lavrentyev", "Lavrentiev")
    True
    >>> same_person("Mohammed al-Sudani", "Muhammad Shia al-Sudani")
    True
    >>> same_person("Sergei Lavrov", "Alexander Lavrentyev")
    False
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if _HAN.search(a) or _HAN.search(b):
        return _same_han(*((ta, tb) if _HAN.search(a) else (tb, ta)))
    # Surnames must agree; Arabic names may carry the family name anywhere.
    if not same_token(ta[-1], tb[-1]):
        return False
    if len(ta) > 1 and len(tb) > 1:
        fa, fb = ta[0], tb[0]
        if len(fa) == 1 or len(fb) == 1:  # an initial
            return fa[0] == fb[0]
        return same_token(fa, fb)
    return True


def _same_han(han: list[str], other: list[str]) -> bool:
    """A Chinese name against another spelling: surname first ("Wang Yi", "Wang"), or
    given name first as some English writes it; a foreign name's reading whole (布林肯 = Blinken)."""
    for o in (other, other[::-1]):
        if same_token(han[0], o[0]) and (len(han) == 1 or len(o) == 1 or same_token("".join(han[1:]), "".join(o[1:]))):
            return True
    return len(han) == 1 and same_token(han[0], "".join(other))


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised name-like spans ``(start, end, name)`` with leading titles removed."""
    out = []
    for m in _NAME_RE.finditer(text):
        name = strip_titles(m.group())
        if name_tokens(name):
            out.append((m.end() - len(name), m.end(), name))
    return out


def cluster_names(names: Iterable[str]) -> list[list[str]]:
    """Group spellings of one person; each group keeps first-seen order.

    Longer names come first in a group so the fullest spelling names it.
    """
    groups: list[list[str]] = []
    for name in names:
        for g in groups:
            if any(same_person(name, other) for other in g):
                if name not in g:
                    g.append(name)
                break
        else:
            groups.append([name])
    return [sorted(g, key=lambda n: (-len(name_tokens(n)), g.index(n))) for g in groups]
