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
