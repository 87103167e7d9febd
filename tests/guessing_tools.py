"""A student who learned nothing, playing the habits of item writers (issue 20, "No tells").

Each strategy looks only at the surface of an item (its wording, the length of
its options, the words it shares with the question) and never at what the item
means. ``expected_score`` gives what the strategy earns on one item on average,
``chance`` what blind guessing earns; the tests in ``tests/content/test_guessing.py``
compare the two per lesson and over the course.

Which items count (the denominators): the three kinds a surface habit can give
away, ``single``, ``truefalse`` and ``multiple``. Code, text, categorise and
ordering items are left out of every denominator, for the strategies and for
chance alike: code and text answers cannot be picked from a screen, and
categorise and ordering items have no option that could be "the longest" or "the
hedged one".

Expected score of one item, for a strategy that names some options or a verdict:

* ``single`` with n options: the strategy names its candidates; the student picks
  one of them at random, so the score is (right candidates) / (candidates). A
  strategy that cannot decide (no option fits, or all of them tie) names every
  option: 1/n, which is chance.
* ``truefalse``: the strategy says true, false or nothing; a verdict scores 1 when
  it is the key and 0 when not; nothing scores 1/2, which is chance. Hedge and
  scepticism are read from the statement after "True or false:" / "Benar atau
  salah:" (the whole question if it has no such lead).
* ``multiple``: the item is read as one true/false judgement per option (the
  student ticks an option or leaves it). The strategy judges each option ticked,
  left, or undecided; a judgement scores 1 when it matches the key, 0 when not,
  1/2 when undecided, and the item scores the mean over its options. Chance is
  1/2. "Always true" ticks every option, "always false" none; the length and
  overlap strategies tick their candidates and leave the others undecided; the
  hedged and sceptical strategies tick the options that hedge (or doubt) and
  leave the others undecided.

The strategies:

* ``always true`` / ``always false``: the verdict for true/false items, every
  option ticked or none for multiple items; no choice among single options.
* ``longest`` / ``shortest``: the option(s) with the most (fewest) characters.
* ``overlap``: the option(s) repeating the most distinct words of the question
  (words of four letters or more, minus a short list of function words).
* ``hedged``: a hedged statement ("may", "can", "often", "some", "not always",
  *dapat*, *bisa*, *mungkin*, *sering*, *sebagian*, *tidak selalu* ...) is true;
  among options, the hedged ones are right.
* ``sceptical``: the doubting statement ("cannot tell", "tells little", "not
  enough", "may not", "unknown", *belum tentu*, *tidak dapat dipastikan* ...) is
  true; among options, the doubting ones are right.

Items are read from the YAML banks directly (not through ``course``), so the
measure does not depend on how the package models exercises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "data" / "exercises"
GUESSABLE = ("single", "truefalse", "multiple")


@dataclass(frozen=True)
class Option:
    text: dict[str, str]
    correct: bool


@dataclass(frozen=True)
class Item:
    """The surface of one choice item: what a guessing student sees, plus its key."""

    id: str
    lesson: str
    use: str
    kind: str
    question: dict[str, str]
    options: tuple[Option, ...] = ()
    answer: bool | None = None
    points: float = 1.0


def item_from_entry(entry: dict, lesson: str) -> Item:
    """An ``Item`` from one bank entry (only the fields a guessing student sees, and the key)."""
    options = tuple(Option(dict(o["text"]), bool(o.get("correct", False))) for o in entry.get("options", []))
    answer = entry.get("answer") if entry["type"] == "truefalse" else None
    return Item(
        id=entry["id"],
        lesson=lesson,
        use=entry.get("use", "practice"),
        kind=entry["type"],
        question=dict(entry["question"]),
        options=options,
        answer=None if answer is None else bool(answer),
        points=float(entry.get("points", 1)),
    )


def load_items(folder: Path = BANKS) -> list[Item]:
    """Every guessable item (single, true/false, multiple) of every bank in ``folder``."""
    items = []
    for path in sorted(folder.glob("*.yml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in raw["exercises"]:
            if entry["type"] in GUESSABLE:
                items.append(item_from_entry(entry, str(raw["lesson"])))
    return items


def in_use(items: Iterable[Item], mode: str) -> list[Item]:
    """The items a quiz (``assessment``) or a lesson (``practice``) shows; ``both`` counts for each."""
    return [i for i in items if i.use in (mode, "both")]


# --- reading the surface ------------------------------------------------------------------

_HEDGES = {
    "en": r"\b(?:may|might|can|could|often|usually|generally|typically|sometimes|some|mostly|largely|partly|in part"
    r"|tends? to|likely|possibly|perhaps|not always|not necessarily|rarely|seldom)\b",
    "id": r"(?<!tidak )(?<!tak )(?<!belum )\b(?:dapat|bisa)\b|\b(?:mungkin|kemungkinan|sering|seringkali|sebagian"
    r"|beberapa|tidak selalu|belum tentu|cenderung|kadang|kadang-kadang|biasanya|umumnya|boleh jadi|barangkali)\b",
}
_SCEPTICAL = {
    "en": r"\b(?:cannot|can't|can not) (?:tell|say|know|conclude|show|prove|be (?:told|known|sure|said|determined|concluded))"
    r"|\bnothing can be (?:said|told|concluded)|\b(?:tells?|says?|shows?) (?:you |us )?(?:little|nothing)"
    r"|\bnot enough\b|\btoo (?:few|little)\b|\binsufficient\b|\b(?:may|might) not\b|\bnot necessarily\b"
    r"|\b(?:does|do|did) not (?:show|prove)\b|\bno evidence\b|\bunknown\b|\bgoes too far\b|\bgo too far\b"
    r"|\bclaims? more than\b|\bmore (?:data|evidence|information)\b|\bunclear\b|\bno way to (?:tell|know)\b",
    "id": r"\bbelum tentu\b|\b(?:tidak|tak) (?:dapat|bisa) (?:dipastikan|disimpulkan|diketahui|dikatakan|ditentukan"
    r"|menunjukkan|membuktikan|memberi tahu)"
    r"|\b(?:tidak|belum) cukup\b|\bkurang (?:data|bukti)\b|\b(?:hanya )?sedikit (?:sekali )?memberi tahu"
    r"|\b(?:tidak|belum) (?:menunjukkan|membuktikan)\b|\btidak diketahui\b|\bterlalu (?:jauh|sedikit)\b"
    r"|\blebih dari yang\b|\b(?:tidak|belum) jelas\b|\btidak ada bukti\b|\b(?:data|bukti) tambahan\b",
}
_LEADS = {"en": r"true or false\s*:", "id": r"benar atau salah\s*:"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS = {
    "en": _words(
        "that this these those with from which what their they them have been were does more than only into each also "
        "will would should about your when where while there here then such most other some very"
    ),
    "id": _words(
        "yang dengan untuk dari dalam pada atau akan oleh tidak juga lebih sebuah setiap mana apa karena bahwa adalah "
        "tersebut para bagi agar saat ketika sudah telah masih hanya belum maka jika"
    ),
}


def hedged(text: str, lang: str) -> bool:
    """True when the text hedges ("may", "can", "often", "some" ...; *dapat*, *mungkin*, *sebagian* ...)."""
    return re.search(_HEDGES[lang], text.lower()) is not None


def sceptical(text: str, lang: str) -> bool:
    """True when the text doubts ("cannot tell", "tells little", "not enough" ...; *belum tentu* ...)."""
    return re.search(_SCEPTICAL[lang], text.lower()) is not None


def statement(item: Item, lang: str) -> str:
    """The claim a true/false item asks about: the text after "True or false:", else the whole question."""
    text = item.question[lang]
    parts = re.split(_LEADS[lang], text, maxsplit=1, flags=re.IGNORECASE)
    return parts[-1]


def content_words(text: str, lang: str) -> set[str]:
    """Distinct words of four letters or more, without the common function words."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return {w for w in words if len(w) >= 4 and w not in _FUNCTION_WORDS[lang]}


