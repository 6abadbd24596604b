"""compare(a, b) → Comparison: the engine, composed from pure parts.

Article → sentences → vectors (embed) → evidence and links (align) →
span diffs (changes) + quotes and speakers (text.quotes, text.names) →
relation (provenance). Only this module touches the encoder; everything it
calls takes strings and arrays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np

from .align import PairEvidence, group, lexical_evidence, link
from .changes import DISCLAIMER, FIGURE, SideText, categorise, diff_alignment, meaning_changed, swapped_roles
from .embed import Encoder, PreciseEncoder, get_encoder
from .models import INDEPENDENT_KINDS, Alignment, Article, Change, Comparison, Quote, QuoteSide, Relation, Speaker
from .provenance import Coverage, decide
from .similarity import Idf, encode_features, graded_similarity
from .text.names import cluster_names, find_names, name_tokens
from .text.numbers import Quantity, figure_keys, quantities
from .text.quotes import QuoteSpan, find_quotes, is_person_like, quoted_shares
from .text.tokens import content_keys, tokenize, word_keys
from .translation import translation_changes
from .wordalign import untranslated

# Two altered spans whose embeddings are at least this close are paraphrase
# ("declared"/"announced" 0.76), not change ("fashionable"/"modern" 0.53,
# "American expeditionary corps"/"Rapid Intervention Forces" 0.34).
SYNONYM = 0.72
# Quotes on the two sides are one quote when their combined score reaches this.
QUOTE_MATCH = 0.5
# Sentences compared per side: the evidence matrices are (a x b), so this
# bounds time and memory for a 10 MB article (2,000 x 2,000 float32 = 16 MB each).
MAX_SENTENCES = 2000
# An alignment scoring at least this is "strong" for the partial-reuse test.
STRONG = 0.6
# ... unless both sides are at least this much inside quotation marks: two reports quoting one
# statement share its words without either copying the other (BASIL's independent reports).
QUOTED = 0.5
# ... and at least this is wording carried over, for the rewrite test (provenance.REWRITE_SOLID).
SOLID = 0.5

ArticleLike = Article | str | Path


def _as_article(x: ArticleLike, name: str) -> Article:
    if isinstance(x, Article):
        return x
    from .ingest import load_article

    return load_article(x)


def compare(a: ArticleLike, b: ArticleLike, *, encoder: Encoder | None = None, precise: bool = False) -> Comparison:
    """Compare two articles: align them, find what b changed, decide their relation.

    ``a`` and ``b`` are Articles, paths to files in any supported format, or raw text.
    ``precise`` grades each alignment's meaning (``Alignment.similarity``)
    with ``retold.similarity``'s precise model, which reads the e5 model too:
    ~25 ms a sentence more (a 1,000-word pair: 3–4 s on two cores).

    >>> c = compare("Russia has evidence the US will withdraw, an envoy said.",
    ...             "An envoy said Russia has evidence that the US will withdraw.")
    >>> c.relation.kind
    'rewrite'
    """
    second = None
    if precise:
        from .embed import get_precise_encoder

        second = get_precise_encoder()
    return compare_articles(_as_article(a, "a"), _as_article(b, "b"), encoder or get_encoder(), second)


def _sem(
    encoder: Encoder, a: Article, b: Article, notes: list[str], prefetch: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sentence-vector cosines; ``prefetch`` texts ride in the same batch (cached for later)."""
    sa, sb = a.sentence_texts(), b.sentence_texts()
    missing = [x.language for x in (a, b) if not encoder.supports(x.language) and x.language != "und"]
    if missing:
        notes.append(f"language {', '.join(sorted(set(missing)))} is not covered by the sentence encoder: "
                     "lexical alignment only")
        return np.zeros((len(sa), len(sb)), dtype=np.float32), np.zeros((0,)), np.zeros((0,))
    vecs = encoder.encode(sa + sb + list(prefetch))
    ea, eb = vecs[: len(sa)], vecs[len(sa) : len(sa) + len(sb)]
    return ea @ eb.T, ea, eb


