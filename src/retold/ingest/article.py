"""Turn one text (with whatever metadata came with it) into an ``Article``.

Every reader ends here: clean and normalise (``retold.text.clean``), split into
sentences, identify the language of the article and of each sentence, parse
the date, and fill in the outlet from an agency dateline when nothing better
is known.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..errors import UnreadableInput
from ..models import Article, Sentence
from ..text.clean import clean
from ..text.language import UNDETERMINED, detect_language, sentence_languages
from ..text.sentences import split_sentences

__all__ = ["build_article", "parse_published"]

# Length of the content-hash id, in hex characters (64 bits: collisions are
# negligible for the collections retold is meant for, ids stay short in URLs).
_ID_HEX = 16
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
)
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


def build_article(
    text: str,
    *,
    title: str | None = None,
    id: str | None = None,  # noqa: A002 - the field is called id everywhere else
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: str | datetime | None = None,
    language: str | None = None,
    source: str | None = None,
) -> Article:
    """Build an ``Article`` from raw article text.

    ``text`` is kept as ``Article.original``; the cleaned text, sentences and
    languages are derived from it. ``id`` defaults to a hash of the cleaned
    text; ``published`` may be a datetime or a string in a common format (an
    unparsable one becomes None); a given ``language`` is trusted.

    >>> a = build_article("Envoy speaks\\n\\nASTANA, January 25. /TASS/. Russia has evidence, he said. "
    ...                   "“It is hard,” he added.", published="2024-01-25")
    >>> a.title, a.outlet, a.language, len(a.sentences)
    ('Envoy speaks', 'TASS', 'en', 2)
    >>> a.sentences[1].text, a.original[a.sentences[1].start:a.sentences[1].end]
    ('"It is hard," he added.', '“It is hard,” he added.')

    Raises ``UnreadableInput`` (naming ``source``) when nothing is left after cleaning.
    """
    where = source or "<text>"
    if not isinstance(text, str):
        raise UnreadableInput(where, f"article text must be a string, not {type(text).__name__}")
    cleaned = clean(text, title=title)
    body = cleaned.text
    if not body.strip():
        reason = "empty document" if not text.strip() else "no article text left after removing page debris"
        raise UnreadableInput(where, reason)

    # (start, end, paragraph) in the cleaned text; one blingfire call for the whole text.
    para_starts = [ps for ps, _ in cleaned.paragraphs]
    spans = [(s, e, bisect_right(para_starts, s) - 1) for s, e in split_sentences(body)]
    if cleaned.dateline_end:
        spans = _merge_dateline(spans, cleaned.dateline_end)

    texts = [body[s:e] for s, e, _ in spans]
    sample = body[cleaned.dateline_end :].lstrip() or body
    if language:
        article_lang = _language_tag(language)
    else:
        article_lang = detect_language(sample)
    langs = sentence_languages(texts, article_lang, sample[:400])

    offsets = cleaned.offsets
    sentences = tuple(
        Sentence(
            index=i,
            text=t,
            start=offsets[s],
            end=offsets[e - 1] + 1,
            language=lang,
            paragraph=p,
        )
        for i, ((s, e, p), t, lang) in enumerate(zip(spans, texts, langs, strict=True))
    )
    extra: dict[str, object] = {}
    if cleaned.dateline is not None:
        extra["dateline"] = cleaned.dateline.as_dict()
        outlet = outlet or cleaned.dateline.agency
    return Article(
        id=str(id) if id not in (None, "") else content_id(body),
        text=body,
        original=text,
        sentences=sentences,
        language=article_lang,
        title=cleaned.title,
        outlet=_clean_field(outlet),
        url=_clean_field(url),
        author=_clean_field(author),
        published=parse_published(published),
        source=source,
        extra=extra,
    )


def content_id(cleaned_text: str) -> str:
    """Stable id of an article: the first 16 hex digits of the SHA-1 of its cleaned text."""
    return hashlib.sha1(cleaned_text.encode("utf-8")).hexdigest()[:_ID_HEX]


def parse_published(value: str | datetime | None) -> datetime | None:
    """A timezone-aware datetime from ``value``; naive times are taken as UTC; None if unparsable.

    >>> parse_published("2024-01-25T10:30:00+03:00").isoformat()
    '2024-01-25T10:30:00+03:00'
    >>> parse_published("Thu, 25 Jan 2024 10:30:00 GMT").isoformat()
    '2024-01-25T10:30:00+00:00'
    >>> parse_published("25.01.2024").isoformat(), parse_published("next Tuesday")
    ('2024-01-25T00:00:00+00:00', None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    raw = str(value).strip()
    if not raw:
        return None
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            for fmt in _DATE_FORMATS:
                try:
                    parsed = datetime.strptime(raw, fmt)
                    break
                except ValueError:
                    continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _merge_dateline(spans: list[tuple[int, int, int]], dateline_end: int) -> list[tuple[int, int, int]]:
    """Join the pieces of the first paragraph up to the dateline's end with the sentence after it.

    blingfire splits "ASTANA, January 25. /TASS/. Russia has..." into three;
    the dateline belongs to the sentence it introduces.
    """
    n = 0
    while n < len(spans) - 1 and spans[n][1] <= dateline_end and spans[n + 1][2] == spans[0][2]:
        n += 1
    if n == 0:
        return spans
    return [(spans[0][0], spans[n][1], spans[0][2]), *spans[n + 1 :]]


def _language_tag(tag: str) -> str:
    """"en-US" → "en"; anything unrecognisable → "und"."""
    m = _LANG_TAG.match(tag.strip())
    return m.group().lower() if m else UNDETERMINED


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
