"""Direct and reported quotes, who said them, and attributions in general.

Works on an article's cleaned sentences. Direct quotes are found from quote
marks whose direction is read from their neighbours (news copy often leaves a
multi-sentence quote unopened or unclosed, as TASS does; the New York Times
writes '' for a double quote mark); reported speech from "X said that …" and
"…, X said." patterns. A pronoun speaker ("he added") resolves to the last
named speaker, and a bare surname to the fullest earlier spelling of it.

Two levels:

* :func:`find_quotes` — what compare shows as quotes: direct quotes and
  reported speech of a named (or pronoun) speaker;
* :func:`find_attributions` — every attribution a reader of PolNeAR would
  mark: the quotes, plus reported speech of any source ("officials said",
  "the poll shows", "according to the memo"), belief and intent ("Democrats
  want …"), and attributions nested in others. Scored against PolNeAR in
  bench/bench_polnear.py.

Each quote also carries where its parts are — the content, the mention of
the source (as written, a pronoun included) and the cue ("said") — as
``(sentence, start, end)`` pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NAME, TITLES, find_names, is_title_word, name_tokens, same_person, strip_titles
from .speakers import Mentions
from .tokens import CJK_CHAR, tokenize

_KANA = "\u30a0-\u30ff"

# French, Spanish, Italian and German verbs as news writes them after a quote:
# "», a déclaré X" / "a-t-il ajouté", "», dijo X", "», ha detto X", "“, sagte X".
_FR_PARTICIPLES = r"(?:déclaré|dit|ajouté|souligné|affirmé|expliqué|indiqué|précisé|estimé|assuré|confirmé|insisté|averti)"
_IT_PARTICIPLES = r"(?:detto|dichiarato|affermato|aggiunto|sottolineato|spiegato)"
SPEECH_VERBS = (
    r"(?P<cue>said|says|say|told|added|adds|stated|states|confirmed|explained|noted|pointed out|recalled|"
    r"concluded|stressed|emphasi[sz]ed|declared|announced|claimed|argued|warned|insisted|asserted|"
    r"wrote|replied|remarked|continued|indicated|affirmed|reported|"
    r"заявил[аи]?|сказал[аи]?|отметил[аи]?|добавил[аи]?|подчеркнул[аи]?|сообщил[аи]?|заключил[аи]?|"
    rf"a\s+{_FR_PARTICIPLES}|a-t-(?:il|elle)\s+{_FR_PARTICIPLES}|déclare|affirme|souligne|explique|ajoute|"
    r"dijo|afirmó|declaró|añadió|agregó|señaló|explicó|aseguró|subrayó|indicó|"
    rf"ha\s+{_IT_PARTICIPLES}|"
    r"sagte|erklärte|betonte|meinte|fügte\s+hinzu)"
)
_PRONOUN = r"(?:he|she|He|She|они|он|она|Он|Она|il|elle|Il|Elle|er|Er|sie|él|ella)"
_SPEAKER = rf"(?P<name>{NAME}|{_PRONOUN})"
_AUX = r"(?:(?:has|had|have)\s+(?:also\s+)?(?:previously\s+)?)?"
# Attribution after a quote: `," said Lavrentyev` / `," Lavrentyev added` / `," he pointed out`.
# A lower-case article and title may come between: "», dijo el presidente Pedro Sánchez".
# Without an article too ("said prosecutor Nicolas Jacquet"), or with a comma before the name ("said the
# mayor, Anna Berg").
_TITLE_WORD = "(?:" + "|".join(sorted(w for w in TITLES if w.isalpha())) + "|président)"  # TITLES are ASCII-folded
_TITLED = rf"(?:(?:the|el|la|il|le|der|die|das|ein|eine|un|une|una)\s+)?(?:{_TITLE_WORD}(?:\s+|,\s+(?=[A-Z]))){{0,3}}"
# Russian puts the listeners and the post, in lower case, between the verb and the name:
# "», — заявил журналистам переговорщик профсоюза Нек Стам".
_RU_CUE = r"(?P<cue>(?:заявил|сказал|отметил|добавил|подчеркнул|сообщил|заключил|пояснил|рассказал)[аи]?)"
# A name that qualifies the source rather than naming it: "Trump's spokeswoman", "the Clinton campaign".
_OWNED = """campaign administration spokesman spokeswoman spokesperson aide aides adviser advisers advisor advisors
    lawyer lawyers attorney attorneys supporters allies officials team staff camp family office foundation""".split()
_QUALIFIER = r"(?<=['’]s)|(?<=s['’])|\s+(?:" + "|".join(_OWNED) + "|" + _TITLE_WORD + r")\b"
# Whose post it is: "said Clinton's top foreign policy aide Jake Sullivan", "said White House press secretary Josh Earnest".
_OWNER = (rf"(?:{NAME}(?:['’]s?)?\s+(?:(?!(?:of|for|at|from|with|in|on|by|the|a|an)\s)[a-z][\w\-]*\s+){{0,4}}?"
          rf"(?!the\s)(?:{_TITLE_WORD}|{'|'.join(_OWNED)})(?:\s+|,\s+(?=[A-Z])))?")
# A day or time between a verb and the name after it: "», a déclaré lundi Emmanuel Macron", "», dijo el lunes
# el presidente Pedro Sánchez", "“, sagte am Montag Reeves".
_DAYS = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
         "dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|"
         "samstag|sonntag|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica")
_WHEN = (rf"(?:\s+(?:(?:el|este|ce|le|am|il)\s+)?(?i:{_DAYS}|hier|ayer|hoy|heute|gestern|aujourd'hui|oggi|ieri)"
         r"(?:\s+(?:soir|matin|abend|morgen))?)?")
# German and French put the verb first after a quote and its subject after it: "“, so Reeves", "“, teilte das
# Ministerium mit", "», a-t-il dit", "», ajoute-t-elle", and, opening the next sentence, "Das sagte Reeves".
_OPENERS = ("Das|Dies|Dazu|Darauf|Daraufhin|Damit|So|Ebenso|Auch|Zudem|Außerdem|Später|Dann|Danach|Anschließend|"
            "Weiter|Ainsi|C'est|Así|Eso|Esto")
_AFTER = [
    re.compile(rf"^[\s,.\-—:]*(?:{_OPENERS})\s+{SPEECH_VERBS}{_WHEN}\s+(?P<src>{_TITLED}{_SPEAKER})"),
    re.compile(rf"^[\s,.\-—:]*{_AUX}{SPEECH_VERBS}{_WHEN}\s+(?P<src>{_OWNER}{_TITLED}{_SPEAKER})(?![\w’'])(?!{_QUALIFIER})"),
    re.compile(rf"^[\s,.\-—:]*{_SPEAKER},?\s+{_AUX}{SPEECH_VERBS}"),
    re.compile(rf"^[\s,.\-—:]*{_RU_CUE}\s+(?:[а-яё\-]+\s+){{1,6}}(?P<name>{NAME})"),
    re.compile(rf"^[\s,.\-—:]*(?P<cue>so|laut)\s+(?P<src>{_TITLED}{_SPEAKER})(?=\s*(?:[.,;]|$|(?:am|im|in|auf|bei|vor)\s))"),
    re.compile(rf"^[\s,.\-—:]*(?P<cue>teilte|gab|fügte)\s+(?P<src>{_TITLED}{_SPEAKER})[^.„“\"«»]{{0,40}}?\s(?:mit|an|hinzu)\b"),
    re.compile(rf"^[\s,.\-—:]*a-t-(?P<name>il|elle)\s+(?P<cue>{_FR_PARTICIPLES})"),
    re.compile(r"^[\s,.\-—:]*(?P<cue>[a-zéèêû]+)(?:-t)?-(?P<name>il|elle)\b"),
]
# German puts the subject after the verb when something else opens the sentence: "Am Montag sagte Reeves: „…",
# "Dazu sagte die Ministerin Rachel Reeves: „…" (not "Reeves sagte Journalisten: „…", see _inverted).
_BEFORE_INVERTED = re.compile(
    rf"{SPEECH_VERBS}{_WHEN}\s+(?P<src>{_TITLED}{_SPEAKER})(?:\s+[a-zäöüß][^\s\"“„«]*){{0,4}}\s*[:,]\s*$")
# Attribution before a quote: `He added, "` / `quoted Lavrentiev as saying ..., "`.
_BEFORE = [
    # (no other name or pronoun between: "On Monday, Trump told CNN:" is Trump's, "In an interview on Monday, he
    # told CNN:" his; a day may come between, "Smith on Monday told")
    re.compile(rf"{_SPEAKER},?\s+(?:(?!{_PRONOUN}\s)(?:[a-z]\w*|(?i:{_DAYS}))\s+){{0,2}}{_AUX}{SPEECH_VERBS}"
               r"(?:\s+\w+){0,3}\s*[,:]?\s*$"),
    re.compile(rf"(?P<cue>quot\w*)\s+{_SPEAKER}\s+as\s+saying"),
]
# Reported speech: `X (has) said that CLAUSE` and `CLAUSE, X(, title), has said.`
_REPORTED_THAT = re.compile(rf"{_SPEAKER},?\s+(?:citing [^,]{{1,60}},\s+)?{_AUX}(?:\w+\s+)?{SPEECH_VERBS},?\s+"
                            r"(?:that\s+|que\s+|qu['’]|dass\s+)(?P<clause>.+)$")
_REPORTED_TAIL = re.compile(rf"^(?P<clause>.+?),\s+(?:[^,]{{0,120}},\s+)?{_SPEAKER},?\s+{_AUX}{SPEECH_VERBS}\.?$")

# --- Attributions in general: a cue verb, its source and its content ---------------------
# The verbs PolNeAR's train articles attribute with most often: speech first,
# then the belief, intent and evidence verbs news uses the same way.
_CUE_LEMMAS = """
    say tell add state confirm explain note recall conclude stress emphasize emphasise declare announce claim argue
    warn insist assert write reply remark continue indicate affirm report ask tweet describe suggest accuse
    acknowledge admit deny criticize criticise urge cite respond praise agree propose promise pledge vow predict
    question dismiss blame reject complain demand charge allege contend maintain observe comment mention reveal
    disclose estimate joke concede counter testify lament decry slam blast condemn denounce hail welcome threaten
    hint tout boast assure inform advise caution recommend reiterate repeat echo underscore highlight protest
    object retort confess speculate wonder call show find believe think know feel expect hope fear worry want
    attack defend endorse support oppose refuse decline plan seek imply see offer name back post discuss express
    decide prefer sign talk speak mock order thank learn identify compare portray release list email shout chant
    yell remind invoke challenge answer retweet remember rail favor consider determine push
