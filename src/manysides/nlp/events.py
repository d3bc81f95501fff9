"""Events from the dependency parse: actor-action-target-time-place per clause, and the
article's main event as 5W1H (who, what, when, where, why, how) read from the lead.

News puts the main event in the first sentence (the inverted pyramid), which is why the
5W1H answers come from the lead and fall back to the next sentences only for when/where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from manysides.model import Article, Event, MainEvent, Mention, Span, TemporalExpression
from manysides.nlp.dates import clock_times, posted_days, publication_anchor, with_time_of_day
from manysides.nlp.doctext import doc_text
from manysides.nlp.gazetteer import canonical_place
from manysides.nlp.headline import (
    INCIDENT_NOUNS,
    best_place,
    headline_action,
    headline_actor,
    kicker_incident,
    poses_question,
    quotes_speaker,
    title_places,
)
from manysides.nlp.quotes import SPEECH_VERBS
from manysides.nlp.speakers import noun_phrase

EVENT_DEPS = ("ROOT", "conj", "ccomp")
OBJECT_DEPS = ("dobj", "attr", "oprd", "acomp")
PLACE_LABELS = ("GPE", "LOC", "FAC")
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "to", "into", "from", "across"})
WHY_MARKS = frozenset({"because", "since", "after", "following", "amid", "over", "due", "as"})
HOW_MARKS = frozenset({"by", "with", "using", "through", "via"})
WHO_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_WHO_WORDS = """people police officials rescuers victims passengers residents fans voters
    protesters students workers troops soldiers investigators authorities scientists"""
WHO_NOUNS = frozenset(_WHO_WORDS.split())
_PEOPLE_WORDS = """man woman men women person people child children boy girl victim passenger
    driver father mother son daughter teenager adult resident"""
PEOPLE_NOUNS = frozenset(_PEOPLE_WORDS.split())
"""Nouns for people, whose describing clause ("a woman killed when …") is a participant's past."""
LEAD_SENTENCES = 3
"""How many opening sentences where may come from when the first has none."""
LEAD_PREP = re.compile(
    r"\b(?:in|at|near|to|outside)\s+(?:the\s+)?"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?$",
    re.IGNORECASE,
)
"""A preposition that puts a lead's place at the event, maybe with an article or a compass
word ("in the UK", "in south London", "in northern Afghanistan", "outside Wrigley Field")."""
WHEN_SENTENCES = 6
"""How many opening sentences the main event's time may come from (a crash's "6.10am on
Wednesday" often follows a lead and a casualty count)."""
DATELINE = re.compile(
    r"(?:^|(?<=\)\s)|(?<=\n))([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:, [A-Z][\w.]+)?"
    r"\s*(?:\([A-Za-z ]+\)\s*)?(?:--|—|–)\s"
)
"""A capitalized place, maybe a region and an agency, and a dash at a sentence's start."""
LATE_DATELINE = re.compile(
    r"(?<=\s)([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:, [A-Z][\w.]+)?"
    r"\s*(?:\([A-Za-z ]+\)\s*)?(?:--|—|–)\s"
)
"""A dateline after a caption's words ("Photo LONDON --"): trusted when it is a known place."""
NAMED_EVENT = r"\s+(?:[a-z]+\s+){0,2}(?:" + "|".join(sorted(INCIDENT_NOUNS)) + r")\b"
"""An incident named after its place ("the Croydon tram crash", "the Nice attack")."""
SETTLEMENT = re.compile(
    r"\b(?:city|town|village|port|province|district) of ((?:[A-Z][\w'-]*[\w])(?:[ -][A-Z][\w'-]*[\w])*)"
)
"""A named settlement or region the tagger may miss ("the city of Mazar-i-Sharif")."""
_ORIGIN_WORDS = """born base found invent make headquarter raise grow build manufacture produce
    register own educate"""
