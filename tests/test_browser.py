"""The student's and the instructor's view, in JupyterLab, in a real browser (Debian's Chromium).

A student opens the unpacked student bundle, in JupyterLab of the student environment (made from the
bundle's requirements alone), types the reference solution into every stub of the notebook (read from
the source notebook, so a new exercise needs no change here), runs the notebook and sees every visible
test pass and the plot appear; types a wrong one and sees its message; presses Validate. In the same
JupyterLab, 04's learning-rate slider redraws its contour plot and 05's softmax temperature slider its bar
plot (the bundle's environment has ipywidgets and JupyterLab's widget manager). An instructor
opens formgrader on a graded class, and a hostile student's submission and feedback, whose scripts must
not run. JupyterLab serves the Content-Security-Policy of `./course.sh lab` (jupyter_server_config.py).
Each step leaves a screenshot in artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from autograder.release import ASSIGNMENT, ROOT
from autograder.venv_tools import venv_bin, with_venv_tools
from tests._course import nbgrader, new_course, reference_solutions, submission
from tests._student import student_environ
from tests.conftest import SMALL_LIMITS

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
TOKEN = "course-test-token"
BROWSER_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
STUDENT_NOTEBOOK = "01_why_numpy.ipynb"
WRONG = "def sigmoid(x):\n    return 1 / (1 + np.exp(x))\n"

# Skipped only outside CI, for a user without chromium; CI installs it, and fails if it cannot.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's chromium (apt-get install chromium)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_lab(root: Path, venv: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Starts JupyterLab on a folder (its cwd too, so nbgrader finds a course config there); returns it and its URL.

    With a venv (the student environment), JupyterLab, its kernel and nbgrader are that venv's, with a clean
    environment and a home of its own; otherwise the course's own.
    """
    port = free_port()
    settings = root.parent / f"lab-settings-{port}"
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false", "checkForUpdates": false}')  # no question over the screenshots
    if venv is None:
        bin_folder, env = venv_bin(), with_venv_tools()
    else:
        bin_folder, env = venv / "bin", student_environ(venv, root.parent / f"home-{port}")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    command = [
        str(bin_folder / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
        "--allow-root", "--ServerApp.open_browser=False", f"--config={ROOT / 'jupyter_server_config.py'}",
    ]
    log = (root.parent / f"lab-{port}.log").open("w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"JupyterLab did not start; see {log.name}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory, student_bundle, student_venv):
    """JupyterLab of the student environment on the unpacked bundle: nothing of the instructor's tree.

    On a copy of the session's bundle, since the student saves a notebook into it."""
    folder = tmp_path_factory.mktemp("student") / student_bundle.name
    shutil.copytree(student_bundle, folder)
    process, url = start_lab(folder, student_venv)
    yield url
    process.terminate()
    process.wait(timeout=20)


def open_notebook(browser, url: str, name: str):
    """Opens a notebook in JupyterLab and waits for its kernel; returns the page."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # reset: a fresh workspace, else the lab restores the notebooks an earlier page opened, and their cells,
    # hidden in other tabs, would be counted with this one's
    page.goto(f"{url}/lab/tree/{name}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget && "
                           "window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel", timeout=90_000)
    wait_idle(page)
    dismiss_news(page)
    return page


def dismiss_news(page) -> None:
    """Answers JupyterLab's question about news (it would cover the screenshots)."""
    answer = page.locator(".jp-toast-container").get_by_text("No", exact=True)
    with contextlib.suppress(Exception):
        answer.click(timeout=5000)


def wait_idle(page, timeout: float = 120) -> None:
    """Waits until the notebook's kernel is idle and no cell is queued."""
    page.wait_for_function(
        """() => { const panel = window.jupyterapp.shell.currentWidget;
                   const kernel = panel.sessionContext.session?.kernel;
                   const prompts = [...document.querySelectorAll('.jp-InputPrompt')];
                   const busy = prompts.some(p => p.textContent.includes('*'));
                   return kernel && kernel.status === 'idle' && !busy; }""",
        timeout=timeout * 1000,
    )


def cell_index(page, grade_id: str) -> int:
    """Returns the index of the cell with this nbgrader grade id."""
    return page.evaluate(
        """(gradeId) => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
             for (let i = 0; i < cells.length; i++) {
               const meta = cells.get(i).getMetadata('nbgrader');
               if (meta && meta.grade_id === gradeId) return i; }
             return -1; }""",
        grade_id,
    )


def graded_ids(page) -> tuple[list[str], list[str]]:
    """Returns the grade ids of the notebook's solution cells and of its test cells, in order."""
    return tuple(page.evaluate(
        """() => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
             const solutions = [], tests = [];
             for (let i = 0; i < cells.length; i++) {
               const meta = cells.get(i).getMetadata('nbgrader');
               if (!meta || !meta.grade_id || !meta.solution === !meta.grade) continue;  // neither, or manual
               (meta.solution ? solutions : tests).push(meta.grade_id); }
             return [solutions, tests]; }"""
    ))


def type_into_cell(page, grade_id: str, code: str) -> None:
    """Replaces a cell's code by typing it, as a student does (select all, then type)."""
    index = cell_index(page, grade_id)
    editor = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def run(page, command: str) -> None:
    """Runs a JupyterLab command (as its menu entry or shortcut does) and waits until the kernel has run what it sent.

    Run All sends every cell's request at once, but its promise settles at the first cell that raises (also a
    raises-exception one), the kernel is idle for a moment between two cells and a queued cell shows no '*'.
    So an empty silent request goes after them: the kernel answers it (or aborts it, after an error that
    stops the run) only once the cells before it are done.
    """
    page.evaluate(f"window.jupyterapp.commands.execute('{command}')")
    page.evaluate("""() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
                          .requestExecute({code: '', silent: true, store_history: false}).done.then(() => null)""")
    wait_idle(page)


def execution_count(page, grade_id: str) -> int | None:
    """Returns the execution count of the cell with this grade id (None if it did not run)."""
    return page.evaluate(
        "(i) => window.jupyterapp.shell.currentWidget.content.model.cells.get(i).executionCount",
        cell_index(page, grade_id),
    )


def outputs(page, grade_id: str) -> list[dict]:
    """Returns the outputs of the cell with this grade id, as nbformat dictionaries."""
    index = cell_index(page, grade_id)
    return json.loads(page.evaluate(
        "(i) => JSON.stringify(window.jupyterapp.shell.currentWidget.content.model.cells.get(i).outputs.toJSON())",
        index,
    ))


def scroll_to(page, locator) -> None:
    """Scrolls an element into view and lets the notebook paint it.

    JupyterLab paints the cells that scroll into view a frame or two later (content-visibility), and their sizes
    move the element, so it scrolls again after two frames, and waits two more.
    """
    frames = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    for _ in range(2):
        locator.scroll_into_view_if_needed()
        page.evaluate(frames)


def shot(page, name: str, grade_id: str | None = None) -> None:
    """Saves a screenshot of the page, scrolled to a cell if given."""
    if grade_id:
        scroll_to(page, page.locator(".jp-Notebook .jp-Cell").nth(cell_index(page, grade_id)))
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_student_solves_runs_fails_and_validates(browser, student_lab):
    page = open_notebook(browser, student_lab, STUDENT_NOTEBOOK)
    assert page.locator(".jp-RenderedHTMLCommon h1").first.inner_text().startswith("01 Why NumPy")
    assert page.locator(".MathJax, mjx-container").count() > 0, "the maths must render"
    shot(page, "01_student_opens_release")

    references = reference_solutions(ROOT / "source" / ASSIGNMENT / STUDENT_NOTEBOOK)
    solution_ids, test_ids = graded_ids(page)
    assert "sigmoid" in solution_ids and "sigmoid_values" in test_ids, (solution_ids, test_ids)
    assert set(solution_ids) <= set(references), f"stubs without a reference solution: {solution_ids} {references}"
    for grade_id in solution_ids:
        type_into_cell(page, grade_id, references[grade_id])
    run(page, "notebook:run-all-cells")
    for grade_id in test_ids:
        assert execution_count(page, grade_id), f"{grade_id} did not run"  # a cell before it raised
        errors = [o for o in outputs(page, grade_id) if o["output_type"] == "error"]
        assert not errors, f"{grade_id} fails on the reference solutions: {errors}"
    images = page.locator(".jp-OutputArea-output img")
    assert images.count() >= 1, "the plot must appear"
    shot(page, "02_student_correct_solution_passes", "sigmoid_values")
    scroll_to(page, images.first)
    shot(page, "03_student_sees_the_plot")

    type_into_cell(page, "sigmoid", WRONG)
    run(page, "notebook:run-all-cells")
    errors = [o for o in outputs(page, "sigmoid_values") if o["output_type"] == "error"]
    assert errors and "sign of the exponent" in errors[0]["evalue"], errors
    shot(page, "04_student_wrong_solution_message", "sigmoid_values")

    type_into_cell(page, "sigmoid", references["sigmoid"])
    run(page, "docmanager:save")
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=120_000)
    page.wait_for_function(
        "() => /passes|Success|fail|error/i.test(document.querySelector('.jp-Dialog')?.innerText || '')",
        timeout=120_000,
    )
    text = dialog.inner_text()
    shot(page, "05_student_validates")
    assert "Success" in text or "passes" in text, text
    page.close()


