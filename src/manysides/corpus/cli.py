"""Corpus-mode commands, registered on `manysides.cli.app` when this module is imported.

Each command opens the store, calls one library function and prints; known errors become a
message and an exit code through `manysides.cli.main`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from manysides.cli import app, stderr
from manysides.corpus.store import Store, default_db_path
from manysides.render.emit import Format

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Store file (default: $MANYSIDES_DB or ./manysides.db)."),
]
eval_app = typer.Typer(
    help="Measure quality against labeled data. Example: manysides eval clusters",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


def _open(db: Path | None, create: bool = False) -> Store:
    return Store.open(db or default_db_path(), create=create)


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, feeds (.rss .atom .xml), WARC archives, URLs."),
    ],
    db: DbOption = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Download URLs and feed links (polite, robots.txt).")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Processes for per-article work.")
    ] = 1,
    hashing: Annotated[
        bool, typer.Option("--hashing", help="Model-free features (fast, for tests/trials).")
    ] = False,
) -> None:
    """Add articles to the store: dedup by content hash, find wire copies, grow stories.

    Example: manysides ingest --db news.db feeds/world.rss archive.warc.gz articles/
    """
    from manysides.corpus.features import FeatureSettings
    from manysides.corpus.fetch import PoliteClient
    from manysides.corpus.ingest import ingest as run_ingest
    from manysides.corpus.sources import SourceOptions
    from manysides.engine.executor import make_executor

    settings = FeatureSettings("hashing", "capitalized") if hashing else FeatureSettings()
    client = PoliteClient() if fetch else None
    executor = make_executor(workers)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
    )
    try:
        with _open(db, create=True) as store, Progress(*columns, console=stderr) as bar:
            task = bar.add_task("ingesting", total=None)
            report = run_ingest(
                store,
                sources,
                options=SourceOptions(client),
                features=settings,
                executor=executor,
                progress=lambda _s, _st: bar.advance(task),
            )
    finally:
        executor.close()
        if client:
            client.close()
    _print_report(report)


def _print_report(report: object) -> None:
    from manysides.corpus.ingest import IngestReport

    assert isinstance(report, IngestReport)
    table = Table("source", "accepted", "duplicate", "rejected")
    for label, counts in report.sources.items():
        table.add_row(label, str(counts.accepted), str(counts.duplicate), str(counts.rejected))
    stderr.print(table)
    for counts in report.sources.values():
        for reason in counts.reasons:
            stderr.print(f"[yellow]rejected[/] {reason}", highlight=False)
    totals = report.totals()
    stderr.print(
        f"{totals['accepted']} accepted, {totals['duplicate']} duplicate, "
        f"{totals['rejected']} rejected",
        highlight=False,
    )


@app.command()
def stories(
    db: DbOption = None,
    min_articles: Annotated[
        int, typer.Option("--min", help="Only stories with this many articles.")
    ] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List stories: articles, independent sources, outlets, time span, top entities.

    Example: manysides stories --db news.db --min 3
    """
    from manysides.corpus.stories import list_stories

    with _open(db) as store:
        found = list_stories(store, min_articles)
    if as_json:
        sys.stdout.write(
            json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=2) + "\n"
        )
        return
    table = Table(caption="arts: articles; indep.: independent sources (wire copies count once)")
    for name in ("id", "arts", "indep.", "span"):
        table.add_column(name, no_wrap=True)  # numbers and days must never be cut
    for name in ("outlets", "title", "entities"):
        table.add_column(name)
    for s in found:
        first, last = (s.first or "?")[:10], (s.last or "?")[:10]
        table.add_row(
            str(s.id),
            str(s.articles),
            str(s.independent),
            first if first == last else f"{first}\n{last}",
            ", ".join(s.outlets[:4]) + ("…" if len(s.outlets) > 4 else ""),
            s.title[:60],
            ", ".join(s.entities[:5]),
        )
    Console().print(table)


@app.command()
def story(
    story_id: Annotated[int, typer.Argument(help="Story id from `manysides stories`.")],
    db: DbOption = None,
    output_format: Annotated[Format, typer.Option("--format", "-f")] = Format.terminal,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write JSON here.")] = None,
    md_path: Annotated[Path | None, typer.Option("--md", help="Also write Markdown here.")] = None,
    html_path: Annotated[Path | None, typer.Option("--html", help="Also write HTML here.")] = None,
) -> None:
    """Compare the articles of one story (the same outputs as `compare`).

    Example: manysides story 12 --db news.db --html story12.html
    """
    from manysides.compare.run import compare_articles
    from manysides.corpus.stories import story_articles
    from manysides.errors import NotEnoughArticlesError
    from manysides.render.emit import emit

    with _open(db) as store:
        articles = story_articles(store, story_id)
    if len(articles) < 2:
        raise NotEnoughArticlesError(f"story {story_id} has one article; nothing to compare")
    with stderr.status(f"Comparing {len(articles)} articles…"):
        comparison = compare_articles(articles)
    emit(
        comparison,
        output_format,
        json_path=json_path,
        md_path=md_path,
        html_path=html_path,
        stderr=stderr,
    )