ORIGIN_VERBS = frozenset(_ORIGIN_WORDS.split())
"""Verbs whose place says where a participant comes from, not where the event happened."""
UPDATE_VERBS = frozenset({"rise", "climb", "increase", "jump", "grow", "mount", "reach"})
"""Verbs of a count that changes after the event (a death toll), whose day is an update."""
HYPHENATED = re.compile(r"(?:-[^\W\d_]+)+\b")
"""The rest of a hyphenated name the tagger cut short."""
GALLERY = re.compile(
    r"\b(?:Getty Images|EPA|AP|AFP|Reuters|PA|REX|Rex Features|Shutterstock)\s+\d{1,2}\s+[A-Z]"
)
"""A photo-gallery caption scraped into the text ("Getty Images 9 Chicago Cubs celebrate …",
"EPA 6 Clinton was …"): a credit and a slide number, not the story's words."""
RECENT = (timedelta(days=8), timedelta(days=14))
"""How far before and after the publication the main event's day may lie: news reports what
happened this week or what is coming; a year or a month ago is background."""


def extract_events(
    article: Article,
    paragraphs: Sequence[tuple[int, Any]],
    sentence_of: Callable[[int], int],
    dates: Sequence[TemporalExpression],
) -> tuple[Event, ...]:
    """One event per main, coordinated or reported clause with a verb."""
    events: list[Event] = []
    for offset, doc in paragraphs:
        for token in doc:
            if token.pos_ == "VERB" and token.dep_ in EVENT_DEPS:
                events.append(_event(article, offset, doc, token, sentence_of, dates))
    return tuple(events)


def _event(
    article: Article,
    offset: int,
    doc: Any,
    verb: Any,
    sentence_of: Callable[[int], int],
    dates: Sequence[TemporalExpression],
) -> Event:
    actor, target = _arguments(verb)
    action = article.span(*_action(verb, offset))
    return Event(
        action=action,
        sentence=sentence_of(action.start),
        actor=_np(article, actor, offset),
        target=_np(article, target, offset),
        time=_time(verb, offset, dates),
        place=_place(article, doc, verb, offset),
    )


def _arguments(verb: Any) -> tuple[Any, Any]:
    """Actor and target, with the passive turned round ("X was hit by Y": Y acts on X)."""
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    target = next((c for c in children if c.dep_ in ("dobj", "attr", "oprd")), None)
    if target is None:
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ not in PLACE_PREPS), None)
        objects = [c for c in prep.children if c.dep_ == "pobj"] if prep else []
        target = next((c for c in objects if c.ent_type_ not in ("DATE", "TIME")), None)
    if passive is not None:
        return by, passive
    return subject, target


def _np(article: Article, token: Any, offset: int) -> Span | None:
    if token is None:
        return None
    return article.span(*noun_phrase(token, offset))


def _action(verb: Any, offset: int) -> tuple[int, int]:
    """The verb with its auxiliaries, negation and particle ("will not change", "ramping up")."""
    parts = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt"))]
    near = [t for t in parts if abs(t.i - verb.i) <= 3]
    first, last = min(near, key=lambda t: t.i), max(near, key=lambda t: t.i)
    return offset + first.idx, offset + last.idx + len(last)


def _governing_verb(token: Any) -> Any:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _time(verb: Any, offset: int, dates: Sequence[TemporalExpression]) -> Span | None:
    doc = verb.doc
    for expression in dates:
        start = expression.span.start - offset
        if not 0 <= start < len(doc_text(doc)):
            continue
        token = doc.char_span(start, expression.span.end - offset, alignment_mode="expand")
        if token is not None and len(token) and _governing_verb(token.root).i == verb.i:
            return expression.span
    return None


def _place(article: Article, doc: Any, verb: Any, offset: int) -> Span | None:
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or _governing_verb(ent.root).i != verb.i:
            continue
        head = ent.root.head
        if (ent.root.dep_ == "pobj" and head.lower_ in PLACE_PREPS) or ent.root.dep_ == "dobj":
            return article.span(offset + ent.start_char, offset + ent.end_char)
    return None


