"""The command line: thin wrappers that parse arguments and call one plain function each."""
from __future__ import annotations

import json
import sys

import click

from newsloom.errors import NewsloomError


@click.group()
@click.version_option(package_name="newsloom")
def main() -> None:
    """newsloom: raw news in any language to structured, source-grounded records."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (ISO 8601) used as the anchor for relative times; "
                                  "overrides a date found in a page's metadata.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "markdown"]), default="json", show_default=True)
def analyze(paths: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Analyze files, directories (recursively) or '-' (stdin) into records."""
    from newsloom.render.markdown import brief
    from newsloom.run import analyze_paths

    results, failures = analyze_paths(list(paths), published=published, progress=True)
    for name, reason in failures:
        click.echo(f"newsloom: {name}: {reason}", err=True)
    records = [r for _, r in results]
    if fmt == "json":
        payload = records[0].to_dict() if len(records) == 1 and len(paths) == 1 and failures == [] else [r.to_dict() for r in records]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in records:
            click.echo(r.to_json(indent=None))
    else:
        click.echo("\n---\n\n".join(brief(r) for r in records), nl=False)
    if not records and failures:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from newsloom.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("suite")
@click.option("--limit", type=int, default=None, help="At most N documents (or sentences) per set.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--data", "data", default=None, help="Folder of the gold data (default: $NEWSLOOM_DATA or ../shared/data).")
def evaluate(suite: str, limit: int | None, fmt: str, data: str | None) -> None:
    """Score newsloom on public gold data: extraction, ner, times, events, or all."""
    from newsloom.evaluate.suites import as_json, run as run_suites, table

    rows = run_suites(suite, limit=limit, data=data)
    click.echo(table(rows) if fmt == "table" else as_json(rows))


@main.command()
@click.option("--raise", "raise_", is_flag=True, help="Raise the floors to the figures measured now.")
@click.option("--allow-lower", is_flag=True, help="With --raise: also lower floors that are above the figures.")
@click.option("--data", "data", default=None, help="Folder of the gold data.")
def gate(raise_: bool, allow_lower: bool, data: str | None) -> None:
    """Check the accuracy floors on the small fixed subsets (what CI runs)."""
    from newsloom.evaluate.gate import check, measure, raise_floors

    measured = measure(data=data)
    if raise_:
        changed = raise_floors(measured, allow_lower=allow_lower)
        click.echo(f"{len(changed)} floor(s) changed")
        return
    failures = check(measured)
    for f in failures:
        click.echo(f"below floor: {f}", err=True)
    click.echo(f"{len(measured)} figures checked, {len(failures)} below their floor")
    if failures:
        sys.exit(1)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--urls", "url_lists", multiple=True, metavar="FILE",
              help="A file of URLs, one a line, to fetch (also any *.urls among the sources).")
@click.option("--rate", type=float, default=1.0, show_default=True,
              help="Minimum seconds between two requests to one host (a robots.txt Crawl-delay wins).")
@click.option("--link/--no-link", default=True, show_default=True,
              help="Link each new record to its duplicates, story and canonical entities (--no-link: store "
                   "only; a later run with linking links what was left).")
@click.option("--db", default=None, help="Store: a SQLite file or a postgresql:// URL "
                                         "(default: $NEWSLOOM_DB or newsloom.db).")
