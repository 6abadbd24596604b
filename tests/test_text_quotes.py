"""Quotes and who said them (retold.text.quotes), on short news texts written for the cases a careful reader expects."""

from __future__ import annotations

import pytest

from retold.ingest import build_article
from retold.text.quotes import QuoteSpan, find_attributions, find_quotes


def _quotes(text: str, finder=find_quotes) -> list[QuoteSpan]:  # type: ignore[no-untyped-def]
    article = build_article(text)
    return finder([s.text for s in article.sentences], [s.paragraph for s in article.sentences])


def _speakers(text: str, finder=find_quotes) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return [(q.speaker, q.text) for q in _quotes(text, finder)]


@pytest.mark.parametrize("text", [
    '"We take every complaint seriously," according to spokeswoman Haley Morris.',
    '"We take every complaint seriously," according to Haley Morris, a spokeswoman for the agency.',
    'According to Haley Morris, a spokeswoman for the agency, "we take every complaint seriously."',
    '"We take every complaint seriously," Haley Morris, a spokeswoman for the agency, said.',
    '"We take every complaint seriously," said a spokeswoman for the agency, Haley Morris.',
    '"We take every complaint seriously," said the governor\'s spokeswoman, Haley Morris.',
    '"We take every complaint seriously," the governor\'s spokeswoman Haley Morris said.',
])
def test_according_to_and_posts_name_the_speaker(text: str) -> None:
    assert [(q.speaker, q.text.lower().rstrip(".")) for q in _quotes(text)] == [
        ("Haley Morris", "we take every complaint seriously")]


def test_according_to_a_person_is_reported_speech() -> None:
    quotes = _quotes("The meeting lasted 45 minutes, according to spokeswoman Haley Morris.")
    assert [(q.speaker, q.text, q.direct) for q in quotes] == [("Haley Morris", "The meeting lasted 45 minutes", False)]
    # a newspaper or a poll is a source, but not a person compare lists as a speaker
    assert _quotes("The meeting lasted 45 minutes, according to The Washington Post.") == []


@pytest.mark.parametrize(("text", "speaker"), [
    ('"It was a productive meeting," said Clinton\'s top foreign policy aide Jake Sullivan.', "Jake Sullivan"),
    ('"It was a productive meeting," said Florida\'s Rick Wilson, a Republican consultant.', "Rick Wilson"),
    ('"It was a productive meeting," said Clinton campaign chairman John Podesta.', "John Podesta"),
    ('"It was a productive meeting," said Donald J. Trump.', "Donald J. Trump"),
    # the name qualifies the source, it does not name the speaker
    ('"It was a productive meeting," said the Clinton campaign.', None),
    ('"It was a productive meeting," said the lawyer for Smith.', None),
])
def test_whose_post_is_not_who_speaks(text: str, speaker: str | None) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


# A long AP-style story: Trump speaks, Ryan is named between his quotes, a spokeswoman speaks.
STORY = """Trump, Ryan meet amid GOP rift

WASHINGTON (AP) — Donald Trump met House Speaker Paul Ryan on Thursday in an effort to heal the rift in the party.

Ryan has not endorsed the presumptive nominee. He told reporters last week that he was "just not ready" to do so.

Trump struck a conciliatory tone at a rally in West Virginia hours later, where he praised Ryan.

"We're going to unite the party, and we're going to win," he said. "Paul is a good man."

The meeting lasted 45 minutes, according to Ryan's spokeswoman, AshLee Strong. "It was a very positive step," she said.

Trump was defiant on trade, however. He attacked Ryan's support for the Pacific trade pact.

"We're going to renegotiate NAFTA, and if they don't want to renegotiate it, we're going to terminate it," he said.

"Nobody has been tougher on China than me.

"Nobody. And they know it."

Senate Majority Leader Mitch McConnell said he was pleased. "I think it's a good development," McConnell said.
"""


def test_a_pronoun_is_the_person_a_reader_takes_it_for() -> None:
    assert _speakers(STORY) == [
        ("Paul Ryan", "just not ready"),  # "He told reporters": Ryan, the subject before
        # not Ryan, named after him, nor Paul, named inside the quote: the subject of the sentence before
        ("Donald Trump", "We're going to unite the party, and we're going to win"),
        ("Donald Trump", "Paul is a good man."),
        ("AshLee Strong", "The meeting lasted 45 minutes"),
        ("AshLee Strong", "It was a very positive step"),  # "she": the spokeswoman, not Trump who spoke before
        # "He attacked Ryan's …" is Trump again: the pronoun's sentence is passed over, not Ryan in it
        ("Donald Trump", "We're going to renegotiate NAFTA, and if they don't want to renegotiate it, "
                         "we're going to terminate it"),
        # a quote left open at the paragraph's end goes on in the next paragraph, with its speaker
        ("Donald Trump", "Nobody has been tougher on China than me."),
        ("Donald Trump", "Nobody. And they know it."),
        ("Mitch McConnell", "I think it's a good development"),  # the fullest spelling the story gave
    ]


