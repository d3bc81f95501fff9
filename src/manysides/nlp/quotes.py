"""Quotations and reported speech, read off the dependency parse of each story paragraph.

Two sources of evidence are combined, because news uses both: a *cue* (a speech verb such as
"said", "told", "added", "according to") whose clausal complement is the content, and
*quotation marks* (straight ``"`` after normalization) whose span is the content. A quoted
passage with no cue in its own sentence continues the quotation before it in the paragraph
(split quotes), or the previous paragraph's speaker when it opens a paragraph (the common
"…," he said. / "…" pattern); that part lives in `manysides.nlp.quoted`, as do British
single marks ('…,' he said) and the widening of a content to both marks of a quotation. A
cue model trained on PolNeAR (`manysides.nlp.cue_model`) adds the long tail of cues the rules
miss; attributions nested in another's content are then dropped (`manysides.nlp.drafts`,
`_unreported`), a writer's dash aside on the claim is cut off (`_without_aside`), and
speakers are resolved by `manysides.nlp.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from manysides.model import Article, Mention, Quote, Span
from manysides.nlp import cue_model, cues
from manysides.nlp.cues import QUOTING_VERBS, SPEECH_VERBS
from manysides.nlp.drafts import (
    Draft,
    on_line,
    outermost,
    quoted_segments,
    source_head,
    trim,
    verb_cue,
)
from manysides.nlp.quoted import (
    Pair,
    adjacent_verb,
    attach_segments,
    balanced,
    inside_any,
    introduces,
    mark_pairs,
    segments_of,
    uses_single_marks,
)
from manysides.nlp.speakers import Resolution, SpeakerResolver

__all__ = ["QUOTING_VERBS", "SPEECH_VERBS", "extract_quotes", "quoted_segments"]

COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
POLLS = frozenset({"poll", "survey", "polling"})
ASIDE = re.compile(
    r"\s+(?:[–—―]|--?)\s+(?:a|an|the)\s+(?:\w+\s+)?"
    r"(?:claim|allegation|accusation|charge|assertion|contention|suggestion)s?\b"
)
"""A dash and a noun phrase naming what was said ("… – a claim Beijing has denied")."""
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|disput(?:es|ed)|"
    r"refut(?:es|ed)|rebu(?:ts|tted|ffed))\b"
)
"""What the aside says of the claim: the writer's comment, not the source's words."""
ASIDE_END = re.compile(r"\s(?P<dash>[–—―]|--?)\s|[.!?]\s|\n")
"""Where an aside ends: a closing dash (the content goes on after it) or the sentence's end."""


def extract_quotes(
    article: Article,
    paragraphs: Sequence[tuple[int, Any]],
    mentions: Sequence[Mention],
    sentence_of: Callable[[int], int],
    model: cue_model.CueModel | None = None,
    learned: bool = True,
) -> tuple[Quote, ...]:
    """All quotes of an article from its story paragraphs' spaCy docs (offset, doc): the
    rules' quotes, plus (``learned``) the cue model's attributions the rules missed."""
    resolver = SpeakerResolver(article, mentions)
    singles = uses_single_marks(article.text)
    drafts: list[Draft] = []
    for number, (offset, doc) in enumerate(paragraphs):
        drafts.extend(_paragraph_quotes(article.text, number, offset, doc, drafts, singles))
    drafts = [d for d in drafts if d.content]  # an announcing "X said:" never filled
    if learned:
        model = model or cue_model.load_model()
        drafts += _learned(article.text, paragraphs, drafts, model, singles)
    pairs = [
        pair
        for offset, doc in paragraphs
        for pair in mark_pairs(article.text, offset, offset + len(doc.text), singles)
    ]
    drafts = _quoted_as(drafts, paragraphs)
    drafts = sorted(outermost(article.text, drafts), key=lambda d: d.content[0][0])
    drafts = _unreported(drafts, paragraphs)
    cues_at = [d.cue for d in drafts if d.cue]
    resolved: dict[int, Resolution] = {}
    quotes: list[Quote] = []
    for draft in drafts:
        start = draft.content[0][0]
        if draft.inherited is not None and id(draft.inherited) in resolved:
            speaker, ref, _kind = resolved[id(draft.inherited)]
            resolution: Resolution = (speaker, ref, "carried" if speaker else "none")
        else:
            subject = _subject_outside(draft, pairs)
            resolution = resolver.resolve(subject, start, [*draft.content, *cues_at])
            draft.content = _outside_speaker(draft.content, resolution[0])
            start = draft.content[0][0]
            clipped = _clipped(article, resolution, draft.content, pairs, draft.cue)
            resolver.amend(resolution[0], clipped and clipped[0])
            if clipped is None:
                continue  # the "speaker" is the quotation itself (a scare quote)
            resolution = clipped
        resolved[id(draft)] = resolution
        speaker, ref, kind = resolution
        spans = sorted(draft.content)
        if not draft.direct:
            spans = [piece for span in spans for piece in _without_aside(article.text, span)]
        content = tuple(article.span(*balanced(span, pairs)) for span in spans)
        cue = article.span(*draft.cue) if draft.cue else None
        speech = draft.speech or draft.direct
        quote = Quote(content, cue, speaker, ref, draft.direct, sentence_of(start), kind, speech)
        quotes.append(quote)
    return tuple(quotes)