@app.command()
def merge(
    story_a: Annotated[int, typer.Argument(help="Story that stays.")],
    story_b: Annotated[int, typer.Argument(help="Story merged into it.")],
    db: DbOption = None,
) -> None:
    """Merge story B into story A (kept across re-clustering).

    Example: manysides merge 3 7 --db news.db
    """
    from manysides.corpus.store import StoreError
    from manysides.corpus.stories import merge as run_merge

    if story_a == story_b:
        raise StoreError(f"cannot merge story {story_a} into itself")
    with _open(db) as store:
        run_merge(store, story_a, story_b)
    stderr.print(f"story {story_b} merged into {story_a}", highlight=False)


@app.command()
def split(
    story_id: Annotated[int, typer.Argument(help="Story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Article ids to move to a new story.")],
    db: DbOption = None,
) -> None:
    """Move articles out of a story into a new one (kept across re-clustering).

    Example: manysides split 3 4f2a9c01d2e3 77aa01bc3d4e --db news.db
    """
    from manysides.corpus.stories import split as run_split

    with _open(db) as store:
        new_id = run_split(store, story_id, articles)
    stderr.print(f"new story {new_id}", highlight=False)
    sys.stdout.write(f"{new_id}\n")


@app.command()
def recluster(db: DbOption = None) -> None:
    """Cluster every stored article again (ingest order), then replay merges and splits.

    Example: manysides recluster --db news.db
    """
    from manysides.corpus.stories import recluster as run_recluster

    with _open(db) as store:
        count = run_recluster(store)
    stderr.print(f"{count} stories", highlight=False)


@app.command()
def copies(
    db: DbOption = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this copy.")] = None,
) -> None:
    """Wire copies: each copy with its likely original and what it cut, added or reworded.

    Example: manysides copies --db news.db
    """
    from manysides.corpus.dedup import describe_copy

    with _open(db) as store:
        pairs = store.db.execute(
            "SELECT c.article_id, w.original, c.jaccard FROM copies c JOIN wire_groups w"
            " ON w.grp = c.grp WHERE c.article_id != w.original ORDER BY c.grp, c.article_id"
        ).fetchall()
        pairs = [p for p in pairs if not article or p[0] == article]
        if not pairs:
            which = f"{article} is not a wire copy" if article else "no wire copies"
            stderr.print(f"{which} in {store.path}", highlight=False)
        out = Console()
        for copy_id, original_id, score in pairs:
            original, copy = store.article(original_id), store.article(copy_id)
            diff = describe_copy(original, copy)
            out.print(
                f"[bold]{copy.outlet}[/] {copy_id} copies {original.outlet} {original_id} (Jaccard {score:.2f})"
            )
            if diff.headline:
                out.print(
                    f"  headline: {diff.headline[0]!r} → {diff.headline[1]!r}", highlight=False
                )
            for s in diff.cut:
                out.print(f"  [red]- cut[/] {s}", highlight=False)
            for s in diff.added:
                out.print(f"  [green]+ added[/] {s}", highlight=False)
            for old, new in diff.reworded:
                out.print(f"  [yellow]~ reworded[/] {old}\n            → {new}", highlight=False)


@app.command()
def export(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="csv, jsonl or parquet.")
    ] = "csv",
    table: Annotated[
        str, typer.Option("--table", "-t", help="articles, stories, entities or copies.")
    ] = "articles",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export a table of the store (article rows carry id, source, outlet, published, story).

    Example: manysides export --format parquet --table articles -o articles.parquet
    """
    from manysides.corpus.export import export as run_export

    with _open(db) as store:
        text = run_export(store, table, output_format, output)
    if text is not None:
        sys.stdout.write(text)


@eval_app.command("clusters")
def eval_clusters(
    data: Annotated[Path, typer.Argument(help="Folder of labeled news-please JSON files.")] = Path(
        "../shared/data/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data"
    ),
    workers: Annotated[int, typer.Option("--workers", "-w")] = 1,
) -> None:
    """B-cubed P/R/F1 and ARI of story clustering, ingesting in publication-date order.

    Example: manysides eval clusters ../shared/data/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data
    """
    from manysides.corpus.evaluate import evaluate_clusters
    from manysides.engine.executor import make_executor

    executor = make_executor(workers)
    try:
        with stderr.status("Ingesting and clustering…"):
            scores = evaluate_clusters(data, executor=executor)
    finally:
        executor.close()
    sys.stdout.write(json.dumps(scores.to_dict(), indent=2) + "\n")
