import nbformat

from khabar.report import find_notebooks, run_report

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


def test_report_writes_every_notebook_figure_and_one_html(tmp_path):
    import re

    names = set()
    for path in find_notebooks(ROOT / "notebooks"):
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        names.update(re.findall(r'save_figure\([^,]+, "([^"]+)"', source))
    assert len(names) >= 10
    out = tmp_path / "out"
    result = run_report(corpus=CORPUS_DIR, out=out, notebooks=ROOT / "notebooks", progress=False)
    assert result.ok, result.failures
    written = {p.name for p in out.iterdir()}
    assert {f"{n}.{ext}" for n in names for ext in ("png", "svg")} <= written
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64") >= len(names)
    assert "khabar.load_corpus" not in html  # code hidden
    assert 'src="http' not in html  # self-contained
