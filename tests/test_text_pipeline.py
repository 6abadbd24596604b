"""Normalisation, cleaning, sentence splitting and language identification on real text."""

from __future__ import annotations

from retold.text.clean import clean, find_dateline
from retold.text.language import detect_language, detect_languages, sentence_languages
from retold.text.normalize import normalize
from retold.text.sentences import split_sentences

ARABIC = (
    "قال المبعوث الروسي إلى سوريا ألكسندر لافرنتييف إن لدى روسيا أدلة على استعداد الولايات المتحدة "
    "لسحب قواتها من العراق. وأضاف أن هذه العملية قد تستغرق وقتا طويلا، وربما سنوات. "
    "هل ستنسحب القوات الأمريكية من سوريا أيضا؟ "
    "لم يحدد المسؤولون موعدا لبدء المحادثات۔"
)
RUSSIAN = (
    "Спецпредставитель президента России по сирийскому урегулированию Александр Лаврентьев "
    "заявил, что у Москвы есть данные о готовности США начать вывод войск из Ирака. "
    "Встреча прошла в Астане 25 января 2024 г. в рамках международного формата. "
    "Сможет ли Вашингтон договориться с Багдадом? "
    "По его словам, «американцы легко заходят в страны, но уходят оттуда с трудом»."
)


