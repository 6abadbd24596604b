"""Readers: HTML, WARC, JSONL, CSV, charsets, gzip and every way an input can be bad."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from retold.config import Settings
from retold.errors import InputError, MalformedRecord, UnreadableInput
from retold.ingest import Article, FieldMap, Notice, Skipped, build_article, load_article, read
from retold.ingest.files import expand_inputs
from retold.ingest.records import record_to_article

BODY = [
    "The Russian envoy to Syria, Alexander Lavrentiev, said on Thursday that Moscow had evidence "
    "that the United States was ready to begin withdrawing its forces from Iraq.",
    "He said the process could take a long time, possibly years, and that American troops had "
    "left only Afghanistan quickly.",
    "Talks between Washington and Baghdad on the future of the coalition are expected to start next month.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoy: US ready to leave Iraq | Example Times</title>
<meta property="og:title" content="Envoy: US ready to leave Iraq">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-01-25T10:30:00+03:00">
<link rel="canonical" href="https://example.com/world/envoy-iraq">
<script>var tracking = {{"id": 42}};</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<aside class="ad advertisement"><p>Advertisement: Buy the best phones at SuperShop today!</p></aside>
<main><article>
<h1>Envoy: US ready to leave Iraq</h1>
<p class="byline">By Jane Doe</p>
<p>{BODY[0]}</p>
<p>{BODY[1]}</p>
<p>{BODY[2]}</p>
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Great article, totally agree with everything the writer says here!</p></div>
<div class="comment"><p>This is fake news and nobody should believe a word of it at all.</p></div>
</section></main>
<footer><p>© 2024 Example Times. All rights reserved.</p></footer>
</body></html>"""


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skipped(items: list[Article | Skipped]) -> list[Skipped]:
    return [i for i in items if isinstance(i, Skipped)]


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "envoy.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = list(read([path]))
    assert isinstance(article, Article)
    assert article.sentence_texts() == BODY
    for junk in ("cookies", "Advertisement", "SuperShop", "Great article", "fake news", "Home", "rights reserved"):
        assert junk not in article.text
    assert article.title == "Envoy: US ready to leave Iraq"
    assert article.author == "Jane Doe"
    assert article.outlet == "Example Times"
    assert article.url == "https://example.com/world/envoy-iraq"
    # the page's time and offset, not midnight UTC (article:published_time 2024-01-25T10:30:00+03:00)
    assert article.published == datetime(2024, 1, 25, 7, 30, tzinfo=UTC)
    assert article.language == "en"
    s = article.sentences[1]
    assert article.original[s.start : s.end] == BODY[1]


@pytest.mark.parametrize(
    ("head", "byline", "author"),
    [
        ("", '<p class="byline">By <a rel="author" href="/staff/jdoe">Jane Doe</a></p>', "Jane Doe"),  # byline only
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", '
         '"name": "Omar Haddad"}}</script>', "", "Omar Haddad"),  # JSON-LD only
        ('<meta name="author" content="jdoe">', "", None),  # a handle is not a byline
    ],
)
def test_html_author_from_byline_or_json_ld(tmp_path: Path, head: str, byline: str, author: str | None) -> None:
    page = PAGE.replace('<meta name="author" content="Jane Doe">', head).replace('<p class="byline">By Jane Doe</p>', byline)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article] = list(read([path]))
    assert isinstance(article, Article)
    assert article.author == author
    assert article.sentence_texts() == BODY  # the byline is not body text
    assert article.published == datetime(2024, 1, 25, 7, 30, tzinfo=UTC)  # read before the author search prunes


def test_html_metadata_falls_back_to_trafilaturas_public_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from retold.ingest.html import extract_html

    import trafilatura

    lean = extract_html(PAGE)
    calls = []
    public = trafilatura.extract_metadata
    monkeypatch.setattr(trafilatura, "extract_metadata", lambda *a, **k: calls.append(1) or public(*a, **k))
    assert extract_html(PAGE) == lean and not calls  # the lean path does not call it
    monkeypatch.setitem(sys.modules, "trafilatura.xpaths", None)  # its internals "moved": importing fails
    fallback = extract_html(PAGE)
    assert calls and lean is not None and fallback == lean
    assert (fallback["author"], fallback["sitename"], fallback["date"]) == ("Jane Doe", "Example Times", "2024-01-25T10:30:00+0300")


