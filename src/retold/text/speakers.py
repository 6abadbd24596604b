"""Who "he said" is: the person a pronoun speaker refers to, read as a careful reader would.

A news story names a person, then goes on with "he said" for paragraphs while
others are named in between ("Trump met House Speaker Paul Ryan …"). Taking
the last speaker, as quotes did, gave Trump's quotes to Ryan in long AP-style
stories. :class:`Mentions` walks back from the pronoun instead:

* in the pronoun's own sentence, a speaker resolved before it, then a name
  that opens a clause before it ('Sen. Claire McCaskill scolded him: "…,"
  she said'); then sentence by sentence, across paragraphs, up to
  ``LOOKBACK`` sentences: who speaks in it, then its subject (the first
  person it names not after a preposition nor qualifying a noun, "Clinton's
  hair", "Obama consultant"), then anyone else it names;
* a sentence that opens with the same pronoun ("He attacked Clinton.") is
  about the same person: its other names are passed over;
* only people count, and only of the pronoun's gender. A name is a person's
  when the article makes it one: a speaker, a title or honorific before it
  ("Mr.", "Sen.", "the foreign minister, Erlan Idrissov"), "who" or an age
  or a post after it, a surname used alone for it ("Paul Ryan" … "Ryan"),
  or a common given name. The gender comes from honorifics and gendered
  nouns ("Mrs.", "spokeswoman", "his wife, Jane"), from "Clinton said she",
  else from a common given name (``_GIVEN``: names worn by both left out);
* names inside quotation marks are never candidates: in '"Paul is a good
  man," he said' Paul is not speaking.

Read on PolNeAR train articles (bench/bench_polnear.py scores spans, not who a
pronoun is; the review is in bench/RESULTS.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .names import find_names, is_title_word, same_person

Span = tuple[int, int]
Gender = str  # "m" or "f"

# A pronoun's gender (German "sie" after its verb is "she": "sagte sie").
_PRONOUN_GENDER = {"he": "m", "il": "m", "er": "m", "он": "m", "she": "f", "elle": "f", "sie": "f", "она": "f"}
# Honorifics and nouns that give the gender of the name after them: "Mrs. Clinton", "his wife, Jane".
_GENDER_WORDS = {
    "m": frozenset("""mr mr. spokesman chairman congressman businessman husband father son brother king prince sir
        herr monsieur m. señor sr.""".split()),
    "f": frozenset("""mrs mrs. ms ms. miss spokeswoman chairwoman congresswoman businesswoman wife mother daughter
        sister queen princess lady frau madame mme mme. señora sra.""".split()),
}
_HONORIFIC = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Sgt|Mme|Sra|Sr)\.|\b[A-Z]?[a-z]+,?)\s*$")
# Words of names.TITLES that qualify a post or a place as well as a person ("former Florida Gov. Jeb Bush").
_NOT_PERSONAL = frozenset(
    """the former acting special presidential deputy chief prime foreign defense defence interior iraqi russian
    american us u.s. french german chinese syrian israeli ukrainian turkish iranian""".split()
)
# What makes a name a person's right after it: "Ted Cruz, who …", "Cory James, 22,", "Ryan told …".
_PERSON_AFTER = re.compile(
    r"(?:,\s+(?:who|whose|\d+)\b|(?:\s+\w+ly)?\s+(?:said|says|told|tells|added|adds|asked|wrote|tweeted|"
    r"explained|argued|insisted|replied|recalled|warned|claimed|declared|acknowledged|stressed|noted)\b)"
)
# "Jo-Renee Formicola, political science professor at Seton Hall": a post in apposition.
_POST_AFTER = re.compile(r",\s+((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)")
# A subject saying something of itself: "Clinton said she", "Trump told reporters that he".
_SAYS_SELF = re.compile(r"\s+(?:\w+ly\s+)?(?:has\s+)?(?:said|says|told\s+\w+|added|insisted|argued|claimed|"
                        r"acknowledged|stressed|noted|wrote)\s+(?:that\s+)?(he|she)\b")
# "Christie's been", "Trump's not": "'s" for "is" or "has", not a possessive.
_CONTRACTED = re.compile(r"\s+(?:been|got|gotten|not|going|also|already|still|never|always|now|just|a|an|the)\b")
# A noun a name qualifies: "Obama consultant", "Clinton campaign", "Trump supporters".
_QUALIFIES = re.compile(
    r"\s+(?:campaign|administration|consultant|strategist|pollster|aide|aides|adviser|advisers|advisor|advisors|"
    r"spokesman|spokeswoman|spokesperson|ally|allies|supporter|supporters|loyalist|loyalists|voters|delegates|"
    r"officials|staff|team|camp|critics|backers|donors|surrogate|surrogates)\b"
)
# Capitalised words that open a sentence before a name, or stand for a group: not names of people.
_NOT_NAMES = frozenset(
    """now around many some most meanwhile however still later earlier instead yet just even only despite during
    after before since while although though because when where if as like unlike including asked speaking
    following under over among across against within without last next first this that these those both each
    every all several few republican republicans democrat democrats democratic gop conservative conservatives
    liberal liberals independent independents another other others""".split()
)
# Names of bodies and places, not people: "the White House", "Fox News", "Human Rights Watch".
_ORG_WORDS = frozenset(
    """house senate congress party committee campaign news post times press journal network agency department
    ministry office court university college institute center centre foundation council association group union
    bank inc corp company county city state states republic kingdom nation nations america watch fund club
    times tribune herald daily magazine review league church school army navy police""".split()
)
_PREPOSITION = re.compile(r"\b(?:about|of|for|at|from|with|to|in|on|by|against|over|than|like|as|and|or)\s+"
                          r"(?:(?:the|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|Gov\.)\s+)*$", re.IGNORECASE)
# A verb between the start of a clause and a name: the name is its object ("The president told NPR
# correspondent Steve Inskeep that he …"), or it opens a clause of its own ("Asked if Clinton …, she replied"),
# not the sentence's subject ("Clinton campaign manager Robby Mook acknowledged …, he said").
_VERB_BEFORE = re.compile(r"\b(?:[a-z]+ed|told|tells|said|says|asks|met|meets|saw|sees|gave|gives|took|takes|got|"
                          r"gets|called|calls|has|had|have|that|whether|if)\s[^,;:]*$", re.IGNORECASE)
# Common given names whose bearers news almost always calls "he" or "she" (names worn by both, as
# Dana, Kelly, Lindsey, Leslie, Robin, Jordan, are left out): the gender of "Tina Houchins" when the
# article gives none.
_GIVEN = {
    "m": frozenset("""aaron adam alan albert alex alexander andrew anthony antonio arthur ash barack ben benjamin bernie
        bill billy bob bobby brad brandon brian bruce bryan carl carlos charles charlie chris christopher chuck corey
        cory craig dan daniel danny dave david dennis dick don donald doug douglas ed eddie edward emmanuel eric evan
        francois frank fred gary george gerald greg gregory hans harry henry howard ian jack jacob jake james jason
        jeb jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon jonathan jose joseph josh joshua juan justin
        keith ken kenneth kevin kurt larry lawrence louis luis marco mark martin matt matthew michael miguel mike
        mitch mitt mohammed muhammad nathan neil nicholas nick olaf omar patrick paul pedro peter phil philip ralph
        randy ray raymond reince richard rick rob robert roger ron ronald rudy ryan sam samuel scott sean sergei
        stephen steve steven ted thomas tim timothy todd tom tony victor vladimir walter wayne william""".split()),
    "f": frozenset("""abigail alexandra alice alison allison amanda amy andrea angela ann anna anne barbara betsy betty
        beth brenda carly carol caroline catherine cheryl christina christine cindy claire clara cynthia debbie
        deborah debra denise diana diane donna dorothy elizabeth ellen emily emma erin eva evelyn fiona frances
        grace hannah heather helen hillary huma ivanka jane janet janice jennifer jessica jill joan joanna judith
        judy julia julie karen kate katherine kathleen kathy katie kimberly laura lauren linda lisa liz lori louise
        lucy madeleine margaret maria marie marilyn martha mary megan megyn melania melanie melissa michelle monica
        nancy natalie nicole nikki olivia pamela patricia paula rachel rebecca rose ruth sally samantha sandra sara sarah
        sharon shirley sophie stephanie susan suzanne teresa theresa tina valerie victoria wendy""".split()),
}
# How far back a pronoun looks for its person, in sentences.
LOOKBACK = 8


@lru_cache(maxsize=4096)
def _org(name: str) -> bool:
    words = name.split()
    return words[-1].lower().strip(".") in _ORG_WORDS or (len(words) == 1 and name.isupper() and len(name) > 1)


def pronoun_gender(pronoun: str) -> Gender | None:
    """"m" for he/il/er/он, "f" for she/elle/sie/она, None for any other word."""
    return _PRONOUN_GENDER.get(pronoun.lower())


class Mentions:
    """The people an article names outside quotation marks, sentence by sentence, for resolving pronouns.

    >>> m = Mentions(["Sen. Marco Rubio met Hillary Clinton.", "She declined to comment.", "He was defiant.",
    ...               '"We will win," he said.'], masks={3: [(0, 15)]}, speakers=[])
    >>> m.antecedent(3, 17, "he"), m.antecedent(1, 0, "she")
    ('Marco Rubio', 'Hillary Clinton')
    """

    def __init__(self, sentences: list[str], masks: dict[int, list[Span]],
                 speakers: Iterable[tuple[int, int, str]]) -> None:
        self.sentences = sentences
        self.people: list[str] = []  # names known to be people
        self.gender: dict[str, Gender | None] = {}
        # per sentence: (position, name) of each name, and the first pronoun, outside quotation marks
        self.names: list[list[tuple[int, str]]] = []
        self.count: dict[str, int] = {}  # how often each name is named
        # (sentence, position) of names that qualify a noun: "Clinton's hair", "Obama consultant"
        self.modifiers: set[tuple[int, int]] = set()
        self.local: dict[tuple[int, int], Gender] = {}  # the gender one mention gives: "Mrs. Clinton", "Mr. Clinton"
        self.lead: list[tuple[int, str] | None] = []
        # per sentence: (position, name, gender) of each speaker resolved so far, the gender that of the
        # pronoun it was resolved from
        self.resolved: dict[int, list[tuple[int, str, Gender | None]]] = {}
        for k, text in enumerate(sentences):
            masked = _masked(text, masks.get(k, []))
            names = [(a, n) for a, n in map(_trimmed, find_names(masked))
                     if n and not _org(n) and not re.search(r"\bthe\s+$", masked[:a])]
            # "Bill Clinton's hair": the person, though not the subject ("Christie's been" is "Christie has")
            self.modifiers |= {(k, a) for a, n in names
                               if _possessive(n) and not _CONTRACTED.match(masked, a + len(n))}
            # "Obama consultant Cornell Belcher": a name that qualifies a noun is no subject either
            self.modifiers |= {(k, a) for a, n in names if _QUALIFIES.match(masked, a + len(n))}
            names = [(a, re.sub(r"['’]s?$", "", n)) for a, n in names]
            self.names.append(names)
            for _, n in names:
                self.count[n] = self.count.get(n, 0) + 1
            pronoun = re.search(r"(?<![\w'’])(?:he|she|He|She)(?!\w)", masked)  # "She's a Sanders supporter"
            self.lead.append((pronoun.start(), pronoun.group().lower()) if pronoun else None)
            self._learn(k, masked, [(a, n) for a, n in names if (k, a) not in self.modifiers])
        for _, _, name in speakers:
            self._person(name)
        # "Paul Ryan" … "Ryan": a person is called by the surname alone
        full = {n for names in self.names for _, n in names if len(n.split()) > 1}
        short = {n for names in self.names for _, n in names if len(n.split()) == 1}
        for name in full:
            if name.split()[-1] in short:
                self._person(name)

    def _person(self, name: str, gender: Gender | None = None) -> None:
        name = _trimmed((0, 0, name))[1]
        if name and name not in self.people and not _org(name) and not _possessive(name):
            self.people.append(name)
        if gender:
            known = self.gender.get(name, gender)
            self.gender[name] = gender if known == gender else None

    def _learn(self, k: int, masked: str, names: list[tuple[int, str]]) -> None:
        """People and genders a sentence gives: "Mr. Trump", "spokeswoman Haley Morris", "Clinton said she"."""
        for a, name in names:
            title = _HONORIFIC.search(masked[:a])  # "Mr. Trump", "the foreign minister, Erlan Idrissov"
            word = title.group().strip(" ,").lower() if title else ""
            gender = _word_gender(word)
            if gender:
                self.local[(k, a)] = gender
            if gender or (title and is_title_word(word) and word not in _NOT_PERSONAL):
                self._person(name, gender)
            elif not _possessive(name) and (_PERSON_AFTER.match(masked, a + len(name)) or (
                    " " in name and _appositive(masked, a + len(name)))):
                self._person(name)
        # a sentence's subject saying something of itself: "Clinton said she …", "Trump told reporters he …"
        for a, name in names[:1]:
            said = _SAYS_SELF.match(masked, a + len(name))
            if not masked[:a].strip(" ,") and said:
                self._person(name, pronoun_gender(said.group(1)))

    def add(self, sentence: int, at: int, name: str, pronoun: str | None = None) -> None:
        """A speaker at ``sentence``/``at``, named or resolved from ``pronoun``: later pronouns may point to it."""
        self.resolved.setdefault(sentence, []).append((at, name, pronoun_gender(pronoun) if pronoun else None))
        self._person(name)

    def fullest(self, name: str, sentence: int) -> str:
        """The fullest spelling of ``name`` named up to ``sentence`` ("Ryan" → "Paul Ryan"), if only one person fits."""
        spellings = {n for names in self.names[: sentence + 1] for _, n in names if same_person(n, name)}
        longest = max(spellings, key=lambda n: (len(n.split()), len(n)), default=name)
        if len(longest.split()) <= len(name.split()) or not all(same_person(longest, n) for n in spellings):
            return name
        return longest

    def is_person(self, name: str) -> bool:
        """Named as a person somewhere in the article, or with a common given name ("Michael Briggs")."""
        words = name.split()
        return (len(words) > 1 and any(words[0].lower() in names for names in _GIVEN.values())) or any(
            same_person(name, p) for p in self.people)

    def gender_of(self, name: str) -> Gender | None:
        """The person's gender: for a full name, what the article says of it, else what its given name says;
        for a surname alone, what the article says of it ("Mr. Trump"), else that of the full name the
        article uses most ("Trump" is Donald Trump in a story that names Melania Trump once)."""
        if len(name.split()) > 1:
            said = {self.gender.get(p) for p in self.gender if len(p.split()) > 1 and same_person(name, p)} - {None}
            given = {g for g, names in _GIVEN.items() if name.split()[0].lower() in names}
            return next((found.pop() for found in (said, given) if len(found) == 1), None)
        said = {g for p, g in self.gender.items() if g and len(p.split()) == 1 and same_person(name, p)}
        if said:
            return said.pop() if len(said) == 1 else None
        full = [p for p in self.count if len(p.split()) > 1 and same_person(name, p)]
        return self.gender_of(max(full, key=lambda p: self.count[p])) if full else None

    def antecedent(self, sentence: int, at: int, pronoun: str) -> str | None:
        """The person a pronoun at ``at`` in ``sentence`` refers to, or None when none is in reach.

        In the pronoun's own sentence, a speaker already resolved before it ('"…," Trump said, "…," he
        added'), then the name that opens a clause before it ('Sen. Claire McCaskill scolded him: "…," she
        said'); earlier sentences offer their speakers, then their subject, then the rest of the people
        they name.
        """
        gender = pronoun_gender(pronoun)
        own = [(n, g) for a, n, g in reversed(self.resolved.get(sentence, [])) if a < at]
        own += [(n, self.local.get((sentence, a))) for a, n in self.names[sentence] if a < at
                and not self._object(sentence, a) and not _VERB_BEFORE.search(self.sentences[sentence], 0, a)]
        if fits := self._people(own, gender):
            return fits[0]
        for k in range(sentence - 1, max(-1, sentence - 1 - LOOKBACK), -1):
            spoken = [(n, g) for _, n, g in self.resolved.get(k, [])]
            names = [(a, n, self.local.get((k, a))) for a, n in self.names[k]]
            lead = self.lead[k]
            first = min([a for a, _, _ in names if not _PREPOSITION.search(self.sentences[k], 0, a)]
                        + [a for a, _, _ in self.resolved.get(k, [])], default=None)
            if lead and pronoun_gender(lead[1]) == gender and (first is None or lead[0] < first):
                # "He attacked Clinton.", "At a rally in Ohio, she praised Trump": the same person as ours,
                # spoken of again; its referent lies further back
                if fits := self._people(spoken[::-1], gender):
                    return fits[0]
                continue
            # who speaks in the sentence first, then its subject (the first person named not as an
            # object: "Like his comments about Mr. Curiel, Mr. Graham said"), then anyone it names
            ranked = spoken + [(n, g) for a, n, g in names if not self._object(k, a)] + [(n, g) for _, n, g in names]
            if fits := self._people(ranked, gender):
                return fits[0]
        return None

    def _people(self, candidates: list[tuple[str, Gender | None]], gender: Gender | None) -> list[str]:
        """The candidates that are people of ``gender``; each may carry the gender its mention gives ("Mrs. Clinton")."""
        return [n for n, g in candidates if not _possessive(n) and self.is_person(n)
                and (g == gender if g and gender else self._fits(n, gender))]

    def _object(self, sentence: int, at: int) -> bool:
        """A name that is not its sentence's subject: after a preposition ("about Mr. Curiel"), or possessive."""
        return (sentence, at) in self.modifiers or bool(_PREPOSITION.search(self.sentences[sentence], 0, at))

    def fits(self, name: str, pronoun: str) -> bool:
        """Whether ``name`` may be what ``pronoun`` refers to: no known gender against it."""
        return self._fits(name, pronoun_gender(pronoun))

    def _fits(self, name: str, gender: Gender | None) -> bool:
        known = self.gender_of(name)
        return gender is None or known is None or known == gender


def _trimmed(found: tuple[int, int, str]) -> tuple[int, str]:
    """A name found without the sentence openers before it ("Now Sembler" → "Sembler"); "" for none left."""
    a, _, name = found
    words = name.split()
    while words and words[0].lower() in _NOT_NAMES:
        a += len(words[0]) + 1
        words.pop(0)
    return a, " ".join(words)


def _appositive(text: str, end: int) -> bool:
    """A full name followed by who the person is: "Mike Morrell, a 30-year veteran", "Jo-Renee Formicola,
    political science professor" (a place takes one too, "Ohio, a swing state": hence full names only)."""
    if re.match(r",\s+(?:a|an)\s", text[end:]):
        return True
    post = _POST_AFTER.match(text, end)
    return bool(post and any(is_title_word(w) for w in post.group(1).split()))


def _possessive(name: str) -> bool:
    return name.endswith(("'s", "’s", "s'", "s’"))


def _word_gender(word: str) -> Gender | None:
    return next((g for g, words in _GENDER_WORDS.items() if word in words), None)


def _masked(text: str, spans: list[Span]) -> str:
    """``text`` with the spans (quotations) blanked out, offsets kept."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)