def compare_articles(
    a: Article, b: Article, encoder: Encoder, precise_encoder: PreciseEncoder | None = None
) -> Comparison:
    """The engine behind :func:`compare`, for callers that already hold Articles.

    With ``precise_encoder`` (``embed.get_precise_encoder()``) each alignment gets its graded meaning.
    """
    notes: list[str] = []
    a, b = _bounded(a, "a", notes), _bounded(b, "b", notes)
    qa = find_quotes([t.strip() for t in _masked(a)], [s.paragraph for s in a.sentences])
    qb = find_quotes([t.strip() for t in _masked(b)], [s.paragraph for s in b.sentences])
    # quotes are matched by their vectors later: encode them with the sentences
    quote_texts = [q.text for q in (*qa, *qb)] if qa and qb else []
    ev, sizes, ea, eb = _evidence(a, b, encoder, notes, quote_texts)
    alignments = group(link(ev, *sizes), ev.score)

    changes = _changes(a, b, alignments, qa, qb, encoder, ev.cross_lingual)
    changes = _retitled(a, b, ev.cross_lingual) + changes
    alignments = _kinds(a, b, alignments, changes)
    if precise_encoder is not None:
        alignments = _graded(a, b, alignments, encoder, precise_encoder, ev.cross_lingual, notes)
    quotes = _match_quotes(qa, qb, encoder, alignments)
    speakers = _speakers(a, b, qa, qb)
    cov, stats = _coverage(a, b, alignments, ev, ea, eb)
    relation = _with_notes(decide(a, b, cov), notes)
    if relation.kind in INDEPENDENT_KINDS:
        # Neither text retells the other: a sentence one has and the other lacks was never
        # "omitted" or "added" by anyone, and two sentences on one theme that merely align
        # differ everywhere. Differences inside passages both carry (strong alignments) count.
        changes = _inside_strong(changes, alignments)
    stats.update(encoder=encoder.name, notes=notes)
    return Comparison(a, b, relation, tuple(alignments), tuple(changes), tuple(quotes), tuple(speakers), stats)


def relate(
    a: Article, b: Article, encoder: Encoder | None, doc_similarity: float | None = None,
    exact_similarity: Callable[[], float] | None = None,
) -> tuple[Relation, Coverage]:
    """Only the relation of ``a`` and ``b`` and the coverage it rests on: no span diff.

    What trace scores candidate pairs with. Without an encoder the alignment is
    lexical only (words, names, numbers) and ``doc_similarity`` (a document-vector
    cosine the caller holds) stands in for the sentence vectors' one: cheap, and
    enough for copies and same-language rewrites. When the wording does not
    settle the relation (it rests on document similarity) and
    ``exact_similarity`` is given, its cosine replaces ``doc_similarity`` for
    the decision: the caller's costlier, better one, paid only then.
    """
    notes: list[str] = []
    a, b = _bounded(a, "a", notes), _bounded(b, "b", notes)
    ev, sizes, ea, eb = _evidence(a, b, encoder, notes)
    alignments = group(link(ev, *sizes), ev.score)
    # Verbatim or not decides copy vs rewrite; it needs no span diff.
    alignments = [replace(al, kind="identical" if _same_words(a, b, al) else "paraphrase") for al in alignments]
    if encoder is None:
        notes.append("scored on shared wording and document vectors (no sentence vectors)")
    cov, _ = _coverage(a, b, alignments, ev, ea, eb, doc_similarity)
    relation = decide(a, b, cov)
    if exact_similarity is not None and relation.kind not in WORDING_KINDS:
        cov = replace(cov, doc_similarity=float(exact_similarity()))
        relation = decide(a, b, cov)
    return _with_notes(relation, notes), cov


# Relations the shared wording decides, whatever the document similarity.
WORDING_KINDS = ("copy", "rewrite", "partial")


