"""The ``khabar`` command: ingest, report, and one table per analysis.

Arabic is printed as logical text: terminals do their own bidi layout, so nothing is reshaped
here. User errors print one line naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from khabar.errors import KhabarError

if TYPE_CHECKING:
    from khabar.corpus import Corpus

__all__ = ["main"]

EXIT_USER_ERROR = 2
EXIT_SKIPPED = 1
_FIELD_ROLES = ("text", "title", "date", "outlet", "url", "id")
_ROLE_HELP = {
    "text": "article text",
    "title": "headline",
    "date": "publication date",
    "outlet": "outlet (newspaper, site)",
    "url": "article address",
    "id": "document id",
}


def _table(frame: pd.DataFrame, *, top: int) -> str:
    if frame.empty:
        return "(no rows)"
    shown = frame.head(top).copy()
    if "share" in shown.columns:
        shown["share"] = shown["share"].map(lambda v: f"{v:.2%}")
    for column in [c for c in shown.columns if pd.api.types.is_string_dtype(shown[c])]:
        shown[column] = shown[column].map(
            lambda v: v.replace("\n", " ") if isinstance(v, str) else v
        )
    shown.index = range(1, len(shown) + 1)
    return shown.to_string()


def _cmd_ingest(args: argparse.Namespace) -> int:
    from khabar.ingest import ingest

    report = ingest(args.sources, args.corpus, **_field_options(args), wait=not args.no_wait)
    for line in report.mappings:
        print(f"fields {line}")
    for line in report.problems():
        print(f"skipped {line}", file=sys.stderr)
    print(f"{args.corpus}: {report.summary()}")
    return EXIT_SKIPPED if report.skipped else 0


def _cmd_check(args: argparse.Namespace) -> int:
    from khabar.check import check_corpus

    report = check_corpus(args.corpus, repair=args.repair)
    print(report.details())
    return 0 if report.ok else 1


def _field_options(args: argparse.Namespace) -> dict[str, Any]:
    """``load_corpus``'s ``<role>_field`` options as given on the command line."""
    return {f"{role}_field": getattr(args, f"{role}_field", None) for role in _FIELD_ROLES}


def _load(args: argparse.Namespace) -> Corpus:
    from khabar.corpus import load_corpus

    corpus = load_corpus(args.corpus, lazy=args.lazy, **_field_options(args))
    if not (args.outlet or args.since or args.until):
        return corpus
    chosen = corpus.subset(outlet=args.outlet, since=args.since, until=args.until)
    if not corpus.lazy and len(chosen) == 0:
        outlets = ", ".join(sorted(set(corpus.docs["outlet"]) - {""})[:20]) or "none"
        raise KhabarError(
            f"{args.corpus}: no documents match --outlet/--since/--until (outlets: {outlets})"
        )
    return chosen


def _emit(table: pd.DataFrame, args: argparse.Namespace) -> int:
    from khabar.tables_out import write_csv, write_xlsx

    if args.csv:
        print(f"wrote {len(table)} rows to {write_csv(table, args.csv)}")
    if args.xlsx:
        print(f"wrote {len(table)} rows to {write_xlsx(table, args.xlsx)}")
    if not (args.csv or args.xlsx):
        print(_table(table, top=args.top))
    return 0


def _cmd_terms(args: argparse.Namespace) -> int:
    from khabar.counts import term_frequency

    table = term_frequency(
        _load(args), ngram=args.ngram, stopwords=not args.keep_stopwords, engine=args.engine
    )
    shown = table if args.forms or args.csv or args.xlsx else table.drop(columns="forms")
    return _emit(shown, args)


def _cmd_actors(args: argparse.Namespace) -> int:
    from khabar.actors import actor_counts

    return _emit(actor_counts(_load(args), engine=args.engine, discover=args.discover), args)


def _cmd_sources(args: argparse.Namespace) -> int:
    from khabar.sources import source_counts

    return _emit(source_counts(_load(args), engine=args.engine), args)


def _cmd_kwic(args: argparse.Namespace) -> int:
    from khabar.kwic import kwic

    return _emit(kwic(_load(args), args.term, window=args.window), args)


def _date_arg(value: str) -> str:
    from khabar.dates import parse_date

    iso = parse_date(value)
    if iso is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (try 2015-07-21)")
    return iso


