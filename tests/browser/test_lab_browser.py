"""What a learner and a trainer see in JupyterLab, in a real (headless) chromium.

- Module 03 as a learner (``crosstrain lab --workspace``, the blank release): Run All runs
  every cell without a traceback, renders every lesson chart and the funnel simulator, and
  each check cell says its exercise is not answered yet (answer cells start as ``x = ____``);
  a self-check shows its card for a not-yet, a partly right and a right answer
  (screenshots in ``artifacts/browser/``); the simulator's summary follows a slider.
- Every other module with a widget, in the reference solution (``course/source``, opened
  in the trainer's Lab): Run All finishes without a traceback and the widget renders
  (``tests/notebook/test_blank_release.py`` runs every blank release to the end).
- The formgrader, as a trainer (``crosstrain lab --trainer``), lists the assignments.

Screenshots of each step are written to ``browser-artifacts/`` in pytest's temporary folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from crosstrain.learner.workspace import module_notebook

pytestmark = [pytest.mark.browser, pytest.mark.server]

LEARNER_MODULE = "03-funnel-handoff"
# Module -> the call in its widget cell (checked against the module's notebook below).
WIDGET_CALLS = {
    "02-measuring": "compare_channels(world)",
    "03-funnel-handoff": "funnel_simulator(world)",
    "04-lead-scoring": "score_explorer(world)",
    "05-objections": "objection_roleplay(world)",
    "06-pipeline": "forecast_explorer(world)",
    "07-attribution": "attribution_explorer(world)",
    "08-alignment": "reverse_funnel_planner(world)",
    "09-retention": "retention_explorer(world)",
}
#: Screenshots a reviewer looks at (the checkout's artifacts/, ignored by git).
REVIEW = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
RUN_ALL = 240_000  # ms: Run All of a whole module on a busy 2-core machine
TRACEBACK = "Traceback (most recent call last)"

# One entry per cell of the open notebook, in order: its kind, its prompt ("[3]:", "[*]:",
# "[ ]:") and the text of any traceback in its outputs. textContent, not innerText: Lab
# skips the layout of cells out of view, and innerText would be empty for them.
CELLS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell'))
  .map(cell => ({
    code: cell.classList.contains('jp-CodeCell'),
    prompt: (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim(),
    errors: Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(out => out.textContent).filter(text => text.includes('Traceback')),
    output: Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map(out => out.textContent).join('\\n'),
  }))"""

# Run All has finished: the first code cell has run and no cell is queued or running any more.
RUN_ALL_DONE_JS = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'))
    .map(p => p.textContent.trim());
  return prompts.length > 0 && /\\[\\d+\\]/.test(prompts[0]) && !prompts.some(p => p.includes('*'));
}"""


# -- helpers --------------------------------------------------------------------
def widget_cell(notebook: nbformat.NotebookNode, module: str) -> int:
    call = WIDGET_CALLS[module]
    found = [i for i, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and any(line.strip() == call for line in cell.source.splitlines())]
    assert len(found) == 1, f"{module}: expected one cell calling {call}, found {found}: update WIDGET_CALLS"
    return found[0]


def first_answer_cell(notebook: nbformat.NotebookNode) -> int:
    return next(i for i, cell in enumerate(notebook.cells) if cell.metadata.get("nbgrader", {}).get("solution"))


def open_notebook(page, lab, path: str, n_cells: int) -> None:
    """Open a notebook in Lab and wait until every cell is there and its kernel is idle.

    Each notebook gets a Lab workspace of its own: in the default one, Lab would reopen
    every notebook an earlier test had open.
    """
    page.goto(lab.url(f"lab/workspaces/{Path(path).stem}/tree/{path}"))
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
    # Lab's "news?" toast would cover part of each screenshot.
    page.add_style_tag(content=".Toastify { display: none !important; }")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']")
    # Lab adds the cells a few at a time.
    page.wait_for_function(f"() => ({CELLS_JS})().length >= {n_cells}")
    cells = page.evaluate(CELLS_JS)
    assert len(cells) == n_cells, f"{path}: Lab shows {len(cells)} cells, the notebook has {n_cells}"


def run_all(page) -> list[dict]:
    """Run > Run All Cells, as a learner would, and wait until nothing is queued any more."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-item:visible", has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))).click()
    page.wait_for_function(RUN_ALL_DONE_JS, timeout=RUN_ALL)
    return page.evaluate(CELLS_JS)


