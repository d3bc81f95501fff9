"""A learned attribution-cue scorer: is this verb or noun the cue of an attribution?

The rules in `manysides.nlp.quotes` and `manysides.nlp.cues` find the common cues (said,
told, according to, believes that …) but miss PolNeAR's long tail ("shows", "seems",
"documents", "an agreement", "decided against"). A logistic regression over parse features
(lemma, POS, dependency, head, children, quotation marks), trained on PolNeAR train by
``benchmarks/train_quotes.py``, scores every verb and noun; `attribution` then reads the
content (the cue's clause or object) and the source (subject, agent or possessor) off the
parse. The weights ship as JSON in ``manysides/data`` and are read once; scoring is a
dictionary lookup per feature, so no learning library is imported at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from manysides.errors import ModelUnavailableError
from manysides.nlp import cues
from manysides.nlp.drafts import on_line

MODEL_FILE = "quote_cues.json"
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ"})
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dobj", "acl", "relcl", "oprd", "attr")
SOURCE_PREPS = frozenset({"by", "from"})
ADDRESSING = frozenset({"tell", "ask", "thank", "inform", "assure", "remind"})
"""Verbs whose object is the addressee, not what was said ("told reporters")."""
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves"})
NOT_SOURCES = frozenset({"there", "what", "that", "this"})
_SPEECH_WORDS = """say tell add state announce claim insist argue warn note explain tweet write
    report confirm deny declare acknowledge admit suggest ask reply respond comment predict vow
    pledge promise urge stress assert allege testify conclude reveal recall estimate"""
SPEECH_WORDS = frozenset(_SPEECH_WORDS.split())
"""The common speech verbs, a feature (the rules' fuller list lives in `quotes`)."""


@dataclass(frozen=True, slots=True)
class LearnedCue:
    """An attribution the model found: article-offset cue and content, the source's head."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: Any  # spaCy token or None
    lemma: str
    clausal: bool
    """Whether the content is a clause ("confirmed that …"), not a noun ("confirmed the visit")."""


@dataclass(frozen=True, slots=True)
class CueModel:
    """Feature weights and bias of the logistic regression, and its decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        """P(cue) of a token given its features (unknown features weigh nothing)."""
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))


@cache
def load_model() -> CueModel:
    """The packaged model, read once per process."""
    resource = files("manysides") / "data" / MODEL_FILE
    try:
        raw = json.loads(resource.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError) as error:
        raise ModelUnavailableError(
            f"The quote cue model {MODEL_FILE} is missing from manysides/data ({error}). "
            "Reinstall manysides, or rebuild it: python benchmarks/train_quotes.py"
        ) from error
    return CueModel(dict(raw["weights"]), float(raw["bias"]), float(raw["threshold"]))


def is_candidate(token: Any) -> bool:
    """Verbs, nouns and adjectives ("critical of", "sure that") can be cues; PolNeAR's colons,
    dashes and "according to" are the rules' job."""
    return token.pos_ in CANDIDATE_POS and token.is_alpha


def features(token: Any, quoted: bool) -> list[str]:
    """Parse features of a candidate cue; ``quoted``: its sentence has quotation marks."""
    lemma = token.lemma_.lower()
    head = token.head
    source = _kind(_source(token))
    found = [
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"head={head.lemma_.lower()}",
        f"headpos={head.pos_}",
        f"headdep={head.dep_}",
        f"lemma_dep={lemma}|{token.dep_}",
        f"suffix={lemma[-3:]}",
        f"quoted={quoted}",
        f"speech={lemma in SPEECH_WORDS}",
        f"cognition={lemma in cues.COGNITION_VERBS}",
        f"intention={lemma in cues.INTENTION_VERBS}",
        f"stance={lemma in cues.STANCE_VERBS}",
        f"lemma_tag={lemma}|{token.tag_}",
        f"head_dep={head.lemma_.lower()}|{token.dep_}",
        f"source={source}",
        f"lemma_source={lemma}|{source}",
    ]
    doc = token.doc
    if token.i > 0:
        found.append(f"prev={doc[token.i - 1].lower_}")
    if token.i + 1 < len(doc):
        found.append(f"next={doc[token.i + 1].lower_}")
    for child in token.children:
        found += _child_features(lemma, child)
    return found


def _kind(token: Any) -> str:
    """What a source is: an entity type, a pronoun, a noun, or none."""
    return "none" if token is None else token.ent_type_ or token.pos_


def _child_features(lemma: str, child: Any) -> list[str]:
    """What hangs off the cue: its complements, subject kind, "that", prepositions."""
    dep = child.dep_
    found = [f"child={dep}", f"lemma_child={lemma}|{dep}"]
    if dep in ("prep", "agent"):
        found += [f"prep={child.lower_}", f"lemma_prep={lemma}|{child.lower_}"]
    elif dep.startswith("nsubj") or dep == "poss":
        kind = child.ent_type_ or child.pos_
        found += [f"subj={kind}", f"subjrole={child.lemma_.lower()}"]
    elif dep in ("ccomp", "acl") and any(c.lower_ == "that" for c in child.children):
        found.append("that_clause")
    elif dep == "aux" and child.lower_ == "to":
        found.append("to_inf")
    return found


def attribution(token: Any) -> tuple[list[Any], Any] | None:
    """(content heads, source head or None) of a model cue, or None without content."""
    content = _content(token)
    if not content:
        return None
    return content, _source(token)