def spans_text(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_normalize_maps_every_char_back_to_the_original() -> None:
    original = "“Yes,”\u00a0\u00a0he said\u200b — in\u00adformation…\tok"
    out, offsets = normalize(original)
    assert out == '"Yes," he said - information... ok'
    assert len(offsets) == len(out)
    assert offsets == sorted(offsets)
    # The straight quote at 0 comes from the curly one; "information" skips the soft hyphen.
    assert original[offsets[0]] == "“"
    i = out.index("information")
    assert original[offsets[i] : offsets[i + len("information") - 1] + 1] == "in\u00adformation"


def test_normalize_composes_decomposed_text() -> None:
    out, offsets = normalize("Cafe\u0301 au lait")
    assert out == "Café au lait"
    assert len(offsets) == len(out)
    assert offsets[4] == 5  # the space after the two-code-point "é"


def test_clean_removes_debris_lines_and_keeps_offsets() -> None:
    original = (
        "Envoy says talks will go on\n\n"
        "Share on Facebook | Twitter\n"
        "We use cookies to improve your experience. Accept all cookies\n"
        "MOSCOW, May 2 (Reuters) - The envoy said the talks would go on.\n"
        "Read more: Envoy visits Ankara\n"
        "Subscribe to our newsletter\n"
        "He did not say for how long.\n"
    )
    c = clean(original)
    assert c.title == "Envoy says talks will go on"
    assert c.text == "MOSCOW, May 2 (Reuters) - The envoy said the talks would go on.\n\nHe did not say for how long."
    assert c.dateline is not None and c.dateline.agency == "Reuters" and c.dateline.place == "MOSCOW"
    s, e = c.original_span(0, len(c.text))
    assert original[s:e].startswith("MOSCOW, May 2") and original[s:e].endswith("for how long.")


def test_clean_keeps_a_paragraph_that_only_mentions_cookies_and_translation() -> None:
    text = (
        "In a report translated by the Maalouma agency, the minister said the cookie factory "
        "would close. Read more about it in the full report, he added."
    )
    assert clean(text).text == text


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    text = (
        "The Russian envoy to Syria said on Thursday that Moscow had\n"
        "evidence that the United States was ready to begin withdrawing\n"
        "its forces from Iraq, but that the process could take years.\n"
        "\n"
        "Talks with Baghdad on the future of the coalition are expected\n"
        "to begin next month, officials in Washington said on Friday.\n"
    )
    c = clean(text)
    assert len(c.paragraphs) == 2
    assert spans_text(c.text) == [
        "The Russian envoy to Syria said on Thursday that Moscow had evidence that the United States "
        "was ready to begin withdrawing its forces from Iraq, but that the process could take years.",
        "Talks with Baghdad on the future of the coalition are expected to begin next month, "
        "officials in Washington said on Friday.",
    ]


def test_datelines_of_several_agencies() -> None:
    cases = {
        "ASTANA, January 25. /TASS/. Russia has evidence": ("ASTANA", "January 25", "TASS"),
        "МОСКВА, 25 января. /ТАСС/. Россия располагает": ("МОСКВА", "25 января", "TASS"),
        "WASHINGTON (AP) — The United States": ("WASHINGTON", None, "AP"),
        "BEIJING, Jan. 25 (Xinhua) -- China said": ("BEIJING", "Jan. 25", "Xinhua"),
        "МОСКВА, 25 янв — РИА Новости. Российский": ("МОСКВА", "25 янв", "RIA Novosti"),
    }
    for line, (place, date, agency) in cases.items():
        d = find_dateline(line)
        assert d is not None, line
        assert (d.place, d.date, d.agency) == (place, date, agency)
    assert find_dateline("The envoy (TASS) said") is None
    assert find_dateline("Earlier, Reuters, citing sources, reported") is None


def test_sentences_abbreviations_quotes_and_headings() -> None:
    text = (
        "Outlook for pullout of foreign forces from Iraq\n"
        "Mr. Smith arrived in the U.S. on Jan. 5 with Dr. Jones. "
        '"This process may last long, even years." said Lavrentyev. '
        '"It is hard," he said. Mr. Brown agreed. '
        "Reps. Steny Hoyer and Jim Clyburn kept their jobs. Sens. John Thune and Joni Ernst agreed."
    )
    assert spans_text(text) == [
        "Outlook for pullout of foreign forces from Iraq",
        "Mr. Smith arrived in the U.S. on Jan. 5 with Dr. Jones.",
        '"This process may last long, even years." said Lavrentyev.',
        '"It is hard," he said.',
        "Mr. Brown agreed.",
        "Reps. Steny Hoyer and Jim Clyburn kept their jobs.",
        "Sens. John Thune and Joni Ernst agreed.",
    ]


def test_russian_paragraph_segmented_and_tagged() -> None:
    sentences = spans_text(RUSSIAN)
    assert sentences == [
        "Спецпредставитель президента России по сирийскому урегулированию Александр Лаврентьев "
        "заявил, что у Москвы есть данные о готовности США начать вывод войск из Ирака.",
        "Встреча прошла в Астане 25 января 2024 г. в рамках международного формата.",
        "Сможет ли Вашингтон договориться с Багдадом?",
        "По его словам, «американцы легко заходят в страны, но уходят оттуда с трудом».",
    ]
    assert detect_languages(sentences) == ["ru"] * 4
    assert spans_text("Он живёт в г. Москве на ул. Ленина, т.е. в центре. Музей им. Пушкина открыт.") == [
        "Он живёт в г. Москве на ул. Ленина, т.е. в центре.",
        "Музей им. Пушкина открыт.",
    ]


def test_arabic_paragraph_segmented_and_tagged() -> None:
    sentences = spans_text(ARABIC)
    assert len(sentences) == 4
    assert sentences[2] == "هل ستنسحب القوات الأمريكية من سوريا أيضا؟"
    assert sentences[3].endswith("۔")
    assert detect_language(ARABIC) == "ar"
    assert detect_languages(sentences[:3]) == ["ar", "ar", "ar"]


def test_language_und_for_short_text_and_sentence_inheritance() -> None:
    assert detect_language("OK 12") == "und"
    assert detect_language("") == "und"
    sentences = ["He said:", RUSSIAN.split(". ")[0], "It is difficult to judge how realistic this is."]
    assert sentence_languages(sentences, "en", "It is difficult to judge") == ["en", "ru", "en"]


def test_numbers_are_values_however_a_language_writes_them() -> None:
    from retold.text.numbers import quantities
    from retold.text.tokens import tokenize

    def values(text: str, language: str) -> list[str]:
        return [f"{q.value:f}" for q in quantities(text, language)]

    assert values("More than 2,000 residents; magnitude 6.8", "en") == ["2000", "6.8"]
    assert values("Более 2 000 жителей; магнитудой 6,8", "ru") == ["2000", "6.8"]
    assert values("Mehr als 2.000 Menschen; 1,5 Mrd. Euro", "de") == ["2000", "1500000000"]
    assert values("6.3 million visitors, $13.8bn", "en") == values("630万人次，138亿新元", "zh") == ["6300000", "13800000000"]
    assert values("in 2019 500 people", "ru") == ["2019", "500"]  # a space groups only 3 digits after 1-3
    assert values("5 bin kişi", "tr") == ["5000"] and values("5 bin bags", "en") == ["5"]
    assert values("İSTANBUL'DA 5 MİLYON KİŞİ", "tr") == ["5000000"]  # Turkish capitals fold to the table's words
    assert values("1 234,5 млн", "ru") == ["1234500000"] and values("30千米, 5千人", "zh") == ["30", "5000"]
    assert values("10.000 und 0.125", "und") == ["10000", "0.125"]
    # one token, one key: "6.3" is not "6" and "3", and "2,000" matches "2000"
    assert [(t.text, t.key) for t in tokenize("6.3 or 2,000 or 1.234,5")] == [
        ("6.3", "6.3"), ("or", "or"), ("2,000", "2000"), ("or", "or"), ("1.234,5", "1234.5")]


def test_german_abbreviations_and_day_ordinals_do_not_end_sentences() -> None:
    from retold.ingest.article import build_article

    a = build_article("Der Umsatz sank um 3,5 Prozent auf 2,4 Mio. Euro pro Tag, teilte das Unternehmen mit. "
                      "Die Gewerkschaft kündigte Proteste für den 14. November an.")
    assert [s.text[:20] for s in a.sentences] == ["Der Umsatz sank um 3", "Die Gewerkschaft kün"]


def test_common_words_blingfire_takes_for_abbreviations_end_sentences() -> None:
    # blingfire never ends a sentence at "ans." (years), "an.", "mer.", "l'est." or German "alt.".
    assert spans_text("Il a 45 ans. Il habite Paris.") == ["Il a 45 ans.", "Il habite Paris."]
    assert spans_text("Il y a un an. « Je reviendrai », dit-il. Il nage dans la mer. Il vit à l'est. Fin.") == [
        "Il y a un an.", "« Je reviendrai », dit-il.", "Il nage dans la mer.", "Il vit à l'est.", "Fin."]
    assert spans_text("Er ist 45 Jahre alt. Er wohnt in Berlin.") == ["Er ist 45 Jahre alt.", "Er wohnt in Berlin."]
    # Real abbreviations, and a word that is not followed by a capital, stay inside the sentence.
    assert spans_text("Il parle avec M. Dupont. Voir art. 5 du code.") == ["Il parle avec M. Dupont.", "Voir art. 5 du code."]
    assert spans_text("Des enfants de 3 ans. et plus.") == ["Des enfants de 3 ans. et plus."]


def test_chinese_and_japanese_closing_quotes_stay_with_their_sentence() -> None:
    from retold.ingest.article import build_article

    # no space after "。": blingfire put the closing mark at the head of the next sentence,
    # and cut Japanese 「…。」と述べた before the quotative particle
    zh = build_article("外交部发言人毛宁表示：“中方坚决反对。”她还说，“这是借口。”")
    assert [s.text for s in zh.sentences] == ['外交部发言人毛宁表示:"中方坚决反对。"', '她还说,"这是借口。"']
    ja = build_article("岸田首相は「撤退しない。」と述べた。次の会合は来月だ。")
    assert [s.text for s in ja.sentences] == ["岸田首相は「撤退しない。」と述べた。", "次の会合は来月だ。"]


def test_a_headline_printed_with_a_full_stop() -> None:
    from retold.ingest.article import build_article

    # some archives end the headline with a full stop; an agency dateline or title case gives it away
    wire = build_article("O’Malley campaign to shift staff, resources to Iowa.\n\nDALLAS (AP) — Democratic "
                         "presidential candidate Martin O’Malley is shifting staff and resources to Iowa.")
    assert (wire.title, wire.outlet, len(wire.sentences)) == ("O’Malley campaign to shift staff, resources to Iowa", "AP", 1)
    titled = build_article("Bellwether County Says Trump Should Win GOP Nomination.\n\nDonald Trump will likely win "
                           "the GOP nomination, if the county is right again.")
    assert titled.title == "Bellwether County Says Trump Should Win GOP Nomination"
    # a one-sentence lead stays a sentence
    lead = build_article("The envoy arrived in Baghdad on Monday.\n\nHe met the prime minister and said the talks were useful.")
    assert lead.title is None and len(lead.sentences) == 2


def test_text_without_sentence_punctuation_is_cut_into_bounded_sentences() -> None:
    from retold.text.sentences import MAX_SENTENCE_CHARS

    # a feed glued into one line: one "sentence" of 40,000 characters made compare quadratic
    words = ("dockworkers walked off the job at the port of Rotterdam in protest against automation plans, "
             "the union said").split()
    text = " ".join(words[k % len(words)] for k in range(6000))
    spans = split_sentences(text)
    assert len(spans) > len(text) // MAX_SENTENCE_CHARS
    assert all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text  # cut at spaces, nothing lost
    assert sum(text[e - 1] == "," for s, e in spans[:-1]) >= len(spans) - 2  # after a comma where one is near