"""
_IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought", "know": "knew known",
    "feel": "felt", "find": "found", "show": "showed shown", "seek": "sought", "see": "saw seen",
    "speak": "spoke spoken",
}
_DOUBLED = frozenset({"admit", "slam", "plan", "regret", "commit", "submit"})


def _forms(lemma: str) -> set[str]:
    """The verb's forms: lemma, third person, past (irregular ones listed), present participle."""
    if lemma.endswith("e"):
        third, past, ing = lemma + "s", lemma + "d", lemma[:-1] + "ing"
    elif lemma[-1] == "y" and lemma[-2] not in "aeiou":
        third, past, ing = lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    elif lemma in _DOUBLED:
        third, past, ing = lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
        past, ing = lemma + "ed", lemma + "ing"
    return {lemma, third, ing, *_IRREGULAR.get(lemma, past).split()}


# Forms right less than a third of the time on PolNeAR train (bench/bench_polnear.py):
# nouns more often than verbs ("Rust Belt states", "terrorist attacks"), or
# belief and intent the annotators seldom marked.
_WEAK_FORMS = frozenset(
    """attack attacks add expected expects feels felt opposes maintains maintained charges states state plan planned
    comments known knew believed support continues questions question want wanted fears find seek threatens tweet
    continuing challenges challenge names back emails email determine determined signs sign thanks release comment
    decides posts speaks spoken saw talking answers learn announcing promise push warning""".split()
)
_LEMMAS = _CUE_LEMMAS.split()
_BARE = frozenset(_LEMMAS)
_PHRASES = {"pointed out", "points out", "pointed to", "points to", "point to", "referred to", "refers to", "shot back",
            "went on to say", "made clear", "made it clear", "put it"}