def _cmd_report(args: argparse.Namespace) -> int:
    from khabar.report import parse_parameter, run_report

    result = run_report(
        corpus=args.corpus,
        out=args.out,
        notebooks=args.notebooks,
        progress=not args.quiet,
        parameters=dict(parse_parameter(item) for item in args.parameter),
        lang=args.lang,
        cache=not args.no_cache,
    )
    print(result.summary())
    return 0 if result.ok else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khabar", description="Arabic news coverage in numbers.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser(
        "ingest", help="add files, folders, JSONL, CSV (.gz too) or Parquet to a corpus folder"
    )
    ingest.add_argument("sources", nargs="+", help="files or folders to read (never modified)")
    ingest.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    ingest.add_argument(
        "--no-wait", action="store_true", help="stop at once if another run is writing the corpus"
    )
    _add_field_flags(ingest)
    ingest.set_defaults(run=_cmd_ingest)

    check = sub.add_parser("check", help="find orphan, missing, edited and duplicate texts")
    check.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    check.add_argument(
        "--repair", action="store_true", help="register orphan texts, rewrite manifest as UTF-8"
    )
    check.set_defaults(run=_cmd_check)

    report = sub.add_parser("report", help="run the notebooks, write figures and an HTML report")
    report.add_argument("--corpus", default="corpus", help="corpus to analyse (default: corpus)")
    report.add_argument("--out", default="figures", help="output folder (default: figures)")
    report.add_argument(
        "--notebooks", default=None, help="folder of the notebooks (default: ./notebooks)"
    )
    report.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="notebook parameter, e.g. -p ACTOR=بوتين -p KWIC_TERM=النفط -p TOP_N=20 (repeatable)",
    )
    report.add_argument(
        "--lang", choices=("ar", "en"), default="ar", help="language of the charts (default: ar)"
    )
    report.add_argument(
        "--no-cache", action="store_true", help="compute the tables afresh; leave the cache alone"
    )
    report.add_argument("--quiet", action="store_true", help="no progress bars")
    report.set_defaults(run=_cmd_report)

    for name, run, text in (
        ("terms", _cmd_terms, "most frequent terms (clitics folded)"),
        ("actors", _cmd_actors, "actor mentions"),
        ("sources", _cmd_sources, "cited sources"),
        ("kwic", _cmd_kwic, "every occurrence of a word or phrase, in context"),
    ):
        _table_command(sub.add_parser(name, help=text), name=name, run=run)
    return parser


def _add_field_flags(cmd: argparse.ArgumentParser) -> None:
    group = cmd.add_argument_group("field names (default: recognised by the usual names)")
    for role in _FIELD_ROLES:
        group.add_argument(
            f"--{role}-field", metavar="NAME", help=f"input field holding the {_ROLE_HELP[role]}"
        )


def _table_command(cmd: argparse.ArgumentParser, *, name: str, run: Callable) -> None:
    if name == "kwic":
        cmd.add_argument("term", help="word or phrase to find (clitics seen through)")
        cmd.add_argument("--window", type=int, default=5, help="words either side (default: 5)")
    cmd.add_argument("--corpus", default="corpus", help="corpus folder or file (default: corpus)")
    cmd.add_argument("--top", type=int, default=20, help="rows to print (default: 20)")
    cmd.add_argument("--engine", choices=("local", "dask"), default="local")
    cmd.add_argument("--lazy", action="store_true", help="stream the corpus instead of loading it")
    picked = cmd.add_argument_group("which documents")
    picked.add_argument(
        "--outlet", action="append", metavar="NAME", help="only this outlet (repeat for more)"
    )
    picked.add_argument("--since", type=_date_arg, metavar="DATE", help="from this day on")
    picked.add_argument("--until", type=_date_arg, metavar="DATE", help="up to this day")
    out = cmd.add_argument_group("output (default: print the top rows)")
    out.add_argument("--csv", metavar="FILE", help="write the whole table as CSV (UTF-8, BOM)")
    out.add_argument("--xlsx", metavar="FILE", help="write the whole table as an Excel file")
    _add_field_flags(cmd)
    cmd.set_defaults(run=run)
    if name == "terms":
        cmd.add_argument("--ngram", type=int, default=1, help="1 for words, 2 for bigrams ...")
        cmd.add_argument("--keep-stopwords", action="store_true", help="count stopwords too")
        cmd.add_argument("--forms", action="store_true", help="show the spellings counted together")
    if name == "actors":
        cmd.add_argument(
            "--discover", action="store_true", help="also find people the dictionary lacks"
        )


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    print(f"khabar: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``khabar`` command."""
    args = _parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    warnings.showwarning = _show_warning
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 60)
    try:
        return run(args)
    except KhabarError as err:
        print(f"khabar: error: {err}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as err:  # permissions, full disk, a folder given where a file was expected
        where = f"{err.filename}: " if err.filename else ""
        print(f"khabar: error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("khabar: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
