"""Attribution cues beyond speech verbs: beliefs, intentions, stances, dashes and colons.

News attributes far more than speech (PolNeAR, PARC): what sources *believe* ("Trump believes
that …"), *intend* ("Clinton wants to triple …", "urges supporters to monitor …"), *take a
stance on* ("cited X", "called X 'deplorable'", "attacked X"), and quotations signed with a
dash ('"…" ― Jane Doe') or headlined with a colon ("Pence: Flowers won't be at debate").
These helpers classify a cue token and find the extra content and source those patterns carry;
`manysides.nlp.quotes` turns them into quotes. Each pattern asks for a grammatical subject
(the source), which is what keeps "want" in "a wanted man" or "a plan to" out.
"""

from __future__ import annotations

from typing import Any

from manysides.nlp.doctext import doc_text

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

_COGNITION_WORDS = """believe think know feel find learn hope fear expect understand doubt
    worry realize realise recognize recognise conclude determine rule charge allege insist
    assume suspect acknowledge show suggest indicate reveal prove demonstrate estimate
    project forecast argue contend maintain imply guess wonder figure reckon"""
COGNITION_VERBS = frozenset(_COGNITION_WORDS.split())
"""Verbs of belief and knowledge: a finite ``that``-clause complement is attributed content."""

_INTENTION_WORDS = """want plan intend hope expect refuse decline decide agree promise pledge vow
    threaten seek aim wish prefer propose offer urge encourage ask tell call push press invite
    demand order advise warn remind challenge dare beg implore persuade convince"""
INTENTION_VERBS = frozenset(_INTENTION_WORDS.split())
"""Verbs whose ``to``-infinitive (``xcomp``) is the attributed content ("wants to win")."""

_STANCE_WORDS = """cite criticize criticise mention propose demand attack question defend
    condemn blast slam praise endorse back support oppose reject dismiss deny accuse blame
    mock denounce applaud welcome decry tout describe call label dub brand characterize
    characterise promote detail highlight target ridicule disparage lambaste assail"""
STANCE_VERBS = frozenset(_STANCE_WORDS.split())
"""Verbs whose object is the attributed content ("cited X", "attacked X")."""

CHARGE_PREPS = frozenset({"of", "for", "over"})
PEOPLE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TIMES = frozenset({"DATE", "TIME"})
OBJECT_CUES = frozenset({"cite", "criticize", "criticise", "mention", "propose", "demand"})
PREP_CUES = frozenset(
    {("call", "for"), ("call", "on"), ("point", "to"), ("speak", "of"), ("warn", "of")}
    | {("speak", "about"), ("talk", "about"), ("complain", "about"), ("comment", "on")}
    | {("liken", "to"), ("compare", "to"), ("respond", "to"), ("push", "for"), ("argue", "for")}
)
"""Verbs whose object, or the object of a preposition, is the content ("called for X")."""