def plot_source(output) -> str | None:
    """Returns the src of the image the widget's output area shows (None while it shows none)."""
    images = output.locator("img")
    return images.first.get_attribute("src") if images.count() else None


def redrawn_plot(page, output, before: str, timeout: float = 30) -> str:
    """Returns the src of the widget's plot once it differs from `before` and the kernel has drawn the last value
    (the same src twice, idle)."""
    seen = before
    for _ in range(int(timeout / 0.5)):
        wait_idle(page)
        current = plot_source(output)
        if current not in (None, before) and current == seen:
            return current
        seen = current
        time.sleep(0.5)
    raise AssertionError("the plot was not redrawn, or kept changing after the slider stopped")


def slider_redraws(page, notebook: str, start: str, key: str, presses: int, name: str) -> None:
    """Solves the notebook, moves its interactive slider by keys and checks the plot below it is redrawn.

    The slider is found by its widget (an ipywidgets interact holding a slider), never by the text around it."""
    references = reference_solutions(ROOT / "source" / ASSIGNMENT / notebook)
    for grade_id in graded_ids(page)[0]:
        type_into_cell(page, grade_id, references[grade_id])  # the plot uses the student's functions
    run(page, "notebook:run-all-cells")
    interact = page.locator(".widget-interact").filter(has=page.locator(".widget-slider")).first
    interact.wait_for(timeout=30_000)
    slider, output = interact.locator(".widget-slider").first, interact.locator(".widget-output").first
    scroll_to(page, slider)
    output.locator("img").first.wait_for(timeout=30_000)
    before = plot_source(output)
    readout = interact.locator(".widget-readout").first
    assert readout.inner_text().strip() == start, readout.inner_text()
    shot(page, f"{name}_slider_at_start")

    slider.locator(".noUi-handle").first.focus()
    for _ in range(presses):  # each key is one step of the slider
        page.keyboard.press(key)
    after = redrawn_plot(page, output, before)
    assert readout.inner_text().strip() != start, "the slider did not move"
    assert after != before and after.startswith("data:image/png"), "the plot must be redrawn for the new value"
    assert output.locator("img").count() == 1, "the plot of the old value must be replaced, not kept"
    stderr = ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"
    errors = output.locator(stderr)
    assert errors.count() == 0, errors.first.inner_text()
    shot(page, f"{name}_slider_moved")


