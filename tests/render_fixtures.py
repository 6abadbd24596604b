"""Hand-built comparisons for the renderer tests, from the seed pair's real text.

``examples/seed-pair``: a TASS report (a) and an English translation of an
Arabic retelling of it (b). The alignments and changes below are what a good
engine should find; the renderers are tested against them without running one.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from retold.models import (
    Alignment,
    Article,
    Change,
    Comparison,
    Quote,
    QuoteSide,
    Relation,
    Sentence,
    Speaker,
)


def article(id: str, sentences: list[str], **meta: Any) -> Article:
    """An Article whose original is its sentences joined by spaces."""
    built, offset = [], 0
    for i, text in enumerate(sentences):
        built.append(Sentence(index=i, text=text, start=offset, end=offset + len(text), language="en"))
        offset += len(text) + 1
    original = " ".join(sentences)
    meta.setdefault("language", "en")
    return Article(id=id, text=original, original=original, sentences=tuple(built), **meta)


TASS = [
    "ASTANA, January 25. /TASS/. Russia has evidence that the United States has declared its readiness to start "
    "withdrawing its military contingent from Iraq, Russia’s special presidential representative for the Syrian "
    "settlement, Alexander Lavrentyev, has said.",
    '"As far as we know, the US side has declared its readiness to meet the demands of Iraq and to start withdrawing '
    'the US military contingent," said Lavrentyev following the 21st international meeting on Syria on the Astana platform.',
    '"The Americans, as you can see in many countries, get in very easily, regardless of the opinion of the leadership '
    "of certain countries, ostensibly for fighting terrorism.",
    "A very fashionable pretext this is.",
    'But getting out proves far more difficult," Lavrentyev added.',
    "He recalled that the only country from which the Americans withdrew very quickly was Afghanistan.",
    '"But there was a threat of physical impact on the representatives of the American expeditionary corps present there.',
    "They were forced to get out of there virtually in no time, in coordination with the Taliban (the Taliban movement "
    'is banned in Russia - TASS)," he pointed out.',
    "Earlier, Reuters, citing sources, reported that the United States was ready to negotiate with the government the "
    "withdrawal of the international coalition it leads.",
    "On January 5, Prime Minister Mohammed al-Sudani said that the excuses for the presence of the international "
    "coalition had been exhausted and Baghdad intended to take concrete steps to end the foreign military presence in the country.",
]

RETELLING = [
    "The Russian envoy to Syria, Alexander Lavrentiev, confirmed that Russia has evidence that the United States "
    "announced its readiness to begin withdrawing its military forces from Iraq, indicating that the only country "
    "from which the Americans quickly withdrew was Afghanistan.",
    "In a report translated by the “Maalouma” agency, the Russian TASS agency quoted Lavrentiev as saying after the "
    "21st international meeting on Syria on the Astana platform, “As far as we know, the American side has announced "
    "its readiness to meet Iraq’s demands and begin withdrawing the American military unit.",
    "He added, “The Americans, as you see in many countries, enter very easily, regardless of the opinion of the "
    "leaders of some countries, ostensibly to fight terrorism, and this is a very modern pretext, but exit is much more difficult.”",
    "He stated that “the only country from which American forces withdrew quickly was Afghanistan due to physical "
    "threats to representatives of the Rapid Intervention Forces present there, as they were forced to leave there "
    "in almost a short time, in coordination with the Taliban.”",
    "Iraqi Prime Minister Muhammad Shia al-Sudani had previously stated that “the justifications for the existence of "
    "the international coalition have been exhausted, and that Baghdad intends to take concrete steps to end the "
    "foreign military presence in the country.”",
]

TALIBAN_DISCLAIMER = "(the Taliban movement is banned in Russia - TASS)"
MAALOUMA = "In a report translated by the “Maalouma” agency"


def seed_comparison(a: Article | None = None, b: Article | None = None, **overrides: Any) -> Comparison:
    """The seed pair, compared by hand."""
    a = a or article(
        "tass-1737741",
        TASS,
        title="Russia has evidence US ready to start withdrawing troops from Iraq — diplomat",
        outlet="TASS",
        url="https://tass.com/politics/1737741",
        published=datetime(2024, 1, 25, 12, 40, tzinfo=timezone.utc),
        source="examples/seed-pair/tass.txt",
    )
    b = b or article(
        "maalouma-retelling",
        RETELLING,
        title="Russian Envoy: We have evidence of the United States’ intention to withdraw its forces from Iraq",
        outlet="Al-Maalouma (English translation)",
        published=datetime(2024, 1, 26, 9, 5, tzinfo=timezone.utc),
        source="examples/seed-pair/retelling.txt",
    )
    fields: dict[str, Any] = dict(
        a=a,
        b=b,
        relation=Relation(
            kind="rewrite",
            source="a",
            confidence=0.8712,
            evidence=(
                "b names a's outlet as its source: “the Russian TASS agency quoted Lavrentiev”",
                "9 of a's 10 sentences are retold in b, in a's order",
                "b drops TASS's editorial disclaimer on the Taliban",
                "b was published a day after a",
            ),
            via_translation=True,
        ),
        alignments=(
            Alignment(a=(0,), b=(0,), score=0.8123, kind="paraphrase"),
            Alignment(a=(1,), b=(1,), score=0.7791, kind="paraphrase"),
            Alignment(a=(2, 3, 4), b=(2,), score=0.7402, kind="altered"),
            Alignment(a=(5, 6, 7), b=(3,), score=0.6918, kind="altered"),
            Alignment(a=(9,), b=(4,), score=0.8333, kind="paraphrase"),
        ),
        changes=(
            Change("altered", "name", (0,), (0,), "Alexander Lavrentyev", "Alexander Lavrentiev", "spelling"),
            Change("added", "attribution", (), (1,), None, MAALOUMA, "b credits a translation agency"),
            Change("altered", "wording", (3,), (2,), "A very fashionable pretext this is.",
                   "this is a very modern pretext"),
            Change("altered", "detail", (6,), (3,), "American expeditionary corps", "Rapid Intervention Forces"),
            Change("omitted", "disclaimer", (7,), (3,), TALIBAN_DISCLAIMER, None, "editorial note dropped"),
            Change("omitted", "context", (8,), (), TASS[8], None, "Reuters report not retold"),
            Change("altered", "name", (9,), (4,), "Mohammed al-Sudani", "Muhammad Shia al-Sudani"),
        ),
        quotes=(
            Quote(
                QuoteSide(1, "As far as we know, the US side has declared its readiness to meet the demands of Iraq "
                          "and to start withdrawing the US military contingent", "Alexander Lavrentyev"),
                QuoteSide(1, "As far as we know, the American side has announced its readiness to meet Iraq’s demands "
                          "and begin withdrawing the American military unit.", "Alexander Lavrentiev"),
                0.82,
            ),
            Quote(
                QuoteSide(4, "But getting out proves far more difficult", "Alexander Lavrentyev"),
                QuoteSide(2, "but exit is much more difficult.", "Alexander Lavrentiev"),
                0.64,
            ),
            Quote(QuoteSide(7, "They were forced to get out of there virtually in no time", "Alexander Lavrentyev"), None),
        ),
        speakers=(
            Speaker("Alexander Lavrentyev", ("Alexander Lavrentyev", "Lavrentyev", "Alexander Lavrentiev", "Lavrentiev")),
            Speaker("Mohammed al-Sudani", ("Mohammed al-Sudani", "Muhammad Shia al-Sudani")),
        ),
        stats={"a_sentences": 10, "b_sentences": 5, "coverage_a": 0.9, "seconds": 0.123456, "aligned": (9, 5)},
    )
    fields.update(overrides)
    return Comparison(**fields)


HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


def hostile_comparison() -> Comparison:
    """Every text field an attacker controls, filled with markup."""
    evil = " ".join(HOSTILE)
    a = article("a<x>", [f"First {evil} sentence.", f"Dropped {HOSTILE[1]}."],
                title=HOSTILE[0], outlet=HOSTILE[1], url="javascript:alert(1)", author=HOSTILE[1])
    b = article('b"><b', [f"Retold {evil} sentence.", f"Added {HOSTILE[0]}."],
                title=HOSTILE[1], outlet=HOSTILE[0], url=" JaVaScRiPt:alert(1)")
    return seed_comparison(
        a=a,
        b=b,
        relation=Relation("rewrite", "a", 0.5, tuple(HOSTILE)),
        alignments=(Alignment((0,), (0,), 0.9, "altered"),),
        changes=(
            Change("altered", HOSTILE[1], (0,), (0,), HOSTILE[0], HOSTILE[0], note=HOSTILE[1]),
            Change("omitted", HOSTILE[0], (1,), (), f"Dropped {HOSTILE[1]}.", None, note=HOSTILE[2]),
            Change("added", HOSTILE[2], (), (1,), None, HOSTILE[0]),
        ),
        quotes=(Quote(QuoteSide(0, HOSTILE[0], HOSTILE[1]), QuoteSide(0, HOSTILE[1], HOSTILE[0])),),
        speakers=(Speaker(HOSTILE[0], tuple(HOSTILE)),),
        stats={HOSTILE[0]: HOSTILE[1]},
    )