def _content(token: Any) -> list[Any]:
    """The clause or object the cue governs: a complement clause, an object, a "that"/"to"
    clause of a noun ("the claim that …", "plans to …"), or a cue preposition's object."""
    children = [c for c in token.children if c.dep_ in CONTENT_DEPS]
    clauses = [c for c in children if c.dep_ in ("ccomp", "xcomp", "parataxis", "acl")]
    if clauses:
        return clauses[:1]
    if children and children[0].dep_ == "dobj":
        if token.lemma_.lower() in ADDRESSING and _named(children[0]):
            return []  # "told Good Morning America", "asked Bennett": whom, not what
        return _object_content(token, children[0])
    if children:
        return children[:1]
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ not in SOURCE_PREPS]
    objects = [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")]
    objects = [o for o in objects if o.ent_type_ not in cues.TIMES]
    return objects[:1] or _predicated(token) or _passive_subject(token)


def _predicated(token: Any) -> list[Any]:
    """An adjective's clause held by its copula ("It is unclear whether …", "it is clear
    that …"): the clause after it."""
    if token.dep_ != "acomp":
        return []
    return [c for c in token.head.children if c.dep_ == "ccomp" and c.i > token.i][:1]


def _passive_subject(token: Any) -> list[Any]:
    """What a passive cue reports is its subject ("The meeting was first reported by
    Politico", "Mr. Manafort's role was disclosed")."""
    if token.tag_ != "VBN":
        return []
    return [c for c in token.children if c.dep_ == "nsubjpass"][:1]


def _object_content(verb: Any, obj: Any) -> list[Any]:
    """What an object cue reports: the charge ("accused X of …"), what follows a reflexive
    ("distanced himself from …"), the noun's own "that"-clause ("made the case that …",
    "passed a resolution that …"), else the object itself."""
    if obj.lower_ in REFLEXIVES:
        after = [c for c in verb.children if c.dep_ == "prep" and c.i > obj.i]
        found = [o for p in after for o in p.children if o.dep_ in ("pobj", "pcomp")]
        return found[:1] or [obj]
    clauses = [c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp") and _that(c)]
    if clauses:
        return clauses[:1]
    return cues.charge_of(verb, obj) or [obj]


def _that(clause: Any) -> bool:
    return any(c.lower_ == "that" and c.i < clause.i for c in clause.children)


def _named(token: Any) -> bool:
    """A person or organization: a name, a pronoun, or a named entity."""
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in cues.PEOPLE_LABELS


def _source(token: Any) -> Any:
    """Who: the agent of a passive ("by X", but not "distanced himself from X", where that
    is the content), the possessor of a noun ("Trump's claim"), the
    subject, or that of the verb the cue hangs from ("made the claim", "issued a statement
    announcing"). A model cue is a content word, so "it" and "which" are sources here ("It's
    denouncing …", "the group, which vowed …"), unlike before a rule's "is clear that"."""
    if token.lemma_.lower() in cues.RAISING_VERBS or cues.unsourced(token):
        return None  # "Trump seems to …", "Asked about X, Y said": the asker is not Y
    reflexive = any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in token.children)
    for child in token.children:
        if child.dep_ == "agent" or (
            child.dep_ == "prep" and child.lower_ in SOURCE_PREPS and not reflexive
        ):
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in token.children:
        if child.dep_ in ("nsubj", "poss") and _may_source(child) and on_line(child, token):
            return child
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj", "attr"):
        verb = token.head if token.dep_ != "pobj" else token.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and _may_source(c)]
        return subjects[0] if subjects else None
    subject = cues.subject_of(token)
    if subject is None or subject.dep_ == "nsubjpass" or not _may_source(subject):
        return None  # "The trip is viewed as a boon": the trip is not the source
    if subject.head.i != token.i and subject.lower_ == "it":
        return None  # "it's hard to know": no one's knowing
    return subject


def _may_source(token: Any) -> bool:
    return token.lower_ not in NOT_SOURCES and token.dep_ != "csubj"


def candidates(
    doc: Any, offset: int, segments: list[tuple[int, int]], ruled: list[tuple[int, int]]
) -> list[tuple[Any, bool]]:
    """The tokens the model scores, each with whether its sentence has quotation marks:
    verbs, nouns and adjectives outside quotations and outside what the rules took (their
    cues and contents), so the model learns what the rules miss; training sees exactly these."""
    end = offset + len(doc.text)
    taken = [(s, e) for s, e in [*segments, *ruled] if s < end and e > offset]
    found = []
    for sent in doc.sents:
        quoted = '"' in sent.text
        found += [
            (token, quoted)
            for token in sent
            if is_candidate(token) and not _within(offset + token.idx, taken)
        ]
    return found


def find(
    doc: Any,
    offset: int,
    segments: list[tuple[int, int]],
    ruled: list[tuple[int, int]],
    model: CueModel,
) -> list[LearnedCue]:
    """The model's attributions in one paragraph doc that the rules did not find."""
    found = []
    for token, quoted in candidates(doc, offset, segments, ruled):
        if model.probability(features(token, quoted)) < model.threshold:
            continue
        parts = attribution(token)
        if parts is None:
            continue
        content = _bounds(parts[0], token, offset)
        if content[1] - content[0] >= 2:
            at = offset + token.idx
            clausal = parts[0][0].dep_ in CLAUSE_DEPS
            cue = (at, at + len(token))
            found.append(LearnedCue(cue, content, parts[1], token.lemma_.lower(), clausal))
    return found


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def _bounds(heads: list[Any], cue: Any, offset: int) -> tuple[int, int]:
    """Article offsets of the content heads' subtrees without edge punctuation or the cue."""
    tokens = sorted(
        (
            t
            for head in heads
            for t in head.subtree
            if t.i != cue.i and not t.is_space and on_line(t, cue)
        ),
        key=lambda t: t.i,
    )
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if not tokens:
        return offset, offset
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