def _warc_record(headers: dict[str, str], block: bytes, *, gz: bool = True) -> bytes:
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(block)}\r\n\r\n"
    record = head.encode() + block + b"\r\n\r\n"
    return gzip.compress(record) if gz else record


def _http(content_type: str, body: bytes) -> bytes:
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    )


def test_warc_reads_only_html_responses(tmp_path: Path) -> None:
    url = "https://news.example.org/2024/01/25/envoy"
    common = {"WARC-Date": "2024-01-25T08:00:00Z"}
    records = [
        _warc_record(
            {"WARC-Type": "request", "WARC-Record-ID": "<urn:uuid:1>", "WARC-Target-URI": url,
             "Content-Type": "application/http; msgtype=request", **common},
            b"GET /2024/01/25/envoy HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
        ),
        _warc_record(
            {"WARC-Type": "response", "WARC-Record-ID": "<urn:uuid:2>", "WARC-Target-URI": url,
             "Content-Type": "application/http; msgtype=response", **common},
            _http("text/html; charset=utf-8", PAGE.replace('<meta property="article:published_time" content="2024-01-25T10:30:00+03:00">', "").encode()),
        ),
        _warc_record(
            {"WARC-Type": "response", "WARC-Record-ID": "<urn:uuid:3>",
             "WARC-Target-URI": "https://news.example.org/logo.png",
             "Content-Type": "application/http; msgtype=response", **common},
            _http("image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(records))
    items = list(read([path]))
    assert len(items) == 1
    [article] = articles(items)
    assert article.url == url
    assert article.sentence_texts() == BODY
    assert article.source == f"{path}#record-1"
    assert article.published is not None and article.published.date().isoformat() == "2024-01-25"


def _crawl(gz: bool) -> list[bytes]:
    """Three HTML response records, each page with its own first sentence."""
    return [
        _warc_record(
            {"WARC-Type": "response", "WARC-Record-ID": f"<urn:uuid:{k}>", "WARC-Date": "2024-01-25T08:00:00Z",
             "WARC-Target-URI": f"https://news.example.org/{k}", "Content-Type": "application/http; msgtype=response"},
            _http("text/html; charset=utf-8", PAGE.replace(BODY[0], f"Report {k}. {BODY[0]}").encode()),
            gz=gz,
        )
        for k in (1, 2, 3)
    ]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_cut_warc_keeps_its_whole_records_and_reports_the_cut_one(tmp_path: Path, gz: bool) -> None:
    records = _crawl(gz)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(b"".join(records)[: -len(records[2]) // 3])  # two thirds of the last record
    items = list(read([cut]))
    assert [a.source for a in articles(items)] == [f"{cut}#record-1", f"{cut}#record-2"]
    assert all(a.sentence_texts()[-3:] == BODY for a in articles(items))
    [skip] = skipped(items)
    assert skip.where == f"{cut}#record-3" and skip.reason.startswith("truncated WARC record (")
    # Cut inside the third record's header: nothing of it is read, and the cut is said.
    header_cut = tmp_path / ("header.warc.gz" if gz else "header.warc")
    header_cut.write_bytes(b"".join(records)[: -len(records[2]) + (20 if gz else 60)])
    items = list(read([header_cut]))
    assert len(articles(items)) == 2
    [skip] = skipped(items)
    assert "truncated" in skip.reason


def test_garbage_that_starts_like_a_warc_is_not_a_valid_warc(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"WARC/1.0\r\nthis is not a WARC header, only some text someone saved\n" + bytes(range(256)))
    sniffed = tmp_path / "dump.dat"  # no extension to go by: sniffed from its first bytes
    sniffed.write_bytes(b"WARC/1.0 and then nothing like a WARC record\n\nat all\n")
    items = list(read([garbage, sniffed]))
    assert not articles(items)
    assert [s.where for s in skipped(items)] == [str(garbage), str(sniffed)]
    assert all(s.reason.startswith("not a valid WARC file") for s in skipped(items)), skipped(items)


def test_arc_files_are_refused_with_a_way_to_convert_them(tmp_path: Path) -> None:
    body = (b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + BODY[0].encode()
            + b"</p></body></html>")
    head = (b"filedesc://crawl.arc 0.0.0.0 20240125120000 text/plain 75\n1 0 InternetArchive\n"
            b"URL IP-address Archive-date Content-type Archive-length\n\n")
    record = b"http://example.com/a 93.184.216.34 20240125120000 text/html %d\n" % len(body) + body + b"\n"
    (tmp_path / "crawls").mkdir()
    named = tmp_path / "crawls" / "IA-2008.arc.gz"  # found by the directory walk, not passed over in silence
    named.write_bytes(gzip.compress(head) + gzip.compress(record))
    plain = tmp_path / "old.ARC"
    plain.write_bytes(head + record)
    sniffed = tmp_path / "dump.dat"  # read as a text article before
    sniffed.write_bytes(head + record)
    misnamed = tmp_path / "crawl.warc"
    misnamed.write_bytes(head + record)
    items = list(read([tmp_path / "crawls", plain, sniffed, misnamed]))
    assert not articles(items)
    assert {Path(s.where).name: s.reason for s in skipped(items)} == {
        name: f"ARC format is not supported: convert it to WARC first (warcio recompress {name} {target}) and ingest that"
        for name, target in (("IA-2008.arc.gz", "IA-2008.warc.gz"), ("old.ARC", "old.warc.gz"),
                             ("dump.dat", "dump.dat.warc.gz"), ("crawl.warc", "crawl.warc.gz"))
    }


def test_a_cut_jsonl_gz_keeps_every_whole_line_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"r{k}", "text": f"Report {k}. {BODY[k % 3]}"}) + "\n" for k in range(300))
    data = gzip.compress(lines.encode())
    cut = tmp_path / "feed.jsonl.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    whole = zlib.decompressobj(31).decompress(cut.read_bytes()).count(b"\n")  # lines before the cut
    items = list(read([cut]))
    assert [a.id for a in articles(items)] == [f"r{k}" for k in range(whole)]
    assert skipped(items) == [Skipped(str(cut), f"truncated gzip stream after line {whole}")]


def test_jsonl_broken_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": BODY[0], "title": "Envoy", "published": "2024-01-25", "outlet": "TASS"}),
        '{"id": "a2", "text": "broken" "title": "x"}',
        "",
        json.dumps({"id": "a3", "text": BODY[2], "language": "en-GB"}),
        json.dumps({"id": "a4", "title": "no text here"}),
        json.dumps({"id": "a5", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read([path]))
    assert [a.id for a in articles(items)] == ["a1", "a3"]
    a1 = articles(items)[0]
    assert (a1.title, a1.outlet, a1.source) == ("Envoy", "TASS", f"{path}:1")
    assert a1.published == datetime(2024, 1, 25, tzinfo=UTC)
    assert articles(items)[1].language == "en"
    skips = skipped(items)
    assert [s.where for s in skips] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert skips[0].reason.startswith("malformed JSON: Expecting ',' delimiter (col")
    assert "no 'text' field" in skips[1].reason
    assert skips[2].reason == "empty document"


def test_a_nul_byte_spoils_its_record_not_the_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a1", "text": BODY[0]}) + "\n"
        + '{"id": "a2", "text": "The ministry said\x00\x00\x00 on Friday"}\n'  # a few bytes overwritten with zeros
        + json.dumps({"id": "a3", "text": BODY[2]}) + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "feed.csv"
    table.write_text(f'id,text\nc1,"{BODY[0]}"\nc2,"The ministry\x00 said"\nc3,"{BODY[1]}"\n', encoding="utf-8")
    photo = tmp_path / "photo.jsonl"  # binary all through is still a binary file
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    items = list(read([feed, table, photo]))
    assert [a.id for a in articles(items)] == ["a1", "a3", "c1", "c3"]
    assert [(s.where, s.reason) for s in skipped(items)[:2]] == [
        (f"{feed}:2", "NUL byte in the line (binary data, not text)"),
        (f"{table}:3", "NUL byte in the row (binary data, not text)"),
    ]
    assert skipped(items)[2].where == str(photo) and skipped(items)[2].reason.startswith("binary file")


def test_an_unreadable_date_is_a_notice_and_the_article_is_kept(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "d1", "text": BODY[0], "published": "2024-01-25"}) + "\n"
        + json.dumps({"id": "d2", "text": BODY[1], "published": "not a date"}) + "\n"
        + json.dumps({"id": "d3", "text": BODY[2], "published": "2024-13-45"}) + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "feed.csv"
    table.write_text(f'id,text,when\nc1,"{BODY[0]}",30.02.2024\nc2,"{BODY[1]}",\n', encoding="utf-8")
    assert not [i for i in read([feed]) if isinstance(i, Notice)]  # only when asked for
    items = list(read([feed], notices=True)) + list(read([table], fields=FieldMap(date="when"), notices=True))
    assert [type(i).__name__ for i in items] == ["Article", "Notice", "Article", "Notice", "Article", "Notice", "Article", "Article"]
    assert [a.published for a in articles(items)] == [datetime(2024, 1, 25, tzinfo=UTC), None, None, None, None]
    assert [(n.where, n.reason) for n in items if isinstance(n, Notice)] == [
        (f"{feed}:2", "unreadable date 'not a date' in 'published': read as undated"),
        (f"{feed}:3", "unreadable date '2024-13-45' in 'published': read as undated"),
        (f"{table}:2", "unreadable date '30.02.2024' in 'when': read as undated"),
    ]


def test_json_array_with_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text(json.dumps([{"body": BODY[0], "meta": {"headline": "Envoy"}}, {"body": 5}]), encoding="utf-8")
    items = list(read([path], fields=FieldMap(text="body", title="meta.headline")))
    assert articles(items)[0].title == "Envoy"
    assert skipped(items)[0].where == f"{path}#record-2"


def test_csv_with_field_mapping_bom_big_field_and_bad_row(tmp_path: Path) -> None:
    big = " ".join([BODY[1]] * 2000)  # ~230 kB, over the csv module's default field limit
    path = tmp_path / "news.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write("headline,content,site,when\n")
        f.write(f'Envoy speaks,"{BODY[0]}",TASS,25.01.2024\n')
        f.write(f'Long one,"{big}",Example,2024-01-26\n')
        f.write('Broken,"unterminated "quote" here,X,2024\n')
    fields = FieldMap(text="content", title="headline", outlet="site", date="when")
    items = list(read([path], fields=fields))
    arts = articles(items)
    assert [a.title for a in arts] == ["Envoy speaks", "Long one"]
    assert arts[0].outlet == "TASS" and arts[0].published == datetime(2024, 1, 25, tzinfo=UTC)
    assert arts[0].source == f"{path}:2"
    assert len(arts[1].sentences) == 2000
    [skip] = skipped(items)
    assert skip.where == f"{path}:4" and "malformed CSV row" in skip.reason


def test_tsv_and_missing_text_column(tmp_path: Path) -> None:
    good = tmp_path / "a.tsv"
    good.write_text(f"title\ttext\nEnvoy\t{BODY[0]}\n", encoding="utf-8")
    bad = tmp_path / "b.csv"
    bad.write_text("title,body\nx,y\n", encoding="utf-8")
    items = list(read([good, bad]))
    assert articles(items)[0].title == "Envoy"
    assert skipped(items)[0].where == str(bad) and "no 'text' column" in skipped(items)[0].reason


def test_cp1251_and_latin1_text_files(tmp_path: Path) -> None:
    russian = (
        "Спецпредставитель президента России Александр Лаврентьев заявил, что у Москвы есть данные "
        "о готовности США начать вывод войск из Ирака. По его словам, этот процесс может затянуться на годы."
    )
    ru = tmp_path / "ru.txt"
    ru.write_bytes(russian.encode("cp1251"))
    french = (
        "Le représentant russe a déclaré jeudi que les États-Unis étaient prêts à retirer leurs troupes "
        "d'Irak. Selon lui, ce processus pourrait durer des années."
    )
    fr = tmp_path / "fr.txt"
    fr.write_bytes(french.encode("latin-1"))
    a_ru, a_fr = articles(list(read([ru, fr])))
    assert a_ru.text == russian and a_ru.language == "ru"
    assert a_fr.text == french and a_fr.language == "fr"
    assert [s.language for s in a_ru.sentences] == ["ru", "ru"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("Привет мир", "cp1251"), ("Привет мир", "koi8_r"), ("Привет мир", "cp866"), ("Новости дня", "koi8_r"),
     ("Здравствуйте, друзья", "koi8_r"), ("Perché è così", "cp1252"), ("Café fermé", "latin-1")],
)
def test_a_few_words_in_a_legacy_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    # Too short for the language model: the decoding whose words look typed wins
    # ("Привет мир" in cp1251 was read as cp1125, "╧ЁштхҐ ьшЁ"; in KOI8-R as Shift-JIS).
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    [article] = articles(list(read([path])))
    assert article.text == text


def test_utf8_with_one_latin1_sentence_stays_utf8(tmp_path: Path) -> None:
    # A UTF-8 article with one sentence pasted from a Latin-1 document: only
    # that sentence's bytes are invalid UTF-8, and only they are read as cp1252.
    utf8 = (
        "Le représentant russe a déclaré jeudi que les États-Unis étaient prêts à retirer leurs troupes d'Irak. "
        "Selon lui, ce processus pourrait durer des années, a-t-il ajouté à Astana."
    )
    pasted = "Le café « Chez Noël » a fermé ses portes à Bagdad."
    text = tmp_path / "article.txt"
    text.write_bytes(utf8.encode() + b" " + pasted.encode("latin-1"))
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        json.dumps({"id": "f1", "text": utf8}, ensure_ascii=False).encode() + b"\n"
        + json.dumps({"id": "f2", "text": pasted}, ensure_ascii=False).encode("latin-1") + b"\n"
    )
    a_text, f1, f2 = articles(list(read([text, feed])))
    assert a_text.original == f"{utf8} {pasted}" and "Ã" not in a_text.text
    assert (f1.original, f2.original) == (utf8, pasted)
    assert a_text.language == f1.language == "fr"