def _outside_speaker(content: list[tuple[int, int]], speaker: Span | None) -> list[tuple[int, int]]:
    """A quotation's pieces without one that is part of its speaker's phrase (a nickname:
    'Marcia "Cia" Price'), unless that is all there is."""
    if speaker is None:
        return content
    kept = [(s, e) for s, e in content if not (speaker.start <= s and e <= speaker.end)]
    return kept or content


def _subject_outside(draft: Draft, pairs: Sequence[Pair]) -> tuple[Any, int] | None:
    """A speaker's head parsed inside a quotation ('"… Drs. Mitchell and Leslie Weiss," Kris
    Hoce, president of …, said': "Mitchell", with "Hoce" its apposition) gives way to its
    apposition after the quotation; else the draft's subject as it is."""
    if draft.subject is None:
        return None
    token, offset = draft.subject
    at = offset + token.idx
    spans = [*draft.content, *((o2, c1) for _o1, o2, c1, _c2 in pairs)]
    inside = next(((s, e) for s, e in spans if s <= at < e), None)
    if inside is None:
        return draft.subject
    after = [
        c
        for c in token.children
        if c.dep_ in ("appos", "conj")
        and offset + c.idx >= inside[1]
        and not any(s <= offset + c.idx < e for s, e in spans)
    ]
    return (after[0], offset) if after else draft.subject


def _clipped(
    article: Article,
    resolution: Resolution,
    content: Sequence[tuple[int, int]],
    pairs: Sequence[Pair],
    cue: tuple[int, int] | None = None,
) -> Resolution | None:
    """A speaker phrase clear of its own quotation: cut to start after the closing mark of one
    of the content's quotations it runs into from the left (or to end before the opening mark
    of one it runs into on the right); None when a content lies inside it (a scare quote's
    own noun phrase, 'a "travel advisory" warning …'); no speaker when nothing but the
    quotation was the phrase, or its head was cut away with the quotation (the quotation's
    words stay a quote)."""
    speaker, ref, kind = resolution
    if speaker is None:
        return resolution
    start, end = speaker.start, speaker.end
    if any(start <= s and e <= end for s, e in content):
        return None
    quoted = [
        (o1, c2)
        for o1, o2, c1, c2 in pairs
        if o1 < end
        and start < c2  # only quotations the speaker phrase runs into matter below
        and any(o2 < e and s < c1 for s, e in content)
        and not (cue and o2 <= cue[0] < c1)
    ]  # a quoted transcript turn ('"PENCE: Well, …"') quotes its speaker and cue too
    for s, e in sorted(quoted):
        if s <= start < e:
            start = e
        elif start < s < end < e:
            end = s
    if (start, end) == (speaker.start, speaker.end):
        return resolution
    start, end = trim(article.text, start, end)
    while start < end and article.text[start] in ",;:.!?)- ":
        start += 1
    if end <= start or not any(ch.isalnum() for ch in article.text[start:end]):
        return None, None, "none"  # the words named a speaker inside the quotation
    cut_name = ref is not None and speaker.start <= ref.start < ref.end <= speaker.end
    if cut_name and ref is not None and not (start <= ref.start and ref.end <= end):
        return None, None, "none"  # the name it resolved to lies in the cut quotation
    clipped = article.span(start, end)
    return clipped, clipped if ref == speaker else ref, kind


