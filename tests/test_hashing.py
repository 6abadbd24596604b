"""The numpy word hashing behind candidate fingerprints: same words as a regex, real MinHash estimates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from retold.collection.candidates import fingerprints, lexical_pairs, minhashes
from retold.collection.hashing import shingle_hashes, word_hashes
from retold.text.tokens import tokenize

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORD = re.compile(r"\w+")


def _texts() -> list[str]:
    """The seed pair and the demo collection's articles (en, ru, ar, fr, de)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]
    lines = (EXAMPLES / "collection" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return texts + [json.loads(line)["text"] for line in lines if line.strip()]


def test_words_are_the_regex_words_in_every_script():
    texts = _texts()
    assert any(re.search("[\u0400-\u04ff]", t) for t in texts) and any(re.search("[\u0600-\u06ff]", t) for t in texts)
    h, text = word_hashes(texts)
    expected = [w for t in texts for w in WORD.findall(t.lower())]
    assert len(h) == len(expected)
    assert np.bincount(text, minlength=len(texts)).tolist() == [len(WORD.findall(t.lower())) for t in texts]
    # equal words hash equal, different words differ: hashes and words are one-to-one
    pairs = set(zip(h.tolist(), expected, strict=True))
    assert len(pairs) == len(set(expected)) == len(set(h.tolist()))
    # a word hashes the same alone as inside a text
    alone, _ = word_hashes([expected[5]])
    assert alone[0] == h[5]


def test_combining_marks_stay_inside_a_word():
    h, _ = word_hashes(["नमस्ते दुनिया"])  # \w+ would cut both Hindi words at their vowel signs
    assert len(h) == 2


def test_shingles_per_text_and_short_texts():
    h, text = word_hashes(["one two three four", "alpha beta", ""])
    sh, group = shingle_hashes(h, text, 3, 3)
    assert group.tolist() == [0, 0, 1, 2]  # two 3-grams; a short text is one shingle; an empty one too
    assert len(set(sh.tolist())) == 4


def test_minhash_estimates_the_shingle_jaccard():
    tass = (EXAMPLES / "seed-pair" / "tass.txt").read_text(encoding="utf-8")
    words = tass.split()
    variants = [" ".join(words[:k]) for k in (len(words), len(words) * 3 // 4, len(words) // 2)]
    m = minhashes(variants)

    def shingles(t: str) -> set[tuple[str, ...]]:
        w = WORD.findall(t.lower())
        return set(zip(w, w[1:], w[2:]))

    full = shingles(variants[0])
    for k in (1, 2):
        true = len(full & shingles(variants[k])) / len(full | shingles(variants[k]))
        estimate = float((m[0] == m[k]).mean())
        assert abs(estimate - true) < 0.12, (k, true, estimate)
    found = {(i, j) for i, j, _ in lexical_pairs(m)}
    assert (0, 1) in found  # Jaccard ~0.75: always an LSH candidate


def test_fingerprints_of_an_article_without_words():
    prints = fingerprints([["..."], ["The envoy said the troops will leave Iraq within a year or so."]])
    assert prints.keys[0] != prints.keys[1]
    assert len(prints.sentences[0]) == 0 and len(prints.sentences[1]) == 1
    assert prints.minhashes.shape == (2, 128)


def test_a_text_holding_the_separator_does_not_shift_the_others():
    h, text = word_hashes(["alpha\x00beta", "gamma"])
    assert text.tolist() == [0, 0, 1]
    assert h[2] == word_hashes(["gamma"])[0][0]


def test_emoji_are_not_words_but_astral_letters_are():
    h, _ = word_hashes(["hello 😀 world", "hello world", "𠀀𠀁 word"])
    assert len(h) == 7  # 2 + 2 + each astral ideograph (a word by itself) and "word"
    prints = fingerprints([["Great news for the port 😀"], ["Great news for the port"]])
    assert prints.keys[0] == prints.keys[1]


def test_chinese_and_japanese_split_into_characters_as_tokenize_does():
    # no spaces between words: a clause is not one word, or a changed character would change every shingle of it
    texts = ["新加坡旅游局周三公布，国际旅客达到630万人次。", "トムは東京に住んでいます。"]
    h, _ = word_hashes(texts)
    assert len(h) == sum(len(tokenize(t)) for t in texts) == 20 + 11
    a, _ = word_hashes(["国际旅客"])
    b, _ = word_hashes(["旅客国际"])
    assert sorted(a.tolist()) == sorted(b.tolist()) and a.tolist() != b.tolist()


def test_articles_without_words_have_no_copy_key():
    prints = fingerprints([["... !!!"], ["— —"], ["Grain prices fell sharply on Monday."]])
    assert prints.keys[:2] == ["", ""] and prints.keys[2]


def test_lexical_pairs_of_near_copies_only_for_the_rows_asked():
    base = ("The port authority said about 2,400 dockworkers walked off the job on Monday in protest "
            "against plans to automate three container terminals at the harbour")
    texts = [f"{base}, report number {k} said." for k in range(120)]
    m = minhashes(texts)
    everything = lexical_pairs(m)
    assert len(everything) == 120 * 119 // 2  # all near-copies of each other
    asked = lexical_pairs(m, query=[7])
    assert sorted((i, j) for i, j, _ in asked) == sorted((min(7, k), max(7, k)) for k in range(120) if k != 7)
    assert all(s >= 0.5 for _, _, s in asked)


def _components(rows: set[int], edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    part = {r: {r} for r in rows}
    for i, j in edges:
        if part[i] is not part[j]:
            merged = part[i] | part[j]
            for r in merged:
                part[r] = merged
    return {frozenset(p) for p in part.values()}


def test_crowds_keep_the_pairs_that_join_them():
    """Two crowds of near-copies (rows 0-9 and 10-19) that meet only through rows 9 and 10.

    Every row's earliest near-copy is inside its own crowd (rows 0 and 10 are the
    earliest of each), so earliest-neighbour links alone would leave two parts.
    """
    from datetime import UTC, datetime, timedelta

    from retold.collection.candidates import near_copies

    start = datetime(2024, 1, 1, tzinfo=UTC)
    published = [start + timedelta(hours=h) for h in range(10)] + [start + timedelta(hours=h, minutes=30) for h in range(10)]
    pairs = [(i, j, 0.9) for base in (0, 10) for i in range(base, base + 10) for j in range(i + 1, base + 10)]
    pairs.append((9, 10, 0.85))
    crowd = near_copies(pairs, published)
    kept = [(i, j) for i, j, _ in pairs if not crowd.redundant(i, j)]
    assert _components(set(range(20)), kept) == {frozenset(range(20))}
    assert (9, 10) in kept and len(kept) == 19  # a star in each crowd and the one bridge
    i, j = np.array([p[1] for p in pairs]), np.array([p[0] for p in pairs])  # either order
    assert crowd.redundant_mask(i, j, 20).tolist() == [crowd.redundant(a, b) for a, b in zip(i, j)]
    # an incremental run that asks only about crowd two (crowd one is a story already, its links
    # stored) and sees only the pairs with an asked row: crowd two's star and the one bridge
    seen = [(i, j, s) for i, j, s in pairs if j >= 10]
    again = near_copies(seen, published, asked=range(10, 20), parts=["s1"] * 10 + [None] * 10)
    kept_again = [(i, j) for i, j, _ in seen if not again.redundant(i, j)]
    assert (9, 10) in kept_again and len(kept_again) == 10


def test_an_incremental_run_does_not_bridge_rows_its_story_already_joins():
    """Ten stored near-copies (one story) and ten new ones, each new one near every stored one."""
    from datetime import UTC, datetime, timedelta

    from retold.collection.candidates import near_copies

    published = [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=m) for m in range(20)]
    seen = [(i, j, 0.9) for j in range(10, 20) for i in range(j)]  # every pair with a new row
    kept = lambda crowd: [(i, j) for i, j, _ in seen if not crowd.redundant(i, j)]  # noqa: E731
    with_story = near_copies(seen, published, asked=range(10, 20), parts=["s1"] * 10 + [None] * 10)
    assert kept(with_story) == [(0, j) for j in range(10, 20)]  # each new copy with the earliest, once
    blind = near_copies(seen, published, asked=range(10, 20))  # the stored rows look apart
    assert len(kept(blind)) == 19


def test_window_mask_agrees_with_within_window():
    import random
    from datetime import UTC, datetime, timedelta

    from retold.collection.candidates import within_window, within_window_mask

    rng = random.Random(7)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    dates = [None if rng.random() < 0.2 else start + timedelta(days=rng.uniform(0, 40)) for _ in range(60)]
    dates[3] = start + timedelta(days=14)  # exactly on the window's edge from dates[4]
    dates[4] = start
    i, j = np.array([rng.randrange(60) for _ in range(500)] + [3]), np.array([rng.randrange(60) for _ in range(500)] + [4])
    mask = within_window_mask(dates, i, j, 14)
    assert mask.tolist() == [within_window(dates[a], dates[b], 14) for a, b in zip(i, j)]
    assert not mask.all() and mask.any()
