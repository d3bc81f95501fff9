"""Recognize page furniture (captions, 'ALSO READ', credits, section heads, site boilerplate)
and the headline.

Furniture stays in the stored text, so offsets never shift, but it is set aside from the
story: it is recorded with its kind and, for credits, the agency it names.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from manysides.model import FurnitureKind

AGENCIES = (
    "AP Photo",
    "AP",
    "AFP",
    "Reuters",
    "Getty Images",
    "EPA",
    "Shutterstock",
    "Bloomberg",
    "Xinhua",
    "TASS",
    "dpa",
    "ANI",
    "PTI",
    "UPI",
)
_AGENCY = "|".join(re.escape(a) for a in AGENCIES)
_ALSO_READ = re.compile(
    r"^(ALSO READ|READ MORE|READ ALSO|RELATED|SEE ALSO|MORE|WATCH|LISTEN|Read more|Related)\s*[:|-]",
)
_CREDIT_LINE = re.compile(
    rf"^(?:[-–—]\s*)?(?:With\s+)?(?P<who>[\w.&' ]{{1,40}}?\s+wires?|wire services|{_AGENCY}|"
    rf"(?:additional )?reporting by .{{1,80}}|\((?:reporting|writing) by .{{1,120}}\))\.?$",
    re.IGNORECASE,
)
_CAPTION = re.compile(rf"[.!?\"')]\s+\(?(?P<who>{_AGENCY})(?:\s*/\s*[\w .]+)?\)?\.?$")
_PHOTO = re.compile(r"^(?:Photo|Image|Picture)\s*:|\((?:Photo|Image|Picture):? [^)]*\)$", re.I)
_SUBHEAD = re.compile(r"^[-–—]\s*[^\n]{1,60}?\s*[-–—]$")
_SENTENCE_END = re.compile(r"[.!?\"':;)]$")
_BOILERPLATE = re.compile(
    r"^(?:"
    r"(?:Advertisement\s*)?Continue reading the main story\b.{0,40}|Advertisement"
    r"|Scroll down for video\.?"
    r"|(?:Copyright|©|\(c\))\s*(?:©\s*)?\d{4}\b.{0,200}\bAll rights reserved\b.*"
    r"|(?:Copyright|©)\s*(?:©\s*)?\d{4}\b.{0,120}"
    r"|External links are provided for reference purposes\b.*"
    r"|Chat with us in Facebook Messenger\b.*"
    r"|.{0,40}\btranscripts are created on a rush deadline\b.*"
    r"|Read more:?|Save(?:Save)+"
    r"|.{0,120}\bmay not be published, broadcast, rewritten,? or redistributed\b.*"
    r"|Newsletter Sign Up\b.*"
    r"|Sign up for .{1,60}\b(?:newsletters?|e-?mails|alerts)\b.{0,80}"
    r"|(?:We pay for your stories|Do you have a story for|Got a story)\b.{0,300}"
    r"\b(?:e-?mail|call|contact)\b.*"
    r")$",
    re.IGNORECASE | re.DOTALL,
)
"""Page template text that news sites repeat on every article (ad slots, "continue
reading" links, copyright notices and disclaimers, transcript notes, messenger, newsletter
and tip-line appeals): not the story, and
noise for anything that compares articles. Only short paragraphs are tested."""
BOILERPLATE_MAX = 600
_SIGNUP_FORM = re.compile(
    r"^Sign up for\b.{0,1500}?\b(?:You agree to receive|Thank you for subscribing"
    r"|Invalid email address|You are already subscribed)\b",
    re.IGNORECASE | re.DOTALL,
)
"""A newsletter sign-up form flattened into one paragraph (the New York Times' runs past 600
characters): its "You agree to receive occasional updates" read as a quotation of "You"."""
SIGNUP_FORM_MAX = 2000


@dataclass(frozen=True, slots=True)
class FurnitureHit:
    kind: FurnitureKind
    credit: str | None


def classify_paragraph(paragraph: str) -> FurnitureHit | None:
    """The furniture kind of one paragraph, or None if it belongs to the story."""
    if len(paragraph) <= BOILERPLATE_MAX and _BOILERPLATE.match(paragraph.strip()):
        return FurnitureHit("boilerplate", None)
    if len(paragraph) <= SIGNUP_FORM_MAX and _SIGNUP_FORM.match(paragraph.strip()):
        return FurnitureHit("boilerplate", None)
    if _ALSO_READ.match(paragraph):
        return FurnitureHit("also_read", None)
    if _SUBHEAD.match(paragraph):
        return FurnitureHit("subhead", None)
    credit = _CREDIT_LINE.match(paragraph)
    if credit and len(paragraph) < 160:
        who = credit.group("who") or paragraph
        return FurnitureHit("credit", _clean_credit(who))
    caption = _CAPTION.search(paragraph)
    if caption and len(paragraph) < 400:
        return FurnitureHit("caption", _clean_credit(caption.group("who")))
    if _PHOTO.search(paragraph) and len(paragraph) < 300:
        return FurnitureHit("caption", None)
    return None


def _clean_credit(who: str) -> str:
    who = re.sub(r"^(?:with|additional)\s+", "", who.strip(" ().-–—"), flags=re.I)
    return "AP" if who == "AP Photo" else who


def is_section_label(paragraph: str, following: str | None) -> bool:
    """A short kicker before the headline ("US News", "World"): no sentence, few words."""
    if following is None:
        return False
    words = paragraph.split()
    return (
        0 < len(words) <= 3
        and not _SENTENCE_END.search(paragraph)
        and len(following.split()) > len(words)
        and not _SENTENCE_END.search(following)
    )


_INLINE_CAPTION = re.compile(r"(?:Image copyright\s+\S.{0,60}?\s+)?(?:Image|Media) caption\s+")
"""BBC picture and video captions as scrapers flatten them into the running text ("… a dry
well Image copyright Reuters Image caption The boy was found … 100 hours A Chinese boy
trapped …"): the caption has no full stop, so it ends where the next sentence begins."""
_WORD = re.compile(r"[^\s]+")
_STARTERS = frozenset(
    [
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "As",
        "After",
        "Before",
        "But",
        "And",
        "Or",
        "So",
        "Some",
        "Many",
        "Most",
        "More",
        "Dozens",
        "Hundreds",
        "Thousands",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "His",
        "Her",
        "Their",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Here",
        "According",
        "Meanwhile",
        "However",
        "While",
        "When",
        "Where",
        "Officials",
        "Police",
    ]
)
_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr"])
_OPENERS = frozenset(["He", "She", "It", "They", "We", "The", "A", "An"])
"""Words that open a sentence even after a capitalized word ("… in the Oval Office He said")."""
_GLUE_WORDS = "a an the of in at on for from to by with into across over under near like and or"
_GLUE = frozenset(_GLUE_WORDS.split())
"""A sentence does not start right after these: "… voters like these in | Los Angeles"."""


def inline_captions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each flattened caption inside text[start:end], as described for
    `_INLINE_CAPTION`. A capitalized word ends the caption unless the text uses it as a
    name elsewhere (after a lowercase word at least twice); a full stop ends it too."""
    found: list[tuple[int, int]] = []
    names: Counter[str] | None = None
    at = start
    while (match := _INLINE_CAPTION.search(text, at, end)) is not None:
        if names is None:
            names = Counter(re.findall(r"(?<=[a-z,] )([A-Z][\w'’-]*)", text))
        stop = _caption_end(text, match.end(), end, names)
        found.append((match.start(), stop))
        at = max(stop, match.end())
    return found


def _caption_end(text: str, at: int, end: int, names: Counter[str]) -> int:
    words = list(_WORD.finditer(text, at, end))
    for previous, word in itertools.pairwise(words):
        if text.startswith(("Image copyright", "Image caption", "Media caption"), word.start()):
            return previous.end()
        if "\n" in text[previous.end() : word.start()]:
            return previous.end()  # a caption on a line of its own
        before, token = previous.group(), word.group().strip("\"'“‘(")
        if before[-1] in ".!?" or before.endswith(('."', ".”")):
            return previous.end()
        if not token[:1].isupper() or before[-1] in ",;:-–—" or before.lower() in _GLUE:
            continue
        if token.isupper() and 2 <= len(token) <= 5:
            continue  # an acronym ("the US", "FBI") is a name
        if (token in _TITLES or token in _OPENERS) and before[:1].isupper():
            return previous.end()  # "… in New York Mr Trump seems …"
        if before[:1].islower() and (token in _STARTERS or names[token] < 2):
            return previous.end()
    return end