def _quoted_as(drafts: list[Draft], paragraphs: Sequence[tuple[int, Any]]) -> list[Draft]:
    """One quote for "'…,' the newspaper quoted him as saying": a draft cued by "quoted"
    goes when its "saying" has a draft of its own; a quotation only "quoted" took passes to
    "saying" with the one quoted as its source (`drafts.source_head`); else it goes."""
    cued = {d.cue for d in drafts if d.cue}
    kept = []
    for draft in drafts:
        verb = _cue_token(draft, paragraphs)
        if verb is None or not cues.quotes_as(verb):
            kept.append(draft)
            continue
        saying = next(
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children
            if g.dep_ == "pcomp" and g.lemma_.lower() in SPEECH_VERBS
        )
        offset = paragraphs[draft.paragraph][0]
        cue = verb_cue(saying, offset)
        if draft.direct and cue not in cued:
            draft.cue, draft.subject, draft.inherited = cue, source_head(saying, offset), None
            cued.add(cue)
            kept.append(draft)
    return kept


def _without_aside(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """An indirect content without a dash aside that comments on the claim ("China may send
    arms – a claim Beijing has strongly denied"): the writer's words, not the source's. An
    aside closed by a second dash inside the content leaves the content in two pieces."""
    start, end = span
    found = ASIDE.search(text, start, end)
    if found is None:
        return [span]
    closing = ASIDE_END.search(text, found.end())
    aside_end = closing.start() if closing else len(text)
    if not DENIAL.search(text, found.end(), aside_end):
        return [span]
    pieces = [trim(text, start, found.start())]
    if closing is not None and closing.group("dash") and aside_end < end:
        pieces.append(trim(text, closing.end(), end))
    return [(s, e) for s, e in pieces if e > s]


def _unreported(drafts: list[Draft], paragraphs: Sequence[tuple[int, Any]]) -> list[Draft]:
    """Drop a second attribution of a quotation from a cue inside the first's clause,
    before the quotation, that does not introduce quoted words ("The Kremlin said the two
    presidents would talk about "…"": "talk about" is part of the Kremlin's report, not
    the presidents' speech); "X said Y told him "…"" keeps Y's quotation."""
    verbs = {id(d): _cue_token(d, paragraphs) for d in drafts}
    return [d for d in drafts if not any(_reports(o, d, verbs) for o in drafts if o is not d)]


def _reports(outer: Draft, inner: Draft, verbs: dict[int, Any]) -> bool:
    """Whether ``inner`` is a non-quoting cue's reading of ``outer``'s quotation."""
    cue = verbs[id(inner)]
    if not outer.direct or cue is None or cue.lemma_.lower() in QUOTING_VERBS:
        return False
    if inner.cue is None or inner.cue[0] > inner.content[0][0]:
        return False
    return _within_content(inner, outer) and _governs(verbs[id(outer)], cue)


def _cue_token(draft: Draft, paragraphs: Sequence[tuple[int, Any]]) -> Any:
    """The first token of a draft's cue in its paragraph's doc, or None."""
    if draft.cue is None:
        return None
    offset, doc = paragraphs[draft.paragraph]
    found = doc.char_span(draft.cue[0] - offset, draft.cue[1] - offset, alignment_mode="expand")
    return found[0] if found is not None and len(found) else None


def _within_content(inner: Draft, outer: Draft) -> bool:
    return all(any(s <= a and b <= e for s, e in outer.content) for a, b in inner.content)


def _governs(outer: Any, inner: Any) -> bool:
    """Whether cue token ``inner`` lies after cue token ``outer``, in the clause it heads."""
    if outer is None or inner is None or outer.doc is not inner.doc or inner.i <= outer.i:
        return False
    return any(a.i == outer.i for a in inner.ancestors)


def _learned(
    text: str,
    paragraphs: Sequence[tuple[int, Any]],
    drafts: list[Draft],
    model: cue_model.CueModel,
    singles: bool = False,
) -> list[Draft]:
    """Drafts for the cue model's cues outside what the rules took (beliefs, stances, nouns,
    rarer speech verbs). A quotation the rules left without a cue takes the model's cue
    when the model's content overlaps it ('"Leave your weapons at home," he opined')."""
    rule_cues = [d.cue for d in drafts if d.cue]
    ruled = rule_cues + [span for d in drafts for span in d.content]
    uncued = [d for d in drafts if d.cue is None]
    found = []
    for number, (offset, doc) in enumerate(paragraphs):
        segments = segments_of(text, offset, offset + len(doc.text), singles)
        for item in cue_model.find(doc, offset, segments, ruled, model):
            if item.lemma in cues.RAISING_VERBS and any(
                item.content[0] <= s < item.content[1] for s, _e in rule_cues
            ):
                continue  # "Cruz seemed to blame X": the rules' "blame X" has Cruz
            subject = (item.source, offset) if item.source is not None else None
            speech = item.lemma in SPEECH_VERBS and item.clausal
            start, end = item.content
            owner = next(
                (d for d in uncued if any(s < end and start < e for s, e in d.content)), None
            )
            if owner is None:
                found.append(Draft([item.content], item.cue, subject, False, number, speech=speech))
            elif subject is not None:
                owner.cue, owner.subject, owner.inherited = item.cue, subject, None
                uncued.remove(owner)
    for draft in uncued:
        _adjacent_cue(draft, paragraphs, model)
    return found


def _adjacent_cue(
    draft: Draft, paragraphs: Sequence[tuple[int, Any]], model: cue_model.CueModel
) -> None:
    """A quotation still without a cue of its own (or carried from an earlier quote) takes
    the main verb of the sentence right next to it ('"…?" Trump asked.', '"…!" some
    protesters chanted', see `quoted.adjacent_verb`) when the model scores that verb a cue;
    its subject is then the speaker."""
    offset, doc = paragraphs[draft.paragraph]
    first = draft.segments[0] if draft.segments else draft.content[0]
    last = draft.segments[-1] if draft.segments else draft.content[-1]
    for segment in (last, first):
        verb = adjacent_verb(doc, offset, segment)
        if verb is None or not cue_model.is_candidate(verb):
            continue
        quoted = '"' in verb.sent.text
        if model.probability(cue_model.features(verb, quoted)) >= model.threshold:
            draft.cue, draft.subject = verb_cue(verb, offset), source_head(verb, offset)
            draft.inherited = None
            return


def _paragraph_quotes(
    text: str, number: int, offset: int, doc: Any, earlier: list[Draft], singles: bool = False
) -> list[Draft]:
    segments = segments_of(text, offset, offset + len(doc.text), singles)
    inside = inside_any(segments)
    drafts = [
        draft
        for token in doc
        if _may_cue(token, offset, inside)
        for draft in [_cue_quote(token, offset, number, segments, text)]
        if draft is not None
    ]
    drafts.extend(_according_to(doc, offset, number, text, inside))
    drafts.extend(_headlines(doc, offset, number, text, segments, drafts))
    attach_segments(doc, offset, number, segments, drafts, earlier, inside)
    return drafts


def _may_cue(token: Any, offset: int, inside: Callable[[int], bool]) -> bool:
    """Any verb outside quotation marks: speech verbs, and the belief, intention, stance and
    ``that``-clause patterns of `manysides.nlp.cues` (checked in `_complements`)."""
    return token.pos_ == "VERB" and not inside(offset + token.idx) and not cues.quotes_as(token)


def _cue_quote(
    verb: Any, offset: int, number: int, segments: list[tuple[int, int]], text: str
) -> Draft | None:
    """A cue verb with a clausal complement: indirect speech, or direct when the complement
    is (mostly) inside quotation marks."""
    complements = [c for c in _complements(verb, offset, segments) if on_line(c, verb)]
    if not complements:
        return _parenthetical(verb, offset, number, segments, text) or _announcing(
            verb, offset, number, text
        )
    quoted_heads = [c for c in complements if _within(offset + c.idx, segments)]
    if quoted_heads and len(quoted_heads) < len(complements):
        complements = quoted_heads  # '"…," Spencer said, as fighters worked out': the quote
    bounds = [_clause_bounds(c, verb, offset, text) for c in complements]
    start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
    if end <= start:
        return None
    overlapping = [seg for seg in segments if seg[0] < end and start < seg[1]]
    quoted = sum(min(e, end) - max(s, start) for s, e in overlapping)
    direct = bool(overlapping) and quoted >= 0.6 * (end - start)
    content = overlapping if direct else [(start, end)]
    return Draft(
        content,
        verb_cue(verb, offset),
        source_head(verb, offset),
        direct,
        number,
        segments=list(overlapping),
        speech=_is_speech(verb)
        and not _negated(verb)
        and any(c.dep_ in COMPLEMENT_DEPS for c in complements),
        clause_start=_own_clause(verb, offset),
    )


def _parenthetical(
    verb: Any, offset: int, number: int, segments: list[tuple[int, int]], text: str
) -> Draft | None:
    """ "A new manager, he said, could set a new tone": a speech verb set into the clause it
    reports (``parataxis``); the content is that clause around it, in one or two pieces."""
    head = verb.head
    if verb.dep_ != "parataxis" or not _is_speech(verb) or head.pos_ not in ("VERB", "AUX"):
        return None
    subject = source_head(verb, offset)
    if subject is None or not cues.has_source(subject[0]):
        return None
    outside = verb.left_edge.i, verb.right_edge.i
    pieces = [
        [t for t in head.subtree if t.i < outside[0]],
        [t for t in head.subtree if t.i > outside[1]],
    ]
    spans = [
        trim(text, offset + p[0].idx, offset + p[-1].idx + len(p[-1]))
        for p in pieces
        if [t for t in p if not t.is_punct]
    ]
    spans = [(s, e) for s, e in spans if e - s >= 2]
    if not spans or any(s < spans[-1][1] and spans[0][0] < e for s, e in segments):
        return None  # quoted words are attached to their cue by `attach_segments`
    return Draft(spans, verb_cue(verb, offset), subject, False, number)


def _own_clause(verb: Any, offset: int) -> int | None:
    """Where a speech verb's own statement starts when the parse hangs it off an earlier
    clause ("…, while the Kremlin said …", "… and reiterated that …"), else None."""
    if not _is_speech(verb):
        return None
    contrast = any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children)
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and contrast):
        return int(offset + verb.left_edge.idx)
    return None