_CUE_FORMS = sorted({f for lemma in _LEMMAS for f in _forms(lemma)} - _WEAK_FORMS | _PHRASES, key=len, reverse=True)
_CUE = re.compile(rf"(?<![\w'’-])(?:{'|'.join(_CUE_FORMS)})(?![\w-])")
_CUE_ANY_CASE = re.compile(_CUE.pattern, re.IGNORECASE)
_ACCORDING = re.compile(r"(?<!\w)(?P<cue>[Aa]ccording to|[Ss]elon|[Ss]egún|[Ll]aut)\s+(?P<name>[^,.;:()\"“”«»„]{2,80})")
# Ends a clause when walking left from a cue to find its source.
_BOUNDARY = re.compile(
    r"[,;:()\[\]\"“”—–]|''|\s-\s|(?<![\w'’])(?:that|which|whom|and|but|because|while|when|if|as|after|since|"
    r"where|though|although|so|or|than|until|unless|whether|before|even|also)(?!\w)"
)
_BOUNDARY_NO_AND = re.compile(_BOUNDARY.pattern.replace("|and|", "|").replace("|or|", "|"))
# The first word of an appositive between a source and its cue.
_APPOSITIVE = re.compile(
    r"(?:who|whose|which|where|during|in|at|on|after|before|speaking|citing|according|like|including|"
    r"a|an|the|one|then|now|himself|herself|themselves|also|both|along|with|for|from|as|of|\d+)\b"
)
_QUANTITIES = frozenset("half percent majority minority plurality most many few number share third quarter".split())
# Words between a source and its cue: "Trump has also repeatedly said".
_BETWEEN = frozenset(
    """has have had also previously repeatedly recently later once then reportedly publicly privately never not
    n't did does do would will could might may must should can was were is are been be being just already often
    long first last even again still frequently quickly immediately earlier separately similarly specifically
    explicitly openly ultimately eventually finally initially originally famously notably bluntly flatly simply
    clearly today yesterday monday tuesday wednesday thursday friday saturday sunday on morning afternoon evening
    night week weekend month year ago""".split()
)
_PASSIVE = frozenset("was were is are been be being".split())
_PRONOUNS = frozenset("he she they i we you it who He She They I We You It".split())
_POSSESSIVES = frozenset("his her their its our my your".split())
# Capitalised at the start of a sentence but not a source.
_NOT_SOURCES = frozenset(
    """earlier instead meanwhile however still later now then also yet here there having being those these this
    that his her their its our my such every and but so in on at for with after before while when if as last
    next first""".split()
)
_DETERMINERS = frozenset(
    """the a an this that these those some many most several two three four few all both each one other another
    such no any""".split()
) | _POSSESSIVES
# Heads of source noun phrases that are not names: "officials said", "the poll shows".
_SOURCE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson campaign report reports poll polls survey surveys
    study studies statement statements aide aides critic critics supporter supporters analyst analysts expert
    experts source sources voter voters democrats republicans lawmaker lawmakers member members leader leaders
    people candidate candidates president governor senator group groups committee newspaper website outlet network
    magazine paper article editorial column book memo letter email emails document documents data research
    researchers agency department ministry office police prosecutors prosecutor lawyer lawyers attorney attorneys
    judge court administration government party organization union protesters activists residents authorities
    investigators observers economists scientists team staff adviser advisers advisor advisors nominee man woman
    men women chairman chairwoman director secretary minister ambassador commission board council panel justice
    justices delegates everyone nobody someone others insiders strategists operatives pollsters pundits
    commentators conservatives liberals progressives evangelicals donors fans audience crowd friends family
    manager executive executives company firm ad ads video release""".split()
)

_OPEN = "\"“«„「『"
_CLOSE = "\"”»“」』"
# Chinese and Japanese put no space around a mark ('表示:"中方…"她还说'): a mark with an
# ideograph or kana on one side and no space on the other alternates open / close.
_CJK_NEIGHBOUR = re.compile(rf"[{CJK_CHAR}{_KANA}]")
_CJK_STOPS = "。！？"


Piece = tuple[int, int, int]  # (sentence index, start, end): offsets into that sentence's text


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote inside one article: its text, the sentences it spans, its speaker, and where each part is."""

    text: str
    sentences: tuple[int, ...]
    speaker: str | None
    direct: bool
    content: tuple[Piece, ...] = ()
    source: Piece | None = None  # the speaker's mention as written ("he", "Lavrentyev", "officials")
    cue: Piece | None = None  # the verb ("said", "according to")


def _marks(doc: str) -> list[tuple[int, str]]:
    """Quote marks with their direction: 'o' opening, 'c' closing. '' counts as one mark, at its first character."""
    out: list[tuple[int, str]] = []
    skip = -1
    inner = 0  # 「」 or 『』 inside an open quote: a quote within the quote, not one of its own
    for i, ch in enumerate(doc):
        if i == skip:
            continue
        double = ch == "'" and doc[i + 1 : i + 2] == "'"
        if ch not in _OPEN and ch not in _CLOSE and not double:
            continue
        prev = doc[i - 1] if i else " "
        nxt = doc[i + 2 if double else i + 1] if (i + 2 if double else i + 1) < len(doc) else " "
        if double:
            skip = i + 1
        if ch in "「『" and out and out[-1][1] == "o":
            inner += 1
        elif ch in "」』" and inner:
            inner -= 1
        elif ch in "«„「『":
            out.append((i, "o"))
        elif ch in "»”」』" and ch != "“":
            out.append((i, "c"))
        elif ch == '"' and (
            (not prev.isspace() and not nxt.isspace() and (_CJK_NEIGHBOUR.match(prev) or _CJK_NEIGHBOUR.match(nxt)))
            or (prev in _CJK_STOPS and (nxt.isspace() or i + 1 == len(doc)))
        ):
            out.append((i, "c" if out and out[-1][1] == "o" else "o"))
        elif (prev.isspace() or prev in "([—-:" or i == 0) and not (
            out and out[-1][1] == "o" and (nxt.isspace() or nxt in ".,;:!?)")
        ):
            # A mark between spaces closes an open quote: French spacing, « Nous … » made '" Nous … "'.
            out.append((i, "o"))
        elif nxt.isspace() or nxt in ".,;:!?)" or i + (2 if double else 1) == len(doc):
            out.append((i, "c"))
    return out


