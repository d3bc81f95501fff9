"""Error analysis of quote extraction on PolNeAR, on cached parses (see parse_cache.py).

    .venv/bin/python benchmarks/polnear_errors.py polnear-train [--limit N] [--show missed|false|speaker] [--rules-only]

Scores exactly as `quotes_polnear.py`, then groups the misses by their gold cue word, so the
lexicon and the dependency patterns can be extended where recall is lost; ``--show`` prints
examples (missed gold attributions, false quotes, wrong speakers); ``--rules-only`` leaves
out the cue model. Design rules on ``polnear-train`` (the model is fitted there too, so
its train numbers are optimistic); ``polnear-dev`` is for reporting.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from typing import Any

from parse_cache import _bench, articles_for, load_cached


def quotes_of(record: dict[str, Any], learned: bool = True, model: Any = None) -> Any:
    """Our quotes of one cached article (``model``: a cue model to try instead of the
    shipped one; ``learned=False``: the rules alone)."""
    from manysides.nlp.quotes import extract_quotes
    from manysides.nlp.story import _sentence_lookup

    return extract_quotes(
        record["article"],
        record["paragraphs"],
        record["mentions"],
        _sentence_lookup(record["sentences"]),
        model=model,
        learned=learned,
    )


def predict(
    records: list[dict[str, Any]], learned: bool = True, model: Any = None
) -> list[list[Any]]:
    """PolNeAR attributions of our quotes on cached parses."""
    polnear = _bench("quotes_polnear")
    return [[polnear.as_attribution(q) for q in quotes_of(r, learned, model)] for r in records]


def _text(text: str, ranges: Any) -> str:
    return " … ".join(text[s:e] for s, e in ranges)


def analyse(docs: list[Any], predictions: list[list[Any]], show: str | None) -> None:
    polnear = _bench("quotes_polnear")
    missed: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    for doc, pred in zip(docs, predictions, strict=True):
        pc = [polnear._chars(doc.text, a.content) for a in pred]
        gc = [polnear._chars(doc.text, a.content) for a in doc.gold]
        pairs = dict((j, i) for i, j in polnear._greedy(pc, gc))
        matched_pred = set(pairs.values())
        for j, gold in enumerate(doc.gold):
            cue = _text(doc.text, gold.cue).lower()
            total[cue] += 1
            if j not in pairs:
                missed[cue] += 1
                if show == "missed":
                    print(f"MISS [{cue}] src={_text(doc.text, gold.source)!r}")
                    print(f"     {_text(doc.text, gold.content)[:160]!r}")
            elif show == "speaker" and gold.source:
                ours = pred[pairs[j]].source
                if not polnear._overlap(
                    polnear._chars(doc.text, ours), polnear._chars(doc.text, gold.source)
                ):
                    print(
                        f"SPK [{cue}] gold={_text(doc.text, gold.source)!r} ours="
                        f"{_text(doc.text, ours)!r} cue={_text(doc.text, pred[pairs[j]].cue)!r}"
                    )
        if show == "false":
            for i, attribution in enumerate(pred):
                if i not in matched_pred:
                    print(
                        f"FALSE [{_text(doc.text, attribution.cue)}] "
                        f"src={_text(doc.text, attribution.source)!r}"
                    )
                    print(f"      {_text(doc.text, attribution.content)[:160]!r}")
    print("missed by gold cue (missed/total):")
    for cue, count in missed.most_common(40):
        print(f"  {count:4d}/{total[cue]:4d} {cue!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", default=None)
    parser.add_argument("--rules-only", action="store_true", help="without the cue model")
    args = parser.parse_args()
    polnear = _bench("quotes_polnear")
    _articles, docs = articles_for(args.name, args.limit)
    predictions = predict(load_cached(args.name, args.limit), not args.rules_only)
    analyse(docs, predictions, args.show)
    print(json.dumps(polnear.score(docs, predictions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