def test_gzip_text_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "story.txt.gz"
    good.write_bytes(gzip.compress(" ".join(BODY).encode()))
    data = gzip.compress(json.dumps({"text": BODY[0]}).encode() * 50 + os.urandom(20000))
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(data[: len(data) // 2])
    items = list(read([good, truncated]))
    assert articles(items)[0].sentence_texts() == BODY
    assert skipped(items) == [Skipped(str(truncated), "truncated gzip stream")]


def test_empty_binary_missing_and_oversize(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n", encoding="utf-8")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    big = tmp_path / "big.txt"
    big.write_text(" ".join(BODY) * 40, encoding="utf-8")
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 200_000))
    missing = tmp_path / "nope.txt"
    settings = Settings(max_document_bytes=10_000)
    items = list(read([empty, blank, binary, big, bomb, missing], settings=settings))
    reasons = {Path(s.where).name: s.reason for s in skipped(items)}
    assert not articles(items)
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty document"
    assert reasons["photo.jpg"].startswith("binary file")
    # The limit's own unit (10,000 bytes is 9.8 KiB, not "0.0 MB") and how to raise it.
    assert reasons["big.txt"].startswith(f"too large: {big.stat().st_size / 1024:.1f} KiB, over the 9.8 KiB limit")
    assert "--max-bytes" in reasons["big.txt"] and "RETOLD_MAX_DOCUMENT_BYTES" in reasons["big.txt"]
    assert reasons["bomb.txt.gz"].startswith("decompressed content too large: over the 9.8 KiB limit")
    assert reasons["nope.txt"] == "no such file or directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY[0], encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make open() refuse as it would for a user
        import retold.ingest.files as files

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(files, "open", refuse, raising=False)
    assert list(read([path])) == [Skipped(str(path), "permission denied")]


def test_globs_directories_and_sniffing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(BODY[1], encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY[0], encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY[2], encoding="utf-8")
    (tmp_path / "page.dat").write_text(PAGE, encoding="utf-8")  # unknown extension: not walked, sniffed when named
    by_dir = articles(list(read([tmp_path])))
    assert [Path(a.source).name for a in by_dir] == ["a.txt", "b.txt"]
    [named] = articles(list(read([tmp_path / "page.dat"])))
    assert named.title == "Envoy: US ready to leave Iraq"
    by_glob = list(read([str(tmp_path / "**" / "*.txt"), str(tmp_path / "*.nothing")]))
    assert [Path(a.source).name for a in articles(by_glob)] == ["a.txt", "b.txt"]
    assert skipped(by_glob)[0].reason == "no files match this pattern"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_glob_skips_a_fifo_instead_of_waiting_on_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY[0], encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    pattern = str(tmp_path / "*.txt")
    reason = "a named pipe (FIFO), not a regular file: a pattern reads regular files only (name it to read it)"
    # Checked on the expansion first: before the fix the FIFO was yielded, and read() hung on it.
    assert list(expand_inputs([pattern])) == [tmp_path / "a.txt", Skipped(str(tmp_path / "pipe.txt"), reason)]
    items = list(read([pattern]))
    assert [Path(a.source).name for a in articles(items)] == ["a.txt"]
    assert skipped(items) == [Skipped(str(tmp_path / "pipe.txt"), reason)]


def test_a_directory_walk_reads_only_article_files(tmp_path: Path) -> None:
    # A project folder: the articles, and what lives beside them.
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(BODY[0], encoding="utf-8")
    (tmp_path / "b.HTML").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": BODY[1]}).encode()))
    (tmp_path / "README.md").write_text("# Articles\n\nThe envoy files, collected for the project in January.\n", encoding="utf-8")
    (tmp_path / "collect.py").write_text("import sys\nprint('The envoy said the talks would go on.')\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "articles"\n', encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer forever
    walked = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([tmp_path])]
    assert walked == ["a.txt", "b.HTML", "sub/c.jsonl.gz"]
    items = list(read([tmp_path]))
    assert not skipped(items) and len(articles(items)) == 3
    # Named on its own, a file is read whatever its extension.
    assert "envoy files" in articles(list(read([tmp_path / "README.md"])))[0].text
    assert skipped(list(read([tmp_path / "photo.jpg"])))[0].reason.startswith("binary file")


def test_stdin() -> None:
    code = "from retold.ingest import read; [print(a.outlet, len(a.sentences)) for a in read(['-'])]"
    stdin = "MOSCOW, January 25 (Interfax) - " + " ".join(BODY)
    out = subprocess.run([sys.executable, "-c", code], input=stdin.encode(), capture_output=True, check=True)
    assert out.stdout.decode().strip() == "Interfax 3"


def test_load_article_path_or_text_and_errors(tmp_path: Path) -> None:
    assert load_article(BODY[0]).sentence_texts() == [BODY[0]]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableInput) as exc:
        load_article(empty)
    assert exc.value.where == str(empty) and exc.value.reason == "empty file"
    with pytest.raises(UnreadableInput) as exc:
        load_article(str(tmp_path / "missing.txt"))  # a mistyped path is not a one-word article
    assert exc.value.reason == "no such file or directory"
    with pytest.raises(InputError):
        build_article("Share on Facebook\nSubscribe to our newsletter", source="x.txt")


