"""Web latency over loopback with 50,000 stored articles: story list and story page p50/p95.

    .venv/bin/python benchmarks/web_latency.py --articles 50000 --requests 200

How the store is built (cheaply, without the NLP): the 479 real articles of
../shared/data/giveme5w1h (news_cluster + gold_standard) and the two seeds are varied by
appending a distinct dateline sentence (so offsets of headline and furniture stay valid and
every text, hence id, is new), given one of 40 outlets and a date in 2023, and inserted with
`Store.insert_article` (FTS rows by its trigger). Stories (sizes 1-40, most small) and 10 % wire
copies are written straight into the corpus tables. One story (the two seeds) is compared
for real; its cached document and page are stored under the fingerprints of 300 sampled
stories, so story pages measure serving a cached comparison of realistic size (the first,
uncached view is timed separately). The server runs as `manysides serve` in its own process;
the client sends sequential keep-alive requests with httpx.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import real_articles
from manysides.corpus.store import Store
from manysides.model import Article
from manysides.read import read_sources

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = [f"Outlet {n:02d}" for n in range(40)]
CITIES = ["Berlin", "Lagos", "Lima", "Osaka", "Quito", "Perth", "Oslo", "Cairo", "Dhaka", "Kyiv"]


def variant(base: Article, n: int, rng: random.Random) -> Article:
    """``base`` with one sentence appended: a new text and id, the same spans."""
    text = f"{base.text}\n\n({rng.choice(CITIES)}, report {n}) Correspondents contributed."
    new_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))

    def move(span: object) -> object:
        return None if span is None else replace(span, article=new_id)  # type: ignore[type-var]

    return replace(
        base,
        id=new_id,
        text=text,
        outlet=rng.choice(OUTLETS),
        published=day.isoformat(),
        source=f"synthetic-{n}",
        title_span=move(base.title_span),  # type: ignore[arg-type]
        furniture=tuple(replace(f, span=move(f.span)) for f in base.furniture),  # type: ignore[arg-type]
    )


def story_sizes(total: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < total:
        sizes.append(min(40, max(1, int(rng.paretovariate(1.2)))))
    sizes[-1] -= sum(sizes) - total
    return [s for s in sizes if s > 0]


def build_store(path: Path, count: int, seeds: list[Article]) -> int:
    """``count`` articles in stories; story 1 is the two seeds. Returns the number of stories."""
    rng = random.Random(11)
    bases = real_articles() + seeds
    with Store.open(path) as store:
        with store.transaction():
            for article in seeds:
                store.insert_article(article)
            _story(store, 1, seeds, rng)
        story_id, inserted = 1, len(seeds)
        for size in story_sizes(count - len(seeds), rng):
            story_id += 1
            base = rng.choice(bases)
            members = [variant(base, inserted + k, rng) for k in range(size)]
            with store.transaction():
                for article in members:
                    store.insert_article(article)
                _story(store, story_id, members, rng)
            inserted += size
    return story_id


def _story(store: Store, story_id: int, members: list[Article], rng: random.Random) -> None:
    dates = sorted(a.published or "" for a in members)
    entities = {w.lower(): 1 for w in members[0].title.split() if w[:1].isupper()}
    store.db.execute(
        "INSERT INTO stories(id, size, first_published, last_published, centroid, terms, entities)"
        " VALUES (?, ?, ?, ?, x'', '{}', ?)",
        (story_id, len(members), dates[0] or None, dates[-1] or None, json.dumps(entities)),
    )
    store.db.executemany(
        "INSERT INTO story_articles(article_id, story_id) VALUES (?, ?)",
        [(a.id, story_id) for a in members],
    )
    if len(members) > 2 and rng.random() < 0.3:  # a wire group: the first is the original
        grp = members[0].id
        store.db.execute("INSERT INTO wire_groups(grp, original) VALUES (?, ?)", (grp, grp))
        store.db.executemany(
            "INSERT INTO copies(article_id, grp, jaccard) VALUES (?, ?, 0.8)",
            [(a.id, grp) for a in members[:3]],
        )


def seed_comparison(path: Path, sample: int) -> tuple[float, list[int]]:
    """Compare story 1 for real (timed), then store its cache entry for ``sample`` stories."""
    from manysides.web.app import WebSettings, WebState, create_app

    state: WebState = create_app(WebSettings(path)).state.web
    with state.db.writer() as store, store.transaction() as db:
        db.execute("DELETE FROM web_comparisons")  # time the first view for real
    started = time.perf_counter()
    entry = state.cache.get(1)
    cold = time.perf_counter() - started
    ids = [
        int(r[0])
        for r in state.db.reader().execute(
            "SELECT id FROM stories WHERE size >= 2 AND id > 1 ORDER BY random() LIMIT ?", (sample,)
        )
    ]
    with state.db.writer() as store, store.transaction() as db:
        for story_id in ids:
            key, chosen = state.cache.lookup(story_id)
            db.execute(
                "INSERT OR REPLACE INTO web_comparisons VALUES (?, ?, ?, ?, ?, ?)",
                (key, story_id, json.dumps(chosen), entry.document, entry.page, "bench"),
            )
    state.db.close()
    return cold, [1, *ids]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(base: str, paths: list[str], repeat: int) -> dict[str, float]:
    times: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths[:3]:
            client.get(path)  # warm up connections and caches
        for n in range(repeat):
            path = paths[n % len(paths)]
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "p99": times[int(0.99 * (len(times) - 1))],
        "max": times[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", type=Path, default=Path("/tmp/manysides-bench/web.db"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing store")
    parser.add_argument("--out", type=Path, default=None, help="Also write the table here.")
    args = parser.parse_args()
    seeds, _ = read_sources([ROOT / "examples"])
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        started = time.perf_counter()
        stories = build_store(args.db, args.articles, seeds)
        print(
            f"built {args.articles} articles, {stories} stories in {time.perf_counter() - started:.0f} s"
        )
    cold, story_ids = seed_comparison(args.db, 300)
    print(f"first (uncached) view of the seed story: {cold:.1f} s")
    results = serve_and_measure(args.db, story_ids, args.requests)
    write_report(args, cold, results)


def serve_and_measure(db: Path, story_ids: list[int], repeat: int) -> dict[str, dict[str, float]]:
    port = _port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from manysides.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
        ],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/api/v1/stories?limit=1", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        outlets = [f"/?outlet={o.replace(' ', '+')}" for o in OUTLETS]
        articles = [
            f"/articles/{a['id']}" for a in httpx.get(f"{base}/api/v1/stories/1").json()["articles"]
        ]
        cases = {
            "story list `/`": ["/"],
            "story list, page 40": ["/?page=40"],
            "story list by outlet": outlets,
            "story list, search `q=`": [
                "/?q=police",
                "/?q=president",
                "/?q=election+vote",
                "/?q=fire",
            ],
            "story list by entity + dates": ["/?entity=trump&since=2023-03-01&until=2023-06-30"],
            "story page `/stories/{id}` (cached)": [f"/stories/{s}" for s in story_ids],
            "API `/api/v1/stories`": ["/api/v1/stories"],
            "API `/api/v1/stories/{id}` (cached)": [f"/api/v1/stories/{s}" for s in story_ids],
            "article page `/articles/{id}`": articles,
            "API `/api/v1/search?q=`": ["/api/v1/search?q=police", "/api/v1/search?q=president"],
        }
        results = {}
        for name, paths in cases.items():
            results[name] = measure(base, paths, repeat)
            r = results[name]
            print(
                f"{name:40} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  max {r['max']:6.1f} ms"
            )
        return results
    finally:
        server.terminate()
        server.wait(timeout=20)


def write_report(
    args: argparse.Namespace, cold: float, results: dict[str, dict[str, float]]
) -> None:
    lines = [
        "# Web latency (benchmarks/web_latency.py)",
        "",
        f"- date: {datetime.now(UTC).isoformat(timespec='minutes')}",
        f"- machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{_cores()} cores (shared), Python {platform.python_version()}",
        f"- command: `.venv/bin/python benchmarks/web_latency.py --articles {args.articles}"
        f" --requests {args.requests}`",
        f"- store: {args.articles} articles ({args.db.stat().st_size / 1e6:.0f} MB), built as the"
        " module docstring says; server `manysides serve` in its own process, sequential"
        " keep-alive requests from one httpx client over 127.0.0.1",
        "- the 2 cores were shared with other engineers' jobs during the run: numbers are noisy",
        f"- first, uncached view of a story (real comparison of the two seeds, models loading"
        f" included): {cold:.1f} s",
        "",
        "| request | n | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['n']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['max']:.1f} |"
        )
    print("\n".join(lines))
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", "utf-8")


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
