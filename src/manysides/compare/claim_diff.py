"""Word-level differences between two near-identical claims, typed.

Wire copy is re-edited, not rewritten: when two outlets' statements share most of their words
(token similarity >= ``NEAR``), each edit between them is read in isolation — a negation added
or removed (``polarity``), a name respelled (``name``), another place (``place``), another
speaker for the same quotation (``speaker``), or different words inside a quotation
(``quote``). Claims that are paraphrases of each other are left to the value detectors, which
do not need the wording to match: precision over recall.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from rapidfuzz.distance import JaroWinkler

from manysides.compare.conflict_types import ClaimView, Conflict, Side, Token
from manysides.compare.names import fold
from manysides.compare.roles import MODIFIERS, TITLES
from manysides.compare.value_conflicts import token_values
from manysides.nlp.gazetteer import canonical_place

NEAR = 0.6
NEGATIONS = {"not", "no", "never", "neither", "nor", "nobody", "nothing", "none", "cannot"}
ANTONYMS = {
    frozenset(p)
    for p in [
        ("confirmed", "denied"), ("confirm", "deny"), ("confirms", "denies"),
        ("accepted", "rejected"), ("approved", "rejected"), ("won", "lost"),
        ("admitted", "denied"), ("agreed", "refused"), ("guilty", "innocent"),
        ("true", "false"), ("succeeded", "failed"), ("allowed", "banned"),
        ("increased", "decreased"), ("rose", "fell"), ("passed", "failed"),
    ]
}  # fmt: skip
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SPEAKER_LABELS = {"PERSON", "ORG", "NORP"}
_SPEECH = {"said", "says", "told", "added", "stated", "wrote", "tweeted", "according", "asked",
           "explained", "declared", "insisted", "warned", "noted", "argued", "claimed"}  # fmt: skip
Op = tuple[str, int, int, int, int]


def similarity(a: ClaimView, b: ClaimView) -> float:
    return SequenceMatcher(None, _lows(a), _lows(b), autojunk=False).ratio()


def _lows(view: ClaimView) -> list[str]:
    return [t.low for t in view.tokens]


def edit_conflicts(a: ClaimView, b: ClaimView, fact: str | None) -> list[Conflict]:
    """Typed conflicts from the edits between two near-identical claims."""
    matcher = SequenceMatcher(None, _lows(a), _lows(b), autojunk=False)
    if matcher.ratio() < NEAR:
        return []
    found: list[Conflict] = []
    quote_edit = False
    for op in matcher.get_opcodes():
        if op[0] == "equal":
            continue
        left, right = a.tokens[op[1] : op[2]], b.tokens[op[3] : op[4]]
        if token_values(left) or token_values(right) or _dated(a, left) or _dated(b, right):
            continue  # numbers and dates have their own detectors
        conflict = _typed_edit(a, b, op, left, right, fact)
        if conflict is not None:
            found.append(conflict)
        elif all(_titleish(t) for t in left + right):
            continue  # a title, even quoted, is the role detector's ("President Trump")
        elif _in_quotes(a, op[1], op[2]) and _in_quotes(b, op[3], op[4]):
            quote_edit = quote_edit or _wordy(left + right)
    if quote_edit and not any(c.kind in ("polarity", "speaker") for c in found):
        quoted = _quote_conflict(a, b, fact)
        if quoted is not None:
            found.append(quoted)
    return found


def _typed_edit(
    a: ClaimView, b: ClaimView, op: Op, left: tuple[Token, ...], right: tuple[Token, ...],
    fact: str | None,
) -> Conflict | None:  # fmt: skip
    if _negated(left) != _negated(right) or _antonyms(left, right):
        return _polarity(a, b, op, fact)
    if not left or not right or len(left) > 4 or len(right) > 4:
        return None
    if all(_titleish(t) for t in left + right):
        return None  # a title edit: the role detector reads titles with their person
    if _name_like(left) and _name_like(right) and _similar(left, right):
        return _pair("name", a, b, left, right, fact, False, "variant")
    if _is_place(a, left) and _is_place(b, right):
        return _pair("place", a, b, left, right, fact, True, "contradiction")
    if _in_quotes(a, op[1], op[2]) or not (_attributed(a, op[1], op[2]) or (a.quotes and b.quotes)):
        return None
    if _person(a, left) and _person(b, right):
        return _pair("speaker", a, b, left, right, fact, True, "contradiction")
    return None


def _attributed(view: ClaimView, i1: int, i2: int) -> bool:
    """A speech verb ("said", "told") within two words of the edit: it names a source."""
    near = view.tokens[max(0, i1 - 2) : i2 + 2]
    return any(t.low in _SPEECH for t in near)


def _person(view: ClaimView, tokens: tuple[Token, ...]) -> bool:
    if _overlapping(view, tokens, {"GPE", "LOC", "FAC", "DATE", "TIME"}):
        return False
    return bool(_overlapping(view, tokens, SPEAKER_LABELS)) or _name_like(tokens)


def _negated(tokens: tuple[Token, ...]) -> int:
    return sum(t.low in NEGATIONS or t.low.endswith(("n't", "n’t")) for t in tokens) % 2


def _antonyms(left: tuple[Token, ...], right: tuple[Token, ...]) -> bool:
    return any(frozenset((x.low, y.low)) in ANTONYMS for x in left for y in right)


def _titleish(token: Token) -> bool:
    low = token.low.removesuffix("'s")
    return low in TITLES or low in MODIFIERS or token.text in (",",)


def _name_like(tokens: tuple[Token, ...]) -> bool:
    words = [t for t in tokens if t.text[0].isalnum()]
    return bool(words) and all(t.text[0].isupper() for t in words)


def _similar(left: tuple[Token, ...], right: tuple[Token, ...]) -> bool:
    x = fold(" ".join(t.text for t in left))
    y = fold(" ".join(t.text for t in right))
    return x != y and min(len(x), len(y)) >= 3 and JaroWinkler.similarity(x, y) >= 0.85


def _overlapping(view: ClaimView, tokens: tuple[Token, ...], labels: set[str]) -> list[str]:
    start, end = tokens[0].start, tokens[-1].end
    return [
        m.span.text
        for m in view.mentions
        if m.label in labels and m.span.start < end and start < m.span.end
    ]


def _is_place(view: ClaimView, tokens: tuple[Token, ...]) -> bool:
    text = " ".join(t.text for t in tokens)
    return bool(_overlapping(view, tokens, PLACE_LABELS)) or canonical_place(text) is not None


def _dated(view: ClaimView, tokens: tuple[Token, ...]) -> bool:
    if not tokens:
        return False
    start, end = tokens[0].start, tokens[-1].end
    spans = [m.span for m in view.mentions if m.label in ("DATE", "TIME")]
    spans += [d.span for d in view.dates]
    return any(span.start < end and start < span.end for span in spans)


def _in_quotes(view: ClaimView, i1: int, i2: int) -> bool:
    """Tokens ``i1:i2`` (or the insertion point ``i1`` when empty) lie inside a quotation."""
    if i1 < i2:
        return view.in_quote(view.tokens[i1].start, view.tokens[i2 - 1].end)
    here = view.tokens[min(i1, len(view.tokens) - 1)].start if view.tokens else 0
    return any(qs < here < qe for qs, qe in view.quotes)


def _wordy(tokens: tuple[Token, ...]) -> bool:
    return any(t.text[0].isalnum() for t in tokens)


def _window(view: ClaimView, i1: int, i2: int) -> Span_:
    """The edit with one word either side, so the side reads as a phrase."""
    first = max(0, i1 - 1)
    last = min(len(view.tokens), max(i2, i1) + 1) - 1
    return view.tokens[first].start, view.tokens[last].end


Span_ = tuple[int, int]


def _polarity(a: ClaimView, b: ClaimView, op: Op, fact: str | None) -> Conflict:
    (sa, ea), (sb, eb) = _window(a, op[1], op[2]), _window(b, op[3], op[4])
    x, y = a.text[sa:ea], b.text[sb:eb]
    return Conflict(
        "polarity",
        True,
        f"One outlet says it did, the other that it did not: “{x}” vs “{y}”.",
        [Side(x, a.outlet, a.cite(sa, ea), a.span), Side(y, b.outlet, b.cite(sb, eb), b.span)],
        "contradiction",
        fact=fact,
        key=("polarity", fact or "", *sorted((x.lower(), y.lower()))),
    )


def _pair(
    kind: str, a: ClaimView, b: ClaimView, left: tuple[Token, ...], right: tuple[Token, ...],
    fact: str | None, contradiction: bool, scope: str,
) -> Conflict:  # fmt: skip
    x, y = a.text[left[0].start : left[-1].end], b.text[right[0].start : right[-1].end]
    explanation = {
        "name": f"Same name spelled differently: “{x}” / “{y}” (a spelling variant, "
        "not a contradiction).",
        "speaker": f"The same words are attributed to different people: {x} vs {y}.",
        "place": f"Different places for the same event: {x} vs {y}.",
    }[kind]
    return Conflict(
        kind,  # type: ignore[arg-type]
        contradiction,
        explanation,
        [
            Side(x, a.outlet, a.cite(left[0].start, left[-1].end), a.span),
            Side(y, b.outlet, b.cite(right[0].start, right[-1].end), b.span),
        ],
        scope,  # type: ignore[arg-type]
        fact=fact,
        key=(kind, fact or "", *sorted((fold(x), fold(y)))),
    )


def _quote_conflict(a: ClaimView, b: ClaimView, fact: str | None) -> Conflict | None:
    """The quotation as each outlet gives it; an excerpt of the other is not a conflict."""
    (sa, ea), (sb, eb) = a.quotes[0], b.quotes[0]
    x, y = a.text[sa:ea].strip(" ,."), b.text[sb:eb].strip(" ,.")
    if not x or not y or fold(x) in fold(y) or fold(y) in fold(x):
        return None
    sa, sb = a.text.index(x, sa), b.text.index(y, sb)
    return Conflict(
        "quote",
        False,
        f"The quotation is worded differently: “{x}” vs “{y}”.",
        [
            Side(x, a.outlet, a.cite(sa, sa + len(x)), a.span),
            Side(y, b.outlet, b.cite(sb, sb + len(y)), b.span),
        ],
        "wording",
        fact=fact,
        key=("quote", fact or "", *sorted((fold(x), fold(y)))),
    )