def _speaker(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    name = m.group("name")
    return name if re.fullmatch(_PRONOUN, name) else (strip_titles(name) or None)


_QUALIFIES = re.compile(_QUALIFIER)
_OF = re.compile(r"\b(?:for|of|at|from|with|to|in|on|by|near|like)\s+(?:the\s+)?$")


def _speaker_in(words: str) -> str | None:
    """The speaker a source mention names: a pronoun as is, else its longest name ("Alexander Lavrentiev")."""
    if words in _PRONOUNS:
        return words
    # Not a name that qualifies the source: "the Clinton campaign", "the lawyer for Smith".
    names = [strip_titles(n) for start, end, n in find_names(words)
             if n.split()[0].lower() not in _DETERMINERS and not _QUALIFIES.match(words, end)
             and not _OF.search(words, 0, start)]
    # "White House Press Secretary" before "Karine Jean-Pierre" is a post, not a person.
    names = [n for n in names if n and name_tokens(n) and not is_title_word(n.split()[-1])]
    return max(names, key=lambda n: len(name_tokens(n)), default=None)


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    sentences: list[int]
    at: int  # offset of the quote in its first sentence's paragraph, or of its source in the sentence
    speaker: str | None
    direct: bool
    text: str
    content: tuple[Piece, ...]
    source: Piece | None
    cue: Piece | None


class _Paragraph:
    """The sentences of one paragraph joined by spaces, so quotes can cross sentences."""

    def __init__(self, sentences: list[str], ids: list[int]) -> None:
        self.ids = ids
        self.spans: list[tuple[int, int]] = []
        doc = ""
        for i in ids:
            self.spans.append((len(doc), len(doc) + len(sentences[i])))
            doc += sentences[i] + " "
        self.doc = doc

    def index(self, pos: int) -> int:
        """Position in this paragraph of the sentence holding ``pos``."""
        return next(k for k, (a, b) in enumerate(self.spans) if a <= pos <= b)

    def pieces(self, start: int, end: int) -> tuple[Piece, ...]:
        """``doc[start:end]`` as pieces of the sentences it covers."""
        out = []
        for k, (a, b) in enumerate(self.spans):
            s, e = max(start, a), min(end, b)
            if s < e:
                out.append((self.ids[k], s - a, e - a))
        return tuple(out)

    def piece(self, span: tuple[int, int] | None, offset: int) -> Piece | None:
        found = self.pieces(span[0] + offset, span[1] + offset) if span else ()
        return found[0] if found else None


def _group(m: re.Match[str] | None, group: str) -> tuple[int, int] | None:
    if m is None or group not in m.re.groupindex or m.group(group) is None:
        return None
    return m.start(group), m.end(group)


# Chinese: '外交部发言人毛宁表示：“…”' (speaker, then verb, before the quote); Japanese:
# '岸田首相は「…」と述べた' (speaker before, quotative verb after). Titles are cut off the
# name: Chinese writes them before it (发言人毛宁), Japanese after it (岸田首相).
_ZH_CUE = r"(?P<cue>表示|补充说|補充說|补充道|補充道|说道|说|說|声称|聲稱|称|稱|指出|强调|強調|宣布|透露|回应|回應|介绍|介紹|坦言|重申|写道|寫道)"
_ZH_NAME = rf"[{CJK_CHAR}·0-9A-Za-z]"
_ZH_BEFORE = re.compile(rf"(?<!{_ZH_NAME})(?P<name>{_ZH_NAME}{{1,30}}?)(?:还|還|也|又|则|則|再次)?{_ZH_CUE}[:：,，]?\s*$")
# '“…”国家统计局新闻发言人付凌晖在发布会上说。' and '“…，”毛宁说，“…”'
_ZH_AFTER = re.compile(rf"^[\s,，]*(?P<name>{_ZH_NAME}{{1,30}}?)(?:还|還|也|又|则|則)?{_ZH_CUE}(?:[。，,.:：]|\s*$)")
_KANJI = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_JA_CUE = r"(?P<cue>述べ|語っ|話し|強調し|説明し|明らかにし|指摘し|発表し|言っ|主張し|訴え|明言し|呼びかけ|してい|し)"
_JA_AFTER = re.compile(rf"^\s*(?:と|って){_JA_CUE}")
# The name is the run of kanji and katakana right before は (or が): "…報告書で田中氏は" -> 田中氏
_JA_NAME = rf"(?P<name>[{_KANJI}{_KANA}・]{{1,16}})"
_JA_BEFORE = [re.compile(rf"{_JA_NAME}{p}[^。「」]{{0,40}}$") for p in ("は", "が")]
_JA_AFTER_NAME = re.compile(rf"^\s*と[、,]?\s*{_JA_NAME}(?:は|が)[^。「」]{{0,20}}?{_JA_CUE}")  # 「…」と鈴木氏は述べた
_CJK_TITLES = re.compile(
    "发言人|發言人|部长|部長|外长|外長|总统|總統|主席|总理|總理|大使|总书记|總書記|秘书长|秘書長|特使|司令|院长|院長|"
    "主任|局长|局長|省长|省長|市长|书记|書記|委员|委員|总裁|總裁|董事长|董事長|行长|行長|教授|专家|專家|官员|官員|"
    "官房長官|報道官|大統領|首相|外相|防衛相|財務相|経済産業相|デジタル相|長官|大臣|知事|市長|社長|会長|議員|氏|さん"
)
_CJK_PRONOUNS = frozenset("他 她 他们 她们 他們 她們 彼 彼女".split())
# Time and place come between a Chinese subject and its verb ("毛宁22日在北京表示"): the name ends before them.
_ZH_ADVERBIAL = re.compile(r"在|于|於|周[一二三四五六日]|星期|昨天|今天|明天|当天|當天|同日|[0-9０-９]|对|對|向|接受|还|還|也")


def _cjk_name(name: str, title_first: bool) -> str | None:
    """The name in a Chinese or Japanese source: Chinese writes the title before it (发言人毛宁)
    or after (习近平主席), Japanese after it (岸田首相); time and place follow it."""
    parts = _CJK_TITLES.split(name)
    for part in (reversed(parts) if title_first else parts):
        part = _ZH_ADVERBIAL.split(part)[0] if title_first else part
        if part in _CJK_PRONOUNS:
            return part
        # a Chinese name is two to four characters, a Japanese one up to five (小池百合子);
        # a foreign one is written with "·" or "・" (安东尼·布林肯, ジョー・バイデン)
        if 2 <= len(part) <= (16 if "·" in part or "・" in part else 5):
            return part
    return None


def _cjk_attribution(after: str, before: str) -> tuple[str | None, tuple[int, int] | None, tuple[int, int] | None, bool] | None:
    """A Chinese or Japanese quote's speaker: after it first, unless that is a pronoun and a name precedes it."""
    found: list[tuple[str | None, tuple[int, int] | None, tuple[int, int] | None, bool]] = []
    m = _ZH_AFTER.match(after)
    if m is not None and not re.match(r"\s*[\"“「]", after[m.end() :]):  # not '他补充说：“…' introducing the next quote
        found.append((_cjk_name(m.group("name"), True), m.span("name"), m.span("cue"), True))
    if (m := _JA_AFTER_NAME.match(after)) is not None:
        found.append((_cjk_name(m.group("name"), False), m.span("name"), m.span("cue"), True))
    if (m := _ZH_BEFORE.search(before)) is not None:
        found.append((_cjk_name(m.group("name"), True), m.span("name"), m.span("cue"), False))
    if _JA_AFTER.match(after) and (n := next((n for r in _JA_BEFORE if (n := r.search(before))), None)) is not None:
        found.append((_cjk_name(n.group("name"), False), n.span("name"), None, False))
    named = [f for f in found if f[0] and f[0] not in _CJK_PRONOUNS]
    return next(iter(named or [f for f in found if f[0]]), None)


def _attribution(after: str, before: str) -> tuple[str | None, tuple[int, int] | None, tuple[int, int] | None, bool]:
    """Speaker, source span and cue span of a quote from the text after it (first) or before it.

    The last item says whether the spans are in ``after`` (else in ``before``).
    """
    if _CJK_NEIGHBOUR.search(before[-4:] + after[:4]) and (found := _cjk_attribution(after, before)):
        return found
    # '," according to spokeswoman Haley Morris.'
    if m := _ACCORDING.match(after, len(after) - len(after.lstrip(" ,.-—:"))):
        return _according_source(after, m), _according_span(m), m.span("cue"), True
    inverted = _BEFORE_INVERTED.search(before)
    inverted = inverted if inverted and _inverted(before[: inverted.start()]) else None
    for text, rules, use in ((after, _AFTER, "match"), (before, _BEFORE, "search")):
        m = next((getattr(r, use)(text) for r in rules if getattr(r, use)(text)), None)
        if text is before and inverted:
            m = inverted
        if m:
            return _speaker(m), _group(m, "src") or _group(m, "name"), _group(m, "cue"), text is after
    # Any attribution verb within a few words after the quote ("," said the woman),
    # or ending the text before it (Smith told CNN on Sunday: ").
    m = _CUE.search(after[:120])
    if m:
        src = _source_before(after, m.start()) or _source_after(after, m.start(), m.end())
        # more words only for a source right after the quote, an appositive with it ('," Haley Morris,
        # a spokeswoman for the agency, said')
        if src and len(after[: m.start()].split()) <= (14 if not after[: src[0]].strip(" ,") else 6):
            return _speaker_in(after[src[0] : src[1]]), src, (m.start(), m.end()), True
    cues = list(_CUE.finditer(before))
    if cues and re.fullmatch(r"[\s\w.'’,]{0,40}?[,:]?\s*", before[cues[-1].end() :]):
        src = _source_before(before, cues[-1].start())
        if src:
            return _speaker_in(before[src[0] : src[1]]), src, (cues[-1].start(), cues[-1].end()), False
    # 'According to Haley Morris, a spokeswoman for the agency, "…'
    m = next((m for m in _ACCORDING.finditer(before)
              if re.fullmatch(r"(?:,[^,\"“”«»„]{1,60})?[,:]?\s*", before[m.end() :])), None)
    if m:
        return _according_source(before, m), _according_span(m), m.span("cue"), False
    return None, None, None, True


# What may open a German sentence before its verb when the subject follows the verb.
_PREPOSITIONS_DE = frozenset("am im in vor nach bei auf an mit aus über gegenüber zu zum zur seit".split())


def _inverted(opening: str) -> bool:
    """Whether the words before a verb are not its subject, so the subject follows the verb: "Am Montag",
    "Dazu", "Vor Journalisten in London", not "Reeves" ("Reeves sagte Journalisten: „…")."""
    words = re.split(r"[,;:.!?]", opening)[-1].split()
    if not words or re.fullmatch(_OPENERS, words[-1], re.IGNORECASE):
        return True
    if re.fullmatch(_PRONOUN, words[-1]) or words[-1].lower() in _PRONOUNS:  # "In an interview, he told CNN: "
        return False
    return len(words) > 1 and (words[-2].lower() in _PREPOSITIONS_DE or bool(re.fullmatch(rf"(?i:{_DAYS})", words[-1])))


def _according_span(m: re.Match[str]) -> tuple[int, int]:
    """The source an "according to" names, without the spaces at its end, and with the name after a post
    ("according to Ryan's spokeswoman, AshLee Strong")."""
    start, end = m.start("name"), m.start("name") + len(m.group("name").rstrip())
    named = _APPOSED_NAME.match(m.string, end)
    if named and not _speaker_in(m.string[start:end]) and _speaker_in(named.group()[1:].strip()):
        return start, named.end()
    return start, end


def _according_source(text: str, m: re.Match[str]) -> str | None:
    return _speaker_in(text[slice(*_according_span(m))])


# A sentence that introduces a quote of its own: 'She added: "…'.
_INTRODUCES = re.compile(r"\W*\w[^\"“«„「]{0,60}?[:：,，]\s*[\"“«„「]")


def _direct(para: _Paragraph) -> list[_Found]:
    """Quotes marked with quotation marks in one paragraph, with their attribution."""
    doc, spans = para.doc, para.spans
    out: list[_Found] = []
    open_at: int | None = None  # the opening mark's last character
    opened = 1  # its width: 2 for ''
    last_close = -1
    for pos, kind in _marks(doc):
        width = 2 if doc[pos : pos + 2] == "''" else 1
        if kind == "o":
            open_at, opened = pos + width - 1, width
            continue
        if open_at is None:
            # Closing mark with no opening: the quote began at the first
            # sentence after the previous quote (TASS style).
            k = para.index(last_close) + 1 if last_close >= 0 else 0
            start, opened = spans[min(k, para.index(pos))][0] - 1, 1
        else:
            start = open_at
        if found := _quote_at(para, start, opened, pos, width):
            out.append(found)
        open_at, last_close = None, pos + width - 1
    if open_at is not None and (found := _quote_at(para, open_at, opened, len(doc.rstrip()), 0)):
        # A quote left open at the paragraph's end goes on in the next paragraph (news style): it is
        # a quote to here, and the next paragraph's opening mark continues it.
        out.append(found)
    return out


def _quote_at(para: _Paragraph, start: int, opened: int, pos: int, width: int) -> _Found | None:
    """The quote from the opening mark ending at ``start`` (``opened`` wide) to the closing mark at ``pos``
    (``width`` wide, 0 for none), with its attribution; None for fewer than two words."""
    doc, spans = para.doc, para.spans
    text = doc[start + 1 : pos].strip()
    if len(text.split()) < 2 and not (_CJK_NEIGHBOUR.search(text) and len(tokenize(text)) >= 2):  # in Chinese, two characters
        return None
    ks = list(range(para.index(start + 1), para.index(pos) + 1))
    after_at, before_at = pos + width, spans[ks[0]][0]
    after = doc[after_at : spans[ks[-1]][1]]
    if not after.strip(" .,!?") and ks[-1] + 1 < len(spans) and not _INTRODUCES.match(
        doc, spans[ks[-1] + 1][0], spans[ks[-1] + 1][1]
    ):
        # The splitter cut '"Why is he attacking me?" Trump said.' after the question mark
        # (not 'She added: "…"', which introduces a quote of its own).
        after = doc[after_at : spans[ks[-1] + 1][1]]
    before = doc[before_at : max(start - opened + 1, before_at)]
    speaker, src, cue, in_after = _attribution(after, before)
    offset = after_at if in_after else before_at
    return _Found([para.ids[k] for k in ks], start, speaker, True, text.rstrip(","),
                  para.pieces(max(start - opened + 1, spans[ks[0]][0]), pos + width),
                  para.piece(src, offset), para.piece(cue, offset))


def _reported_speech(sentence: str, i: int) -> _Found | None:
    """compare's reported speech: "X said that …", "…, X said." with a named or pronoun speaker."""
    m = _REPORTED_THAT.search(sentence) or _REPORTED_TAIL.match(sentence)
    if not m or len(m.group("clause").split()) < 4:
        return None
    text = m.group("clause").rstrip(". ")
    content = (i, m.start("clause"), m.start("clause") + len(text))
    src, cue = _group(m, "name"), _group(m, "cue")
    return _Found([i], src[0] if src else -1, _speaker(m), False, text, (content,),
                  (i, *src) if src else None, (i, *cue) if cue else None)


def _source_before(sentence: str, cue: int) -> tuple[int, int] | None:
    """The source noun phrase ending just before a cue: back over "has also", to a clause boundary.

    An appositive between source and cue stays with the source ("The Russian
    envoy to Syria, Alexander Lavrentiev, confirmed"; "Clinton, who called
    Sanders, told").
    """
    end = cue
    skipped = []
    while True:  # auxiliaries and adverbs between source and cue
        m = re.search(r"([\w'’]+)\s*$", sentence[:end])
        if not m or m.group(1).lower() not in _BETWEEN:
            break
        skipped.append(m.group(1).lower())
        end = m.start()
    if skipped and skipped[0] in _PASSIVE:  # "the proposal was rejected": the subject is not the source
        return None
    left = sentence[:end].rstrip()
    stop = len(left)
    if left.endswith(","):
        left, stop = _before_appositive(left)
        if not left:
            return None
    for boundary in (_BOUNDARY, _BOUNDARY_NO_AND):  # "Her advisers and allies say": try without "and"
        start = max((m.end() for m in boundary.finditer(left)), default=0)
        chunk = left[start:]
        start += len(chunk) - len(chunk.lstrip())
        words = chunk.split()
        if words and words[-1] in _PRONOUNS:  # "to what she said": the pronoun alone
            return start + len(chunk.strip()) - len(words[-1]), stop
        if words and len(words) <= 10 and _is_source(words):
            return start, stop
    return None


def _before_appositive(left: str) -> tuple[str, int]:
    """``left`` (ending with a comma) cut before the appositive that ends it, and where the source ends.

    The appositive opens at the nearest comma before a relative pronoun or a
    preposition ("Clinton, during a town hall meeting in Columbus, Ohio,");
    failing that, it is the last comma-separated piece.
    """
    commas = [m.start() for m in re.finditer(r",", left[:-1])][-4:]
    for c in commas:  # the earliest: "Cory James, 22, of Flint, Mich., said"
        if re.match(_APPOSITIVE, left[c + 1 :].lstrip()) and not re.search(r"[;:\"“”()]", left[c:-1]):
            return left[:c].rstrip(), len(left) - 1
    if not commas or re.search(r"[;:\"“”()]", left[commas[-1] : -1]):
        return "", 0
    return left[: commas[-1]].rstrip(), len(left) - 1


def _is_source(words: list[str]) -> bool:
    """Whether a chunk of words can be an attribution's source."""
    head = words[-1].strip("'’")
    first = words[0].lower()
    if head.endswith(("'s", "’s")) or (len(words) == 1 and first in _POSSESSIVES):
        return False  # "Ms. Malik's comments", "his plan": the cue is a noun
    if len(words) == 1 and (first in _NOT_SOURCES or first.endswith(("ly", "ing"))):
        return False
    low = head.lower()
    plural = low.endswith("s") and not low.endswith("ss") and len(low) > 3 and low not in _NOT_SOURCES
    return (
        (len(words) == 1 and words[0] in _PRONOUNS)
        or re.sub(r"^(?:al|el)-", "", head)[:1].isupper()  # "Shia al-Sudani" is a name
        or low in _SOURCE_NOUNS
        or plural
        or any(w.lower() in _QUANTITIES or w[:1].isdigit() for w in words)
        or (first in _DETERMINERS and len(words) <= 6)
    )


# A full stop inside a source: "said the younger Mr. Trump", "a former U.S. official".
_ABBREVIATION = r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|U\.S|U\.N|[A-Z])\."
_APPOSED_NAME = re.compile(rf",\s+{NAME}(?=\s*(?:[,.;]|$))")


