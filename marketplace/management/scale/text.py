"""Sample text with a natural word distribution.

A vocabulary of 2,000 words drawn with Zipf's law (the r-th word about 1/r as often as the
first), as in real catalogue text, so that a search word matches a realistic share of the
entries rather than every other one. The topic words lead the vocabulary; "library", the
benchmark's search word, is the 300th (in about 3 % of the entries). Texts come from a fixed
pool, so runs are reproducible and cheap.
"""

import itertools
import random

TOPIC_WORDS = (
    "museum school park bus sensor energy waste water heat youth elderly app map "
    "service pilot data open green city route bike walk care health culture sport"
).split()
SEARCH_WORD, SEARCH_WORD_RANK = "library", 300
VOCABULARY_SIZE, POOL_SIZE, POOL_TEXT_WORDS = 2000, 4096, 60
SYLLABLES = "ka ri to la mu se no vi pe su ta lo me ni ra ko".split()


def vocabulary() -> list[str]:
    words = list(TOPIC_WORDS)
    n = 0
    while len(words) < VOCABULARY_SIZE:
        a, b, c = n % 16, (n // 16) % 16, (n // 256) % 16
        words.append(SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c] + "n")
        n += 1
    words.insert(SEARCH_WORD_RANK - 1, SEARCH_WORD)
    return words[:VOCABULARY_SIZE]


def pool() -> list[list[str]]:
    words = vocabulary()
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    rng = random.Random(2026)  # noqa: S311 - reproducible sample text, not a secret
    return [rng.choices(words, cum_weights=weights, k=POOL_TEXT_WORDS) for _ in range(POOL_SIZE)]


_POOL: list[list[str]] = []


def text(n: int, words: int) -> str:
    """`words` words of the n-th pool text (the same every run)."""
    if not _POOL:
        _POOL.extend(pool())
    pool_text = _POOL[(n * 7919) % POOL_SIZE]
    return " ".join(pool_text[i % POOL_TEXT_WORDS] for i in range(words))
