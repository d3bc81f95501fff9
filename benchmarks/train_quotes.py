"""Train the quote cue model (src/manysides/data/quote_cues.json) on PolNeAR train only.

    .venv/bin/python benchmarks/train_quotes.py [--folds 5] [--out src/manysides/data/quote_cues.json]

Data: ../shared/data/polnear/data/train (210 articles, brat standoff; the first annotator's
file per article, as `quotes_polnear.py` reads it). Dev is never read. The parses come from
`parse_cache.py polnear-train` (built here when /tmp/manysides-cache lacks them).

Every verb, noun and adjective outside quotation marks and outside what the rules took (their
cues and contents: `cue_model.candidates`, exactly the tokens scored at run time) is an
example, labeled by whether it overlaps a gold cue span; features are `cue_model.features`.
A logistic regression (scikit-learn, liblinear, fixed seed; `pip install .[train]`) is fitted;
the regularization C and the decision threshold are chosen by 5-fold cross-validation over
train *articles* on the end-to-end attribution-with-speaker F1 of `quotes_polnear.score`. The
final model is refitted on all of train and written as JSON weights (|w| >= MIN_WEIGHT,
4 decimals), so run time needs no scikit-learn. Takes 2-3 minutes on 2 shared vCPUs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from parse_cache import CACHE, _bench, articles_for, build, load_cached
from polnear_errors import predict, quotes_of

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "manysides" / "data" / "quote_cues.json"
SEED = 13
C_GRID = (0.3, 1.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
MIN_WEIGHT = 0.05
"""Weights this small change few decisions; dropping them keeps the shipped JSON small."""


def examples(record: dict[str, Any], gold: Any) -> tuple[list[list[str]], list[int]]:
    """Feature lists and 0/1 labels of one article's candidate cue tokens."""
    from manysides.nlp import cue_model
    from manysides.nlp.quotes import quoted_segments

    rules = quotes_of(record, learned=False)
    ruled = [(q.cue.start, q.cue.end) for q in rules if q.cue]
    ruled += [(span.start, span.end) for q in rules for span in q.content]
    gold_cues = {i for a in gold.gold for s, e in a.cue for i in range(s, e)}
    text = record["article"].text
    rows: list[list[str]] = []
    labels: list[int] = []
    for offset, doc in record["paragraphs"]:
        segments = quoted_segments(text, offset, offset + len(doc.text))
        for token, quoted in cue_model.candidates(doc, offset, segments, ruled):
            at = offset + token.idx
            rows.append(cue_model.features(token, quoted))
            labels.append(int(any(i in gold_cues for i in range(at, at + len(token)))))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int], c: float) -> tuple[dict[str, float], float]:
    """Logistic regression on binary features -> (weights by feature name, bias)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(r, 1) for r in rows]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(matrix, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    return {n: w for n, w in weights.items() if abs(w) >= MIN_WEIGHT}, float(model.intercept_[0])


def end_to_end(records: list[Any], docs: list[Any], model: Any) -> dict[str, Any]:
    """`quotes_polnear.score` of rules + model on some articles."""
    return dict(_bench("quotes_polnear").score(docs, predict(records, model=model)))


def cross_validate(
    records: list[Any], docs: list[Any], data: list[Any], folds: int
) -> tuple[float, float]:
    """(C, threshold) with the best mean held-out attribution-with-speaker F1."""
    from manysides.nlp.cue_model import CueModel

    results: dict[tuple[float, float], list[float]] = {}
    for c in C_GRID:
        for fold in range(folds):
            held = [i for i in range(len(records)) if i % folds == fold]
            rows = [r for i in range(len(records)) if i % folds != fold for r in data[i][0]]
            labels = [y for i in range(len(records)) if i % folds != fold for y in data[i][1]]
            weights, bias = fit(rows, labels, c)
            for threshold in THRESHOLDS:
                scored = end_to_end(
                    [records[i] for i in held],
                    [docs[i] for i in held],
                    CueModel(weights, bias, threshold),
                )
                f1 = scored["attribution_with_speaker"]["f1"]
                results.setdefault((c, threshold), []).append(f1)
    for key, f1s in sorted(results.items()):
        print(f"C={key[0]} threshold={key[1]} cv F1 {sum(f1s) / len(f1s):.4f}", file=sys.stderr)
    return max(results, key=lambda k: sum(results[k]) / len(results[k]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    start = time.perf_counter()
    if not (CACHE / "polnear-train-None.pkl").exists():
        build("polnear-train", None)
    records = load_cached("polnear-train", None)
    _articles, docs = articles_for("polnear-train", None)
    data = [examples(r, d) for r, d in zip(records, docs, strict=True)]
    c, threshold = cross_validate(records, docs, data, args.folds)
    weights, bias = fit([r for d in data for r in d[0]], [y for d in data for y in d[1]], c)
    model = {"bias": round(bias, 4), "threshold": threshold, "c": c, "weights": weights}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n")
    seconds = time.perf_counter() - start
    print(f"C={c} threshold={threshold} features={len(weights)} {seconds:.0f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