def ingest(sources: tuple[str, ...], url_lists: tuple[str, ...], rate: float, link: bool, db: str | None) -> None:
    """Analyze files, directories, JSONL, WARC, Parquet and URL lists into the store, each document once;
    records analyzed already (JSONL from `analyze --format jsonl`) are stored as they are."""
    from newsloom.ingest import ingest as run_ingest
    from newsloom.linker import Linker
    from newsloom.store import open_store

    if not sources and not url_lists:
        raise click.UsageError("give at least one source or --urls FILE")
    store = open_store(db)
    linker = None
    if link:
        linker = Linker(store)
        linker.catch_up()  # records a stopped run stored but did not link
    counts = run_ingest(list(sources), store, progress=True, linker=linker, url_lists=list(url_lists),
                        fetch={"interval": rate})
    click.echo(f"new {counts['new']}, duplicate {counts['duplicate']}, failed {counts['failed']}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, help="Output directory (records/ and errors/ as Parquet); rerun to resume.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray Data (pip install 'newsloom[ray]').")
@click.option("--workers", type=int, default=2, show_default=True, help="Worker processes (each loads the pipelines once).")
@click.option("--batch-size", type=int, default=8, show_default=True, help="Documents handed to a worker at a time.")
def batch(inputs: tuple[str, ...], out: str, engine: str, workers: int, batch_size: int) -> None:
    """Analyze files, directories, JSONL, Parquet and WARC into Parquet partitioned by language and date."""
    from newsloom.batch import run_batch

    result = run_batch(list(inputs), out, engine=engine, workers=workers, batch_size=batch_size, progress=True)
    click.echo(f"records {result.records}, errors {result.errors}, already done {result.skipped}, "
               f"{result.docs_per_second:.2f} documents/s with {workers} {engine} worker(s)")


_TABLE_FORMATS = click.Choice(["table", "json", "csv", "parquet"])


@main.command()
@click.argument("query", required=False)
@click.option("--person", default=None, help="A person named in the article (any spelling or script).")
@click.option("--place", default=None, help="A place named in the article.")
@click.option("--event", default=None, help="PLOVER type, e.g. CONSULT")
@click.option("--language", default=None)
@click.option("--since", default=None)
@click.option("--until", default=None)
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--db", default=None)
@click.option("--format", "fmt", type=_TABLE_FORMATS, default="table", show_default=True)
@click.option("--out", default=None, help="Write to this file (needed for parquet).")
def search(query, person, place, event, language, since, until, limit, db, fmt, out) -> None:
    """Full-text search over stored articles, with filters."""
    from newsloom.store import open_store
    from newsloom.store.export import emit, write_rows

    rows = open_store(db).search(query, person=person, place=place, event=event, language=language,
                                 since=since, until=until, limit=limit)
    if fmt == "table":
        rows = [{**r, "published": (r["published"] or "-").ljust(25), "title": r["title"] or r["uri"] or r["id"]}
                for r in rows]
        emit(write_rows(rows, ["published", "language", "title"], fmt, out))
    else:
        emit(write_rows(rows, ["id", "published", "language", "title", "uri"], fmt, out))


@main.command()
@click.argument("name")
@click.option("--db", default=None)
@click.option("--format", "fmt", type=_TABLE_FORMATS, default="json", show_default=True)
@click.option("--out", default=None, help="Write to this file (needed for parquet).")
def entity(name: str, db: str | None, fmt: str, out: str | None) -> None:
    """A timeline of what an entity did and said, by date, with sources (any spelling or script)."""
    from newsloom.store import open_store
    from newsloom.store.export import emit, write_rows

    rows = open_store(db).timeline(name)
    emit(write_rows(rows, ["published", "name", "roles", "said", "did", "source"], fmt, out))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl"]), default="parquet", show_default=True)
@click.option("--out", required=True, help="The file to write.")
@click.option("--db", default=None)
def export(fmt: str, out: str, db: str | None) -> None:
    """Every stored record: Parquet (flat columns plus the record as JSON; loads in pandas, Polars,
    DuckDB) or JSONL (records whole, as `analyze --format jsonl` prints them)."""
    from newsloom.store import open_store
    from newsloom.store.export import export_records

    n = export_records(open_store(db).records(), fmt, out)
    click.echo(f"{n} records written to {out}")


@main.command()
@click.option("--since", default=None, help="Only stories seen on or after this date (ISO 8601).")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--db", default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stories(since: str | None, limit: int, db: str | None, fmt: str) -> None:
    """Stories (articles about one event, across languages), the most recent first."""
    from newsloom.store import open_store

    rows = open_store(db).stories(since=since, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r['id']:18} {r['first_seen'] or '-':10} {r['last_seen'] or '-':10} {r['articles']:4} "
                   f"{','.join(r['languages']):12} {r['title'] or ''}")


@main.command()
@click.argument("story_id")
@click.option("--db", default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def story(story_id: str, db: str | None, fmt: str) -> None:
    """One story: its articles (duplicates marked), main entities and events."""
    from newsloom.store import open_store

    s = open_store(db).story(story_id)
    if s is None:
        raise NewsloomError(f"no story {story_id!r} in the store; `newsloom stories` lists them")
    if fmt == "json":
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    click.echo(f"{s['title']}\n{s['first_seen']} .. {s['last_seen']}  languages: {', '.join(s['languages'])}\n")
    for a in s["articles"]:
        dup = f"  (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        click.echo(f"  {a['published'] or '-':10} {a['language']:3} {a['title'] or a['uri'] or a['id']}{dup}")
    click.echo("\nentities: " + "; ".join(f"{e['name']} ({e['type']}, {e['articles']})" for e in s["entities"]))
    click.echo("events: " + "; ".join(f"{e['type']} {e['count']}" for e in s["events"]))


def run() -> None:  # pragma: no cover - console entry point guard
    try:
        main()
    except NewsloomError as exc:
        click.echo(f"newsloom: {exc}", err=True)
        sys.exit(2)