def _source_after(sentence: str, cue_start: int, cue_end: int) -> tuple[int, int] | None:
    """An inverted source after its cue, following a comma or a quote: '…," said the woman, who …'.

    ``sentence`` may also be the text right after a closing quote mark ('" said the woman').
    """
    if not re.search(r"(?:^|[,\"”]|'')\s*$", sentence[:cue_start]):
        return None
    m = re.match(rf"\s+((?:(?:the|a|an|one|another)\s+|{NAME})(?:{_ABBREVIATION}|[^,.;:()\"“”]){{0,100}}?)\s*(?:[,.;:(]|$)",
                 sentence[cue_end:])
    if not m or m.group(1).split()[0].lower() in _BETWEEN or m.group(1).split()[0].lower() == "that":
        return None
    # the name in apposition after a post: '," said a spokeswoman for the agency, Haley Morris.'
    named = _APPOSED_NAME.match(sentence, cue_end + m.end(1))
    if named and not _speaker_in(m.group(1)) and _speaker_in(named.group()[1:].strip()):
        return cue_end + m.start(1), named.end()
    return cue_end + m.start(1), cue_end + m.end(1)


def _content_after(sentence: str, cue_end: int) -> tuple[int, int] | None:
    """The clause a cue introduces: after "that" when it comes within a few words, else right after the cue."""
    rest = sentence[cue_end:]
    m = re.match(r"^(?:[^,;:.\"“”]{0,60}?\s)?that\s", rest) or re.match(r"^[\s,:]*", rest)
    start = cue_end + (m.end() if m else 0)
    according = _ACCORDING.search(sentence, start)
    end = according.start() if according else len(sentence)
    end = len(sentence[:end].rstrip(" ,.!?\"”'"))
    return (start, end) if len(sentence[start:end].split()) >= 2 else None


