"""``retold trace``: find every retelling in a store and group them into stories.

The pipeline, one stage function each, all incremental (a second run only
does the work that new articles bring):

1. ``read``: stream the articles once: text keys for exact copies, MinHash
   signatures, and document vectors for articles that have none yet;
2. ``candidates``: exact copies linked to one representative without a
   comparison; near-duplicates (MinHash LSH) and semantic / cross-lingual
   neighbours (faiss) of the *new* representatives; the time window; pairs
   already compared dropped;
3. ``compare``: each candidate pair's relation (``score_pair``): aligned on
   wording first, with sentence vectors only where wording cannot settle it
   (one encoder, so vectors are cached across pairs); results stored as they
   come, so an interrupted run keeps its work;
4. ``stories``: clustering with stable ids, and each story's root from its
   provenance graph.

Progress is reported through one callback, ``progress(stage, done, total)``.

    >>> from retold.collection import Store
    >>> trace(Store(memory=True)).articles
    0
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from retold.collection import candidates as cand
from retold.collection.graph import build_graph, story_root
from retold.collection.stories import SAME_EVENT_LINK, cluster
from retold.collection.store import Outline, PairRow, Store
from retold.compare import WORDING_KINDS, relate
from retold.embed import Encoder, get_encoder
from retold.models import Article, Relation

STAGES = ("read", "candidates", "compare", "stories")
Progress = Callable[[str, int, int], None]
# Articles read, encoded and written per batch in the read stage.
BATCH = 256
# Pairs compared between two writes to the store.
WRITE_EVERY = 100
# A same-language pair whose wording covers at least this share of one side
# (but not enough for a rewrite) may be a paraphrasing retelling: it gets
# sentence vectors. Below it, shared wording is names and stock phrases.
ESCALATE_COVERAGE = 0.25
# Articles kept in memory while comparing; pairs are sorted so one article's
# pairs come together and it is loaded once.
ARTICLE_CACHE = 512


@dataclass(frozen=True, slots=True)
class TraceSettings:
    """Settings of one trace run: candidate generation plus story linking."""

    candidates: cand.CandidateSettings = field(default_factory=cand.CandidateSettings)
    same_event_link: float = SAME_EVENT_LINK
    # Score every pair with sentence vectors, not only those wording cannot settle.
    thorough: bool = False


@dataclass(slots=True)
class TraceReport:
    """What a trace run did, for the closing summary."""

    articles: int = 0
    new_articles: int = 0
    exact_copies: int = 0
    candidate_pairs: int = 0
    lexical_pairs: int = 0
    semantic_pairs: int = 0
    blocked_pairs: int = 0
    near_copy_pairs: int = 0  # near-copies of near-copies, not compared (see candidates.near_copies)
    already_compared: int = 0
    compared: int = 0
    escalated: int = 0  # pairs that needed sentence vectors
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (a, b, reason)
    stories: int = 0
    multi_article_stories: int = 0
    unsupported: dict[str, int] = field(default_factory=dict)  # language → articles
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    def notes(self) -> list[str]:
        """Human-readable remarks for the summary (languages the encoder lacks, failures)."""
        out = []
        if self.unsupported:
            langs = ", ".join(f"{k}: {v}" for k, v in sorted(self.unsupported.items()))
            out.append(
                f"{sum(self.unsupported.values())} article(s) in languages the sentence encoder "
                f"does not cover ({langs}): linked by wording only"
            )
        if self.near_copy_pairs:
            out.append(f"{self.near_copy_pairs:,} pair(s) of near-copies in crowds were not compared: "
                       "each near-copy was compared with its earliest near-copy instead")
        if self.failed:
            out.append(f"{len(self.failed)} pair(s) could not be compared")
        return out


@dataclass(slots=True)
class _Meta:
    """What the read stage keeps per article (no text)."""

    ids: list[str] = field(default_factory=list)
    published: list[datetime | None] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    hashes: list[np.ndarray] = field(default_factory=list)  # MinHash rows, one matrix per batch
    sentences: list[np.ndarray] = field(default_factory=list)  # sentence hashes


def trace(
    store: Store,
    *,
    encoder: Encoder | None = None,
    settings: TraceSettings | None = None,
    progress: Progress | None = None,
) -> TraceReport:
    """Trace every story in ``store``: candidates → comparisons → stories; return the report.

        >>> with Store("retold.db") as store:                       # doctest: +SKIP
        ...     report = trace(store)
        >>> report.compared, report.stories                         # doctest: +SKIP
        (14, 5)
    """
    settings = settings or TraceSettings()
    report = TraceReport()
    started = time.perf_counter()
    tick = _Ticker(report, progress)
    total = store.count_articles()
    report.articles = total
    if total == 0:
        report.seconds = time.perf_counter() - started
        return report
    encoder = encoder or get_encoder()
    previous = store.story_assignment()

    meta = read_stage(store, encoder, settings, tick, total)
    tick.done("read")
    report.new_articles = sum(1 for i in meta.ids if i not in previous)
    for lang in meta.languages:
        if lang != "und" and not encoder.supports(lang):
            report.unsupported[lang] = report.unsupported.get(lang, 0) + 1

    copies, todo = candidate_stage(store, encoder, meta, previous, settings, report, tick)
    store.add_pairs(copies)
    tick.done("candidates")

    compare_stage(store, encoder, todo, settings, report, tick)
    tick.done("compare")

    story_stage(store, meta, previous, settings, report, tick)
    tick.done("stories")
    report.seconds = time.perf_counter() - started
    store.set_trace_state(
        "last_run",
        {
            "finished": datetime.now().astimezone().isoformat(),
            "articles": report.articles,
            "compared": report.compared,
            "stories": report.stories,
            "seconds": round(report.seconds, 2),
        },
    )
    return report


class _Ticker:
    """Stage timings and the progress callback in one place."""

    def __init__(self, report: TraceReport, progress: Progress | None) -> None:
        self.report, self.progress = report, progress
        self.mark = time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def done(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.stage_seconds[stage] = round(now - self.mark, 3)
        self.mark = now


def read_stage(store: Store, encoder: Encoder, settings: TraceSettings, tick: _Ticker, total: int) -> _Meta:
    """Stream all articles: keep ids, dates and fingerprints; add missing document vectors."""
    key = cand.doc_vector_key(encoder)
    have = store.doc_vector_ids(key)
    meta = _Meta()
    batch: list[Outline] = []

    def flush() -> None:
        prints = cand.fingerprints([a.sentence_texts() or [a.text] for a in batch], settings.candidates)
        meta.keys.extend(prints.keys)
        meta.hashes.append(prints.minhashes)
        meta.sentences.extend(prints.sentences)
        missing = [a for a in batch if a.id not in have]
        if missing:
            store.put_doc_vectors([a.id for a in missing], cand.doc_vectors(missing, encoder), key)
        tick("read", len(meta.ids), total)
        batch.clear()

    for article in store.iter_outlines(batch=BATCH):
        meta.ids.append(article.id)
        meta.published.append(article.published)
        meta.languages.append(article.language)
        batch.append(article)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return meta


def _when(d: datetime | None) -> str:
    if d is None:
        return "~"  # sorts after any ISO date: undated articles are never preferred as originals
    return d.isoformat() if d.tzinfo else d.isoformat() + "+00:00"


def candidate_stage(
    store: Store,
    encoder: Encoder,
    meta: _Meta,
    previous: dict[str, str],
    settings: TraceSettings,
    report: TraceReport,
    tick: _Ticker,
) -> tuple[list[PairRow], list[Candidate]]:
    """Copy pairs (no comparison needed) and the pairs to score."""
    known = store.pair_keys()
    # Exact copies: one representative per text key, the earliest published.
    groups: dict[str, list[int]] = {}
    for k, key in enumerate(meta.keys):
        groups.setdefault(key or f"#{k}", []).append(k)  # no words, no key: nobody's copy
    reps: list[int] = []
    copies: list[PairRow] = []
    for members in groups.values():
        members.sort(key=lambda k: (_when(meta.published[k]), k))
        rep = members[0]
        reps.append(rep)
        for k in members[1:]:
            a, b = sorted((meta.ids[rep], meta.ids[k]))
            if (a, b) in known:
                continue
            report.exact_copies += 1
            copies.append(
                PairRow(a, b, "copy", "a" if a == meta.ids[rep] else "b", 0.99,
                        ("identical text (same normalised content hash)",), "content-hash")
            )
    reps.sort()
    tick("candidates", 1, 3)

    new_rows = [r for r, k in enumerate(reps) if meta.ids[k] not in previous]
    rep_dates = [meta.published[k] for k in reps]
    found = cand.Candidates()
    rep_hashes = np.concatenate(meta.hashes)[reps] if meta.hashes else np.zeros((0, 0), dtype=np.uint32)
    lexical = cand.lexical_pairs(rep_hashes, new_rows, settings.candidates, rep_dates)
    crowds = cand.near_copies(lexical, rep_dates, settings.candidates, new_rows,
                              [previous.get(meta.ids[k]) for k in reps])
    skipped: set[int] = set()  # i * len(reps) + j

    def add(i: int, j: int, why: str) -> None:
        if not crowds.redundant(i, j):
            found.add(i, j, why)
        elif tuple(sorted((meta.ids[reps[i]], meta.ids[reps[j]]))) not in known:
            skipped.add(min(i, j) * len(reps) + max(i, j))

    for i, j, _ in lexical:
        add(i, j, "lexical")
    for i, j, _ in cand.shared_sentence_pairs([meta.sentences[k] for k in reps], new_rows, settings.candidates,
                                              rep_dates):
        add(i, j, "lexical")
    tick("candidates", 2, 3)

    ids, matrix, kth = store.doc_vectors(cand.doc_vector_key(encoder))
    row_of = {i: r for r, i in enumerate(ids)}
    vec_rows = np.asarray([row_of[meta.ids[k]] for k in reps], dtype=np.int64)
    vectors, kth = matrix[vec_rows], kth[vec_rows]
    del matrix  # the representatives' copy is all that is needed: 205 MB at 100,000 articles
    pairs, kth_new = cand.semantic_pairs(vectors, new_rows, kth, settings.candidates, rep_dates)
    for i, j, _ in pairs:
        add(i, j, "semantic")
    report.near_copy_pairs = len(skipped)
    store.set_kth({meta.ids[reps[r]]: s for r, s in kth_new.items()})
    tick("candidates", 3, 3)

    todo: list[Candidate] = []
    for (i, j), why in sorted(found.pairs.items()):
        ki, kj = reps[i], reps[j]
        report.lexical_pairs += "lexical" in why
        report.semantic_pairs += "semantic" in why
        if not cand.within_window(meta.published[ki], meta.published[kj], settings.candidates.window_days):
            report.blocked_pairs += 1
            continue
        a, b = sorted((meta.ids[ki], meta.ids[kj]))
        if (a, b) in known:
            report.already_compared += 1
            continue
        todo.append(Candidate(a, b, float(vectors[i] @ vectors[j])))
    report.candidate_pairs = len(todo) + report.already_compared
    return copies, todo


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair to score, ``a < b``, with its document-vector cosine."""

    a: str
    b: str
    cosine: float