def test_the_gender_of_a_pronoun_picks_its_person() -> None:
    text = ("Sen. Elizabeth Warren spoke first. Then Sen. Chuck Schumer took the stage to praise the bill.\n\n"
            '"This is a victory for working families," she said.')
    assert _speakers(text) == [("Elizabeth Warren", "This is a victory for working families")]
    text = ("Mrs. Clinton met Mr. Sanders in Brooklyn on Monday. Mr. Clinton waited outside.\n\n"
            '"We had a good talk," she said.')
    assert _speakers(text) == [("Clinton", "We had a good talk")]  # "Mrs." makes this Clinton a she


def test_a_quote_paragraph_without_attribution_continues_the_speaker_before() -> None:
    text = ('"The bridge will reopen in May," Mayor Anna Berg said on Monday.\n\n'
            '"We owe it to the commuters who have waited two years."\n\n'
            "The council will vote on the budget next week.\n\n"
            '"It is a disgrace."')
    quotes = _quotes(text)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Anna Berg", "The bridge will reopen in May"),
        ("Anna Berg", "We owe it to the commuters who have waited two years."),
        # after a paragraph that ends with no quote, an unattributed quote is nobody's
        (None, "It is a disgrace."),
    ]
    assert quotes[1].source == quotes[0].source and quotes[1].cue == quotes[0].cue  # the mention it goes on from


def test_attributions_resolve_pronouns_too() -> None:
    spoken = {(q.speaker, q.text) for q in _quotes(STORY, find_attributions) if q.direct}
    assert ("Donald Trump", "Paul is a good man.") in spoken
    assert ("Donald Trump", "Nobody. And they know it.") in spoken


@pytest.mark.parametrize(("text", "speaker"), [
    # German: the verb first after a quote, and after anything else that opens the sentence
    ("Am Montag sagte Reeves: „Wir werden die Steuern nicht erhöhen.“", "Reeves"),
    ("Vor Journalisten in London sagte die Ministerin Rachel Reeves: „Wir werden die Steuern nicht erhöhen.“",
     "Rachel Reeves"),
    ("Die Regierung prüft den Plan. Dazu sagte Reeves: „Wir werden die Steuern nicht erhöhen.“", "Reeves"),
    ("„Wir werden die Steuern nicht erhöhen.“ Das sagte Reeves am Montag.", "Reeves"),
    ("„Wir werden die Steuern nicht erhöhen“, so Reeves.", "Reeves"),
    ("„Wir werden die Steuern nicht erhöhen“, teilte Reeves am Montag mit.", "Reeves"),
    ("Rachel Reeves ist Finanzministerin. „Wir werden die Steuern nicht erhöhen“, sagte sie.", "Rachel Reeves"),
    # French and Spanish: a time between the verb and the name, the pronoun after the verb, selon / según
    ("« La situation est grave », a déclaré lundi Emmanuel Macron.", "Emmanuel Macron"),
    ("Emmanuel Macron est arrivé lundi à Berlin. « La situation est grave », a-t-il dit.", "Emmanuel Macron"),
    ("« La situation est grave », selon le ministre Bruno Le Maire.", "Bruno Le Maire"),
    ("«La situación es grave», dijo el lunes el presidente Pedro Sánchez.", "Pedro Sánchez"),
    ("«La situación es grave», según el ministro Carlos Cuerpo.", "Carlos Cuerpo"),
])
def test_german_french_and_spanish_cues_name_the_speaker(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("Selon Emmanuel Macron, la situation est grave en Europe.", "Emmanuel Macron"),
    ("Según Pedro Sánchez, la situación es grave en Europa.", "Pedro Sánchez"),
    ("El presidente Pedro Sánchez afirmó que la situación es grave en Europa.", "Pedro Sánchez"),
])
def test_reported_speech_in_french_and_spanish(text: str, speaker: str) -> None:
    assert [(q.speaker, q.direct) for q in _quotes(text)] == [(speaker, False)]


def test_a_pronoun_before_the_verb_is_the_subject_not_a_name_before_it() -> None:
    # English keeps its order: the subject before the verb, even where German would invert
    assert [q.source for q in _quotes('In an interview on Monday, he told CNN: "We will win."')] == [(0, 27, 29)]
    assert [q.speaker for q in _quotes('On Monday, Trump told CNN: "We will win."')] == ["Trump"]
