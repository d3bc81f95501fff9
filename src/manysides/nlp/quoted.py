"""Quoted passages and whose they are: the cue of their sentence, a transcript label, a
dash signature, the quote before them, or the previous paragraph's speaker.

The passages that no cue's complement claimed in `manysides.nlp.quotes` come here. Which
marks are quotation marks is settled here too: single ones ('…,' he said) where an article
quotes with them, and `balanced` keeps a content from showing half a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from manysides.nlp import cues
from manysides.nlp.cues import QUOTING_VERBS, SPEECH_VERBS
from manysides.nlp.drafts import (
    Draft,
    lines,
    quotation_marks,
    quoted_segments,
    source_head,
    trim,
    verb_cue,
)

SAYING_DEPS = frozenset({"parataxis", "ccomp", "conj", "advcl"})
"""How a verb after a quotation hangs from the quotation's own verb in spaCy's parse."""
MIN_UNCUED_WORDS = 8
"""A quoted passage with no cue is kept only if it reads like speech, not a scare quote."""
Pair = tuple[int, int, int, int]
"""A closed quotation: (opening mark start, its end, closing mark start, its end)."""
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))'(?=[^\W\d_]|\d(?!\d\b|\ds\b))", re.MULTILINE)
"""A single mark opening a quotation: at a word's start, not an elision ("the '90s")."""
SINGLE_CLOSE = re.compile(r"(?<=[^\s'])'(?![^\W_]|')")
"""A single mark closing a quotation: after a word or its punctuation, not inside a word
("don't", "Xi's"); a plural possessive ("students' union") fits too, see `single_pairs`."""
CLOSING_PUNCT = tuple(",.!?;:…")


def segments_of(text: str, start: int, end: int, singles: bool = False) -> list[tuple[int, int]]:
    """Inner spans of the quotations in ``text[start:end]`` (see `drafts.quoted_segments`),
    with (``singles``: the article quotes with single marks) those of ``'…'`` pairs outside
    double-quoted text, as British news writes them ('We will not back down,' he said)."""
    segments = quoted_segments(text, start, end)
    if not singles:
        return segments
    inner = [(o2, c1) for _o1, o2, c1, _c2 in single_pairs(text, start, end, segments)]
    return sorted(segments + [trim(text, s, e) for s, e in inner])


def uses_single_marks(text: str) -> bool:
    """Whether an article quotes with single marks: more ``'…'`` pairs outside double quotes
    than double pairs, one of them closing a clause ('…,' he said). An American article's
    single-quoted headline or scare quote among its double quotations leaves it off."""
    doubles = quoted_segments(text, 0, len(text))
    singles = single_pairs(text, 0, len(text), doubles)
    clause = any(text[c1 - 1] in CLOSING_PUNCT for _o1, _o2, c1, _c2 in singles)
    return clause and len(singles) > len(doubles)


def mark_pairs(text: str, start: int, end: int, singles: bool = False) -> list[Pair]:
    """Every closed quotation in ``text[start:end]``, double (paired within a line, as
    `drafts.quoted_segments` pairs them) and (``singles``) single."""
    pairs: list[Pair] = []
    for line_start, line_end in lines(text, start, end):
        marks = quotation_marks(text, line_start, line_end)
        pairs += [
            (o, o + ow, c, c + cw)
            for (o, ow), (c, cw) in zip(marks[::2], marks[1::2], strict=False)
        ]
    if singles:
        pairs += single_pairs(text, start, end, quoted_segments(text, start, end))
    return sorted(pairs)


def single_pairs(text: str, start: int, end: int, doubles: list[tuple[int, int]]) -> list[Pair]:
    """Balanced ``'…'`` pairs within a line and outside the ``doubles`` segments: an opening
    mark at a word's start, closed by the first closing mark after punctuation before the
    next opening mark ('The students' union voted,' he said), else by the first one."""
    pairs: list[Pair] = []
    for line_start, line_end in lines(text, start, end):
        opens = [
            m.start()
            for m in SINGLE_OPEN.finditer(text, line_start, line_end)
            if not _in(m.start(), doubles)
        ]
        closes = [
            m.start()
            for m in SINGLE_CLOSE.finditer(text, line_start, line_end)
            if not _in(m.start(), doubles)
        ]
        for k, at in enumerate(opens):
            limit = opens[k + 1] if k + 1 < len(opens) else line_end
            close = _single_close(text, [c for c in closes if at + 2 < c < limit])
            if close is not None and (not pairs or pairs[-1][3] <= at):
                pairs.append((at, at + 1, close, close + 1))
    return pairs


def _single_close(text: str, closes: list[int]) -> int | None:
    """The mark closing a single quotation among candidates: the first after punctuation
    (a possessive "students'" comes before it), else the first; None if there is none.
    Candidates start two characters in, so "rock 'n' roll" is no quotation."""
    punctuated = [c for c in closes if text[c - 1] in CLOSING_PUNCT]
    found = punctuated or closes
    return found[0] if found else None