def _according_in(sentence: str, i: int, outside: list[tuple[int, int]]) -> list[_Found]:
    """"…, according to X." and "According to X, …" whose cue lies outside the spans ``outside``."""
    out = []
    for m in _ACCORDING.finditer(sentence):
        if any(a <= m.start() < b for a, b in outside):
            continue
        named = _according_span(m)
        before = sentence[: m.start()].rstrip(" ,")
        content = (0, len(before)) if len(before.split()) >= 3 else _content_after(sentence, named[1])
        if content:
            out.append(_found(sentence, i, named, m.span("cue"), content))
    return out


def _attributions_in(sentence: str, i: int, outside: list[tuple[int, int]]) -> list[_Found]:
    """Every attribution in one sentence whose cue lies outside the spans ``outside`` (direct quotes).

    >>> [sentence[q.source[1]:q.source[2]] for sentence in ["The campaign, citing a poll, said voters trust Smith."]
    ...  for q in _attributions_in(sentence, 0, [])]
    ['The campaign', 'The campaign, citing a poll']
    """
    free = lambda pos: not any(a <= pos < b for a, b in outside)  # noqa: E731
    out = _according_in(sentence, i, outside)
    sources = [(q.source[1], q.source[2]) for q in out if q.source]
    for m in (_CUE_ANY_CASE if _title_case(sentence) else _CUE).finditer(sentence):
        word = m.group().lower()
        if not free(m.start()) or any(a <= m.start() < b for a, b in sources):
            continue
        if word.endswith("ing"):
            # ", saying …" / "by adding …": the source is the subject of the clause, found before or opening it.
            if re.search(r"(?:,|\bby|\bafter|\bwhile|\bwhen)\s*$", sentence[: m.start()]):
                prev = (out[-1].source[1], out[-1].source[2]) if out and out[-1].source else _subject(sentence)
                content = _content_after(sentence, m.end())
                if prev and content:
                    out.append(_found(sentence, i, prev, (m.start(), m.end()), content))
            continue
        src = _source_before(sentence, m.start())
        if src and word in _BARE and not _plural_subject(sentence[src[0] : src[1]]):
            src = None  # "the attack", "a call": a bare form after a singular noun is a noun
        content = _content_after(sentence, m.end())
        tail = sentence[m.end() :].strip(" .!?\"”'")
        if src is None:
            src = _source_after(sentence, m.start(), m.end())  # "…, said Smith."
            if src:
                content = (0, len(sentence[: m.start()].rstrip(" ,\"”'")))
        elif len(tail.split()) < 2 and "," in sentence[: src[0]]:
            content = (0, len(sentence[: sentence.rindex(",", 0, src[0])].rstrip(" ,\"”'")))  # "…, Smith said."
        if src is None or content is None or content[1] <= content[0]:
            continue
        out.append(_found(sentence, i, src, (m.start(), m.end()), content))
        sources.append(src)
    return out