def main_event(
    article: Article,
    paragraphs: Sequence[tuple[int, Any]],
    mentions: Sequence[Mention],
    dates: Sequence[TemporalExpression],
) -> MainEvent | None:
    """5W1H of the lead sentence (the first of the opening ones whose root is a verb: a photo
    caption or a teaser fragment is not the lead); None when there is none."""
    lead = _lead_sentences(paragraphs, WHEN_SENTENCES)
    verbs = [(o, v) for o, s in lead[:LEAD_SENTENCES] if (v := _main_verb(s.root)) is not None]
    if not verbs:
        return None
    offset, verb = verbs[0]
    actor = headline_actor(article, mentions)
    action = headline_action(article, actor)
    verb = _clause_of(verb, actor)
    who = _who(article, verb, offset, mentions) or (actor.span if actor else None)
    who = _full_name(article, who, actor, mentions) if who is not None else None
    who = _past_dateline(article, who) if who is not None else None
    return MainEvent(
        who=who,
        what=_pick_what(article, verb, offset, action, mentions),
        when=_when(article, lead, dates),
        where=_where(article, lead, mentions),
        why=_clause_marked(article, verb, offset, WHY_MARKS),
        how=_clause_marked(article, verb, offset, HOW_MARKS),
    )


WHO_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?\s*"  # ", Dec 29"
    r"(?:\([^)]*\)?\s*$|(?:\([^)]*\)\s*)?(?:--|—|–|-(?=\s)))\s*"  # "(AP" at the end, or a dash
)
"""A dateline the parse made part of the subject: "DALLAS (AP", "SAN JOSE, Costa Rica -
Investigators", "LONDON, Dec 29 (Thomson Reuters Foundation", a bare "SAN JOSE"."""


def _past_dateline(article: Article, who: Span) -> Span | None:
    """``who`` without a dateline it starts with; None when the dateline was all of it."""
    if who.text.isupper() and canonical_place(who.text.title()) is not None:
        return None  # "SAN JOSE"
    found = WHO_DATELINE.match(who.text)
    if found is None or found.end() == 0:
        return who
    rest = who.text[found.end() :]
    if not rest.strip() or not any(c.isalpha() for c in rest):
        return None
    return article.span(who.start + found.end(), who.end)


def _where(
    article: Article, lead: list[tuple[int, Any]], mentions: Sequence[Mention]
) -> Span | None:
    """The dateline, or else the best of the headline's and the lead's places, among them a
    place an incident is named after ("the Croydon tram crash")."""
    opening = lead[:LEAD_SENTENCES]
    places = [
        *title_places(article, mentions),
        *_places(article, opening, mentions),
        *_incident_places(article, opening, mentions),
    ]
    place = _dateline(article, opening) or best_place(article, places)
    place = place or _late_dateline(article, opening)
    if place is None:
        return None
    rest = HYPHENATED.match(article.text, place.end)  # "Mazar" tagged in "Mazar-i-Sharif"
    return article.span(place.start, rest.end()) if rest else place


def _pick_what(
    article: Article, verb: Any, offset: int, action: Span | None, mentions: Sequence[Mention]
) -> Span | None:
    """The headline's action, which states the event most compactly (the Giveme5W1H coders'
    phrases come from it 4 times in 5), or the incident its kicker names ("Croydon tram crash:
    Police identify …" reports on the crash); the lead's verb phrase when there is no
    headline or the headline reports no event: it asks a question ("… : What the body
    language tells us") or quotes a speaker ("Comey to country: The jury will …")."""
    if article.title_span is None or poses_question(article) or quotes_speaker(article, mentions):
        return _what(article, verb, offset)
    return kicker_incident(article, mentions) or action