def balanced(span: tuple[int, int], pairs: list[Pair]) -> tuple[int, int]:
    """``span`` widened to both marks of every quotation it has one mark of (a content cut
    at a closing mark, 'that his government "is on the right side of history'), so a span
    never shows half a quotation."""
    start, end = span
    changed = True
    while changed:
        changed = False
        for o1, _o2, c1, c2 in pairs:
            opened, closed = start <= o1 < end, start <= c1 < end
            if opened and not closed:
                end, changed = c2, True
            elif closed and not opened:
                start, changed = o1, True
    return start, end


def _in(position: int, segments: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in segments)


def attach_segments(
    doc: Any,
    offset: int,
    number: int,
    segments: list[tuple[int, int]],
    drafts: list[Draft],
    earlier: list[Draft],
    inside: Callable[[int], bool],
) -> None:
    """Give every quoted passage not yet claimed by a cue's complement a quote: the cue in
    its sentence, the quote before it in the paragraph, or the previous paragraph's speaker."""
    for segment in segments:
        if any(segment in d.segments for d in drafts):
            continue
        if (turn := cues.transcript_speaker(doc, segment[0] - offset)) is not None:
            drafts.append(_transcript_turn(doc, offset, number, segment, turn))
            continue
        cue = _nearest_cue(doc, offset, segment, inside) or _sentence_verb(
            doc, offset, segment, inside
        )
        owner = next(
            (d for d in drafts if cue is not None and d.cue == verb_cue(cue, offset)), None
        )
        if owner is not None:
            owner.content = sorted({*owner.content, segment}) if owner.direct else [segment]
            owner.direct = True
            owner.segments.append(segment)
        elif cue is not None:
            drafts.append(
                Draft(
                    [segment],
                    verb_cue(cue, offset),
                    source_head(cue, offset),
                    True,
                    number,
                    segments=[segment],
                )
            )
        elif (signed := cues.dash_source(doc, segment[1] - offset)) is not None:
            dash, head = signed
            cue_span = (offset + dash.idx, offset + dash.idx + len(dash))
            drafts.append(
                Draft([segment], cue_span, (head, offset), True, number, segments=[segment])
            )
        else:
            _continue_quote(segment, doc.text, offset, number, drafts, earlier)


def _transcript_turn(
    doc: Any, offset: int, number: int, segment: tuple[int, int], turn: tuple[Any, Any]
) -> Draft:
    """A transcript turn ("PENCE: Well, look, …"): the label speaks what follows the colon."""
    colon, head = turn
    start, end = trim(doc.text, colon.idx + 1, segment[1] - offset)
    content = (offset + start, offset + end)
    cue = (offset + colon.idx, offset + colon.idx + 1)
    return Draft([content], cue, (head, offset), True, number, segments=[segment])


def _nearest_cue(
    doc: Any, offset: int, segment: tuple[int, int], inside: Callable[[int], bool]
) -> Any:
    """A speech verb outside quotation marks in a sentence the passage starts or ends in."""
    sentences = [
        s
        for s in doc.sents
        if offset + s.start_char <= segment[1] and segment[0] < offset + s.end_char
    ]
    for sent in (sentences[-1], sentences[0]) if sentences else ():
        cues = [t for t in sent if t.pos_ == "VERB" and not inside(offset + t.idx)]
        cues = [
            t for t in cues if t.lemma_.lower() in QUOTING_VERBS or _colon_after(t, offset, segment)
        ]
        cues = [t for t in cues if _same_line(doc.text, t.idx, segment, offset)]
        if cues:
            return min(cues, key=lambda t: _distance(offset + t.idx, segment))
    return None


def _sentence_verb(
    doc: Any, offset: int, segment: tuple[int, int], inside: Callable[[int], bool]
) -> Any:
    """A quotation that opens or closes its sentence, whose main verb is no speech verb
    ('"We love you," Washington tweeted', 'Moore thanked him: "…"'): that verb, when it
    has a subject to be the source; else None. A short quotation closing its sentence must be
    set off by a colon or comma; otherwise it is a phrase of the clause (a scare quote)."""
    start, end = segment[0] - offset, segment[1] - offset
    sents = [s for s in doc.sents if s.start_char <= end and start < s.end_char]
    if len(sents) != 1:
        return None
    sent = sents[0]
    before = doc.text[sent.start_char : start].strip(" \"'")
    after = doc.text[end : sent.end_char].strip(" \"'.,!?")
    if before and after:
        return None  # a quoted phrase inside the sentence, not a quotation
    short = len(doc.text[start:end].split()) < MIN_UNCUED_WORDS
    if before and short and not before.endswith((":", ",")):
        return None  # "… refer to the conflict as an "invasion."": a phrase of the clause
    verbs = [
        t
        for t in sent
        if t.pos_ == "VERB"
        and not inside(offset + t.idx)
        and (t.dep_ == "ROOT" or (start <= t.head.idx < end and t.dep_ in SAYING_DEPS))
        and _same_line(doc.text, t.idx, segment, offset)
    ]
    for verb in verbs:
        subject = source_head(verb, offset)
        if subject is not None and cues.has_source(subject[0]):
            return verb
    return None