def _is_speech(verb: Any) -> bool:
    return verb.lemma_.lower() in SPEECH_VERBS


def _negated(verb: Any) -> bool:
    """ "The ministry did not confirm whether …": what follows was not said, so the quote
    stays in the data (`speech` false) but out of "Who said what"."""
    return any(c.dep_ == "neg" for c in verb.children)


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
    subject = source_head(verb, offset)
    if subject is None or not cues.has_source(subject[0]) or lemma in cues.RAISING_VERBS:
        return []
    if subject[0].dep_ == "nsubjpass" and subject[0].head.i == verb.i:
        return []  # "Clinton is expected to win": the expecting is nobody's in particular
    if lemma in cues.COGNITION_VERBS:
        found = [c for c in [cues.finite_complement(verb)] if c is not None]
    if not found and lemma in cues.INTENTION_VERBS:
        found = cues.intention_content(verb)
    if not found and lemma in cues.STANCE_VERBS:
        found = cues.stance_content(verb)
    if not found:
        found = [c for c in [cues.that_complement(verb)] if c is not None]
    return found


def _announcing(verb: Any, offset: int, number: int, text: str) -> Draft | None:
    """ "X said:" ending a paragraph announces the quotation of the next one: a draft with
    no content yet, filled by `_continue_quote`."""
    after = offset + verb.idx + len(verb)
    rest = text[after : offset + verb.sent.end_char].strip()
    if not rest.endswith(":") or not introduces(verb, offset):
        return None
    return Draft([], verb_cue(verb, offset), source_head(verb, offset), True, number)


