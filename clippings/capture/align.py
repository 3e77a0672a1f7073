"""A newer version of a story set against the version the archive has: which paragraphs stayed,
which were rewritten, removed or added, and whether the headline changed.

Pure functions over texts: no database. ``services.clipping_add_version()`` turns an
``Alignment`` into one new update (a rewritten paragraph as a paragraph that ``replaces`` the
old one, a removed one as an empty paragraph that ``replaces`` it, as fixtures and imports
record them; new ones appended).
"""

import difflib
import re
from dataclasses import dataclass, field

from clippings.text import comparable, fold

#: How alike an old and a new paragraph must be (difflib's ratio over their words) for the new
#: one to count as a rewriting of the old one rather than a removal and an addition.
REWRITE_RATIO = 0.5
#: Below this share of shared word triples (of the shorter text), the newer text is taken for
#: another story. Unrelated news stories share almost none; a story rewritten in part shares
#: far more.
SAME_STORY_SHARE = 0.2

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Step:
    """One paragraph's fate: ``old`` and ``new`` are indexes into the two lists of texts."""

    op: str  # "unchanged", "rewritten", "removed", "added"
    old: int | None = None
    new: int | None = None


@dataclass
class Alignment:
    steps: list = field(default_factory=list)
    #: The new headline when it differs from the archive's latest one, else "".
    headline: str = ""

    def _of(self, op):
        return [step for step in self.steps if step.op == op]

    @property
    def has_changes(self):
        return bool(self.headline) or any(step.op != "unchanged" for step in self.steps)

    @property
    def changed_new_indexes(self):
        """The new version's paragraphs that are new or rewritten: where quotes are proposed."""
        return {step.new for step in self.steps if step.op in ("rewritten", "added")}

    @property
    def summary(self):
        """What changed, in words: "1 rewritten, 2 new paragraphs, headline changed"."""
        counts = [
            (len(self._of(op)), word)
            for op, word in (("rewritten", "rewritten"), ("removed", "removed"), ("added", "new"))
        ]
        parts = [f"{count} {word}" for count, word in counts if count]
        if parts:
            last = [count for count, _ in counts if count][-1]
            parts[-1] += " paragraph" if last == 1 else " paragraphs"
        if self.headline:
            parts.append("headline changed")
        return ", ".join(parts) or "nothing changed"


def align(old_texts, new_texts, *, old_headline="", new_headline="", ratio=REWRITE_RATIO):
    """Set the paragraphs ``new_texts`` against ``old_texts`` (the archive's latest version).

    Paragraphs equal but for spacing and the form of quotation marks are unchanged; within a
    stretch that differs, old and new paragraphs are paired in order where their words are at
    least ``ratio`` alike (the pairing with the most likeness wins), the others being removed
    or added. Steps follow the new text, each removal placed where its paragraph stood.
    """
    old_keys = [comparable(text) for text in old_texts]
    new_keys = [comparable(text) for text in new_texts]
    steps = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            steps.extend(Step("unchanged", i1 + k, j1 + k) for k in range(i2 - i1))
        else:
            steps.extend(_pair(old_keys, new_keys, range(i1, i2), range(j1, j2), ratio))
    headline = ""
    if new_headline.strip() and comparable(new_headline) != comparable(old_headline):
        headline = new_headline.strip()
    return Alignment(steps=steps, headline=headline)


def _pair(old_keys, new_keys, olds, news, ratio):
    """Steps for a stretch of old paragraphs ``olds`` replaced by new ones ``news``: an
    order-keeping pairing that maximises the total likeness of the pairs at least ``ratio``
    alike (a small dynamic programme; stretches are a few paragraphs long)."""
    olds, news = list(olds), list(news)
    likeness = {
        (i, j): score
        for i in olds
        for j in news
        if (score := word_ratio(old_keys[i], new_keys[j])) >= ratio
    }
    # best[a][b]: (total likeness, steps) for olds[a:] against news[b:], filled from the end.
    best = [[None] * (len(news) + 1) for _ in range(len(olds) + 1)]
    for a in range(len(olds), -1, -1):
        for b in range(len(news), -1, -1):
            if a == len(olds):
                best[a][b] = (0.0, [Step("added", new=j) for j in news[b:]])
                continue
            if b == len(news):
                best[a][b] = (0.0, [Step("removed", old=i) for i in olds[a:]])
                continue
            total, rest = best[a + 1][b]
            choice = (total, [Step("removed", old=olds[a]), *rest])
            total, rest = best[a][b + 1]
            if total > choice[0]:
                choice = (total, [Step("added", new=news[b]), *rest])
            score = likeness.get((olds[a], news[b]))
            if score is not None:
                total, rest = best[a + 1][b + 1]
                if total + score > choice[0]:
                    choice = (total + score, [Step("rewritten", olds[a], news[b]), *rest])
            best[a][b] = choice
    return best[0][0][1]


def word_ratio(old, new):
    """How alike two texts are, word by word: difflib's ratio, 0 to 1."""
    matcher = difflib.SequenceMatcher(None, _WORD.findall(fold(old)), _WORD.findall(fold(new)))
    return matcher.ratio()


def story_likeness(old_text, new_text):
    """The share of word triples the two texts have in common, of the shorter one's: near 0
    for two different stories, high for two versions of one."""
    old, new = _triples(old_text), _triples(new_text)
    if not old or not new:
        return 1.0 if _WORD.findall(fold(old_text)) == _WORD.findall(fold(new_text)) else 0.0
    return len(old & new) / min(len(old), len(new))


def is_same_story(old_text, new_text, *, share=SAME_STORY_SHARE):
    return story_likeness(old_text, new_text) >= share


def _triples(text):
    words = _WORD.findall(fold(text))
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}
