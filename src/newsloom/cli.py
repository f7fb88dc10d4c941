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


def run() -> None:  # pragma: no cover - console entry point guard
    try:
        main()
    except NewsloomError as exc:
        click.echo(f"newsloom: {exc}", err=True)
        sys.exit(2)