def cell(page, index: int):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)


# Scroll an element to the middle of its scroller and report whether it is then fully in
# view. Cells out of view have only an estimated height until painted, so the first scroll
# can land short: show() repeats it, a frame later, until the element stays in view.
SCROLL_JS = """async el => {
  el.scrollIntoView({block: 'center'});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const box = el.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
}"""


def show(locator) -> None:
    """Bring a cell or widget into view and let chromium paint it, before a screenshot."""
    for _ in range(10):  # an element taller than the window never fits: it ends up centred
        if locator.evaluate(SCROLL_JS):
            break


def type_into(page, index: int, code: str) -> None:
    """Replace a code cell's text as a learner would, typing into its editor."""
    editor = cell(page, index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)  # as one input: no auto-indent or closing brackets added


def run_cell(page, index: int) -> None:
    cell(page, index).locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")


def wait_for_output(page, index: int, pattern: str) -> str:
    output = cell(page, index).locator(".jp-OutputArea-output", has_text=re.compile(pattern))
    output.first.wait_for()
    return output.first.text_content()


def tracebacks(cells: list[dict], indexes) -> dict[int, str]:
    return {i: cells[i]["errors"][0][-600:] for i in indexes if cells[i]["errors"]}


def solution_code(source_cell: str) -> str:
    """The reference solution of an answer cell, without nbgrader's markers."""
    return "\n".join(line for line in source_cell.splitlines() if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)


# -- the learner: module 03 ---------------------------------------------------------
@pytest.mark.kernel
def test_learner_runs_module_03_checks_an_answer_and_moves_the_funnel_simulator(page, learner_lab, browser_course, artifacts):
    path = module_notebook(learner_lab.root, LEARNER_MODULE)
    release = nbformat.read(path, as_version=4)
    source = nbformat.read(module_notebook(browser_course / "source", LEARNER_MODULE), as_version=4)
    answer = first_answer_cell(release)
    check = answer + 1
    widget = widget_cell(release, LEARNER_MODULE)
    assert "ex.q1.check(" in release.cells[check].source, "the cell after q1's answer cell should be its self-check"
    REVIEW.mkdir(parents=True, exist_ok=True)
    try:
        open_notebook(page, learner_lab, path.relative_to(learner_lab.root).as_posix(), len(release.cells))
        cells = run_all(page)

        # Run All on the blank release runs every cell: no traceback, nothing left unrun.
        assert not tracebacks(cells, range(len(cells))), f"a cell failed: {tracebacks(cells, range(len(cells)))}"
        not_run = [i for i, c in enumerate(cells) if c["code"] and not re.search(r"\[\d+\]", c["prompt"])]
        assert not not_run, f"Run All did not run cells {not_run}"
        charts = [i for i, c in enumerate(release.cells) if c.cell_type == "code" and ".plot" in c.source]
        for index in charts:  # every lesson chart is drawn
            cell(page, index).locator(".jp-OutputArea-output img").first.wait_for()
        assert "Not answered yet" in cells[check]["output"], cells[check]["output"][-300:]
        waiting = cell(page, check).locator(".crosstrain-not-answered-yet")
        show(waiting)
        waiting.screenshot(path=str(REVIEW / "03-feedback-not-answered.png"))
        cell(page, widget).locator(".crosstrain-funnel-simulator").wait_for()
        page.screenshot(path=str(artifacts / "03-run-all-blank.png"))

        # A self-check as a card: not yet, partly right (which parts are off), right.
        solution = solution_code(source.cells[answer].source)
        for label, code, state, words in [
            ("not-yet", "cohort_rates = {'lead_to_mql': 0.5}", "not-yet", "Not yet"),
            ("partial", solution + "\ncohort_rates['lead_to_mql'] = 0.9\ncohort_rates['mql_to_sal'] = 0.01", "not-yet",
             "3 of 5 steps right: lead_to_mql and mql_to_sal are off"),
            ("correct", solution, "correct", "Correct"),
        ]:
            type_into(page, answer, code)
            run_cell(page, answer)
            assert not page.evaluate(CELLS_JS)[answer]["errors"], label
            run_cell(page, check)
            card = cell(page, check).locator(f".crosstrain-feedback.crosstrain-{state}", has_text=words)
            card.wait_for()
            show(card)
            card.screenshot(path=str(REVIEW / f"03-feedback-{label}.png"))
        assert "Not yet" not in cell(page, check).text_content()

        # The funnel simulator renders and follows a slider.
        run_cell(page, widget)
        simulator = cell(page, widget).locator(".crosstrain-funnel-simulator")
        simulator.wait_for()
        summary = simulator.locator(".widget-html", has_text=re.compile(r"Won deals:"))
        summary.wait_for()
        chart = simulator.locator(".widget-output img").first
        chart.wait_for()
        before_text, before_chart = summary.text_content(), chart.get_attribute("src")
        simulator.screenshot(path=str(artifacts / "03-funnel-simulator.png"))
        handle = simulator.locator(".widget-slider", has_text="Lead → MQL").locator(".noUi-handle")
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("([el, old]) => el.textContent !== old", arg=[summary.element_handle(), before_text])
        after_text = summary.text_content()
        assert after_text != before_text and "Won deals" in after_text
        # The chart is redrawn after the summary: wait for the new one before the screenshot.
        page.wait_for_function("([box, old]) => { const img = box.querySelector('.widget-output img'); return img && img.src !== old; }",
                               arg=[simulator.element_handle(), before_chart])
        simulator.screenshot(path=str(artifacts / "03-funnel-simulator-moved.png"))
        assert not tracebacks(page.evaluate(CELLS_JS), [widget]), "the funnel simulator's cell failed"
    finally:
        learner_lab.shut_down_kernels()


