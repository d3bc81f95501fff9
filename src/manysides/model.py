"""The data that flows between stages: plain, picklable, no I/O.

Every annotation is a `Span` into one article's stored text, so anything shown can be cited
and checked: ``article.text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA = "manysides.comparison/1"

OutletSource = Literal["metadata", "url", "filename"]
FurnitureKind = Literal[
    "section", "caption", "also_read", "credit", "subhead", "dateline", "boilerplate"
]
Status = Literal["all", "several", "one"]


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of article ``article``'s stored text."""

    article: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Furniture:
    """Page furniture set aside from the story: captions, 'ALSO READ' links, section heads.

    ``credit`` names the agency or wire credited by it (``AP``, ``AFP``, ``Post wires``), if any.
    """

    kind: FurnitureKind
    span: Span
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One report as read and normalized; ``text`` is what every offset refers to."""

    id: str
    text: str
    outlet: str
    outlet_source: OutletSource
    title: str
    source: str
    url: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None
    title_span: Span | None = None
    body_start: int = 0
    furniture: tuple[Furniture, ...] = ()

    def span(self, start: int, end: int) -> Span:
        """A citation of ``text[start:end]``."""
        return Span(self.id, start, end, self.text[start:end])

    @property
    def credits(self) -> tuple[str, ...]:
        """Agencies and wires this article credits, in order of appearance, deduplicated."""
        seen: dict[str, None] = {}
        for item in self.furniture:
            if item.credit:
                seen.setdefault(item.credit, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention as the pipeline (plus our fixes) labeled it."""

    span: Span
    label: str
    sentence: int


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in the text with its value and what it counts ("13 ... aircraft")."""

    span: Span
    value: float | None
    counted: str | None
    kind: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A statement candidate; ``index`` is its position in the article."""

    span: Span
    index: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    numbers: tuple[NumberMention, ...]
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TemporalExpression, ...] = ()
    events: tuple[Event, ...] = ()
    main_event: tuple[MainEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """One surface form of an entity and the spans where each article used it."""

    text: str
    kind: str
    spans: tuple[Span, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.article for s in self.spans))


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent across all articles, with every surface form kept."""

    id: str
    name: str
    type: str
    variants: tuple[Variant, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for v in self.variants for a in v.articles))


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement supporting a fact group, with the entities, numbers and dates it mentions."""

    span: Span
    outlet: str
    entities: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FactGroup:
    id: str
    status: Status
    outlets: tuple[str, ...]
    claims: tuple[Claim, ...]
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, and why (shown to the user, counted in the summary)."""

    source: str
    reason: str


@dataclass(slots=True)
class Comparison:
    """The cited side-by-side comparison of one story."""

    articles: list[Article]
    entities: list[Entity]
    facts: list[FactGroup]
    annotated: list[AnnotatedArticle] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        for item in self.articles:
            if item.id == article_id:
                return item
        raise KeyError(article_id)

    def status_counts(self) -> dict[str, int]:
        """How many fact groups are reported by all outlets, several, or one."""
        counts = {"all": 0, "several": 0, "one": 0}
        for fact in self.facts:
            counts[fact.status] += 1
        return counts

    def to_dict(self) -> dict[str, object]:
        """The JSON document (schema ``manysides.comparison/1``, see docs/schema.md)."""
        from manysides.render.json_doc import comparison_document

        return comparison_document(self)


QuoteSpeakerKind = Literal["name", "title", "pronoun", "nominal", "carried", "none"]


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech in one article: who (``speaker``) said (``cue``) what (``content``).

    ``content`` holds one span per piece: a split quotation ("A," he said, "B") has two, and
    direct quotes exclude the quotation marks. ``speaker`` is the words naming the speaker
    where they stand ("he", "the spokesperson", "Kremlin spokesman Dmitry Peskov"), or None
    when no source is given. ``speaker_ref`` is the name the speaker resolves to inside the
    article (the antecedent of "he"; the name inside a title phrase); compare-time code maps it
    to an entity id. ``speaker_kind`` says how it was found; ``carried`` means a paragraph
    continuing the previous speaker's quotation without a new cue. ``direct`` is True when the
    content is (mostly) inside quotation marks.
    """

    content: tuple[Span, ...]
    cue: Span | None
    speaker: Span | None
    speaker_ref: Span | None
    direct: bool
    sentence: int
    speaker_kind: QuoteSpeakerKind = "none"
    speech: bool = True
    """False for attributed beliefs, intentions and stances ("X wants to…", "X criticized Y",
    a speech verb with a noun object rather than a clause): PolNeAR counts them as
    attributions, but a reader's "who said what" shows speech only."""

    @property
    def text(self) -> str:
        return " ... ".join(span.text for span in self.content)


DateGranularity = Literal["day", "interval", "week", "month", "year", "season", "vague"]


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A date or time expression and, when resolvable, its calendar value.

    ``value`` is ISO 8601: a day ("2023-03-14"), a month ("2023-02"), a year ("2019") or an
    interval ("2023-03-20/2023-03-22"); ``first``/``last`` are the days it covers, for sorting.
    ``relative_to`` is the anchor used (the publication date) or None for absolute dates;
    ``resolved`` is False when the expression is relative and no anchor is known, and then
    ``relation`` keeps its meaning ("-3 days", "next week", "past Thursday").
    """

    span: Span
    value: str | None
    granularity: DateGranularity
    resolved: bool
    relative_to: str | None
    relation: str
    sentence: int
    first: str | None = None
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """An actor-action-target-time-place tuple read off one clause's dependency parse."""

    action: Span
    sentence: int
    actor: Span | None = None
    target: Span | None = None
    time: Span | None = None
    place: Span | None = None


@dataclass(frozen=True, slots=True)
class MainEvent:
    """The article's main event as 5W1H answers (each a span of the lead, or None)."""

    who: Span | None
    what: Span | None
    when: Span | None
    where: Span | None
    why: Span | None
    how: Span | None