def score_pair(
    a: Article, b: Article, cosine: float, encoder: Encoder, settings: TraceSettings
) -> tuple[Relation, bool]:
    """The relation of one candidate pair, and whether it took sentence vectors.

    Same-language pairs are first aligned on wording alone (milliseconds). That
    settles copies, rewrites and partial reuse, and pairs that share too little
    wording to be a retelling: those are same-event or unrelated by the test
    the full alignment makes too (document similarity and shared names), here
    on title-and-lead vectors by the full model. Only
    translations, and close documents with some shared wording but not enough
    (a paraphrasing rewrite), get the alignment with sentence vectors.
    """
    if not settings.thorough and a.language == b.language:
        exact = None
        if (a.language or "").lower() not in cand.FULL_LANGUAGES and encoder.supports(a.language):
            # a bag-of-pieces cosine runs a little low (BASIL same-event median
            # 0.70 vs 0.74): where the decision rests on it, the model's own
            def exact() -> float:
                va, vb = cand.full_doc_vectors([a, b], encoder)
                return float(va @ vb)
        rel, cov = relate(a, b, None, cosine, exact)
        cosine = cov.doc_similarity
        unsure = max(cov.a_aligned, cov.b_aligned) >= ESCALATE_COVERAGE and cosine >= settings.same_event_link
        if rel.kind in WORDING_KINDS or not unsure:
            return rel, False
    return relate(a, b, encoder)[0], True


