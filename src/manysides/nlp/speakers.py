"""Who a quote's speaker is: the words naming them, and the name they resolve to.

A speaker is written as a name ("Peskov"), a name with a title ("Kremlin spokesman Dmitry
Peskov"), a role ("the spokesperson", "a Chinese foreign policy specialist") or a pronoun
("he"). Names resolve to their own mention; a pronoun or a definite role ("the spokesperson")
to the nearest earlier speaker that fits; an indefinite role stays itself, with no entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from manysides.model import Article, Mention, QuoteSpeakerKind, Span

NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
KEEP_RIGHT = frozenset({"compound", "flat", "prep", "pobj", "cc", "conj", "case", "nummod", "amod"})
DESCRIBING = frozenset({"appos", "relcl", "acl"})
"""Descriptions of a source that are part of its phrase, as PolNeAR and PARC mark it: an
apposition ("Huma Abedin, vice chairwoman for Clinton's campaign"), a relative clause
("Chris Cox, who runs the NRA's lobbying arm"), a participle ("a report published Tuesday")."""
DATELINE_MARKS = frozenset({"-", "–", "—", "--"})
FOCUS_WORDS = frozenset({"even", "thus"})
TIME_PREPS = frozenset({"on", "in", "during", "at"})
TIMES = frozenset({"DATE", "TIME"})
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"they", "it", "we"})
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we"}
"""The object forms a speaker takes in "the newspaper quoted him as saying"."""
RELATIVES = frozenset({"who", "which", "that"})
"""A relative pronoun speaks for the noun its clause describes ("officials, who said …")."""
_PERSON_ROLES_WORDS = """spokesperson spokesman spokeswoman minister president official professor analyst expert
    specialist adviser advisor aide diplomat leader secretary senator governor mayor ambassador
    envoy chief director chairman chairwoman candidate lawmaker representative source
    counterpart premier chancellor general officer commander researcher economist lawyer
    attorney"""
PERSON_ROLES = frozenset(_PERSON_ROLES_WORDS.split())
_DOCUMENT_WORDS = """statement report schedule poll survey document memo letter study record
    analysis readout transcript data filing release"""
DOCUMENTS = frozenset(_DOCUMENT_WORDS.split())
"""Sources that speak but are no antecedent of "they" or "it" ("the official statement")."""
RECENT_CHARS = 1200
"""How far back (in characters) a pronoun looks for the previous quote's speaker."""

Resolution = tuple[Span | None, Span | None, QuoteSpeakerKind]


@dataclass(frozen=True, slots=True)
class _Said:
    """A speaker already resolved, for later pronouns and definite roles to refer back to."""

    position: int
    speaker: Span
    ref: Span | None
    head: str
    person: bool


