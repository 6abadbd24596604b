"""Negation words, per language: where a translation may have turned a claim around.

"was a terrible case" -> "sei kein schrecklicher Fall gewesen": the sentence
vectors barely move (they read topic, not polarity), so compare counts the
negation particles on each side of an alignment across languages. Only
particles and pronouns count, not verbs that negate ("refused", "lehnte ab"),
which translations render in too many ways; idioms that negate nothing ("not
only", "nicht nur", "不仅", "non seulement") do not count either.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORDS: dict[str, str] = {
    "en": r"not|n't|no|never|none|nobody|nothing|neither|nor|without|cannot",
    "de": r"nicht|kein(?:e|en|em|er|es)?|nie|niemals|nichts|niemand|ohne|weder|keinesfalls",
    # "ne"/"n'" before "que" is "only" ("il n'a que 5 ans"): it counts when no "que" follows within four words
    "fr": r"pas|jamais|aucun|aucune|rien|sans|non|ni|guère|personne(?=\s+n)|(?:ne\s+|n['’])(?!(?:\S+\s+){0,3}qu)",
    "es": r"no|nunca|jamás|ningún|ninguna|ninguno|nada|nadie|sin|ni|tampoco",
    "it": r"non|mai|nessun|nessuno|nessuna|niente|nulla|senza|né",
    "pt": r"não|nunca|jamais|nenhum|nenhuma|nada|ninguém|sem|nem",
    "nl": r"niet|geen|nooit|niets|niemand|zonder|noch",
    "ru": r"не|нет|(?<!бы\s)ни|никогда|ничего|ничто|никто|никакой|никакого|никакая|никакие|никаких|без|нельзя",
    "uk": r"не|ні|немає|ніколи|нічого|ніхто|жоден|жодна|жодного|жодних|без",
    "pl": r"nie|nigdy|nic|nikt|nikogo|żaden|żadna|żadne|żadnego|żadnych|bez|ani",
    # Arabic particles with the prefixes "and"/"so": لا لم لن ليس ... ("إلا", "except", is another word).
    "ar": r"[وف]?(?:لا|لم|لن|ليس|ليست|ليسوا|لست|غير|بدون|دون)",
}
# Idioms that negate nothing.
_IDIOMS: dict[str, str] = {
    "en": r"not\s+(?:only|just|least)|no\s+(?:later|earlier|sooner|fewer|more|less|matter|doubt)|no\.?\s*\d|nothing\s+but",
    "de": r"nicht\s+nur|nichts\s+als",
    "fr": r"non\s+seulement|sans\s+doute|sans\s+cesse",
    "es": r"no\s+s[oó]lo|sin\s+embargo|no\s+obstante",
    "it": r"non\s+solo|senza\s+dubbio",
    "pt": r"não\s+s[oó]|no\s+entanto|sem\s+dúvida",
    "nl": r"niet\s+alleen|zonder\s+twijfel",
    "ru": r"не\s+только|без\s+сомнения|тем\s+не\s+менее|не\s+менее|не\s+более|ни\s+разу\s+не",
    "uk": r"не\s+лише|не\s+тільки|проте|не\s+менше",
    "pl": r"nie\s+tylko|bez\s+wątpienia",
    "ar": r"لا\s+سيما|ليس\s+فقط",
}
# Chinese writes negation inside words, and 不/无/非 begin as many words that
# negate nothing (不断 "constantly", 争吵不休 "endlessly", 非常 "very", 无人机
# "drone"): only these negating words count.
_ZH = re.compile(
    r"没有|沒有|没|沒|未能|并未|並未|从未|從未|尚未|未曾|无法|無法|绝不|絕不|决不|決不|并不|並不|从不|從不|毫无|毫無|"
    r"不是|不会|不會|不能|不要|不可能|不愿|不願|不想|不再|不应|不應|不该|不該|不用|不需|不得|不允许|不允許|不同意|"
    r"不承认|不承認|不接受|不支持|不知道|不清楚|不存在|不包括|也不|都不|还不|還不|仍不|勿"
)
_ZH_NOT_NEGATING = re.compile(r"有没有|有沒有|了没|了沒|不得不|没收|沒收")


@lru_cache(maxsize=None)
def _pattern(language: str) -> re.Pattern[str] | None:
    words = _WORDS.get(language)
    if words is None:
        return None
    idioms = _IDIOMS.get(language)
    skip = rf"(?!(?:{idioms})(?![\w]))" if idioms else ""
    return re.compile(rf"(?<![\w'’-]){skip}(?:{words})(?:(?<=['’])|(?![\w-]))", re.IGNORECASE)


def negations(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of the negation words of ``text``, written in ``language``; [] where it has no list.

    >>> t = "Jared O'Mara sei kein schrecklicher Fall gewesen, nicht nur heute."
    >>> [t[s:e] for s, e in negations(t, "de")]
    ['kein']
    >>> t = "He did not say it wasn't true, not only him."
    >>> [t[s:e] for s, e in negations(t, "en")]
    ['not', "n't"]
    >>> t = "他没有说，经济不断增长，非常好。"
    >>> [t[s:e] for s, e in negations(t, "zh")]
    ['没有']
    """
    if language == "zh":
        masked = _ZH_NOT_NEGATING.sub(lambda m: " " * len(m.group()), text)
        return [m.span() for m in _ZH.finditer(masked)]
    pattern = _pattern(language)
    if pattern is None:
        return []
    if language == "en":
        return _english(text, pattern)
    return [m.span() for m in pattern.finditer(text)]


