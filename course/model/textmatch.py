"""Tolerant matching of short text answers against a keyword rubric.

Both the answer and each accepted phrase are normalised the same way: lower
case, accents removed, hyphens, underscores and punctuation turned into
spaces, whitespace collapsed. A phrase then matches when it appears as whole
words, or with its spaces removed ("co-steering", "co steering" and
"costeering" all match each other). A phrase ending in ``*`` matches any word
that starts with it ("transparan*" matches "transparansi" and "transparent"
does not), and so does a word ending in ``*`` inside a phrase ("share* decision
power" matches "shared decision power"). Words joined by ``...`` may have up to
:data:`GAP` other words between them ("ranks ... alone" matches "ranks the proposals
alone"). A phrase right after a negation (:data:`NEGATORS`: "tidak mengikat", "not
binding") does not count.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1024)
def normalise(text: str) -> str:
    """Lower-case ``text``, strip accents and punctuation, and collapse whitespace."""
    folded = str(text).casefold()
    if folded.isascii():
        plain = folded
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w*]+|_", " ", plain).split())


GAP = 3  # words allowed between the parts of a phrase written with "..."
ELLIPSIS = re.compile(r"\.\.\.|…")


def _word(word: str) -> str:
    """The regex for one rubric word: a word ending in ``*`` matches any word that starts with it."""
    stem = word.rstrip("*")
    return re.escape(stem) + r"\w*" if stem != word else re.escape(word)


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    parts = [normalise(part).replace("*", "* ").split() for part in ELLIPSIS.split(phrase)]
    words = [[_word(w) for w in part if w.strip("*")] for part in parts]
    gap = rf"(?:\s\w+){{0,{GAP}}}\s"
    body = gap.join(r"\s?".join(part) for part in words if part)
    if not body:  # a phrase of punctuation only ("...") names no words: it matches nothing
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)" + body + r"(?!\w)")


@lru_cache(maxsize=4096)
def _squeezed(phrase: str) -> tuple[str, bool]:
    """The phrase without spaces, and whether it had any (a phrase with a gap is never squeezed)."""
    if ELLIPSIS.search(phrase):
        return "", False
    words = normalise(phrase)
    return words.replace("*", "").replace(" ", ""), " " in words


# A phrase right after one of these words is negated ("tidak mengikat", "not binding", "isn't": "isn t"):
# it does not count. A key may itself begin with a negation ("cannot overrule", "tidak dapat mengubahnya").
NEGATORS = frozenset({"not", "no", "non", "never", "cannot", "without", "t", "tidak", "tak", "bukan", "belum", "tanpa"})


def _affirmed(normalised: str, start: int) -> bool:
    """Whether the match starting at ``start`` is not preceded by a negating word."""
    before = normalised[:start].rsplit(maxsplit=1)
    return not before or before[-1] not in NEGATORS


def mentions(text: str, phrases: Iterable[str]) -> bool:
    """True if ``text`` contains any of ``phrases``, not right after a negation (see the module notes)."""
    normalised = normalise(text)
    compact = normalised.replace(" ", "")
    for phrase in phrases:
        starts = [match.start() for match in _pattern(phrase).finditer(normalised)]
        if any(_affirmed(normalised, start) for start in starts):
            return True
        squeezed, spaced = _squeezed(phrase)
        if not starts and len(squeezed) >= 6 and spaced and squeezed in compact:  # "costeering" for "co-steering"
            return True
    return False


def covered_share(text: str, phrases: Iterable[str]) -> float:
    """The share of the words of ``text`` that are rubric phrases themselves (1.0: nothing but keywords)."""
    normalised = normalise(text)
    words = normalised.split()
    if not words:
        return 0.0
    starts = [0]
    for word in words[:-1]:
        starts.append(starts[-1] + len(word) + 1)
    covered = bytearray(len(words))
    for match in _any_of(tuple(phrases)).finditer(normalised):
        first, last = max(bisect.bisect_right(starts, match.start()) - 1, 0), bisect.bisect_left(starts, match.end())
        covered[first:last] = b"\x01" * (last - first)
    return sum(covered) / len(words)


@lru_cache(maxsize=256)
def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` (one pass over a text instead of one per phrase)."""
    return re.compile("|".join(f"(?:{_pattern(phrase).pattern})" for phrase in phrases) or r"(?!x)x")
