"""Snowball stemming for the SQLite index (PostgreSQL and Elasticsearch stem for themselves).

The FTS5 table holds the index forms of each text version's words: the word itself and its
stem in the version's language (Finnish, Swedish, English), or in every language when the
version's language is not known. A query word matches when an index form begins with the
word as typed (a prefix: "museo" finds "museokäynnit") or equals its stem in any of the
languages (the visitor may type Finnish on the Swedish page: "perheet" finds "perhe",
"barnfamiljerna" finds "barnfamiljer"). `highlight()` marks the same words by the same rule.
PostgreSQL's vectors hold the same forms (the `simple` configuration and the language's).

`snowballstemmer` runs on PyStemmer's C code when that is installed (some 70 times faster).
"""

from __future__ import annotations

import re
from functools import cache

import snowballstemmer

from .query import MARK_END, MARK_START

ALGORITHMS = {"fi": "finnish", "sv": "swedish", "en": "english"}
LANGUAGES = tuple(ALGORITHMS)
WORD = re.compile(r"[^\W_]+")


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(ALGORITHMS[language])


def words(text: str) -> list[str]:
    return WORD.findall((text or "").lower())


def stems(words_: list[str], language: str) -> list[str]:
    return _stemmer(language).stemWords(words_)


def index_forms(words_: list[str], language: str) -> list[list[str]]:
    """Each word's forms in the index: the word and its stem in a known language, else in
    every language (each form once)."""
    if language in ALGORITHMS:
        return [
            [word] if stem == word else [word, stem]
            for word, stem in zip(words_, stems(words_, language), strict=True)
        ]
    per_language = [stems(words_, code) for code in LANGUAGES]
    return [
        list(dict.fromkeys([word, *(s[i] for s in per_language)])) for i, word in enumerate(words_)
    ]


def index_text(text: str, language: str) -> str:
    """The text as the FTS5 table stores it: index forms separated by spaces (the same forms
    as `index_forms`, built without the lists: a rebuild stems every word of the catalogue)."""
    words_ = words(text)
    if not words_:
        return ""
    if language in ALGORITHMS:
        return " ".join(
            word if stem == word else f"{word} {stem}"
            for word, stem in zip(words_, stems(words_, language), strict=True)
        )
    out = []
    for word, *forms in zip(words_, *(stems(words_, code) for code in LANGUAGES), strict=True):
        out.append(word)
        seen = {word}
        for form in forms:
            if form not in seen:
                seen.add(form)
                out.append(form)
    return " ".join(out)


def query_alternatives(word: str) -> tuple[str, set[str]]:
    """(the word as typed, matched as a prefix; its stems in every language, matched whole)."""
    return word, {stems([word], code)[0] for code in LANGUAGES}


def fts_query(query_words: list[str]) -> str:
    """An FTS5 query: every word must match; a word matches as typed (prefix) or as any of
    its stems."""
    groups = []
    for word in query_words:
        typed, stemmed = query_alternatives(word)
        options = [f'"{typed}"*', *(f'"{s}"' for s in sorted(stemmed) if s != typed)]
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _matches(forms: list[str], alternatives: list[tuple[str, set[str]]]) -> set[int]:
    """Which query words (by index) one text word matches."""
    found = set()
    for i, (typed, stemmed) in enumerate(alternatives):
        if any(form.startswith(typed) or form in stemmed for form in forms):
            found.add(i)
    return found


def highlight(text: str, language: str, query_words: list[str], size: int = 30) -> str:
    """An excerpt of about `size` words of the text, where most of the query's words are,
    each matching word between MARK_START and MARK_END; the start of the text when no word
    matches. Ellipses where the text goes on."""
    tokens = list(WORD.finditer(text or ""))
    if not tokens:
        return ""
    alternatives = [query_alternatives(w) for w in query_words]
    forms = index_forms([t.group().lower() for t in tokens], language)
    matched = [_matches(f, alternatives) for f in forms]
    hits = [i for i, m in enumerate(matched) if m]
    start = 0
    if hits:
        # The window that holds the most of the query's words (then the most matches), opening
        # a few words before its first match so the match has some context.
        def score(first: int) -> tuple[int, int]:
            window = [m for m in matched[first : first + size] if m]
            return (len(set().union(*window)), len(window))

        first = max(hits[:200], key=lambda i: (score(i), -i))
        start = max(0, first - 3)
    end = min(len(tokens), start + size)
    out = ["…" if start > 0 else ""]
    position = tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        out.append(text[position : token.start()])
        if matched[i]:
            out.append(f"{MARK_START}{token.group()}{MARK_END}")
        else:
            out.append(token.group())
        position = token.end()
    if end < len(tokens):
        out.append("…")
    else:
        out.append(text[position:].rstrip())
    return "".join(out).strip()