def align_articles(a: Article, b: Article, encoder: Encoder) -> list[Alignment]:
    """Only the sentence alignment of ``a`` and ``b`` (what quote search follows into retellings)."""
    notes: list[str] = []
    ev, sizes, _, _ = _evidence(_bounded(a, "a", notes), _bounded(b, "b", notes), encoder, notes)
    return group(link(ev, *sizes), ev.score)


def _evidence(
    a: Article, b: Article, encoder: Encoder | None, notes: list[str], prefetch: Sequence[str] = ()
) -> tuple[PairEvidence, tuple[list[int], list[int]], np.ndarray, np.ndarray]:
    """Evidence matrices, content-word counts per sentence, and the sentence vectors.

    Without an encoder the lexical Dice stands in for the embedding score, so
    verbatim and lightly edited sentences still link on the usual scale.
    """
    bags_a, bags_b = [content_keys(s) for s in a.sentence_texts()], [content_keys(s) for s in b.sentence_texts()]
    dice, a_in_b, b_in_a = lexical_evidence(bags_a, bags_b)
    if encoder is None:
        sem, ea, eb = dice, np.zeros((0,)), np.zeros((0,))
    else:
        sem, ea, eb = _sem(encoder, a, b, notes, prefetch)
    cross = a.language != b.language and "und" not in (a.language, b.language)
    sizes = ([len(x) for x in bags_a], [len(x) for x in bags_b])
    return PairEvidence(sem, dice, a_in_b, b_in_a, cross), sizes, ea, eb


def _coverage(
    a: Article, b: Article, alignments: Sequence[Alignment], ev: PairEvidence,
    ea: np.ndarray, eb: np.ndarray, doc_similarity: float | None = None,
) -> tuple[Coverage, dict]:
    """The alignment in numbers (for ``decide``) and the stats a Comparison carries."""
    aligned_a = {i for al in alignments for i in al.a}
    aligned_b = {j for al in alignments for j in al.b}
    a_cov, b_cov = len(aligned_a) / max(1, len(a.sentences)), len(aligned_b) / max(1, len(b.sentences))
    verbatim = sum(1 for al in alignments if al.kind == "identical")
    if doc_similarity is not None:
        doc_sim = float(doc_similarity)
    elif len(ea) and len(eb):
        ma, mb = ea.mean(0), eb.mean(0)
        doc_sim = float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) + 1e-9))
    else:
        doc_sim = float(ev.lex.mean() if ev.lex.size else 0)
    names_a, names_b = _mentions(a), _mentions(b)
    shared = len(names_a & names_b) / max(1, len(names_a | names_b))
    strong = [al for al in alignments if al.score >= STRONG]
    if strong:
        shares_a, shares_b = _quoted_shares(a), _quoted_shares(b)
        quoted = [al for al in strong if min(np.mean([shares_a[i] for i in al.a]),
                                             np.mean([shares_b[j] for j in al.b])) >= QUOTED]
    else:
        quoted = []
    cov = Coverage(
        a_aligned=a_cov,
        b_aligned=b_cov,
        identical=verbatim / max(1, len(alignments)),
        mean_score=float(np.mean([al.score for al in alignments])) if alignments else 0.0,
        strong=len(strong) - len(quoted),
        shared_quotes=len(quoted),
        solid=sum(1 for al in alignments if al.score >= SOLID) / max(1, len(alignments)),
        doc_similarity=doc_sim,
        shared_names=shared,
    )
    stats = {"a_aligned": round(a_cov, 3), "b_aligned": round(b_cov, 3),
             "doc_similarity": round(doc_sim, 3), "shared_names": round(shared, 3)}
    return cov, stats


def _inside_strong(changes: list[Change], alignments: list[Alignment]) -> list[Change]:
    """The changes that lie inside one alignment scoring at least STRONG."""
    strong = [(set(al.a), set(al.b)) for al in alignments if al.score >= STRONG]
    return [c for c in changes if c.a and c.b and any(sa.issuperset(c.a) and sb.issuperset(c.b) for sa, sb in strong)]