def compare_stage(
    store: Store, encoder: Encoder, todo: list[Candidate], settings: TraceSettings, report: TraceReport, tick: _Ticker
) -> None:
    """Score each pair and store its relation; a pair that fails is counted with its reason."""
    cache: OrderedDict[str, Article] = OrderedDict()

    def load(article_id: str) -> Article:
        if article_id in cache:
            cache.move_to_end(article_id)
            return cache[article_id]
        article = store.get_article(article_id)
        cache[article_id] = article
        if len(cache) > ARTICLE_CACHE:
            cache.popitem(last=False)
        return article

    done: list[PairRow] = []
    for n, pair in enumerate(todo, 1):
        try:
            rel, vectors = score_pair(load(pair.a), load(pair.b), pair.cosine, encoder, settings)
        except Exception as e:  # noqa: BLE001 - one bad pair must not stop a batch run
            report.failed.append((pair.a, pair.b, f"{type(e).__name__}: {e}"))
            continue
        done.append(PairRow(pair.a, pair.b, rel.kind, rel.source, float(rel.confidence), tuple(rel.evidence)))
        report.compared += 1
        report.escalated += vectors
        if len(done) >= WRITE_EVERY:
            store.add_pairs(done)
            done.clear()
        tick("compare", n, len(todo))
    store.add_pairs(done)


