"""The ``khabar`` command: ingest, report, and one table per analysis.

Arabic is printed as logical text: terminals do their own bidi layout, so nothing is reshaped
here. User errors print one line naming the file and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence

import pandas as pd

from khabar.errors import KhabarError

__all__ = ["main"]

EXIT_USER_ERROR = 2
EXIT_SKIPPED = 1


def _table(frame: pd.DataFrame, *, top: int) -> str:
    if frame.empty:
        return "(no rows)"
    shown = frame.head(top).copy()
    if "share" in shown.columns:
        shown["share"] = shown["share"].map(lambda v: f"{v:.2%}")
    shown.index = range(1, len(shown) + 1)
    return shown.to_string()


def _cmd_ingest(args: argparse.Namespace) -> int:
    from khabar.ingest import ingest

    report = ingest(args.sources, args.corpus)
    for error in report.skipped:
        print(f"skipped {error}", file=sys.stderr)
    print(f"{args.corpus}: {report.summary()}")
    return EXIT_SKIPPED if report.skipped else 0


def _load(args: argparse.Namespace):
    from khabar.corpus import load_corpus

    return load_corpus(args.corpus, lazy=getattr(args, "lazy", False))


def _cmd_terms(args: argparse.Namespace) -> int:
    from khabar.counts import term_frequency

    table = term_frequency(
        _load(args), ngram=args.ngram, stopwords=not args.keep_stopwords, engine=args.engine
    )
    print(_table(table.drop(columns="forms") if not args.forms else table, top=args.top))
    return 0


def _cmd_actors(args: argparse.Namespace) -> int:
    from khabar.actors import actor_counts

    print(_table(actor_counts(_load(args), engine=args.engine), top=args.top))
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from khabar.sources import source_counts

    print(_table(source_counts(_load(args), engine=args.engine), top=args.top))
    return 0


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
        "ingest", help="add files, folders, JSONL, CSV or Parquet to a corpus folder"
    )
    ingest.add_argument("sources", nargs="+", help="files or folders to read (never modified)")
    ingest.add_argument("--corpus", default="corpus", help="corpus folder (default: corpus)")
    ingest.set_defaults(run=_cmd_ingest)

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
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument(
            "--corpus", default="corpus", help="corpus folder or file (default: corpus)"
        )
        cmd.add_argument("--top", type=int, default=20, help="rows to print (default: 20)")
        cmd.add_argument("--engine", choices=("local", "dask"), default="local")
        cmd.add_argument(
            "--lazy", action="store_true", help="stream the corpus instead of loading it"
        )
        cmd.set_defaults(run=run)
        if name == "terms":
            cmd.add_argument("--ngram", type=int, default=1, help="1 for words, 2 for bigrams ...")
            cmd.add_argument("--keep-stopwords", action="store_true", help="count stopwords too")
            cmd.add_argument(
                "--forms", action="store_true", help="show the spellings counted together"
            )
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
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