def _who(article: Article, verb: Any, offset: int, mentions: Sequence[Mention]) -> Span | None:
    """The grammatical subject (the passive's too: "seven people were killed"), answered only
    when it names someone or is a group of people ("Fans of the bar have hit out"); vague
    subjects ("Some") are left unanswered. A passive's group other than "people" ("the
    victims have been identified") underwent what someone else did, so it is not the who."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    span = article.span(*noun_phrase(subject, offset))
    head = offset + subject.idx
    named = any(m.label in WHO_LABELS and m.span.start <= head < m.span.end for m in mentions)
    forms = {subject.lemma_.lower()}
    if subject.dep_ == "nsubj":
        forms |= {subject.lower_, subject.lemma_.lower() + "s"}
    return span if named or forms & WHO_NOUNS else None


def _clause_of(verb: Any, actor: Mention | None) -> Any:
    """The lead's clause whose subject is the headline's actor ("Trump beat her dream …, and
    now Hillary Clinton has blamed …" under "Hillary Clinton blames …"), else the first."""
    if actor is None:
        return verb
    name = actor.span.text.split()[-1].lower()
    for clause in (verb, *verb.conjuncts):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and name in (t.lower_ for t in subject.subtree):
            return clause
    return verb


def _full_name(
    article: Article, who: Span, actor: Mention | None, mentions: Sequence[Mention]
) -> Span:
    """The fullest form of a surname (a lead's "Horner" is the headline's "Red Bull boss
    Christian Horner", a headline's "Brazil's Massa" the text's "Felipe Massa"): the headline
    actor when it ends with the name, else the first longer person mention ending with it."""
    words = re.split(r"['’]s ", who.text)[-1].split()  # "Brazil's Massa": the name is Massa
    if not words or len(words) > 2:
        return who
    last = words[-1].lower()
    if actor is not None and actor.span != who and _longer_form(actor.span.text, words):
        return actor.span
    for mention in mentions:
        name = mention.span.text.split()
        if mention.label == "PERSON" and len(name) > 1 and name[-1].lower() == last:
            return mention.span if len(name) > len(words) else who
    return who


def _longer_form(text: str, words: list[str]) -> bool:
    """Whether ``text`` ends with the name ``words`` end with and has more words."""
    return len(text.split()) > len(words) and text.lower().endswith(words[-1].lower())


def _lead_sentences(paragraphs: Sequence[tuple[int, Any]], count: int) -> list[tuple[int, Any]]:
    """The opening sentences with a verb, without photo-gallery captions."""
    found: list[tuple[int, Any]] = []
    for offset, doc in paragraphs:
        for sent in doc.sents:
            verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
            if len(sent) >= 5 and verb and not GALLERY.search(sent.text):
                found.append((offset, sent))
            if len(found) >= count:
                return found
    return found


def _main_verb(root: Any) -> Any:
    """The root, or the reported clause when the root only says who said it."""
    if root.lemma_.lower() in SPEECH_VERBS:
        reported = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if reported is not None and any(c.dep_.startswith("nsubj") for c in reported.children):
            return reported
    return root if root.pos_ in ("VERB", "AUX") else None


def _what(article: Article, verb: Any, offset: int) -> Span:
    """The verb phrase up to the end of its object or complement, without adjuncts."""
    start, end = _action(verb, offset)
    for child in verb.rights:
        if child.dep_ in (*OBJECT_DEPS, "xcomp", "prt", "dative"):
            end = max(end, offset + child.right_edge.idx + len(child.right_edge))
        elif child.dep_ == "prep" and end == offset + child.idx - 1 and not child.ent_type_:
            end = offset + child.right_edge.idx + len(child.right_edge)  # "come under fire"
    return article.span(start, end)


def _when(
    article: Article, lead: list[tuple[int, Any]], dates: Sequence[TemporalExpression]
) -> Span | None:
    """The lead's day near the publication given with a time of day ("6.10am on Wednesday":
    reports time the incident itself to the minute, not the naming or tributes after it),
    else its first day near the publication, widened over its time of day, or else its first
    time of day; None when the lead dates nothing recent (a year is background). A day that
    dates a rising count ("the toll rose to six Friday") is a later update, not the event's
    day, and one in a clause describing people ("a woman who died on Wednesday") their past.
    A bare day (no time of day) counts only from the first `LEAD_SENTENCES`: further down, a
    day without a clock time more often dates what followed or preceded the event."""
    anchor = publication_anchor(article.published)
    days: list[tuple[int, int]] = []
    first: tuple[int, int] | None = None
    for index, (offset, sent) in enumerate(lead):
        start, end = offset + sent.start_char, offset + sent.end_char
        found = [
            with_time_of_day(article.text, d.span.start, d.span.end)
            for d in dates
            if start <= d.span.start < end
            and _recent(d, anchor)
            and not _dates_update(sent.doc, d.span.start - offset)
            and not _dates_participant(sent.doc, d.span.start - offset)
            and not _dates_background(sent.doc, d.span.start - offset)
            and not _quoted(doc_text(sent.doc), d.span.start - offset)
        ]
        found.sort(key=lambda d: _names_event(article.text, d[1]))  # "Tuesday's election"
        clocks = [
            (start + a, start + b)
            for a, b in clock_times(article.text[start:end])
            if not _dates_background(sent.doc, start + a - offset)
        ]
        days.extend(found)
        if index >= LEAD_SENTENCES:
            found = [d for d in found if clock_times(article.text[d[0] : d[1]])]
        first = first or next(iter(found or clocks), None)
    timed = next((d for d in days if clock_times(article.text[d[0] : d[1]])), None)
    chosen = timed or first or _posted(article, dates, anchor)
    return article.span(*chosen) if chosen is not None else None


def _posted(
    article: Article, dates: Sequence[TemporalExpression], anchor: date | None
) -> tuple[int, int] | None:
    """The day most embedded social-media posts near the publication fall on (the first of
    them on a tie): a story about reactions online dates them by the posts when its own words
    give no day, and the reactions peak on the event's day (a post from the week before
    shows what it was like before)."""
    posts = [e for e in posted_days(article.text, dates) if _recent(e, anchor)]
    if not posts:
        return None
    days = [e.first or e.span.text for e in posts]
    busiest = max(posts, key=lambda e: days.count(e.first or e.span.text))
    return with_time_of_day(article.text, busiest.span.start, busiest.span.end)


def _names_event(text: str, end: int) -> bool:
    """Whether the day ending at ``end`` is a possessive naming another event by its day
    ("Tuesday's presidential election"): a day the sentence says when something happened is
    the better time."""
    return text.startswith(("'s ", "’s "), end)


def _dates_background(doc: Any, char: int) -> bool:
    """Whether the date at ``char`` hangs from a verb in the past perfect ("At midnight, she
    had taken to Twitter"): what happened before the reported event. Reported speech is
    the exception ("officials said the blast late on Thursday had caused …"): after a past
    reporting verb the past perfect stands for the simple past."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    verb = _governing_verb(token) if token is not None else None
    if verb is None or verb.tag_ != "VBN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
        return False
    reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS
    return not (reported and verb.head.tag_ == "VBD")


def _quoted(text: str, char: int) -> bool:
    """Whether ``char`` lies inside a quotation ("we lost this election in the last week"):
    the main event's time is given in the reporter's words."""
    return text[:char].count('"') % 2 == 1


def _dates_update(doc: Any, char: int) -> bool:
    """Whether the date at ``char`` hangs from a verb of a changing count ("rose", "climbed")."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    verb = _governing_verb(token) if token is not None else None
    return verb is not None and verb.lemma_.lower() in UPDATE_VERBS


def _dates_participant(doc: Any, char: int) -> bool:
    """Whether the date at ``char`` lies in a clause describing people ("six men and one
    woman killed when a tram derailed on Wednesday", "those who died on Wednesday"): it dates
    what happened to them before, not what the lead reports."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    for _ in range(12):
        if token is None or token.head.i == token.i:
            return False
        if token.dep_ in ("relcl", "acl") and _is_people(token.head):
            return True
        token = token.head
    return False


def _is_people(noun: Any) -> bool:
    """Whether ``noun`` names people: a person, a pronoun ("those") or a word for people."""
    lemma = noun.lemma_.lower()
    return noun.ent_type_ == "PERSON" or noun.pos_ == "PRON" or lemma in PEOPLE_NOUNS


def _recent(expression: TemporalExpression, anchor: date | None) -> bool:
    """A day or week that can be the main event's: within `RECENT` of the publication (any,
    when the publication or the expression's days are unknown)."""
    if expression.granularity not in ("day", "week", "interval"):
        return False
    if anchor is None or expression.first is None or expression.last is None:
        return True
    first, last = date.fromisoformat(expression.first), date.fromisoformat(expression.last)
    return anchor - RECENT[0] <= last and first <= anchor + RECENT[1]


def _places(
    article: Article, lead: list[tuple[int, Any]], mentions: Sequence[Mention]
) -> list[Mention]:
    """Places the lead sentences put the event at ("in Croydon", "near Sandilands", "the city
    of Mazar-i-Sharif"); "from Beckenham" says where someone comes from, a place inside a
    relative clause ("adults who lived in South London") describes a participant, and one
    modifying a noun ("in the US presidential election") names what is spoken of."""
    found = []
    for offset, sent in lead:
        start, end = offset + sent.start_char, offset + sent.end_char
        text = doc_text(sent.doc)
        for mention in mentions:
            at = mention.span.start - offset
            before = text[max(0, at - 30) : at] if 0 <= at <= len(text) else ""
            preposition = LEAD_PREP.search(before) is not None
            inside = mention.label in PLACE_LABELS and start <= mention.span.start < end
            if (
                inside
                and preposition
                and not _describes_participant(sent.doc, at)
                and not _modifier(sent.doc, mention.span.end - offset - 1)
            ):
                found.append(mention)
        found.extend(_named_settlements(article, offset, sent))
    return found


def _describes_participant(doc: Any, char: int) -> bool:
    """Whether the token at ``char`` hangs from a relative clause ("who lived in") or from a
    verb of origin ("invented in Switzerland", "based in London", "born in Ohio")."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    verb = _governing_verb(token) if token is not None else None
    return verb is not None and (verb.dep_ == "relcl" or verb.lemma_.lower() in ORIGIN_VERBS)


def _modifier(doc: Any, char: int) -> bool:
    """Whether the word at ``char`` modifies a noun after it ("in the US presidential
    election"): the phrase's place is then not the event's."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    if token is None or token.dep_ not in ("compound", "amod", "nmod"):
        return False
    return bool(token.head.i > token.i and token.head.pos_ == "NOUN")


def _named_settlements(article: Article, offset: int, sent: Any) -> list[Mention]:
    """ "The city of Mazar-i-Sharif", "the town of X": a place the tagger often misses."""
    start = offset + sent.start_char
    return [
        Mention(article.span(start + m.start(1), start + m.end(1)), "GPE", -1)
        for m in SETTLEMENT.finditer(sent.text)
    ]


def _dateline(article: Article, lead: list[tuple[int, Any]]) -> Span | None:
    """The wire dateline a lead opens with ("WASHINGTON --", "SAO PAULO (AP) --"): where the
    report was filed, which for a wire story is where the event is."""
    for offset, sent in lead:
        start = offset + sent.start_char
        found = DATELINE.search(article.text, start, offset + sent.end_char)
        if found:
            return article.span(found.start(1), found.end(1))
    return None


def _late_dateline(article: Article, lead: list[tuple[int, Any]]) -> Span | None:
    """A dateline of a known place in the opening text up to the end of the lead, after a
    caption's words or in a fragment the lead skips ("Photo LONDON -- The peaks …")."""
    if not lead or article.title_span is None:
        return None
    offset, sent = lead[-1]
    for found in LATE_DATELINE.finditer(
        article.text, article.title_span.end, offset + sent.end_char
    ):
        if _known(found.group(1)):
            return article.span(found.start(1), found.end(1))
    return None


def _known(name: str) -> bool:
    """Whether an upper-case dateline name ("SAO PAULO") is a place in the gazetteer."""
    return canonical_place(name.title()) is not None


def _incident_places(
    article: Article, lead: list[tuple[int, Any]], mentions: Sequence[Mention]
) -> list[Mention]:
    """Places the headline or the lead name an incident after ("Croydon tram crash: …", "the
    Croydon tram tragedy"): where it happened, even when the tagger did not take the word in
    the headline for a place. The name must be tagged a place somewhere in the article."""
    names = {m.span.text for m in mentions if m.label in PLACE_LABELS}
    title = article.title_span
    ranges = [(title.start, title.end)] if title is not None else []
    ranges += [(o + s.start_char, o + s.end_char) for o, s in lead]
    found = []
    for start, end in ranges:
        for name in names:
            pattern = rf"\b{re.escape(name)}(?={NAMED_EVENT})"
            for match in re.finditer(pattern, article.text[start:end]):
                span = article.span(start + match.start(), start + match.end())
                found.append(Mention(span, "GPE", -1))
    return found


def _clause_marked(article: Article, verb: Any, offset: int, marks: frozenset[str]) -> Span | None:
    """A clause or phrase hanging from the verb that opens with one of ``marks``."""
    for child in verb.children:
        if child.dep_ not in ("advcl", "prep", "npadvmod"):
            continue
        first = child.left_edge
        if first.lower_ in marks or child.lower_ in marks:
            last = child.right_edge
            return article.span(offset + first.idx, offset + last.idx + len(last))
    return None