def _with_notes(relation: Relation, notes: list[str]) -> Relation:
    if not notes:
        return relation
    return replace(relation, evidence=relation.evidence + tuple(notes))


def _bounded(article: Article, side: str, notes: list[str]) -> Article:
    if len(article.sentences) <= MAX_SENTENCES:
        return article
    notes.append(f"{side} has {len(article.sentences)} sentences; compared the first {MAX_SENTENCES}")
    return replace(article, sentences=article.sentences[:MAX_SENTENCES])


def _drop_synonyms(changes: list[Change], encoder: Encoder) -> list[Change]:
    """Drop alterations the encoder calls near-synonyms, in one batch for the whole pair."""
    # an encoder hardly tells "keine neuen Schulden" from "neue Schulden", nor "will" from "may"
    alt = [k for k, c in enumerate(changes)
           if c.kind == "altered" and not meaning_changed(c.category, c.a_text or "", c.b_text or "")]
    if not alt:
        return changes
    v = encoder.encode([t for k in alt for t in (changes[k].a_text or "", changes[k].b_text or "")])
    drop = {k for n, k in enumerate(alt) if v[2 * n] @ v[2 * n + 1] >= SYNONYM}
    return [c for k, c in enumerate(changes) if k not in drop]


_COORDINATION = re.compile(r"\W*(?:and|or|&|und|et|y|и)?\W*", re.IGNORECASE)


def _exchanges(changes: list[Change], sa: list[str]) -> set[int]:
    """Alterations that trade places with each other ("fell to 3.2% from 4.1%" -> "to 4.1% from 3.2%",
    "passed the Senate … goes to the House" with the two swapped): each side's value is found on
    the other side, which would otherwise pass for text that only moved. Not a coordination
    ("Putin and Xi" -> "Xi and Putin")."""
    specific = [c for c in changes if c.kind == "altered" and (c.category in ("number", "date", "entity") or (
        c.category == "wording" and (c.a_text or "")[:1].isupper() and (c.b_text or "")[:1].isupper()))]  # "Ramond said"
    by_values = {(c.a_text, c.b_text): c for c in specific}
    out: set[int] = set()
    for c in specific:
        mate = by_values.get((c.b_text, c.a_text))
        if mate is None or mate is c:
            continue
        if c.a == mate.a:  # in one sentence: not when only "and" or a comma stands between them
            text = sa[c.a[0]]
            (p, x), (q, _) = sorted((text.find(v), v) for v in (c.a_text or "", mate.a_text or ""))
            if p >= 0 and _COORDINATION.fullmatch(text[p + len(x) : q]):
                continue
        out |= {id(c), id(mate)}
    return out