class SpeakerResolver:
    """Resolves speakers in article order, remembering each for later back-references."""

    def __init__(self, article: Article, mentions: Sequence[Mention]) -> None:
        self.article = article
        self.names = sorted(
            (m for m in mentions if m.label in NAME_LABELS), key=lambda m: m.span.start
        )
        self.history: list[_Said] = []

    def resolve(
        self,
        subject: tuple[Any, int] | None,
        position: int,
        avoid: Sequence[tuple[int, int]] = (),
    ) -> Resolution:
        """The speaker phrase (with its descriptions clear of ``avoid``, the cue and the
        content), what it refers to, and how that was decided."""
        if subject is None:
            return None, None, "none"
        token, offset = subject
        token = _past_dateline(token)
        if token.lower_ == "it" and token.dep_ == "nsubjpass":
            return None, None, "none"  # "It has been reported that …": no source given
        start, end = source_phrase(token, offset, avoid)
        speaker = self.article.span(start, end)
        head = OBJECT_PRONOUNS.get(token.lower_, token.lower_)
        name = self._name_at(offset + token.idx)
        if name is not None:
            kind: QuoteSpeakerKind = "name" if _bare(speaker, name) else "title"
            result: Resolution = (speaker, name.span, kind)
        elif token.lower_ in RELATIVES and token.head.dep_ == "relcl":
            result = (speaker, self._relative(token.head.head, offset), "pronoun")
        elif token.pos_ == "PRON":
            bound = (
                self._bound(token, offset)
                if head in PERSON_PRONOUNS
                else self._plural(token, offset)
                if head == "they"
                else None
            )
            result = (speaker, bound or self._antecedent(head, position), "pronoun")
        else:
            result = (speaker, self._role(token, offset, speaker), "nominal")
        self._remember(position, result, token)
        return result

    def amend(self, speaker: Span | None, clipped: Span | None) -> None:
        """Correct the last remembered ``speaker`` to ``clipped`` (a phrase cut clear of a
        quotation), or forget it when the quote was dropped (``clipped`` None)."""
        if speaker is None or clipped == speaker:
            return
        for k in range(len(self.history) - 1, -1, -1):
            said = self.history[k]
            if said.speaker == speaker:
                if clipped is None:
                    del self.history[k]
                else:
                    ref = clipped if said.ref == speaker else said.ref
                    self.history[k] = _Said(said.position, clipped, ref, said.head, said.person)
                return

    def _name_at(self, position: int) -> Mention | None:
        return next((m for m in self.names if m.span.start <= position < m.span.end), None)

    def _bound(self, pronoun: Any, offset: int) -> Span | None:
        """He or she in a relative clause ("Xi … Putin, whom he once called his 'best
        friend'") is not the person the clause describes: the last other person named
        before it in the sentence, or None when there is no relative clause or person."""
        clause = next((a for a in pronoun.ancestors if a.dep_ == "relcl"), None)
        if clause is None:
            return None
        before = [t for t in pronoun.doc[pronoun.sent.start : clause.left_edge.i] if not t.is_punct]
        noun = before[-1] if before else clause.head  # "Putin, whom": the noun before
        described = self._name_at(offset + noun.idx)
        start, at = offset + pronoun.sent.start_char, offset + pronoun.idx
        people = [
            m
            for m in self.names
            if m.label == "PERSON" and start <= m.span.start and m.span.end <= at
        ]
        people = [m for m in people if described is None or m.span != described.span]
        return people[-1].span if people else None

    def _plural(self, pronoun: Any, offset: int) -> Span | None:
        """ "they" after a plural subject in its own sentence ("China and Russia have
        deepened cooperation … in what they call …"): that subject, else None."""
        subjects = [
            t
            for t in pronoun.doc[pronoun.sent.start : pronoun.i]
            if t.dep_ == "nsubj"
            and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children))
        ]
        if not subjects:
            return None
        return self.article.span(*noun_phrase(subjects[-1], offset))

    def _antecedent(self, pronoun: str, position: int) -> Span | None:
        """The last speaker within reach who fits the pronoun (a person for he/she)."""
        wants_person = pronoun in PERSON_PRONOUNS
        if not wants_person and pronoun not in GROUP_PRONOUNS:
            return None
        for said in reversed(self.history):
            if position - said.position > RECENT_CHARS:
                break
            if said.person == wants_person and said.head not in DOCUMENTS:
                return said.ref or said.speaker
        if wants_person:
            people = [m for m in self.names if m.label == "PERSON" and m.span.end <= position]
            return people[-1].span if people else None
        return None

    def _relative(self, noun: Any, offset: int) -> Span:
        """What "who" stands for in "Sanders, who said …": the name, else the noun phrase."""
        name = self._name_at(offset + noun.idx)
        return name.span if name is not None else self.article.span(*noun_phrase(noun, offset))

    def _role(self, token: Any, offset: int, speaker: Span) -> Span | None:
        """A role: the name in apposition ("His counterpart, Dmitry Kuleba"), the earlier
        speaker with the same role when definite ("the spokesperson"), else itself."""
        for child in token.children:
            if child.dep_ == "appos":
                name = self._name_at(offset + child.idx)
                if name is not None:
                    return name.span
        definite = any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in token.children)
        if definite:
            for said in reversed(self.history):
                if said.head == token.lower_:
                    return said.ref or said.speaker
        return speaker

    def _remember(self, position: int, result: Resolution, token: Any) -> None:
        speaker, ref, _kind = result
        if speaker is None:
            return
        name = self._name_at(ref.start) if ref is not None else None
        person = (
            name.label == "PERSON" or self._surname_of_person(name)
            if name is not None
            else token.lemma_.lower() in PERSON_ROLES
            or OBJECT_PRONOUNS.get(token.lower_, token.lower_) in PERSON_PRONOUNS
            or _described_as_person(token)
        )
        self.history.append(_Said(position, speaker, ref, token.lower_, person))

    def _surname_of_person(self, name: Mention) -> bool:
        """A surname the tagger took for an organization ("Cubillo said"), of a person named
        in full before ("Enio Cubillo, director of …"): a later "he" may be theirs."""
        return any(
            m.label == "PERSON"
            and m.span.end <= name.span.start
            and len(m.span.text.split()) > 1
            and m.span.text.split()[-1] == name.span.text
            for m in self.names
        )


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent")