def _title_case(sentence: str) -> bool:
    """A headline written in title case ("Carly Fiorina Endorses Ted Cruz"), where cue verbs are capitalised too."""
    long = [w for w in re.findall(r"[^\W\d_]{4,}", sentence)]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _subject(sentence: str) -> tuple[int, int] | None:
    """The name or pronoun that opens a sentence ("The Sanders campaign on Monday …" → "The Sanders campaign")."""
    m = re.match(rf"\s*((?:The\s+)?{NAME}(?:\s+(?:campaign|team|spokesman|spokeswoman))?|He|She|They|We|I)\b", sentence)
    if not m or m.group(1).split()[0].lower() in _NOT_SOURCES:
        return None
    return m.start(1), m.end(1)


def _plural_subject(words: str) -> bool:
    """A subject a bare verb form agrees with: I/we/you/they/who, a plural noun, a share ("26%", "4 in 10")."""
    w = words.split()
    return w[-1] in _PRONOUNS and w[-1].lower() not in ("he", "she", "it") or (
        w[-1].lower().endswith("s") and not w[-1].endswith(("'s", "’s", "ss")) and len(w[-1]) > 3) or any(
        x[:1].isdigit() or x.lower() in _QUANTITIES for x in w) or " and " in words


def _found(sentence: str, i: int, src: tuple[int, int], cue: tuple[int, int], content: tuple[int, int]) -> _Found:
    return _Found([i], src[0], _speaker_in(sentence[src[0] : src[1]]), False, sentence[content[0] : content[1]],
                  ((i, *content),), (i, *src), (i, *cue))


def _resolve(found: list[_Found], sentences: list[str], paragraphs: list[int], keep_unnamed: bool) -> list[QuoteSpan]:
    """Pronoun, surname and unattributed speakers resolved against the people named before them.

    A pronoun goes to the person a reader would take it for (speakers.Mentions); a bare surname to
    the fullest earlier spelling of it; a quote with no attribution of its own keeps the speaker of
    the quote it continues: in the same paragraph, or a paragraph that opens with it right after a
    paragraph that ended with a speaker's quote (news runs one speech over several paragraphs).
    """
    found.sort(key=lambda q: (q.sentences[0], q.at))
    masks: dict[int, list[tuple[int, int]]] = {}
    for q in found:
        for k, a, b in q.content if q.direct else ():
            masks.setdefault(k, []).append((a, b))
    people = [(*_where(q), q.speaker) for q in found if q.speaker and not _is_pronoun(q.speaker)
              and is_person_like(q.speaker)]
    mentions = Mentions(sentences, masks, people)
    quotes: list[QuoteSpan] = []
    named: list[str] = []
    last: str | None = None  # the last speaker
    said: QuoteSpan | None = None  # the last direct quote
    for q in found:
        speaker, source, cue, pronoun = q.speaker, q.source, q.cue, None
        if speaker is None and q.direct and source is None and said and _continues(q, said, paragraphs):
            speaker, source, cue = said.speaker, said.source, said.cue
        elif speaker and _is_pronoun(speaker):
            pronoun = speaker
            speaker = mentions.antecedent(*_where(q), pronoun) or (
                last if last and mentions.fits(last, pronoun) else None)
        if speaker and not _is_pronoun(speaker):
            full = next((n for n in named if same_person(n, speaker) and len(n) >= len(speaker)), None)
            speaker = mentions.fullest(full or speaker, q.sentences[0])
            if speaker not in named:
                named.append(speaker)
        if speaker is None and not q.direct and not (keep_unnamed and q.source):
            continue
        if speaker:
            mentions.add(*_where(q), speaker, pronoun)
        quote = QuoteSpan(q.text, tuple(q.sentences), speaker, q.direct, q.content, source, cue)
        last = speaker or last
        said = quote if q.direct else said
        quotes.append(quote)
    return quotes