# -- the other modules' widgets, in the reference solution -----------------------------
@pytest.mark.kernel
@pytest.mark.parametrize("module", [m for m in WIDGET_CALLS if m != LEARNER_MODULE])
def test_widget_renders_in_the_reference_solution(page, trainer_lab, browser_course, artifacts, module):
    path = module_notebook(browser_course / "source", module)
    notebook = nbformat.read(path, as_version=4)
    widget = widget_cell(notebook, module)
    try:
        open_notebook(page, trainer_lab, path.relative_to(browser_course).as_posix(), len(notebook.cells))
        cells = run_all(page)
        failed = tracebacks(cells, range(len(cells)))
        assert not failed, f"{module}: the reference solution shows a traceback in cells {failed}"
        not_run = [i for i, c in enumerate(cells) if c["code"] and not re.search(r"\[\d+\]", c["prompt"])]
        assert not not_run, f"{module}: Run All did not run cells {not_run}"
        view = cell(page, widget).locator(".jp-OutputArea-output .jupyter-widgets").first
        view.wait_for()
        show(view)
        assert view.bounding_box()["height"] > 30, f"{module}: the widget rendered empty"
        output = cell(page, widget).locator(".jp-OutputArea-output").first.text_content()
        assert "Error displaying widget" not in output, f"{module}: {output[:300]}"
        page.screenshot(path=str(artifacts / f"{module}-widget.png"))
    finally:
        trainer_lab.shut_down_kernels()


# -- the trainer: formgrader -------------------------------------------------------------
def test_formgrader_lists_the_assignments(page, trainer_lab, browser_course, artifacts):
    page.goto(trainer_lab.url("formgrader"))
    table = page.locator("table")
    for module in WIDGET_CALLS:
        table.get_by_text(module, exact=True).first.wait_for()
    page.screenshot(path=str(artifacts / "formgrader.png"))