def test_the_learning_rate_slider_redraws_the_contour_plot(browser, student_lab):
    """Does moving 04's learning-rate slider (the contour plot of the raw bowl) redraw it, past the limit too?"""
    notebook = "04_normalization.ipynb"
    page = open_notebook(browser, student_lab, notebook)
    slider_redraws(page, notebook, "0.90", "ArrowRight", 4, "10_learning_rate")  # 0.90 to 1.10: it diverges
    page.close()


def test_the_softmax_temperature_slider_redraws_the_plot(browser, student_lab):
    """Does moving the temperature slider of 05 (a demo cell) redraw its bar plot?"""
    notebook = "05_softmax_broadcasting.ipynb"
    page = open_notebook(browser, student_lab, notebook)
    slider_redraws(page, notebook, "1.00", "ArrowLeft", 10, "11_softmax_temperature")  # 10^0.05 a step: T to 0.32
    page.close()


@pytest.fixture(scope="module")
def instructor_lab(small_class):
    course, _ = small_class
    process, url = start_lab(course)
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_instructor_sees_the_graded_class_in_formgrader(browser, instructor_lab):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{instructor_lab}/formgrader?token={TOKEN}")
    page.wait_for_selector("text=python_basics >> visible=true", timeout=60_000)
    shot(page, "06_instructor_formgrader_assignments")
    page.goto(f"{instructor_lab}/formgrader/gradebook/{ASSIGNMENT}?token={TOKEN}")
    page.wait_for_selector("text=01_why_numpy >> visible=true", timeout=60_000)
    shot(page, "07_instructor_formgrader_gradebook")
    page.goto(f"{instructor_lab}/formgrader/manage_students?token={TOKEN}")
    for student in ("ada_reference", "bob_untouched", "cy_hangs"):
        page.wait_for_selector(f"text={student} >> visible=true", timeout=60_000)
    shot(page, "08_instructor_formgrader_students")
    page.close()