def _is_pronoun(speaker: str) -> bool:
    return speaker in _PRONOUNS or speaker in _CJK_PRONOUNS or bool(re.fullmatch(_PRONOUN, speaker))


def _where(q: _Found) -> tuple[int, int]:
    """The sentence and offset a quote is attributed at: its source, else its start."""
    if q.source:
        return q.source[0], q.source[1]
    return (q.content[0][0], q.content[0][1]) if q.content else (q.sentences[0], 0)


def _continues(q: _Found, last: QuoteSpan, paragraphs: list[int]) -> bool:
    """Whether an unattributed direct quote goes on with the quote before it (see _resolve)."""
    here, there = paragraphs[q.sentences[0]], paragraphs[last.sentences[-1]]
    if here == there:
        return True
    opens = q.at <= 1 and q.sentences[0] == next(k for k, p in enumerate(paragraphs) if p == here)
    return opens and last.sentences[-1] == q.sentences[0] - 1 and last.speaker is not None


def _paragraphs(sentences: list[str], paragraphs: list[int]) -> list[_Paragraph]:
    by_para: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        by_para.setdefault(paragraphs[i], []).append(i)
    return [_Paragraph(sentences, ids) for ids in by_para.values()]


def _direct_quotes(sentences: list[str], paragraphs: list[int]) -> list[_Found]:
    return [q for para in _paragraphs(sentences, paragraphs) for q in _direct(para)]


def is_person_like(speaker: str) -> bool:
    """Whether a speaker may be a person or a named body, not a common noun that opened its
    sentence ("Economists said…", "Police say…").

    >>> is_person_like("Economists"), is_person_like("Niek Stam"), is_person_like("Reuters")
    (False, True, True)
    """
    return not (" " not in speaker and speaker.lower() in _SOURCE_NOUNS)


def _is_named(words: str, speaker: str) -> bool:
    """Whether a source is the person ``speaker``, titles before it at most ("spokeswoman Haley Morris", not "the Times")."""
    return words.endswith(speaker) and words.split()[0].lower() not in _DETERMINERS


def find_quotes(sentences: list[str], paragraphs: list[int] | None = None) -> list[QuoteSpan]:
    """Find quotes in an article given its sentences (and paragraph numbers).

    >>> q = find_quotes(['"It is late," Smith said.'])
    >>> (q[0].text, q[0].speaker, q[0].source, q[0].cue)
    ('It is late', 'Smith', (0, 14, 19), (0, 20, 24))
    """
    paragraphs = paragraphs or [0] * len(sentences)
    found = _direct_quotes(sentences, paragraphs)
    quoted = {k for q in found for k in q.sentences}
    # Reported speech in sentences that carry no direct quote.
    found += [q for i, s in enumerate(sentences) if i not in quoted and (q := _reported_speech(s, i))]
    # "…, according to spokeswoman Haley Morris." (not "according to the Associated Press": a person, as
    # a source that "said", is what compare lists)
    said = {k for q in found for k in q.sentences}
    found += [q for i, s in enumerate(sentences) if i not in said for q in _according_in(s, i, [])
              if q.speaker and q.source and _is_named(s[q.source[1] : q.source[2]], q.speaker)]
    return _resolve(found, sentences, paragraphs, keep_unnamed=False)


def find_attributions(sentences: list[str], paragraphs: list[int] | None = None) -> list[QuoteSpan]:
    """Every attribution: the direct quotes, and each cue verb outside them with its source and content.

    >>> [(q.text, q.speaker) for q in find_attributions(["Officials said the vote was fair, according to Smith."])]
    [('the vote was fair', 'Officials'), ('Officials said the vote was fair', 'Smith')]
    """
    paragraphs = paragraphs or [0] * len(sentences)
    found = _direct_quotes(sentences, paragraphs)
    inside: dict[int, list[tuple[int, int]]] = {}
    for q in found:
        for k, a, b in q.content:
            inside.setdefault(k, []).append((a, b))
    found += [q for i, s in enumerate(sentences) for q in _attributions_in(s, i, inside.get(i, []))]
    return _resolve(found, sentences, paragraphs, keep_unnamed=True)


def quoted_shares(sentences: list[str], paragraphs: list[int] | None = None) -> list[float]:
    """The share of each sentence's letters and digits that stand inside quotation marks.

    Every direct quote counts, named speaker or not; a quote that runs over
    several sentences covers each of them, and a paragraph that opens a quote
    and never closes it (news style: the quote goes on in the next paragraph)
    is quoted from the mark to its end. Two reports that share a sentence
    quoted on both sides quote the same words: a common source, not one
    copying the other.

    >>> quoted_shares(['"We will not leave," he said.', 'He left.', '"It is over.', 'We are done," she said.'])
    [0.7, 0.0, 1.0, 0.5625]
    >>> [round(x, 2) for x in quoted_shares(['He wrote: "Rise to the occasion.', 'Dress like you deserve respect.'])]
    [0.71, 1.0]
    """
    paragraphs = paragraphs or [0] * len(sentences)
    inside = [0] * len(sentences)
    for para in _paragraphs(sentences, paragraphs):
        for k, start, end in (piece for q in _direct(para) for piece in q.content):
            inside[k] += sum(ch.isalnum() for ch in sentences[k][start:end])
    shares = []
    for text, n in zip(sentences, inside, strict=True):
        total = sum(ch.isalnum() for ch in text)
        shares.append(min(1.0, n / total) if total else 0.0)
    return shares
