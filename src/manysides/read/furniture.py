"""Recognize page furniture (captions, 'ALSO READ', credits, section heads, site boilerplate)
and the headline.

Furniture stays in the stored text, so offsets never shift, but it is set aside from the
story: it is recorded with its kind and, for credits, the agency it names.
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True, slots=True)
class FurnitureHit:
    kind: FurnitureKind
    credit: str | None


def classify_paragraph(paragraph: str) -> FurnitureHit | None:
    """The furniture kind of one paragraph, or None if it belongs to the story."""
    if len(paragraph) <= BOILERPLATE_MAX and _BOILERPLATE.match(paragraph.strip()):
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