def adjacent_verb(doc: Any, offset: int, segment: tuple[int, int]) -> Any:
    """The main verb of a sentence of its own that directly follows a quotation on its line
    ('"…? Isn't that sort of a bribe?" Trump asked.', '"…!" some protesters chanted'), or
    that directly precedes it ending in a colon or comma ('Clinton shared a bit of her
    anxiety with an audience, "…"'), when it has a subject to be the source; else None.
    Whether the verb is a cue is the cue model's call (`manysides.nlp.quotes`)."""
    start, end = segment[0] - offset, segment[1] - offset
    for sent in doc.sents:
        if sent.start_char >= end:
            gap = doc.text[end : sent.start_char]
        elif sent.end_char <= start:
            gap = doc.text[sent.end_char : start]
            if not sent.text.rstrip(" \"'").endswith((":", ",")):
                continue
        else:
            continue
        if "\n" in gap or gap.strip(" \"'.,!?:"):
            continue
        verb = sent.root
        subject = source_head(verb, offset) if verb.pos_ == "VERB" else None
        if subject is not None and cues.has_source(subject[0]):
            return verb
    return None


def introduces(verb: Any, offset: int) -> bool:
    """Whether a verb before a colon introduces a quotation: a quoting verb ("added:"), or
    any verb with a source ("Caddell continued:", "Sanders made the following comment:")."""
    if verb.lemma_.lower() in QUOTING_VERBS | SPEECH_VERBS:
        return True
    subject = source_head(verb, offset)
    return subject is not None and cues.has_source(subject[0])


def _colon_after(verb: Any, offset: int, segment: tuple[int, int]) -> bool:
    """'Limbaugh continued: "…"': the verb's phrase ends in a colon right before the passage."""
    doc = verb.doc
    colon = next((t for t in doc[verb.i + 1 : verb.sent.end] if t.text == ":"), None)
    if colon is None or any(t.pos_ == "VERB" for t in doc[verb.i + 1 : colon.i]):
        return False
    gap = doc.text[colon.idx + 1 : segment[0] - offset]
    return segment[0] - offset > colon.idx and not gap.strip(' "\n')


def _same_line(text: str, at: int, segment: tuple[int, int], offset: int) -> bool:
    """Whether doc-relative ``at`` and the passage share a line: a line break is a
    paragraph break, and '"…," he said' never crosses one."""
    start, end = segment[0] - offset, segment[1] - offset
    between = text[at:start] if at < start else text[end:at]
    return "\n" not in between


def _distance(position: int, segment: tuple[int, int]) -> int:
    return segment[0] - position if position < segment[0] else position - segment[1]


def _continue_quote(
    segment: tuple[int, int],
    text: str,
    offset: int,
    number: int,
    drafts: list[Draft],
    earlier: list[Draft],
) -> None:
    """A passage with no cue of its own: part of a split quote, a carried-on quote, or (if
    long enough to be speech) a quote whose source is not given."""
    same_paragraph = [
        d for d in drafts if d.direct and d.content and d.content[-1][1] <= segment[0]
    ]
    if same_paragraph:
        previous = max(same_paragraph, key=lambda d: d.content[-1][1])
        previous.content.append(segment)
        previous.segments.append(segment)
        return
    if _opens_line(text, segment[0] - offset):
        before = [d for d in drafts if _ends_before(d, segment[0])]
        before = before or [d for d in earlier if d.paragraph == number - 1]
        pending = [d for d in before if not d.content]
        if pending:
            pending[-1].content.append(segment)
            pending[-1].segments.append(segment)
            return
        before = [d for d in before if d.content]
        if before:
            source = max(before, key=lambda d: d.content[-1][1])
            carried = Draft([segment], None, None, True, number, segments=[segment])
            carried.inherited = source.inherited or source
            drafts.append(carried)
            return
    words = text[segment[0] - offset : segment[1] - offset]
    if len(words.split()) >= MIN_UNCUED_WORDS:
        drafts.append(Draft([segment], None, None, True, number, segments=[segment]))


def _opens_line(text: str, at: int) -> bool:
    """Whether doc-relative ``at`` opens its paragraph or line (only marks before it)."""
    line = text.rfind("\n", 0, at) + 1
    return not text[line:at].strip(" \"'")


def _ends_before(draft: Draft, position: int) -> bool:
    """A draft of this paragraph before ``position``: its content, or an announcing cue."""
    if draft.content:
        return draft.content[-1][1] <= position
    return draft.cue is not None and draft.cue[1] <= position


def inside_any(segments: list[tuple[int, int]]) -> Callable[[int], bool]:
    def check(position: int) -> bool:
        return any(s <= position < e for s, e in segments)

    return check