def _within(position: int, segments: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in segments)


def _has_quote(token: Any, offset: int, segments: list[tuple[int, int]]) -> bool:
    start = offset + token.left_edge.idx
    end = offset + token.right_edge.idx + len(token.right_edge)
    return any(s < end and start < e for s, e in segments)


def _clause_bounds(clause: Any, verb: Any, offset: int, text: str) -> tuple[int, int]:
    """The complement's characters, cut at the cue verb when the parse let it run past,
    and at a line break (a paragraph's end, which the parse may run across)."""
    tokens = [t for t in clause.subtree if t.i != verb.i and on_line(t, verb)]
    tokens = [t for t in tokens if not (t.is_punct and t.text != '"')] or list(clause.subtree)
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1])
    return trim(text, start, end)


def _according_to(
    doc: Any, offset: int, number: int, text: str, inside: Callable[[int], bool]
) -> list[Draft]:
    """ "…, according to X" and "in X's poll, …": the source is X, the content the clause
    the phrase modifies."""
    drafts = []
    for token in doc:
        if inside(offset + token.idx):
            continue
        to = _source_preposition(token)
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
        start, end = trim(text, offset + part[0].idx, offset + part[-1].idx + len(part[-1]))
        cue = (offset + token.idx, offset + to.idx + len(to))
        drafts.append(Draft([(start, end)], cue, (source, offset), False, number))
    return drafts


