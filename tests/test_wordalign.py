"""Words a translation left out: token rows aligned across languages (retold.wordalign)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retold.compare import compare_articles
from retold.embed import get_encoder
from retold.ingest import build_article
from retold.wordalign import untranslated

DATA = Path(__file__).parent / "data"
EN = (DATA / "quake_en.txt").read_text(encoding="utf-8")
RU = (DATA / "quake_ru.txt").read_text(encoding="utf-8")


def test_token_rows_sum_to_the_sentence_vector() -> None:
    enc = get_encoder()
    model = enc._load()
    text = "The government announced on Tuesday that it would raise taxes on fuel."
    ids = model._sp.encode(text, add_bos=True, add_eos=True)
    rows = model._backend.token_rows([ids])[0]
    out = np.zeros((1, 512), dtype=np.float32)
    model._backend._head(rows.sum(axis=0, keepdims=True).astype(np.float32), np.array([len(ids)]), out)
    assert float(out[0] @ enc.encode([text])[0]) > 0.9999


def test_pieces_are_placed_in_the_text() -> None:
    text = "Губернатор Елена Маркес, 4:12 — «Мы делаем всё возможное»."
    tv = get_encoder().token_vectors([text])[0]
    placed = [text[p.start:p.end] for p in tv.pieces if p is not None]
    assert "".join(placed).replace(" ", "") == text.replace(" ", "")
    assert len(tv.rows) == len(tv.pieces) == len(tv.ids)


def test_words_align_with_their_translation() -> None:
    en = "The government promised financial aid to the families of the victims."
    de = "Die Regierung versprach den Familien der Opfer finanzielle Hilfe."
    tv_en, tv_de = get_encoder().token_vectors([en, de])
    sim = tv_en.rows @ tv_de.rows.T
    match = {}
    for k, p in enumerate(tv_en.pieces):
        q = tv_de.pieces[int(sim[k].argmax())]
        if p is not None and q is not None:
            match[en[p.start:p.end]] = de[q.start:q.end]
    assert match["government"] == "Regierung"
    assert match["families"] == "Familien"


def test_a_clause_the_translation_dropped_is_reported() -> None:
    dropped = RU.replace(" и пообещало финансовую помощь семьям погибших", "")
    c = compare_articles(build_article(EN), build_article(dropped), get_encoder())
    assert c.relation.kind == "translation"
    omitted = [ch.a_text or "" for ch in c.changes if ch.kind == "omitted"]
    assert any("promised financial aid" in t for t in omitted)
    # nothing reported in the five sentences translated in full
    assert all(ch.a == (5,) for ch in c.changes)


def test_a_faithful_translation_has_no_untranslated_words() -> None:
    en = build_article(EN)
    ru = build_article(RU)
    for i in range(6):
        assert untranslated([en.sentences[i].text], [ru.sentences[i].text], "en", "ru", get_encoder()) == []


def test_chinese_words_are_whole_words() -> None:
    zh = "欧盟峰会为难民政策争论，欧盟官员：接收过程步步瓶颈"
    found = untranslated([zh], ["EU summit debates refugee policy, EU officials: reception process bottleneck"],
                         "zh", "en", get_encoder())
    spans = [zh[u.start:u.end] for u in found]
    assert "步步" in spans  # "step by step", not translated: one word, both characters
    assert not any(w in s for s in spans for w in ("欧盟", "官员", "接收", "过程", "瓶颈"))


def test_sentences_in_one_batch_get_the_rows_they_get_alone() -> None:
    model = get_encoder()._load()
    texts = ["Die Regierung versprach Hilfe.", "A strong earthquake struck the coastal province of Valdora.", "步步"]
    ids = [model._sp.encode(t, add_bos=True, add_eos=True) for t in texts]
    together = model._backend.token_rows(ids)
    for one, rows in zip(ids, together):
        assert np.allclose(model._backend.token_rows([one])[0], rows, atol=1e-4)
