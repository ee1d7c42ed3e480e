import asyncio
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

import khabar
from khabar import plotting as kp
from khabar import report
from khabar.cli import main
from khabar.errors import InputError
from khabar.plotting import labels
from khabar.plotting.shaping import needs_bidi
from khabar.report import find_notebooks, run_report
from khabar.tables import corpus_tables

from .conftest import CORPUS_DIR, ROOT


def test_the_suite_is_found_in_reading_order():
    names = [p.name for p in find_notebooks(ROOT / "notebooks")]
    assert names == ["01-corpus.ipynb", "02-terms.ipynb", "03-sources.ipynb", "04-actors.ipynb"]


def test_every_notebook_has_one_parameters_cell_first():
    for path in find_notebooks(ROOT / "notebooks"):
        notebook = nbformat.read(path, as_version=4)
        code = [c for c in notebook.cells if c.cell_type == "code"]
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1 and code[0] is tagged[0], path.name
        assert "CORPUS" in tagged[0].source and "OUT" in tagged[0].source
        assert "sys.path" not in "".join(c.source for c in code), path.name


def test_failing_notebook_is_named_with_its_cell_and_error(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell('CORPUS = "x"\nOUT = "y"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_code_cell('raise ValueError("no such actor: " + "بوتين")'),
    ]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / "01-corpus.ipynb")
    result = run_report(corpus=CORPUS_DIR, out=tmp_path / "out", notebooks=folder, progress=False)
    assert not result.ok
    assert result.failures == [
        '01-corpus.ipynb: code cell 3 (raise ValueError("no such actor: " + "بوتين")) failed: '
        "ValueError: no such actor: بوتين"
    ]
    assert "Traceback" not in result.summary()


def _figure_names() -> set[str]:
    names = set()
    for path in find_notebooks(ROOT / "notebooks"):
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        names.update(re.findall(r'save_chart\(kp\.\w+, .*?, "(\d\d-[^"]+)"', source))
    return names


#: Charts that need outlets, dates or person rows, which the default corpus does not have.
_NEEDS_METADATA = ("-by-outlet", "-over-time")


def test_default_report_writes_its_figures_and_the_same_bytes_twice(tmp_path):
    names = {n for n in _figure_names() if not any(part in n for part in _NEEDS_METADATA)}
    assert len(names) >= 12
    runs = []
    for out in (tmp_path / "one", tmp_path / "two"):
        result = run_report(
            corpus=CORPUS_DIR, out=out, notebooks=ROOT / "notebooks", progress=False
        )
        assert result.ok, result.failures
        runs.append({p.name: p.read_bytes() for p in out.iterdir() if p.is_file()})
    written = set(runs[0])
    assert {f"{n}.{ext}" for n in names for ext in ("png", "svg")} <= written
    assert not any(part in name for name in written for part in _NEEDS_METADATA)
    assert runs[0] == runs[1]
    html = runs[0]["report.html"].decode("utf-8")
    assert html.count("data:image/png;base64") >= len(names)
    assert "khabar.load_corpus" not in html  # code hidden
    assert 'src="http' not in html  # self-contained
    assert "has fewer than two dates: no chart over time." in html


def test_notebook_kernels_print_no_warnings(tmp_path, capfd):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("01-corpus.ipynb", "02-terms.ipynb"):
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [
            nbformat.v4.new_code_cell('CORPUS = "x"\nOUT = "y"', metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("print('done')"),
        ]
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(notebook, folder / name)
    result = run_report(corpus=CORPUS_DIR, out=tmp_path / "out", notebooks=folder, progress=False)
    assert result.ok, result.failures
    printed = capfd.readouterr().err
    assert "WARNING" not in printed and "ERROR" not in printed, printed


def test_a_finished_notebooks_kernel_is_shut_down_without_an_interrupt(monkeypatch):
    # The interrupt jupyter_client sends before every shutdown made an idle ipykernel print
    # "ERROR | KeyboardInterrupt caught in kernel" now and then; a running cell can still be
    # interrupted.
    from jupyter_client.manager import AsyncKernelManager

    sent: list[bool] = []

    async def interrupt(self):
        sent.append(self.shutting_down)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", interrupt)
    manager = report._local_kernel()["kernel_manager_class"]()
    asyncio.run(manager._async_interrupt_kernel())
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())
    assert sent == [False]


def test_unknown_parameter_is_named(tmp_path):
    with pytest.raises(InputError, match="ACTRO"):
        run_report(
            corpus=CORPUS_DIR, out=tmp_path, notebooks=ROOT / "notebooks", parameters={"ACTRO": "x"}
        )


