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
from collections.abc import Callable, Sequence
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
    # A thorough run scores again the pairs an earlier run settled on wording alone.
    known_all = store.pair_keys()
    known = store.pair_keys(skip_via=("wording",)) if settings.thorough else known_all
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
    n = len(reps)
    rep_hashes = np.concatenate(meta.hashes)[reps] if meta.hashes else np.zeros((0, 0), dtype=np.uint32)
    lexical = cand.lexical_arrays(rep_hashes, new_rows, settings.candidates, rep_dates)
    near = lexical[2] >= cand.NEAR_COPY
    crowds = cand.near_copies(list(zip(*(x[near].tolist() for x in lexical), strict=True)), rep_dates,
                              settings.candidates, new_rows, [previous.get(meta.ids[k]) for k in reps])
    shared = cand.shared_sentence_arrays([meta.sentences[k] for k in reps], new_rows, settings.candidates, rep_dates)
    tick("candidates", 2, 3)

    ids, matrix, kth = store.doc_vectors(cand.doc_vector_key(encoder))
    row_of = {i: r for r, i in enumerate(ids)}
    vec_rows = np.asarray([row_of[meta.ids[k]] for k in reps], dtype=np.int64)
    vectors, kth = matrix[vec_rows], kth[vec_rows]
    del matrix  # the representatives' copy is all that is needed: 205 MB at 100,000 articles
    semantic, kth_new = cand.semantic_arrays(vectors, new_rows, kth, settings.candidates, rep_dates)
    store.set_kth({meta.ids[reps[r]]: s for r, s in kth_new.items()})
    tick("candidates", 3, 3)

    # Every route's pairs as keys i * n + j (i < j), with via: 1 lexical, 2 semantic.
    pair = np.concatenate([lexical[0] * n + lexical[1], shared[0] * n + shared[1], semantic[0] * n + semantic[1]])
    via = np.concatenate([np.ones(len(lexical[0]) + len(shared[0]), dtype=np.int8),
                          np.full(len(semantic[0]), 2, dtype=np.int8)])
    known_keys = _known_keys(known, meta.ids, reps)
    own = pair // n != pair % n  # never a row with itself
    pair, via = pair[own], via[own]
    redundant = crowds.redundant_mask(pair // n, pair % n, n)
    skipped = np.unique(pair[redundant])
    report.near_copy_pairs = int((~np.isin(skipped, known_keys)).sum())
    pair, via = pair[~redundant], via[~redundant]
    order = np.argsort(pair, kind="stable")
    pair, via = pair[order], via[order]
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    pair, via = pair[starts], np.bitwise_or.reduceat(via, starts) if len(starts) else via[:0]
    report.lexical_pairs += int((via & 1).sum())
    report.semantic_pairs += int((via & 2).sum() // 2)

    lo, hi = pair // n, pair % n
    inside = cand.within_window_mask(rep_dates, lo, hi, settings.candidates.window_days)
    report.blocked_pairs += int((~inside).sum())
    done = np.isin(pair, known_keys) & inside
    report.already_compared += int(done.sum())
    todo_rows = inside & ~done
    todo: list[Candidate] = []
    for ri, rj in zip(lo[todo_rows].tolist(), hi[todo_rows].tolist(), strict=True):
        a, b = sorted((meta.ids[reps[ri]], meta.ids[reps[rj]]))
        todo.append(Candidate(a, b, float(vectors[ri] @ vectors[rj])))
    if settings.thorough:
        # Candidates come from new articles only: the pairs an earlier run settled on
        # wording alone are taken from the store, to be scored with sentence vectors.
        queued = {(c.a, c.b) for c in todo}
        rep_row = {meta.ids[k]: r for r, k in enumerate(reps)}
        for a, b in sorted(known_all - known):
            if (a, b) not in queued and a in rep_row and b in rep_row:
                todo.append(Candidate(a, b, float(vectors[rep_row[a]] @ vectors[rep_row[b]])))
    report.candidate_pairs = len(todo) + report.already_compared
    return copies, todo


def _known_keys(known: set[tuple[str, str]], ids: Sequence[str], reps: Sequence[int]) -> np.ndarray:
    """The stored pairs among the representatives, as sorted keys i * n + j (i < j rows)."""
    n = len(reps)
    row = {ids[k]: r for r, k in enumerate(reps)}
    keys = [min(row[a], row[b]) * n + max(row[a], row[b]) for a, b in known if a in row and b in row]
    return np.sort(np.asarray(keys, dtype=np.int64))



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
        done.append(PairRow(pair.a, pair.b, rel.kind, rel.source, float(rel.confidence), tuple(rel.evidence),
                            "compare" if vectors else "wording"))
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
