"""Cache of the annotation inputs of `story_extras`, so quote/event work can be iterated on
without re-parsing (the parse is ~90% of the time; the extractors read only its output).

    .venv/bin/python benchmarks/parse_cache.py polnear-dev|polnear-train|fivew [--limit N]

Writes /tmp/manysides-cache/<name>.pkl: per article the Article, the mentions, the sentences
and the (offset, doc) paragraphs, docs stored as one spaCy DocBin. Development aid only: the
reported numbers come from `quotes_polnear.py` and `fivew.py`, which parse afresh.
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = Path("/tmp/manysides-cache")


def _bench(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def articles_for(name: str, limit: int | None) -> tuple[list[Any], Any]:
    """(articles, gold documents) of a named data set."""
    from manysides.model import Article

    if name.startswith("polnear"):
        polnear = _bench("quotes_polnear")
        docs = polnear.load(name.split("-")[1], limit)
        articles = [Article(d.name, d.text, "polnear", "filename", d.name, d.name) for d in docs]
        return articles, docs
    fivew = _bench("fivew")
    docs = fivew.load(limit)
    return [fivew._article(d) for d in docs], docs


def build(name: str, limit: int | None) -> Path:
    from spacy.tokens import DocBin

    import manysides.nlp.annotate as annotate
    from manysides.nlp.pipeline import load_pipeline

    articles, _gold = articles_for(name, limit)
    records: list[dict[str, Any]] = []
    bin_ = DocBin(store_user_data=False)
    original = annotate.story_extras

    def capture(article: Any, paragraphs: Any, mentions: Any, sentences: Any) -> Any:
        records.append(
            {
                "article": article,
                "offsets": [o for o, _ in paragraphs],
                "mentions": tuple(mentions),
                "sentences": tuple(sentences),
            }
        )
        for _offset, doc in paragraphs:
            bin_.add(doc)
        return original(article, paragraphs, mentions, sentences)

    annotate.story_extras = capture  # type: ignore[assignment]
    try:
        annotate.annotate_articles(articles, load_pipeline())
    finally:
        annotate.story_extras = original  # type: ignore[assignment]
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{name}-{limit}.pkl"
    path.write_bytes(pickle.dumps({"records": records, "docs": bin_.to_bytes()}))
    return path


def load_cached(name: str, limit: int | None) -> list[dict[str, Any]]:
    """Records with ``paragraphs`` restored as (offset, doc) pairs."""
    from spacy.tokens import DocBin

    from manysides.nlp.pipeline import load_pipeline

    data = pickle.loads((CACHE / f"{name}-{limit}.pkl").read_bytes())
    docs = list(DocBin().from_bytes(data["docs"]).get_docs(load_pipeline().vocab))
    at = 0
    for record in data["records"]:
        count = len(record["offsets"])
        record["paragraphs"] = list(zip(record["offsets"], docs[at : at + count], strict=True))
        at += count
    return list(data["records"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("name", choices=("polnear-dev", "polnear-train", "fivew"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    print(build(args.name, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