def _changes(a: Article, b: Article, alignments: list[Alignment], qa: list[QuoteSpan], qb: list[QuoteSpan],
             encoder: Encoder, cross: bool) -> list[Change]:
    sa, sb = _masked(a), _masked(b)
    quotes_a = [q.text for q in qa if q.direct]
    quotes_b = [q.text for q in qb if q.direct]
    in_quote_a = {k for q in qa if q.direct for k in q.sentences}
    out: list[Change] = []
    # Clause-level changes inside each alignment.
    if not cross:
        per_group = []
        for al in alignments:
            ch, unmatched = diff_alignment(
                SideText(al.a, tuple(sa[i] for i in al.a)), SideText(al.b, tuple(sb[j] for j in al.b)),
                a_quotes=quotes_a, b_quotes=quotes_b,
            )
            per_group.append((ch, unmatched))
        # A sentence shared by two alignments: an omission counts only if no group kept that text.
        groups_of: dict[int, list[set[int]]] = {}
        for al, (_, unmatched) in zip(alignments, per_group):
            for i in al.a:
                groups_of.setdefault(i, []).append(unmatched.get(i, set()))
        swaps = _exchanges([c for ch, _ in per_group for c in ch], sa)
        seen: set[tuple[str, str | None, str | None]] = set()
        for al, (ch, _) in zip(alignments, per_group):
            # the union of each sentence's (cached) keys: the same as the keys of the joined text
            near_a = frozenset().union(*(content_keys(sa[i]) for i in _around(al.a, len(sa))))
            near_b = frozenset().union(*(content_keys(sb[j]) for j in _around(al.b, len(sb))))
            for c in ch:
                # Text that only crossed a sentence boundary (a split or merge the
                # links missed) is neither dropped nor added.
                if c.kind == "added" and _inside(c.b_text, near_a):
                    continue
                if c.kind == "omitted" and _inside(c.a_text, near_b):
                    continue
                swapped = id(c) in swaps
                if swapped and c.category == "wording":
                    c = replace(c, category="entity")  # a name that starts its sentence, traded for another
                if c.kind == "altered" and _inside(c.a_text, near_b) and not swapped:
                    if _inside(c.b_text, near_a) or len(content_keys(c.b_text or "")) < 2:
                        continue
                    c = Change("added", categorise(c.b_text or ""), (), c.b, None, c.b_text,
                               f"added: “{c.b_text}”")
                if c.kind == "omitted":
                    i = c.a[0]
                    starts = {t.start for t in tokenize(sa[i]) if sa[i].find(c.a_text or "") <= t.start < sa[i].find(c.a_text or "") + len(c.a_text or "")}
                    if not all(starts <= u for u in groups_of.get(i, [])):
                        continue
                key = (c.kind, c.a_text, c.b_text)
                if key not in seen:
                    seen.add(key)
                    out.append(c)
        out = _drop_synonyms(out, encoder)
        out += _role_swaps(alignments, sa, sb, out)
    else:
        out.extend(translation_changes(a, b, alignments))
        out.extend(_untranslated(a, b, sa, sb, alignments, encoder, {c.a_text for c in out}))
    # Whole sentences omitted or added.
    aligned_a = {i for al in alignments for i in al.a}
    aligned_b = {j for al in alignments for j in al.b}
    for i, s in enumerate(sa):
        if i not in aligned_a and content_keys(s):
            cat = _sentence_category(s, i in in_quote_a)
            out.append(Change("omitted", cat, (i,), (), s, None, f"sentence dropped ({cat})"))
    for j, s in enumerate(sb):
        if j not in aligned_b and content_keys(s):
            cat = _sentence_category(s, False)
            out.append(Change("added", cat, (), (j,), None, s, f"sentence added ({cat})"))
    out.sort(key=lambda c: (min(c.a or c.b or (0,)) if c.a else 10**6 + min(c.b or (0,)), c.kind))
    return out


def _retitled(a: Article, b: Article, cross: bool) -> list[Change]:
    """The headline, when both sides have one in one language and its content words differ
    ("Carter used personal email at Pentagon" -> "Pentagon chief caught in email scandal"):
    a retitled copy frames the same text anew. Across languages a headline always reads
    differently, and one side without a headline says nothing (the page may have had one)."""
    if cross or not a.title or not b.title or content_keys(a.title) == content_keys(b.title):
        return []
    return [Change("altered", "heading", (), (), a.title, b.title, "the headline was changed")]


def _role_swaps(alignments: list[Alignment], sa: list[str], sb: list[str], found: list[Change]) -> list[Change]:
    """Two words of one sentence that trade places ("Russia accused Ukraine" -> "Ukraine accused
    Russia"), where the word diff saw only text that moved, or alterations it then dropped."""
    out = []
    for al in alignments:
        if len(al.a) != 1 or len(al.b) != 1 or (swap := swapped_roles(sa[al.a[0]], sb[al.b[0]])) is None:
            continue
        x, y = swap.first, swap.second
        if any(c.a == al.a and {c.a_text, c.b_text} == {x, y} for c in found):
            continue  # the diff already paired them ("Carter" -> "Cook")
        out.append(Change("altered", "role", al.a, al.b, sa[al.a[0]][slice(*swap.a_span)], sb[al.b[0]][slice(*swap.b_span)],
                          f"“{x}” and “{y}” trade places: who did what to whom changed"))
    return out