def _described_as_person(token: Any) -> bool:
    """A name the tagger missed, described as a person by its apposition ("Ajmal Jan, a
    local shopkeeper, said"): a later "he" may refer to it."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "appos"
        and (c.lemma_.lower() in PERSON_ROLES or c.lower_.endswith(PERSON_SUFFIXES))
        for c in token.children
    )


DATELINE_WORDS = 12
"""Most tokens a dateline before its dash may have ("LONDON, Dec 29 (Reuters) -")."""


def _past_dateline(token: Any) -> Any:
    """The speaker a dateline hides: "SAN JOSE, Costa Rica — Costa Rican investigators
    said" parses the place as the subject and the speaker as its apposition after the dash;
    that apposition, else ``token`` itself."""
    sent = token.sent
    if token.left_edge.i != sent.start or not (
        token.ent_type_ in ("GPE", "LOC") or (token.text.isupper() and len(token.text) > 1)
    ):
        return token
    dash = next(
        (
            t
            for t in token.doc[token.i + 1 : min(token.right_edge.i, sent.start + DATELINE_WORDS)]
            if t.text in DATELINE_MARKS and t.whitespace_ and t.nbor(-1).whitespace_
        ),
        None,
    )
    if dash is None or any(
        t.pos_ not in ("PROPN", "PUNCT", "NUM") and t.ent_type_ not in ("GPE", "DATE")
        for t in token.doc[sent.start : dash.i]
    ):
        return token
    after = [c for c in token.children if c.i > dash.i and c.dep_ in ("appos", "conj")]
    return after[0] if after and after[0].pos_ in ("NOUN", "PROPN", "PRON") else token


def noun_phrase(token: Any, offset: int) -> tuple[int, int]:
    """The speaker's noun phrase: its left modifiers and its right-hand name parts and
    "for/of …" attachments, without appositive descriptions or relative clauses."""
    last = token
    for child in token.rights:
        if child.dep_ in KEEP_RIGHT or (child.dep_ == "appos" and child.pos_ == "PROPN"):
            last = child.right_edge
        elif child.dep_ != "punct":
            break
    first = token.left_edge
    while first.i < token.i and (first.is_punct or first.dep_ == "cc"):
        first = first.nbor(1)
    if last.is_punct and last.i > token.i:
        last = last.nbor(-1)
    return offset + first.idx, offset + last.idx + len(last)


def source_phrase(token: Any, offset: int, avoid: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """A source as PolNeAR and PARC mark it: the noun phrase with its descriptions
    (`DESCRIBING`) up to any that holds a cue or content (``avoid``, article spans), without
    a dateline before it ("WASHINGTON (Reuters) -"), "even" or a time ("on Monday")."""
    last = token
    for child in token.rights:
        end = _described_to(child, offset, avoid)
        if end is None:
            if child.dep_ != "punct":
                break
            continue
        last = end
        if end.i < child.right_edge.i:
            break
    first = token.left_edge
    for left in token.doc[token.left_edge.i : token.i]:
        spaced = left.i > 0 and left.whitespace_ and left.nbor(-1).whitespace_
        if (left.text in DATELINE_MARKS and spaced) or "\n" in left.text or _heading(left):
            first = left.nbor(1)
    last = next((t.nbor(-1) for t in token.doc[token.i + 1 : last.i + 1] if "\n" in t.text), last)
    while first.i < token.i and (
        first.is_punct or first.is_space or first.dep_ == "cc" or first.lower_ in FOCUS_WORDS
    ):
        first = first.nbor(1)
    while last.i > token.i and (last.is_punct or last.is_space):
        last = last.nbor(-1)
    return offset + first.idx, offset + last.idx + len(last)


def _heading(token: Any) -> bool:
    """A quotation closing before a new capitalized phrase: a sub-heading flattened into the
    text before the speaker ("'Massive damage' A Nato spokesman said"), no part of it."""
    return bool(token.tag_ == "''" and token.i + 1 < len(token.doc) and token.nbor(1).is_title)


def _described_to(child: Any, offset: int, avoid: Sequence[tuple[int, int]]) -> Any:
    """The last token of a right-hand child that belongs to the source's phrase, or None:
    a description is cut before a clause of it that holds a cue ("the president of the
    union, which endorsed Mr. Sanders")."""
    timed = any(o.dep_ == "pobj" and o.ent_type_ in TIMES for o in child.children)
    if child.dep_ == "prep" and child.lower_ in TIME_PREPS and timed:
        return None
    if child.dep_ in KEEP_RIGHT or (child.dep_ == "appos" and child.pos_ == "PROPN"):
        return child.right_edge
    if child.dep_ not in DESCRIBING:
        return None
    if _clear(child, offset, avoid):
        return child.right_edge
    blocked = [
        d
        for d in child.subtree
        if d.i != child.i and d.dep_ in DESCRIBING and not _clear(d, offset, avoid)
    ]
    cut = min(d.left_edge.i for d in blocked) - 1 if blocked else child.i - 1
    if cut < child.i:
        return None
    return child.doc[cut]


def _clear(child: Any, offset: int, avoid: Sequence[tuple[int, int]]) -> bool:
    """Whether a description's words stay outside every span of ``avoid``."""
    start = offset + child.left_edge.idx
    end = offset + child.right_edge.idx + len(child.right_edge)
    return not any(s < end and start < e for s, e in avoid)


def _bare(speaker: Span, name: Mention) -> bool:
    """Whether the speaker phrase is just the name (perhaps with "the")."""
    extra = speaker.text.replace(name.span.text, "").strip().lower()
    return extra in ("", "the")