def _source_preposition(token: Any) -> Any:
    """The preposition whose object is a source: "to" of "according to", or "in" before a
    poll or survey ("in the latest CNN/ORC poll, Trump leads …"); else None."""
    if token.lower_ == "according":
        return next((c for c in token.children if c.lower_ == "to"), None)
    if token.lower_ == "in" and token.dep_ == "prep" and _sets_off(token):
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if objects and objects[0].lemma_.lower() in POLLS:
            return token
    return None


def _sets_off(token: Any) -> bool:
    """A phrase opening its sentence or set off by a comma ("In the poll, …", "…, in the
    poll, …"), not one inside the clause ("leads in the polls")."""
    before = token.doc[token.sent.start : token.i]
    words = [t for t in before if not (t.is_punct or t.is_space)]
    return not words or before[-1].text == ","


def _headlines(
    doc: Any,
    offset: int,
    number: int,
    text: str,
    segments: list[tuple[int, int]],
    drafts: list[Draft],
) -> list[Draft]:
    """ "Source: what they said" sentences (headlines, pull quotes) not already a cue's."""
    found = []
    for sent in doc.sents:
        signed = cues.headline_source(sent)
        if signed is None:
            continue
        colon, head = signed
        start, end = trim(text, offset + colon.idx + 1, offset + sent.end_char)
        if end <= start or any(
            d.content and d.content[0][0] <= start < d.content[-1][1] for d in drafts
        ):
            continue
        inner = [seg for seg in segments if start <= seg[0] and seg[1] <= end + 1]
        cue = (offset + colon.idx, offset + colon.idx + 1)
        found.append(Draft([(start, end)], cue, (head, offset), False, number, segments=inner))
    return found