def _english(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in pattern.finditer(text)]
    # "n't" is glued to its verb ("wasn't"), so the word pattern misses it; "n't only" is an idiom
    spans += [m.span() for m in re.finditer(r"(?<=\w)n['’]t\b(?!\s+(?:only|just)\b)", text, re.IGNORECASE)]
    return sorted(spans)


def supports(language: str) -> bool:
    return language in _WORDS or language == "zh"


# Negation a translation folds into a word ("inexpensive" / "недорогой",
# "unterlassen", "decided not to" / "beschloss zu unterlassen") or into a verb
# of lack or refusal: a side that has one of these and no particle has not
# necessarily lost its negation.
_IMPLICIT: dict[str, str] = {
    "en": r"un(?!der|til|it|ion|iv|iq|iform|ilat|ison|less)\w{4,}|non-?\w{3,}|in(?:ability|capable|complete|correct|sufficient|valid|adequate|accurate|expensive)\w*|"
          r"dis(?:agree|approv|miss|continu|like|trust|qualif|prov|mantl)\w*|im(?:possib|prop|probab|pati)\w*|"
          r"ir(?:regular|relevant|responsib)\w*|il(?:legal|licit|logical)\w*|\w+less|\w+n['’]t|"
          r"fail\w*|refus\w*|declin\w*|den(?:y|ies|ied)|lack\w*|absen\w*|hesitat\w*|instead|rather|hardly|barely|"
          r"rarely|seldom|few|little|only|loss|avoid\w*|stop\w*|abstain\w*|ceas\w*|far|wrong|miss\w*|forg[oe]t\w*|"
          r"ignor\w*|reject\w*|doubt\w*|neglect\w*|prevent\w*",
    "de": r"un(?!t|d|s|i)\w{4,}|\w+los|\w+lose?[nmrs]?|unterlass\w*|verweiger\w*|ablehn\w*|lehnt\w*|fehl\w*|mangel\w*|"
          r"kaum|selten|nur|statt|anstatt|vermied\w*|vermeid\w*|verzicht\w*|bestritt\w*|bestreit\w*|weiger\w*|egal|"
          r"schlecht\w*",
    "fr": r"in(?:connu|capable|possible|exact|suffisant|acceptable|valide|égal)\w*|im(?:possible|prévu|puni)\w*|"
          r"ill[ée]gal\w*|d[ée]s(?:accord|approuv)\w*|refus\w*|manqu\w*|absen\w*|seulement|peu|éviter|évit\w*|"
          r"nier|ni[ée]\w*|ignor\w*|sauf",
    "es": r"in(?:capaz|segur|suficiente|válid|aceptable|exact|ciert)\w*|im(?:posible|previst)\w*|ilegal\w*|"
          r"des(?:conoc|acuerd|mient)\w*|rechaz\w*|neg\w*|falt\w*|ausen\w*|solo|sólo|apenas|poco|evit\w*",
    "it": r"in(?:capac|sufficient|accettabil|esatt|cert)\w*|im(?:possibil|previst)\w*|illegal\w*|"
          r"s(?:conosciut|consigli)\w*|rifiut\w*|neg\w*|manc\w*|assen\w*|solo|appena|poco|evit\w*",
    "pt": r"in(?:capaz|suficiente|aceitável|exat|cert)\w*|im(?:possível|previst)\w*|ilegal\w*|"
          r"des(?:conhec|acord|ment)\w*|recus\w*|neg\w*|falt\w*|ausên\w*|só|apenas|pouco|evit\w*",
    "nl": r"on(?:bekend|mogelijk|duidelijk|voldoende|wettig|juist|zeker|gewenst)\w*|\w+loos|weiger\w*|ontbr\w*|slechts|"
          r"alleen|nauwelijks|weinig|vermijd\w*",
    # не-/ні-/nie- words are mostly negations (незаконный, неизвестно), but not these
    # ("несколько" several, "необходимо" necessary, "недавно" recently, "неделя" week, "нефть" oil)
    "ru": r"(?!нескол|необход|недав|недел|нефт|немец|немецк)не\w{3,}|(?!нижн)ни\w{3,}|отказ\w*|отрица\w*|лиш\w*|только|"
          r"мало|едва|вряд|избега\w*|избеж\w*|недостат\w*|отсутств\w*",
    "uk": r"(?!нещодав|неділ|нафт|німец)не\w{3,}|ні\w{3,}|відмов\w*|лише|тільки|мало|ледве|уника\w*|бракує|відсутн\w*",
    "pl": r"(?!niemie|niemc|niedziel|niekt|niedawn)nie\w{3,}|bez\w{3,}|odmów\w*|odmaw\w*|tylko|mało|ledwo|unika\w*|brak\w*",
    "ar": r"[وف]?(?:ما|إلا|عدم|رفض\w*|فقط|بالكاد|قليل\w*|تجنب\w*)",
}
_ZH_IMPLICIT = re.compile(r"毫|并非|並非|不|没|沒|无|無|非|未|拒|缺|少|只|仅|僅|难|難|避|失|否")


def implicit(text: str, language: str) -> bool:
    """Whether ``text`` has a word that carries negation without a particle (see _IMPLICIT)."""
    if language == "zh":
        return bool(_ZH_IMPLICIT.search(text))
    words = _IMPLICIT.get(language)
    return words is not None and re.search(rf"(?<![\w'’-])(?:{words})(?![\w-])", text, re.IGNORECASE) is not None