def _masked(article: Article) -> list[str]:
    """Sentence texts with the agency dateline blanked (same length), so it is never diffed."""
    texts = article.sentence_texts()
    line = (article.extra.get("dateline") or {}).get("text") if isinstance(article.extra.get("dateline"), dict) else None
    if line and texts and texts[0].startswith(line):
        texts[0] = " " * len(line) + texts[0][len(line):]
    return texts


def _quoted_shares(article: Article) -> tuple[float, ...]:
    return _quoted_shares_of(tuple(article.sentence_texts()), tuple(s.paragraph for s in article.sentences))


@lru_cache(maxsize=4096)
def _quoted_shares_of(texts: tuple[str, ...], paragraphs: tuple[int, ...]) -> tuple[float, ...]:
    # Cached: trace relates one article to several candidates.
    return tuple(quoted_shares(list(texts), list(paragraphs)))


def _around(indices: tuple[int, ...], n: int) -> list[int]:
    return sorted({k for i in indices for k in (i - 1, i, i + 1) if 0 <= k < n})


# Share of a changed span's content words found next door that makes it a
# boundary shift rather than a change.
BOUNDARY_SHIFT = 0.8


def _inside(text: str | None, keys: AbstractSet[str]) -> bool:
    own = content_keys(text or "")
    return bool(own) and len(own & keys) / len(own) >= BOUNDARY_SHIFT


def _sentence_category(s: str, in_quote: bool) -> str:
    if len(tokenize(s)) <= 10 and not re.search(r"[.!?:;\"»”。！？」』]\s*$", s):
        return "heading"
    if DISCLAIMER.search(s) and len(s.split()) <= 25:
        return "disclaimer"
    return "quote" if in_quote else "context"


def _untranslated(a: Article, b: Article, sa: list[str], sb: list[str], alignments: list[Alignment],
                  encoder: Encoder, reported: AbstractSet[str | None]) -> list[Change]:
    """Words of each aligned source sentence that no word of its translation answers to (``retold.wordalign``)."""
    if not (encoder.supports(a.language) and encoder.supports(b.language)):
        return []
    out = []
    for al in alignments:
        for u in untranslated([sa[i] for i in al.a], [sb[j] for j in al.b], a.language, b.language, encoder):
            i = al.a[u.sentence]
            span = sa[i][u.start:u.end]
            if span in reported:  # a number already reported by value
                continue
            out.append(Change("omitted", categorise(span), (i,), al.b, span, None,
                              f"not in the translation: “{span}” (no word of it answers to this; p = {u.probability:.2f})"))
    return out


def _same_words(a: Article, b: Article, al: Alignment) -> bool:
    """Whether the aligned sentences say the same words (case, punctuation, script and "40"/"forty" aside)."""
    wa = [k for i in al.a for k in word_keys(a.sentences[i].text)]
    return wa == [k for j in al.b for k in word_keys(b.sentences[j].text)]


def _kinds(a: Article, b: Article, alignments: list[Alignment], changes: list[Change]) -> list[Alignment]:
    out = []
    for al in alignments:
        if _same_words(a, b, al):
            kind = "identical"
        # a reworded span that is no near-synonym ("peaceful" -> "violent") alters the pair too
        elif any(set(c.a) & set(al.a) or set(c.b) & set(al.b) for c in changes
                 if c.category != "wording" or c.kind == "altered"):
            kind = "altered"
        else:
            kind = "paraphrase"
        out.append(Alignment(al.a, al.b, al.score, kind))  # type: ignore[arg-type]
    return out


