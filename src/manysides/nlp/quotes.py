"""Quotations and reported speech, read off the dependency parse of each story paragraph.

Two sources of evidence are combined, because news uses both: a *cue* (a speech verb such as
"said", "told", "added", "according to") whose clausal complement is the content, and
*quotation marks* (straight ``"`` after normalization) whose span is the content. A quoted
passage with no cue in its own sentence continues the quotation before it in the paragraph
(split quotes), or the previous paragraph's speaker when it opens a paragraph (the common
"…," he said. / "…" pattern). Speakers are then resolved by `manysides.nlp.speakers`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from manysides.model import Article, Mention, Quote
from manysides.nlp import cues
from manysides.nlp.speakers import Resolution, SpeakerResolver

_SPEECH_VERBS_WORDS = """say tell add state announce claim insist argue warn note explain tweet write report
    confirm deny declare acknowledge admit suggest ask reply respond comment predict vow pledge
    promise urge stress emphasize emphasise assert contend maintain allege testify conclude
    caution complain concede observe remark mention reveal recall estimate believe think
    accuse criticize criticise indicate show signal agree disagree recommend demand
    describe question repeat reiterate boast joke quip counter retort lament acknowledge
    announce post blog tout predict hint concur propose"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS_WORDS.split())
"""Lemmas of verbs that introduce reported speech or a stated position (PolNeAR's cues)."""
_QUOTING_WORDS = """say tell add state announce insist argue warn note explain tweet write declare
    ask reply respond comment stress emphasize assert claim confirm deny continue conclude"""
QUOTING_VERBS = frozenset(_QUOTING_WORDS.split())
"""Verbs that may own a quoted passage they do not govern ("…," he said. / He added: "…")."""

COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
MIN_UNCUED_WORDS = 8
"""A quoted passage with no cue is kept only if it reads like speech, not a scare quote."""


@dataclass(slots=True)
class _Draft:
    """A quote being assembled; spans are global (article) offsets."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    subject: tuple[Any, int] | None  # (spaCy token of the speaker's head, paragraph offset)
    direct: bool
    paragraph: int
    inherited: _Draft | None = None
    segments: list[tuple[int, int]] = field(default_factory=list)
    speech: bool = True


def extract_quotes(
    article: Article,
    paragraphs: Sequence[tuple[int, Any]],
    mentions: Sequence[Mention],
    sentence_of: Callable[[int], int],
) -> tuple[Quote, ...]:
    """All quotes of an article from its story paragraphs' spaCy docs (offset, doc)."""
    resolver = SpeakerResolver(article, mentions)
    drafts: list[_Draft] = []
    for number, (offset, doc) in enumerate(paragraphs):
        drafts.extend(_paragraph_quotes(article.text, number, offset, doc, drafts))
    drafts = [d for d in drafts if d.content]  # an announcing "X said:" never filled
    drafts.sort(key=lambda d: d.content[0][0])
    resolved: dict[int, Resolution] = {}
    quotes: list[Quote] = []
    for draft in drafts:
        start = draft.content[0][0]
        if draft.inherited is not None and id(draft.inherited) in resolved:
            speaker, ref, _kind = resolved[id(draft.inherited)]
            resolution: Resolution = (speaker, ref, "carried" if speaker else "none")
        else:
            resolution = resolver.resolve(draft.subject, start)
        resolved[id(draft)] = resolution
        speaker, ref, kind = resolution
        content = tuple(article.span(s, e) for s, e in sorted(draft.content))
        cue = article.span(*draft.cue) if draft.cue else None
        speech = draft.speech or draft.direct
        quote = Quote(content, cue, speaker, ref, draft.direct, sentence_of(start), kind, speech)
        quotes.append(quote)
    return tuple(quotes)


def quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inner spans of ``"…"`` pairs in ``text[start:end]``; an unclosed quotation runs to
    the paragraph's end (news leaves a quotation open when it continues below)."""
    marks = [i for i in range(start, end) if text[i] == '"']
    segments = []
    for k in range(0, len(marks), 2):
        open_at = marks[k]
        close_at = marks[k + 1] if k + 1 < len(marks) else end
        segment = _trim(text, open_at + 1, close_at)
        if segment[1] > segment[0]:
            segments.append(segment)
    return segments


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the comma a quotation ends with before its cue."""
    while start < end and text[start] in " \n\"'":
        start += 1
    while end > start and text[end - 1] in ' \n,"':
        end -= 1
    return start, end


def _paragraph_quotes(
    text: str, number: int, offset: int, doc: Any, earlier: list[_Draft]
) -> list[_Draft]:
    segments = quoted_segments(text, offset, offset + len(doc.text))
    inside = _inside(segments)
    drafts = [
        draft
        for token in doc
        if _may_cue(token, offset, inside)
        for draft in [_cue_quote(token, offset, number, segments, text)]
        if draft is not None
    ]
    drafts.extend(_according_to(doc, offset, number, text, inside))
    drafts.extend(_headlines(doc, offset, number, text, segments, drafts))
    _attach_segments(doc, offset, number, segments, drafts, earlier, inside)
    return drafts


def _inside(segments: list[tuple[int, int]]) -> Callable[[int], bool]:
    def check(position: int) -> bool:
        return any(s <= position < e for s, e in segments)

    return check


def _is_cue(token: Any, offset: int, inside: Callable[[int], bool]) -> bool:
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in SPEECH_VERBS
        and not inside(offset + token.idx)
    )


def _may_cue(token: Any, offset: int, inside: Callable[[int], bool]) -> bool:
    """Any verb outside quotation marks: speech verbs, and the belief, intention, stance and
    ``that``-clause patterns of `manysides.nlp.cues` (checked in `_complements`)."""
    return token.pos_ == "VERB" and not inside(offset + token.idx)


def _cue_quote(
    verb: Any, offset: int, number: int, segments: list[tuple[int, int]], text: str
) -> _Draft | None:
    """A cue verb with a clausal complement: indirect speech, or direct when the complement
    is (mostly) inside quotation marks."""
    complements = _complements(verb, offset, segments)
    if not complements:
        return _announcing(verb, offset, number, text) if _is_speech(verb) else None
    bounds = [_clause_bounds(c, verb, offset, text) for c in complements]
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    if end <= start:
        return None
    overlapping = [seg for seg in segments if seg[0] < end and start < seg[1]]
    quoted = sum(min(e, end) - max(s, start) for s, e in overlapping)
    direct = bool(overlapping) and quoted >= 0.6 * (end - start)
    content = overlapping if direct else [(start, end)]
    return _Draft(
        content,
        _cue_span(verb, offset),
        _subject(verb, offset),
        direct,
        number,
        segments=list(overlapping),
        speech=_is_speech(verb) and any(c.dep_ in COMPLEMENT_DEPS for c in complements),
    )


def _is_speech(verb: Any) -> bool:
    return verb.lemma_.lower() in SPEECH_VERBS


def _complements(verb: Any, offset: int, segments: list[tuple[int, int]]) -> list[Any]:
    """The content's head tokens: a speech verb's clausal complement or object, else (with a
    subject to be the source) a belief's finite clause, an intention's infinitive, a stance
    verb's object, or any verb's "that"-clause."""
    lemma = verb.lemma_.lower()
    found: list[Any] = []
    if lemma in SPEECH_VERBS:
        found = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
        found = [
            c
            for c in found
            if c.dep_ != "xcomp" or lemma == "say" or _has_quote(c, offset, segments)
        ]
    found += cues.object_content(verb)
    if found:
        return found
    subject = _subject(verb, offset)
    if subject is None or not cues.has_source(subject[0]):
        return []
    if lemma in cues.COGNITION_VERBS:
        found = [c for c in [cues.finite_complement(verb)] if c is not None]
    if not found and lemma in cues.INTENTION_VERBS:
        found = cues.intention_content(verb)
    if not found and lemma in cues.STANCE_VERBS:
        found = cues.stance_content(verb)
    if not found:
        found = [c for c in [cues.that_complement(verb)] if c is not None]
    return found


def _announcing(verb: Any, offset: int, number: int, text: str) -> _Draft | None:
    """ "X said:" ending a paragraph announces the quotation of the next one: a draft with
    no content yet, filled by `_continue_quote`."""
    after = offset + verb.idx + len(verb)
    rest = text[after : offset + verb.sent.end_char].strip()
    if not rest.endswith(":") or verb.lemma_.lower() not in QUOTING_VERBS:
        return None
    return _Draft([], _cue_span(verb, offset), _subject(verb, offset), True, number)


def _has_quote(token: Any, offset: int, segments: list[tuple[int, int]]) -> bool:
    start = offset + token.left_edge.idx
    end = offset + token.right_edge.idx + len(token.right_edge)
    return any(s < end and start < e for s, e in segments)


def _clause_bounds(clause: Any, verb: Any, offset: int, text: str) -> tuple[int, int]:
    """The complement's characters, cut at the cue verb when the parse let it run past."""
    tokens = [t for t in clause.subtree if t.i != verb.i]
    tokens = [t for t in tokens if not (t.is_punct and t.text != '"')] or list(clause.subtree)
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1])
    return _trim(text, start, end)


def _cue_span(verb: Any, offset: int) -> tuple[int, int]:
    """The cue verb with its particle ("point out") or its object "reporters" ("told reporters")."""
    end_token = verb
    for child in verb.children:
        if child.i == end_token.i + 1 and (
            child.dep_ == "prt"
            or (child.dep_ == "dobj" and child.lower_ in ("reporters", "journalists"))
        ):
            end_token = child
    return offset + verb.idx, offset + end_token.idx + len(end_token)


