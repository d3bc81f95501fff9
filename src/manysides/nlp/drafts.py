"""A quote being assembled from the parse, and how overlapping attributions are settled.

`manysides.nlp.quotes` and `manysides.nlp.quoted` build `Draft`s (global character spans)
from cues and quotation marks; `outermost` then keeps one attribution where several nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from manysides.nlp import cues
from manysides.nlp.doctext import doc_text

MARKS = re.compile("\"|'+")
"""Quotation marks: a double quote, or a run of apostrophes (two are a double mark)."""


@dataclass(slots=True)
class Draft:
    """A quote being assembled; spans are global (article) offsets."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    subject: tuple[Any, int] | None  # (spaCy token of the speaker's head, paragraph offset)
    direct: bool
    paragraph: int
    inherited: Draft | None = None
    segments: list[tuple[int, int]] = field(default_factory=list)
    speech: bool = True
    clause_start: int | None = None
    """Where a cue's own clause begins when it hangs off another clause ("…, while the
    Kremlin said …"): an attribution around it ends there."""


def outermost(text: str, drafts: list[Draft]) -> list[Draft]:
    """Attributions reported inside another's content ("Trump said Clinton wants to raise
    taxes": "wants" is Trump's claim, not Clinton's) are dropped: the outer source is the
    one who reports it, and PolNeAR annotates only that level (no gold cue lies in another
    gold content). Exceptions: a clause of its own at the end ("…, while the Kremlin said
    …") cuts the outer content short instead; a direct quotation is kept (its speaker's
    words are what a comparison needs, even when a statement reports them); and a verb
    whose whole content is the inner cue ("went on to say", "interjected to say") is one
    cue with it, so the inner attribution replaces it."""
    carried = {id(d.inherited) for d in drafts if d.inherited is not None}
    cues_at = [d.cue for d in drafts if d.cue is not None]
    drafts = [d for d in drafts if not any(_chained(text, d, cue) for cue in cues_at)]
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: -sum(e - s for s, e in d.content)):
        cue = draft.cue
        outer = next(
            (o for o in kept if cue is not None and any(s <= cue[0] < e for s, e in o.content)),
            None,
        )
        cut = outer is not None and _cut(text, outer, draft.clause_start)
        if outer is None or cut or draft.direct or id(draft) in carried:
            kept.append(draft)
    return kept


def _chained(text: str, outer: Draft, cue: tuple[int, int]) -> bool:
    """Whether ``outer``'s content is only another's ``cue`` with its "to" ("to say")."""
    if outer.cue == cue or not any(s <= cue[0] < e for s, e in outer.content):
        return False
    rest = "".join(text[s:e] for s, e in outer.content).replace(text[cue[0] : cue[1]], "", 1)
    return not [w for w in rest.split() if w.lower() != "to"]


def _cut(text: str, outer: Draft, at: int | None) -> bool:
    """End an indirect ``outer`` content before ``at`` (a trailing clause); False if not."""
    if at is None or outer.direct or len(outer.content) != 1:
        return False
    start, end = outer.content[0]
    cut = trim(text, start, at)
    for word in (" and", " but", " while", " whereas"):
        if text[cut[0] : cut[1]].endswith(word):
            cut = trim(text, cut[0], cut[1] - len(word))
    if not start < at < end or cut[1] - cut[0] < 2:
        return False
    outer.content = [cut]
    return True


def quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inner spans of ``"…"`` pairs in ``text[start:end]``; an unclosed quotation runs to
    the paragraph's end (news leaves a quotation open when it continues below). Two
    apostrophes (``''…''``, the New York Times' archive style) are a quotation mark too.
    A line break ends a paragraph too (live blogs and some feeds separate paragraphs by
    single newlines), so marks pair within a line."""
    return [s for a, b in lines(text, start, end) for s in _line_segments(text, a, b)]


def lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, line breaks left out."""
    found = []
    at = start
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        found.append((at, line_end))
        at = line_end + 1
    return found


def _line_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    marks = quotation_marks(text, start, end)
    segments = []
    for k in range(0, len(marks), 2):
        open_at, width = marks[k]
        close_at = marks[k + 1][0] if k + 1 < len(marks) else end
        segment = trim(text, open_at + width, close_at)
        if segment[1] > segment[0]:
            segments.append(segment)
    return segments


def quotation_marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(position, width) of each ``"`` and each ``''`` in ``text[start:end]``; of three
    apostrophes (a single mark beside a double one) the double mark is the outer two."""
    marks = []
    for match in MARKS.finditer(text, start, end):
        at, width = match.start(), len(match.group())
        if width == 1 and text[at] == '"':
            marks.append((at, 1))
        elif width in (2, 3):
            closing = at > 0 and not text[at - 1].isspace()
            marks.append((at + 1 if width == 3 and closing else at, 2))
    return marks


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the comma a quotation ends with before its cue."""
    while start < end and text[start] in " \n\"'":
        start += 1
    while end > start and text[end - 1] in ' \n,"':
        end -= 1
    while end > start + 1 and text[end - 2 : end] == "''":
        end -= 2
        while end > start and text[end - 1] in ' \n,"':
            end -= 1
    return start, end


def on_line(token: Any, cue: Any) -> bool:
    """Whether no line break separates ``token`` from the ``cue`` token of its doc."""
    first, last = sorted((token, cue), key=lambda t: t.i)
    return "\n" not in doc_text(first.doc)[first.idx + len(first) : last.idx]


def verb_cue(verb: Any, offset: int) -> tuple[int, int]:
    """The cue verb with its particle ("point out") or its object "reporters" ("told reporters")."""
    end_token = verb
    for child in verb.children:
        if child.i == end_token.i + 1 and (
            child.dep_ == "prt"
            or (child.dep_ == "dobj" and child.lower_ in ("reporters", "journalists"))
        ):
            end_token = child
    return offset + verb.idx, offset + end_token.idx + len(end_token)


def source_head(verb: Any, offset: int) -> tuple[Any, int] | None:
    """The speaker's head token with its paragraph offset: a passive's agent ("was asked by
    host Bill Maher"), the one quoted ("quoted him as saying"), else the subject (see
    `cues.subject_of`)."""
    for child in verb.children:
        if child.dep_ == "agent":
            agents = [o for o in child.children if o.dep_ == "pobj"]
            if agents:
                return agents[0], offset
    if cues.unsourced(verb):
        return None
    quoted = cues.quoted_object(verb)
    if quoted is not None:
        return quoted, offset  # "the newspaper quoted him as saying": "him" said it
    subject = cues.subject_of(verb) or cues.stray_subject(verb) or cues.line_subject(verb)
    if subject is None or (subject.dep_ == "nsubjpass" and subject.head.i == verb.i):
        return None  # "Christie was asked whether …": the asker is not given
    return subject, offset