def story_stage(
    store: Store,
    meta: _Meta,
    previous: dict[str, str],
    settings: TraceSettings,
    report: TraceReport,
    tick: _Ticker,
) -> None:
    """Cluster into stories with stable ids; find each multi-article story's root."""
    pairs = store.iter_pairs()
    when = {i: _when(p) for i, p in zip(meta.ids, meta.published, strict=True)}
    assignment = cluster(
        meta.ids,
        [(p.a, p.b, p.kind, p.confidence) for p in pairs],
        previous,
        store.story_created(),
        order=lambda i: (when[i], i),
        same_event_link=settings.same_event_link,
    )
    members: dict[str, list[str]] = {}
    for article_id, sid in assignment.items():
        members.setdefault(sid, []).append(article_id)
    by_article: dict[str, list[PairRow]] = {}
    for p in pairs:
        by_article.setdefault(p.a, []).append(p)
    roots: dict[str, str | None] = {}
    for n, (sid, ids) in enumerate(members.items(), 1):
        if len(ids) == 1:
            roots[sid] = ids[0]
            continue
        inside = set(ids)
        story_pairs = [p for i in ids for p in by_article.get(i, []) if p.b in inside]
        g = build_graph([{"id": i, "published": "" if when[i] == "~" else when[i]} for i in ids], story_pairs)
        roots[sid] = story_root(g)
        tick("stories", n, len(members))
    store.save_stories(assignment, roots)
    report.stories = len(members)
    report.multi_article_stories = sum(1 for ids in members.values() if len(ids) > 1)