# --- strategies -----------------------------------------------------------------------------
# A strategy returns, for a single or multiple item, the indexes of the options it names (an
# empty set: it names none); for a true/false item, its verdict or None. ``None`` for options
# means the strategy has no opinion on single/multiple items at all.


@dataclass(frozen=True)
class Strategy:
    name: str
    options: Callable[[Item, str], set[int] | None]  # the options it names as right
    verdict: Callable[[Item, str], bool | None]  # its verdict on a true/false statement
    ticks_others: bool | None = None  # for multiple items: what it does with the options it does not name


def _extreme(item: Item, lang: str, pick: Callable[[Iterable[int]], int]) -> set[int]:
    lengths = [len(o.text[lang]) for o in item.options]
    best = pick(lengths)
    return {k for k, n in enumerate(lengths) if n == best}


def _most_overlap(item: Item, lang: str) -> set[int]:
    asked = content_words(item.question[lang], lang)
    shared = [len(content_words(o.text[lang], lang) & asked) for o in item.options]
    return {k for k, n in enumerate(shared) if n == max(shared)}


def _marked(test: Callable[[str, str], bool]) -> Callable[[Item, str], set[int]]:
    return lambda item, lang: {k for k, o in enumerate(item.options) if test(o.text[lang], lang)}


def _verdict_if(test: Callable[[str, str], bool]) -> Callable[[Item, str], bool | None]:
    return lambda item, lang: True if test(statement(item, lang), lang) else None