def _graded(a: Article, b: Article, alignments: list[Alignment], encoder: Encoder,
            precise_encoder: PreciseEncoder, cross_lingual: bool, notes: list[str]) -> list[Alignment]:
    """Each alignment with its graded similarity (retold.similarity's precise model; IDF from the two articles).

    Only on request: the features and the e5 encodings cost ~25 ms a sentence,
    and even the USE-only model's features would add ~55 ms to a 1,000-word pair.
    """
    if not alignments:
        return alignments
    language = a.language if a.language != "und" else b.language
    if cross_lingual:
        notes.append("meaning not graded: the two articles are in different languages (the grade reads their words)")
        return alignments
    if language != "und" and not encoder.supports(language):
        notes.append(f"meaning not graded (language {language})")
        return alignments
    sa, sb = a.sentence_texts(), b.sentence_texts()
    pairs = [(" ".join(sa[i] for i in al.a), " ".join(sb[j] for j in al.b)) for al in alignments]
    x = encode_features(pairs, encoder, Idf.of(sa + sb), precise_encoder)
    return [replace(al, similarity=round(float(g), 4)) for al, g in zip(alignments, graded_similarity(x))]


def _match_quotes(qa: list[QuoteSpan], qb: list[QuoteSpan], encoder: Encoder,
                  alignments: Sequence[Alignment]) -> list[Quote]:
    linked = {(i, j) for al in alignments for i in al.a for j in al.b}
    score = np.zeros((len(qa), len(qb)))
    sem = np.zeros((len(qa), len(qb)))
    if qa and qb:
        v = encoder.encode([q.text for q in qa] + [q.text for q in qb])
        sem = v[: len(qa)] @ v[len(qa) :].T
        for x, q1 in enumerate(qa):
            for y, q2 in enumerate(qb):
                bonus = 0.15 if any((i, j) in linked for i in q1.sentences for j in q2.sentences) else 0.0
                score[x, y] = sem[x, y] + bonus
    out: list[Quote] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for x, y in sorted(np.ndindex(score.shape), key=lambda p: -score[p]):
        if score[x, y] < QUOTE_MATCH or x in used_a or y in used_b:
            continue
        used_a.add(x)
        used_b.add(y)
        # Matched on meaning plus the bonus for aligned sentences; reported as the meaning alone, in [0, 1].
        out.append(Quote(_side(qa[x]), _side(qb[y]), round(min(1.0, max(0.0, float(sem[x, y]))), 3)))
    out += [Quote(_side(q), None) for x, q in enumerate(qa) if x not in used_a]
    out += [Quote(None, _side(q)) for y, q in enumerate(qb) if y not in used_b]
    out.sort(key=lambda q: (q.a.sentence if q.a else 10**6, q.b.sentence if q.b else 10**6))
    return out


def _side(q: QuoteSpan) -> QuoteSide:
    return QuoteSide(q.sentences[0], q.text, q.speaker)


def _speakers(a: Article, b: Article, qa: list[QuoteSpan], qb: list[QuoteSpan]) -> list[Speaker]:
    # Only speakers of quotes: names merely next to a verb ("the United States
    # announced") were more often places and countries than people.
    names = [q.speaker for q in qa + qb if q.speaker and is_person_like(q.speaker)]
    groups = cluster_names(dict.fromkeys(n for n in names if name_tokens(n)))
    return [Speaker(g[0], tuple(g)) for g in groups]


def _mentions(article: Article) -> frozenset[str]:
    """Names (by their last token) and numbers an article mentions: cheap same-event evidence."""
    return _mentions_in(tuple(article.sentence_texts()))


@lru_cache(maxsize=4096)
def _mentions_in(sentences: tuple[str, ...]) -> frozenset[str]:
    # Cached: trace meets one article in several pairs.
    out: set[str] = set()
    for s in sentences:
        out.update(name_tokens(n)[-1][:5] for _, _, n in find_names(s) if name_tokens(n))
        out.update(figure_keys(s, min_digits=2))
    return frozenset(out)