def test_record_errors_name_the_line() -> None:
    with pytest.raises(MalformedRecord) as exc:
        record_to_article({"title": "x"}, FieldMap(), "feed.jsonl", 7)
    assert str(exc.value).startswith("feed.jsonl:7: no 'text' field")
    # A BASIL article: the message names the fields there are, so the user sees which to map.
    basil = {"title": "Michael Steele Criticized", "date": "2010-07-02",
             "body-paragraphs": [["WASHINGTON — Michael Steele, chairman of the Republican National Committee, ..."]]}
    with pytest.raises(MalformedRecord) as exc:
        record_to_article(basil, FieldMap(), "steele.json")
    assert "no 'text' field among ['title', 'date', 'body-paragraphs']" in str(exc.value)


def test_published_dates() -> None:
    a = build_article(BODY[0], published="2024-01-25T10:30:00")
    assert a.published == datetime(2024, 1, 25, 10, 30, tzinfo=UTC)
    assert build_article(BODY[0], published="sometime last week").published is None


def test_parallel_read_gives_the_same_items_in_the_same_order(tmp_path: Path) -> None:
    # Enough one-article files to start workers, with a JSON Lines export and a
    # binary file among them: the multi-record file is read in this process,
    # the bad file is still reported by name, and the order is the input's.
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(80):
        body = " ".join(BODY[k % 3 :] + BODY[: k % 3])
        (folder / f"{k:03d}.txt").write_text(f"Report number {k}\n\n{body} Item {k}.", encoding="utf-8")
    (folder / "040.html").write_text(PAGE, encoding="utf-8")
    (folder / "041x.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "050.jsonl").write_text(
        json.dumps({"text": BODY[0]}) + "\n{broken\n" + json.dumps({"text": BODY[1]}) + "\n", encoding="utf-8"
    )
    one = list(read([folder], settings=Settings(ingest_workers=1)))
    two = list(read([folder], settings=Settings(ingest_workers=2)))
    assert [type(i).__name__ for i in two] == [type(i).__name__ for i in one]
    assert [(a.id, a.text, a.sentences) for a in articles(two)] == [(a.id, a.text, a.sentences) for a in articles(one)]
    assert [(s.where, s.reason) for s in skipped(two)] == [(s.where, s.reason) for s in skipped(one)]
    assert len(articles(two)) == 80 + 1 + 2  # 80 texts, the page, two good JSON lines
    assert any("041x.txt" in s.where for s in skipped(two)) and any("050.jsonl" in s.where for s in skipped(two))