def _none(item: Item, lang: str) -> None:
    return None


STRATEGIES = (
    Strategy("always true", options=lambda i, lang: None, verdict=lambda i, lang: True, ticks_others=True),
    Strategy("always false", options=lambda i, lang: None, verdict=lambda i, lang: False, ticks_others=False),
    Strategy("longest", options=lambda i, lang: _extreme(i, lang, max), verdict=_none),
    Strategy("shortest", options=lambda i, lang: _extreme(i, lang, min), verdict=_none),
    Strategy("overlap", options=_most_overlap, verdict=_none),
    Strategy("hedged", options=_marked(hedged), verdict=_verdict_if(hedged)),
    Strategy("sceptical", options=_marked(sceptical), verdict=_verdict_if(sceptical)),
)
BY_NAME = {s.name: s for s in STRATEGIES}


# --- scores ---------------------------------------------------------------------------------


def chance(item: Item) -> float:
    """What blind guessing earns: 1/n for single choice, 1/2 for true/false and per option of a multiple item."""
    return 1 / len(item.options) if item.kind == "single" else 0.5


def expected_score(strategy: Strategy, item: Item, lang: str) -> float:
    """The score a student playing ``strategy`` earns on ``item`` on average (see the module's docstring)."""
    if item.kind == "truefalse":
        verdict = strategy.verdict(item, lang)
        return 0.5 if verdict is None else float(verdict == item.answer)
    named = strategy.options(item, lang)
    if item.kind == "single":
        if not named:  # no opinion, or no option fits: a blind pick among all
            named = set(range(len(item.options)))
        return sum(item.options[k].correct for k in named) / len(named)
    # multiple: one judgement per option
    scores = []
    for k, option in enumerate(item.options):
        if named is not None and k in named:
            tick: bool | None = True
        else:
            tick = strategy.ticks_others
        scores.append(0.5 if tick is None else float(tick == option.correct))
    return sum(scores) / len(scores)


@dataclass(frozen=True)
class Result:
    strategy: str
    lang: str
    score: float  # mean expected score, weighted by points
    chance: float
    items: int

    @property
    def margin(self) -> float:
        return self.score - self.chance


def play(strategy: Strategy, items: list[Item], lang: str) -> Result:
    """The strategy's mean expected score over ``items`` (weighted by points) beside chance's."""
    weight = sum(i.points for i in items)
    score = sum(i.points * expected_score(strategy, i, lang) for i in items) / weight
    blind = sum(i.points * chance(i) for i in items) / weight
    return Result(strategy.name, lang, score, blind, len(items))


def true_share(items: Iterable[Item]) -> tuple[int, int]:
    """(true keys, true/false items) among ``items``."""
    keys = [i.answer for i in items if i.kind == "truefalse"]
    return sum(bool(k) for k in keys), len(keys)


def table(items: list[Item], langs: Iterable[str] = ("en", "id")) -> str:
    """A plain-text table of every strategy's score and chance per lesson and overall (for a report)."""
    lessons = sorted({i.lesson for i in items})
    lines = []
    for lang in langs:
        lines.append(f"[{lang}] " + " ".join(f"{s.name:>13}" for s in STRATEGIES))
        for lesson in [*lessons, "all"]:
            subset = items if lesson == "all" else [i for i in items if i.lesson == lesson]
            cells = [play(s, subset, lang) for s in STRATEGIES]
            t, n = true_share(subset)
            row = " ".join(f"{r.score * 100:6.1f}/{r.chance * 100:5.1f}" for r in cells)
            lines.append(f"{lesson:>4} ({len(subset):2d}, T {t}/{n}) {row}")
    return "\n".join(lines)


if __name__ == "__main__":  # python tests/guessing_tools.py: the table for a report
    for mode in ("assessment", "practice"):
        print(mode)
        print(table(in_use(load_items(), mode)))
    if "--items" in __import__("sys").argv:
        for item in in_use(load_items(), "assessment"):
            for lang in ("en", "id"):
                cells = [f"{s.name[:6]}{(expected_score(s, item, lang) - chance(item)) * 100:+4.0f}" for s in STRATEGIES]
                print(f"{item.id:40} {lang} {' '.join(cells)}")