def _subject(verb: Any, offset: int) -> tuple[Any, int] | None:
    """The speaker's head token: the verb's subject, or that of the clause it hangs from
    ("Heger told reporters, adding that …" gives "adding" Heger's subject)."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0], offset
        if token.dep_ in ("advcl", "conj", "xcomp", "pcomp") and token.head.i != token.i:
            token = token.head
        else:
            break
    return None


def _according_to(
    doc: Any, offset: int, number: int, text: str, inside: Callable[[int], bool]
) -> list[_Draft]:
    """ "…, according to X": the source is X, the content the clause the phrase modifies."""
    drafts = []
    for token in doc:
        if token.lower_ != "according" or inside(offset + token.idx):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if to is None or source is None:
            continue
        sent = token.sent
        phrase = (token.left_edge.i, token.right_edge.i)
        left = [t for t in sent if t.i < phrase[0] and not t.is_punct]
        right = [t for t in sent if t.i > phrase[1] and not t.is_punct]
        part = left if len(left) >= len(right) else right
        if len(part) < 3:
            continue
        start, end = _trim(text, offset + part[0].idx, offset + part[-1].idx + len(part[-1]))
        cue = (offset + token.idx, offset + to.idx + len(to))
        drafts.append(_Draft([(start, end)], cue, (source, offset), False, number))
    return drafts


def _headlines(
    doc: Any,
    offset: int,
    number: int,
    text: str,
    segments: list[tuple[int, int]],
    drafts: list[_Draft],
) -> list[_Draft]:
    """ "Source: what they said" sentences (headlines, pull quotes) not already a cue's."""
    found = []
    for sent in doc.sents:
        signed = cues.headline_source(sent)
        if signed is None:
            continue
        colon, head = signed
        start, end = _trim(text, offset + colon.idx + 1, offset + sent.end_char)
        if end <= start or any(
            d.content and d.content[0][0] <= start < d.content[-1][1] for d in drafts
        ):
            continue
        inner = [seg for seg in segments if start <= seg[0] and seg[1] <= end + 1]
        cue = (offset + colon.idx, offset + colon.idx + 1)
        found.append(_Draft([(start, end)], cue, (head, offset), False, number, segments=inner))
    return found


def _attach_segments(
    doc: Any,
    offset: int,
    number: int,
    segments: list[tuple[int, int]],
    drafts: list[_Draft],
    earlier: list[_Draft],
    inside: Callable[[int], bool],
) -> None:
    """Give every quoted passage not yet claimed by a cue's complement a quote: the cue in
    its sentence, the quote before it in the paragraph, or the previous paragraph's speaker."""
    for segment in segments:
        if any(segment in d.segments for d in drafts):
            continue
        cue = _nearest_cue(doc, offset, segment, inside)
        owner = next(
            (d for d in drafts if cue is not None and d.cue == _cue_span(cue, offset)), None
        )
        if owner is not None:
            owner.content = sorted({*owner.content, segment}) if owner.direct else [segment]
            owner.direct = True
            owner.segments.append(segment)
        elif cue is not None:
            drafts.append(
                _Draft(
                    [segment],
                    _cue_span(cue, offset),
                    _subject(cue, offset),
                    True,
                    number,
                    segments=[segment],
                )
            )
        elif (signed := cues.dash_source(doc, segment[1] - offset)) is not None:
            dash, head = signed
            cue_span = (offset + dash.idx, offset + dash.idx + len(dash))
            drafts.append(
                _Draft([segment], cue_span, (head, offset), True, number, segments=[segment])
            )
        else:
            _continue_quote(
                segment,
                doc.text[segment[0] - offset : segment[1] - offset],
                offset,
                number,
                drafts,
                earlier,
            )


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
        cues = [t for t in sent if _is_cue(t, offset, inside) and t.lemma_.lower() in QUOTING_VERBS]
        if cues:
            return min(cues, key=lambda t: _distance(offset + t.idx, segment))
    return None


def _distance(position: int, segment: tuple[int, int]) -> int:
    return segment[0] - position if position < segment[0] else position - segment[1]


def _continue_quote(
    segment: tuple[int, int],
    words: str,
    offset: int,
    number: int,
    drafts: list[_Draft],
    earlier: list[_Draft],
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
    before = [d for d in earlier if d.paragraph == number - 1]
    pending = [d for d in before if not d.content]
    if pending and segment[0] <= offset + 1:
        pending[-1].content.append(segment)
        pending[-1].segments.append(segment)
        return
    before = [d for d in before if d.content]
    if before and segment[0] <= offset + 1:
        source = max(before, key=lambda d: d.content[-1][1])
        carried = _Draft([segment], None, None, True, number, segments=[segment])
        carried.inherited = source.inherited or source
        drafts.append(carried)
        return
    if len(words.split()) >= MIN_UNCUED_WORDS:
        drafts.append(_Draft([segment], None, None, True, number, segments=[segment]))