HOSTILE = "eve_hostile"
ATTACK_HTML = (
    '<script>document.title="PWNED";fetch("/api/contents").then(r=>document.title="PWNED "+r.status)</script>'
    """<img src=x onerror="document.title='PWNED'">"""
)
HOSTILE_CODE = f"""from io import BytesIO
import matplotlib.pyplot as plt
from IPython.display import HTML, Image, Javascript, display
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [0, 1])
buffer = BytesIO()
fig.savefig(buffer, format="png")
display(Image(buffer.getvalue()))
print("eve's text output")
display(HTML({ATTACK_HTML!r}))
display(Javascript('alert("PWNED"); document.title = "PWNED"'))
"""
HOSTILE_MARKDOWN = "eve's notes <script>document.title='PWNED'</script> [link](javascript:alert(1))"


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    """A course with one graded student whose notebook 01 displays scripts; returns it and its feedback page."""
    from autograder.grade import grade_class

    course = new_course(tmp_path_factory.mktemp("hostile"), (ROOT / "nbgrader_config.py").read_text() + SMALL_LIMITS)
    name = "01_why_numpy.ipynb"
    nb = submission(course / "release" / ASSIGNMENT / name, reference_solutions(course / "source" / ASSIGNMENT / name))
    nb.cells += [nbformat.v4.new_code_cell(HOSTILE_CODE), nbformat.v4.new_markdown_cell(HOSTILE_MARKDOWN)]
    folder = course / "submitted" / HOSTILE / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / name)
    grade_class(course, ASSIGNMENT, workers=1, progress=False)
    nbgrader(course, "generate_feedback", ASSIGNMENT, "--student", HOSTILE)
    return course, course / "feedback" / HOSTILE / ASSIGNMENT / "01_why_numpy.html"


def watch(page) -> dict[str, list]:
    """Records the page's dialogs, its requests to /api/contents and its CSP complaints."""
    seen: dict[str, list] = {"dialogs": [], "api": [], "csp": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: "/api/contents" in request.url and seen["api"].append(request.url))
    page.on("console", lambda message: "Content Security Policy" in message.text and seen["csp"].append(message.text))
    return seen


def assert_inert(page, seen: dict[str, list]) -> None:
    """No student script ran; the student's plot and text are shown."""
    time.sleep(1)  # time for a fetch or an onerror to land
    assert "PWNED" not in page.title() and not seen["dialogs"] and not seen["api"], (page.title(), seen)
    assert page.locator("img[src^='data:image/png']").count() >= 1, "the student's plot must show"
    for text in ("eve's text output", "eve's notes", "<script>document.title"):
        assert page.get_by_text(text).first.is_visible(), text


def test_a_hostile_submission_runs_no_script_in_formgrader_or_feedback(browser, hostile_class):
    course, feedback = hostile_class
    from autograder._gradebook import open_gradebook

    with open_gradebook(course) as gradebook:
        submission_id = gradebook.find_submission_notebook("01_why_numpy", ASSIGNMENT, HOSTILE).id
    process, url = start_lab(course)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        seen = watch(page)
        page.goto(f"{url}/formgrader/submissions/{submission_id}/?token={TOKEN}")
        page.wait_for_selector("input.score", timeout=60_000)  # formgrader's own scripts still work
        page.wait_for_function("typeof submission_id === 'string' && typeof Backbone === 'object'")
        assert_inert(page, seen)
        assert not seen["csp"], "the Content-Security-Policy must not block formgrader itself"
        page.get_by_text("eve's text output").first.scroll_into_view_if_needed()
        shot(page, "09_instructor_hostile_submission_inert")
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen = watch(page)
    page.goto(feedback.as_uri())
    assert_inert(page, seen)
    page.close()