_OUTLETS = ("okaz", "alriyadh", "sabq")
_SENTENCES = (
    "ذكرت وكالة فرانس برس أن الرئيس الروسي فلاديمير بوتين استقبل كيم جونغ أون في موسكو.",
    "وقال بوتين إن التعاون مع بيونغ يانغ يتقدم.",
    "وأفادت وكالة يونهاب بأن الصواريخ الجديدة أطلقت قرب الحدود.",
    "وبحسب وكالة الأنباء المركزية الكورية فإن القمة بحثت الطاقة والتجارة.",
)
_OWN = {
    "okaz": "وارتفعت أسعار النفط في السوق العالمية.",
    "alriyadh": "وتحدث التقرير عن الزراعة والمياه.",
    "sabq": "وناقش الوفد السياحة والطيران.",
}


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    """Three hundred short articles from three outlets over ten weeks, as JSONL."""
    rng = random.Random(14)
    path = tmp_path_factory.mktemp("news") / "news.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(300):
            outlet = _OUTLETS[i % 3]
            own = rng.randint(1, 3) if rng.random() < 0.4 else 0  # in some of its articles
            body = rng.sample(_SENTENCES, k=rng.randint(2, 4)) + [_OWN[outlet]] * own
            day = date(2015, 6, 1) + timedelta(days=rng.randrange(70))
            record = {
                "doc_id": f"n{i:03d}",
                "outlet": outlet,
                "date": day.isoformat(),
                "title": f"القمة {i}",
                "text": " ".join(body),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def english_report(news, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    code = main(
        ["report", "--corpus", str(news), "--out", str(out), "--lang", "en", "--quiet",
         "-p", "ACTOR=كيم جونغ أون", "-p", "KWIC_TERM=النفط", "-p", "TOP_N=7"]
    )  # fmt: skip
    assert code == 0
    return out


def test_outlets_and_time_get_their_charts(english_report):
    written = {p.stem for p in english_report.glob("*.png")}
    assert {
        "01-articles-by-outlet",
        "02-terms-by-outlet",
        "03-source-types-by-outlet",
        "04-actors-by-outlet",
    } <= written
    assert {
        "01-articles-over-time",
        "02-terms-over-time",
        "03-source-types-over-time",
        "04-people-over-time",
    } <= written
    assert "02-key-terms-by-outlet" in written


def test_no_figure_is_too_tall_or_empty(english_report):
    for png in english_report.glob("*.png"):
        with Image.open(png) as image:
            width, height = image.size
            pixels = np.asarray(image.convert("L"))
        assert height <= 3600 and width <= 3600, png.name
        drawn = float((pixels < 200).mean())
        assert drawn > 0.01, f"{png.name} is nearly blank"


def test_parameters_reach_the_notebooks(english_report):
    html = (english_report / "report.html").read_text(encoding="utf-8")
    assert "KWIC_TERM = النفط" in html
    assert "ACTOR = كيم جونغ أون" in html
    assert "7 of 300 rows" in html  # TOP_N caps the article table


def _svg_texts(path: Path) -> list[str]:
    return re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"))


def test_english_charts_have_no_arabic_but_names_and_terms(english_report, news):
    vocabulary = set()
    for line in news.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        vocabulary.update(re.findall(r"\w+", record["text"] + " " + record["title"]))
    tables = corpus_tables(str(news), out=english_report)
    named = (
        (tables.actors, "actor_ar"),
        (tables.sources, "source_ar"),
        (tables.terms, "term"),  # counted terms are labelled by a folded form: والتجارة -> التجارة
        (tables.bigrams, "term"),
    )
    for frame, column in named:
        vocabulary.update(w for name in frame[column] for w in re.findall(r"\w+", name))
    cues = khabar.sources.cue_counts(tables.sources)["cue"]  # cue lemmas: أفاد for وأفادت
    vocabulary.update(w for cue in cues for w in re.findall(r"\w+", cue))
    interface = {kp.chart_text(key, lang="ar") for key in labels._TEXT}
    interface |= {kp.category(value, lang="ar") for value in labels._CATEGORIES}
    interface = {text for text in interface if needs_bidi(text)}  # "%" is both languages'
    for svg in english_report.glob("*.svg"):
        for text in _svg_texts(svg):
            assert text not in interface, (svg.name, text)
            arabic = [w for w in re.findall(r"\w+", text) if needs_bidi(w)]
            assert set(arabic) <= vocabulary, (svg.name, text)


def test_prints_split_differently_by_the_kernel_give_the_same_report(tmp_path):
    def executed(outputs: list) -> Path:
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell("print(x)", outputs=outputs)]
        path = tmp_path / f"nb{len(outputs)}.ipynb"
        nbformat.write(notebook, path)
        return path

    stream = nbformat.v4.new_output
    split = executed([stream("stream", name="stdout", text="12 of 81 rows\n"),
                      stream("stream", name="stdout", text="\n")])  # fmt: skip
    whole = executed([stream("stream", name="stdout", text="12 of 81 rows\n\n")])
    for target, source in (("split.html", split), ("whole.html", whole)):
        report._write_html([source], tmp_path / target)
    assert (tmp_path / "split.html").read_bytes() == (tmp_path / "whole.html").read_bytes()