DASHES = frozenset("―—–")
MAX_TRANSCRIPT_NAME = 3
"""Most tokens of a transcript's speaker label ("WALLACE:", "SEN. KAINE:")."""
MAX_HEADLINE_SOURCE = 6
"""Most tokens a colon headline's source may have ("Elizabeth Warren Hammers Wells Fargo CEO")."""
EXPLETIVES = frozenset({"it", "there", "this", "that", "what", "which"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
NOUNS = ("NOUN", "PROPN")
RAISING_VERBS = frozenset({"seem", "appear"})
"""Their subject is not a source: "Trump appears to have lost" is no one's claim."""
OBJECT_CONTROL_PREPS = frozenset({"for", "of"})
STRAY_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
"""Where a speech verb without a subject may have lost it to a parse error."""
_OBJECT_CONTROL_WORDS = """lead force prompt cause push press urge ask encourage persuade convince
    bring get allow inspire compel pressure invite challenge"""
OBJECT_CONTROL_VERBS = frozenset(_OBJECT_CONTROL_WORDS.split())
"""Verbs whose object is the subject of their infinitive ("led Republicans to say")."""
CLIMB_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acomp", "prep", "pobj"})
"""Clauses and phrases whose source is found further up, at the verb they hang from."""


QUOTING_AS = frozenset({"quote", "cite"})
"""Verbs that report another's words as "quoted X as saying": X is the speaker."""


def quoted_as(verb: Any) -> Any:
    """The verb of "the newspaper quoted him as saying" when ``verb`` is its "saying" (the
    ``pcomp`` of "as"), else None: the speaker is the quoting verb's object, not its subject."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.dep_ != "prep":
        return None
    quoting = verb.head.head
    return quoting if quoting.lemma_.lower() in QUOTING_AS else None


def quoted_object(verb: Any) -> Any:
    """The one quoted ("him") by a "quoted him as saying" verb ``verb``, else None."""
    quoting = quoted_as(verb)
    if quoting is None:
        return None
    objects = [c for c in quoting.children if c.dep_ == "dobj" and c.i < verb.i]
    return objects[0] if objects else None


def quotes_as(verb: Any) -> bool:
    """Whether ``verb`` is the "quoted" of "quoted him as saying": no cue of its own, the
    "saying" is (one quotation, one cue)."""
    if verb.lemma_.lower() not in QUOTING_AS:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "as"
        and any(g.dep_ == "pcomp" and g.lemma_.lower() in SPEECH_VERBS for g in c.children)
        for c in verb.children
    )


def has_source(subject: Any) -> bool:
    """A subject that can be a source: not an expletive ("it is clear that") or a clause."""
    return subject is not None and subject.lower_ not in EXPLETIVES and subject.dep_ != "csubj"


def subject_of(verb: Any) -> Any:
    """The speaker's head token: the verb's subject, or that of the clause it hangs from
    ("Heger told reporters, adding that …" gives "adding" Heger's subject; "they published
    it by announcing that …" gives "announcing" theirs); the noun a participle describes
    ("super PACs attacking Cruz"), or its possessor ("Trump's tweets criticizing Machado");
    None when there is none."""
    token = verb
    for _ in range(6):
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and _same_line(c, verb)]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - token.i))
        if token.dep_ == "acl" and token.pos_ == "VERB" and token.head.pos_ in (*NOUNS, "PRON"):
            owners = [c for c in token.head.children if c.dep_ == "poss"]
            return (owners or [token.head])[0]
        if token.head.i == token.i or not _climbs(token) or _object_controls(token):
            break
        controller = _controller(token)
        if controller is not None:
            return controller
        token = _reported_conjunct(token) or token.head
    return None


def _reported_conjunct(verb: Any) -> Any:
    """The speech verb a speech verb is coordinated with when the parser put it inside the
    other's complement ("Suu Kyi said it was too early …, but added": "added" as a
    conjunct of "was"): that verb, whose subject is the speaker; else None."""
    clause = verb.head
    if verb.dep_ != "conj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    return clause.head if clause.head.i < clause.i else None


def _same_line(token: Any, other: Any) -> bool:
    """Whether no line break separates two tokens: a subject across one is a parse run
    across a paragraph break (a live blog's byline glued to the next sentence)."""
    first, last = sorted((token, other), key=lambda t: t.i)
    return "\n" not in doc_text(first.doc)[first.idx : last.idx]


def _climbs(token: Any) -> bool:
    """Whether a token's source is its head's: a clause or phrase of `CLIMB_DEPS`, or a
    verb phrase the parser left unlabeled after another ("The department obfuscated
    facts, admitted it withheld emails": ``dep``), which shares that verb's subject."""
    if token.dep_ == "dep":
        return bool(token.pos_ == "VERB" and token.head.pos_ == "VERB" and token.head.i < token.i)
    return token.dep_ in CLIMB_DEPS


def _controller(token: Any) -> Any:
    """The object that is the understood subject of an infinitive after it ("led
    Republicans to say …", "forced his rival to distance herself …", "brought his brother
    to vouch for …": object control), else None."""
    if token.dep_ != "xcomp" or token.head.lemma_.lower() not in OBJECT_CONTROL_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return None
    objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
    return objects[0] if objects and objects[0].pos_ in (*NOUNS, "PRON") else None


def _object_controls(token: Any) -> bool:
    """ "condemn Russia for attacking Ukraine", "accused China of mulling …": the verb's
    object, not its subject, does what the "for"/"of" phrase says, so no source is found."""
    if token.dep_ != "prep" or token.lower_ not in OBJECT_CONTROL_PREPS:
        return False
    return any(c.dep_ == "dobj" and c.i < token.i for c in token.head.children)


def stray_subject(verb: Any) -> Any:
    """A speech verb's subject the parse attached elsewhere: the noun right before it ("…,
    the Democratic presidential candidate stated that", parsed as an apposition) or, after
    a quotation, right after it ("''…,'' said Robin Maynard, half joking", "…, said a former
    spokesman for …"); else None."""
    if verb.lemma_.lower() not in SPEECH_VERBS or verb.dep_ not in STRAY_DEPS:
        return None
    doc, at = verb.doc, verb.i - 1
    while at >= verb.sent.start and (doc[at].dep_ in ("aux", "neg", "advmod") or doc[at].is_space):
        at -= 1
    before = doc[at] if at >= verb.sent.start else None
    if before is not None and before.pos_ in (*NOUNS, "PRON"):
        head = _phrase_head(before)
        if head.dep_ not in ("pobj", "dobj", "poss") and head.head.i != verb.i:
            return head
    if before is None or not (before.is_punct or before.is_quote):
        return None
    at = verb.i + 1
    while at < verb.sent.end - 1 and doc[at].pos_ in ("DET", "ADJ"):
        at += 1  # ''…,'' said a former spokesman
    after = doc[at] if at < verb.sent.end else None
    if after is None or after.pos_ not in NOUNS:
        return None
    head = _phrase_head(after)
    return head if head.i > verb.i and head.dep_ not in ("pobj", "poss") else None


def line_subject(verb: Any) -> Any:
    """The name that opens a finite verb's line when the verb has no subject ("… into the
    U.S." + line break + "Chris Christie added that …": the parser ran the previous line on
    and took the name as the object of its "into"): the name is the subject; else None."""
    if verb.pos_ != "VERB" or verb.tag_ not in FINITE_TAGS or verb.i == 0:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    doc, at = verb.doc, verb.i - 1
    while at >= 0 and (doc[at].pos_ == "PROPN" or doc[at].text in (".", "-")):
        at -= 1
    name = doc[verb.i - 1]
    if at == verb.i - 1 or name.pos_ != "PROPN":
        return None
    if at >= 0 and "\n" not in doc_text(doc)[doc[at].idx : doc[at + 1].idx]:
        return None  # the name does not open the line
    return name


def _phrase_head(token: Any) -> Any:
    """The head of the name or noun phrase a word belongs to ("Robin" -> "Maynard")."""
    while token.dep_ in ("compound", "flat", "amod", "det") and token.head.i > token.i:
        token = token.head
    return token


def unsourced(verb: Any) -> bool:
    """A passive participle set before its clause ("Asked about X, Christie said …"):
    the asking is someone else's, so the clause's subject is not its source. The tagger
    may call it a past tense ("Asked what …" as VBD), but a finite verb would have a
    subject, so a subjectless past form before its clause is the participle."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ != "advcl" or verb.i > verb.head.i:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)


def finite_complement(verb: Any) -> Any:
    """The ``ccomp`` of a belief verb when it is a finite clause with its own subject."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(c.dep_.startswith("nsubj") for c in child.children):
            return child
    return None


def that_complement(verb: Any) -> Any:
    """A ``ccomp`` opened by "that": "Politifact then ruled that …", "Trump charges that …"."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return child
    return None


def stance_content(verb: Any) -> list[Any]:
    """The object of a stance verb, with what it is called ("called X 'deplorables'")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    if verb.lemma_.lower() in ("call", "label", "dub", "brand", "describe", "characterize"):
        complements = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "prep")]
        complements = [c for c in complements if c.i > objects[0].i]
        if verb.lemma_.lower() != "describe" and not complements:
            return []  # "called him" (phoned) is not a stance
        return objects + complements[:1]
    return charge_of(verb, objects[0]) or objects


def charge_of(verb: Any, target: Any) -> list[Any]:
    """What a target is judged for, which is the attributed content ("accused Republicans
    of placing …", "blamed the network for reporting …"): the object of a "for/of/over"
    phrase after the target, on the verb or (for a named or pronoun target) on the target."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.i > target.i]
    if target.pos_ in ("PROPN", "PRON") or target.ent_type_ in PEOPLE_LABELS:
        preps += [c for c in target.children if c.dep_ == "prep"]
    preps = [p for p in preps if p.lower_ in CHARGE_PREPS]
    return [o for p in preps for o in p.children if o.dep_ in ("pobj", "pcomp")][:1]


def intention_content(verb: Any) -> list[Any]:
    """The ``to``-infinitive of an intention verb, and its addressee when there is one
    ("urges supporters to monitor polling places")."""
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if not xcomps:
        return []
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomps[0].children)
    if not to:
        return []
    addressee = [c for c in verb.children if c.dep_ == "dobj" and c.i < xcomps[0].i]
    return addressee + xcomps[:1]


def dash_source(doc: Any, end: int) -> Any:
    """The head of a name signing a quotation with a dash ('"…" ― Jane Doe'), looking from
    doc-relative character ``end`` (after the closing mark); returns (dash token, head)."""
    rest = doc_text(doc)[end : end + 4]
    stripped = rest.lstrip(" \"'\n")
    if not stripped or (stripped[0] not in DASHES and not stripped.startswith("--")):
        return None
    dash_at = end + len(rest) - len(stripped)
    dash = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
    if dash is None or not len(dash):
        return None
    after = [t for t in doc[dash[-1].i + 1 : dash[-1].i + 12] if t.pos_ != "SPACE"]
    names: list[Any] = []
    for token in after:
        if token.pos_ != "PROPN" and not (names and token.text in ".,"):
            break
        names.append(token)
    names = [t for t in names if t.pos_ == "PROPN"]
    if not names:
        return None
    heads = [t for t in names if t.head.i not in {n.i for n in names}]
    return dash[0], (heads or names)[-1]


def headline_source(sent: Any) -> tuple[Any, Any] | None:
    """ "Pence: Gennifer Flowers Won't Be at Debate" — a short named source, a colon, then
    what they said. Returns (colon token, source head) or None."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i - sent.start > MAX_HEADLINE_SOURCE or colon.i == sent.start:
        return None
    before = sent.doc[sent.start : colon.i]
    after = [t for t in sent.doc[colon.i + 1 : sent.end] if not t.is_punct and not t.is_space]
    if len(after) < 3 or any(t.pos_ in ("VERB", "AUX") for t in before):
        return None
    if not any(t.pos_ == "PROPN" for t in before) or any(t.like_num for t in after[:1]):
        return None
    return colon, before.root


def object_content(verb: Any) -> list[Any]:
    """Content that is a noun phrase: "called for X", "cited X", "pointed to X"."""
    lemma = verb.lemma_.lower()
    if lemma in OBJECT_CUES:
        return [c for c in verb.children if c.dep_ == "dobj"]
    preps = [c for c in verb.children if c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES]
    objects = [o for prep in preps for o in prep.children if o.dep_ in ("pobj", "pcomp")]
    if objects and any(p.lower_ == "on" for p in preps):  # "called on X to stop …"
        objects += [c for c in verb.children if c.dep_ == "xcomp"]
    return objects


def transcript_speaker(doc: Any, start: int) -> tuple[Any, Any] | None:
    """An interview transcript's turn, "PENCE: Well, look, …": a speaker label in capitals
    and a colon at doc-relative character ``start``. Returns (colon token, name head)."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or not len(first):
        return None
    label: list[Any] = []
    for token in doc[first[0].i :]:
        if token.text == ":" and label:
            heads = [t for t in label if t.is_alpha]
            return (token, heads[-1]) if heads else None
        if len(label) >= MAX_TRANSCRIPT_NAME or not (token.is_upper or token.text == "."):
            return None
        label.append(token)
    return None
