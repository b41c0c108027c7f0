"""What students receive: the bundle's files, what it must not hold, and that it runs on its own.

The student environment is a fresh virtual environment made from the bundle's requirements-lock.txt
alone (pip --no-deps, then pip check, then the bundle's postBuild; cached under /tmp by their hash);
the notebooks run there from the unpacked zip, and the bundle goes through nbgrader's own exchange
to `autograder grade`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder._exceptions import BuildError
from autograder.bundle import (
    INSTRUCTOR_LAB_PLUGINS,
    LOCK_FILE,
    POSTBUILD,
    POSTBUILD_TEXT,
    STUDENT_PACKAGES,
    canonical,
    forbidden_lines,
    leaks,
    lock_text,
    student_lock,
    student_pins,
    write_bundle,
)
from autograder.release import ASSIGNMENT, ROOT, WIDGET_VIEW, source_notebooks
from autograder.venv_tools import tool, with_venv_tools
from tests._course import is_grade, nbgrader, new_course, read_scores, reference_solutions, submission
from tests._student import run_student, student_env, unpacked_bundle

COURSE_ID = "python_basics_with_numpy"
STEMS = [p.stem for p in source_notebooks()]
EXPECTED_FILES = {f"{s}.ipynb" for s in STEMS} | {
    "course_tools.py", "CONTENTS.md", "README.md", "requirements.txt", "environment.yml", LOCK_FILE, POSTBUILD,
}
INSTRUCTOR_ONLY = {"autograder", "copydetect", "dask", "distributed", "pytest", "ruff", "jupytext", "playwright",
                   "psycopg2-binary", "nbval", "coverage"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return unpacked_bundle(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def venv(bundle: Path) -> Path:
    return student_env(bundle / "requirements.txt")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("student-home")


def execute_all(venv: Path, home: Path, folder: Path, output: Path) -> dict[str, nbformat.NotebookNode]:
    """Runs every notebook of the folder in the student environment (nbconvert); returns them executed."""
    done = run_student(
        venv, home, ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                     "--ExecutePreprocessor.timeout=300", f"--output-dir={output}",
                     *[f"{s}.ipynb" for s in STEMS]], cwd=folder,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {s: nbformat.read(output / f"{s}.ipynb", as_version=4) for s in STEMS}


def errors_of(cell) -> list:
    """Returns the error outputs of a code cell."""
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]


def images_of(nb: nbformat.NotebookNode) -> int:
    """Returns how many PNG figures the notebook's outputs show."""
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def is_shown_error(cell) -> bool:
    """Returns True if the cell shows an error on purpose (tagged raises-exception)."""
    return "raises-exception" in cell.metadata.get("tags", [])


def test_the_bundle_holds_the_release_and_the_student_environment(bundle: Path):
    files = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert files == EXPECTED_FILES
    release = ROOT / "release" / ASSIGNMENT
    assert all((bundle / name).read_bytes() == (release / name).read_bytes() for name in files), (
        "the bundle differs from release/: run `autograder release`"
    )
    assert (bundle / LOCK_FILE).read_text() == lock_text(student_lock(ROOT))
    assert (bundle / POSTBUILD).read_text() == POSTBUILD_TEXT


def test_a_release_with_an_old_student_environment_is_not_bundled(tmp_path: Path):
    """The exchange hands out release/: `autograder bundle` refuses a release whose lock is not the current one."""
    root = tmp_path / "course"
    for part in ("source", "release"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "requirements.lock", root)
    (root / "release" / ASSIGNMENT / LOCK_FILE).write_text("numpy==1.0\n")
    with pytest.raises(BuildError, match=LOCK_FILE):
        write_bundle(root, tmp_path / "dist")


def lock_pins(text: str) -> dict[str, str]:
    """Returns {canonical name: version} of a pip requirements or freeze text."""
    pins = {}
    for line in text.splitlines():
        name, _, version = line.partition("==")
        if version and not line.startswith("#"):
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def test_the_student_lock_pins_every_package_the_student_needs_at_the_lock_versions(venv: Path, bundle: Path,
                                                                                      home: Path):
    """Every line is requirements.lock's; the five student packages are there at requirements.txt's pins; an
    environment installed from the lock alone, --no-deps, passes pip check (tests/_student.py) and holds exactly
    the lock's packages; nothing only the instructor needs is in it."""
    lock = lock_pins((bundle / LOCK_FILE).read_text())
    course = lock_pins((ROOT / "requirements.lock").read_text())
    assert lock and all(course.get(name) == version for name, version in lock.items()), "a version not the lock's"
    assert {name: lock[canonical(name)] for name in STUDENT_PACKAGES} == student_pins(ROOT)
    assert not INSTRUCTOR_ONLY & set(lock), INSTRUCTOR_ONLY & set(lock)
    frozen = run_student(venv, home, ["python", "-m", "pip", "freeze", "--all"], cwd=bundle)
    installed = {k: v for k, v in lock_pins(frozen.stdout).items() if k not in ("pip", "setuptools", "wheel")}
    assert installed == lock, f"the environment and the lock differ: {set(installed.items()) ^ set(lock.items())}"


def test_the_students_jupyterlab_hides_the_instructor_panels(venv: Path, bundle: Path, home: Path, tmp_path: Path):
    """After postBuild (Binder runs it, the README says to), JupyterLab of the student environment loads no
    formgrader, course list or create-assignment panel (disabled and locked), serves no formgrader, and keeps
    the Assignments tab, Validate and the widget manager that draws the sliders (jupyterlab_widgets)."""
    import socket
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "student-view"
    command = [str(venv / "bin" / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--ServerApp.token={token}", f"--ServerApp.root_dir={bundle}", "--allow-root"]
    from tests._student import student_environ

    env = student_environ(venv, home, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"))
    with (tmp_path / "lab.log").open("w") as log:
        lab = subprocess.Popen(command, cwd=bundle, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                page = urllib.request.urlopen(f"{url}/lab?token={token}", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start:\n{(tmp_path / 'lab.log').read_text()[-2000:]}")
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>\s*(.*?)\s*</script>', page, re.DOTALL).group(1))
        assert set(INSTRUCTOR_LAB_PLUGINS) <= set(config["disabledExtensions"]), config["disabledExtensions"]
        assert set(INSTRUCTOR_LAB_PLUGINS) <= set(config.get("lockedExtensions", [])), "a student could re-enable it"
        kept = {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment"}
        assert not kept & set(config["disabledExtensions"])
        loaded = {extension["name"] for extension in config["federated_extensions"]}
        assert "@jupyter-widgets/jupyterlab-manager" in loaded, f"no widget manager renders the sliders: {loaded}"
        for hidden in ("formgrader", "formgraders"):  # formgrader's and the course list's server extensions
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{url}/{hidden}?token={token}", timeout=10)
            assert refused.value.code == 404, f"/{hidden} is served to the student"
        listed = urllib.request.urlopen(f"{url}/courses?token={token}", timeout=30)
        assert listed.status == 200, "the Assignments tab's server extension is gone"
    finally:
        lab.terminate()
        lab.wait(timeout=30)


def test_the_zip_unpacks_to_the_folder_it_was_made_from(tmp_path: Path):
    archive = unpacked_bundle(tmp_path).with_suffix(".zip")
    again = unpacked_bundle(tmp_path / "again").with_suffix(".zip")
    assert archive.read_bytes() == again.read_bytes(), "the same release must give the same zip"


def test_the_student_environment_pins_only_student_packages_at_the_lock_versions(bundle: Path):
    requirements = dict(
        line.split("==") for line in (bundle / "requirements.txt").read_text().splitlines() if "==" in line
    )
    assert list(requirements) == list(STUDENT_PACKAGES)
    assert requirements == student_pins(ROOT)
    lock = (ROOT / "requirements.lock").read_text()
    for name, version in requirements.items():
        assert re.search(rf"^{name}=={re.escape(version)}$", lock, re.MULTILINE | re.IGNORECASE), name
    conda = dict(re.findall(r"^\s+- ([\w-]+)==(\S+)$", (bundle / "environment.yml").read_text(), re.MULTILINE))
    assert conda == requirements, "environment.yml and requirements.txt must pin the same"


def test_no_file_of_the_bundle_holds_a_solution_a_hidden_test_or_a_reference(bundle: Path):
    forbidden = forbidden_lines(ROOT)
    assert len(forbidden) >= 40, f"the leak test knows too few secret lines: {sorted(forbidden)}"
    assert leaks(bundle, ROOT) == []


@pytest.mark.parametrize("leak", ["solution", "hidden", "reference", "seed"])
def test_a_leak_is_caught(bundle: Path, tmp_path: Path, leak: str):
    """Control: a solution line, a hidden check, a reference body or the seed rule in any file is found."""
    secret = {
        "solution": next(line for line in sorted(forbidden_lines(ROOT)) if "reshape" in line),
        "hidden": 'check("softmax_values", softmax)',
        "reference": "def reference_softmax(x):",
        "seed": "digest = hmac.new(secret, student.encode(), hashlib.sha256).digest()",
    }[leak]
    shutil.copytree(bundle, tmp_path / "b")
    with (tmp_path / "b" / "course_tools.py").open("a") as handle:
        handle.write(f"\n    {secret}\n")
    assert leaks(tmp_path / "b", ROOT), f"the {leak} line went unnoticed"


def test_the_student_environment_has_no_grader(venv: Path, bundle: Path, home: Path):
    for module in ("autograder", "autograder.checks"):
        done = run_student(venv, home, ["python", "-c", f"import {module}"], cwd=bundle)
        assert done.returncode != 0 and "ModuleNotFoundError" in done.stderr, done.stdout + done.stderr
    widgets = run_student(venv, home, ["python", "-c", "import ipywidgets; print(ipywidgets.__version__)"], bundle)
    assert widgets.stdout.strip() == student_pins(ROOT)["ipywidgets"], widgets.stderr  # 04's and 05's sliders
    listed = run_student(venv, home, ["python", "-m", "pip", "list", "--format=json"], cwd=bundle)
    names = {canonical(p["name"]) for p in json.loads(listed.stdout)}
    assert "autograder" not in names
    assert {canonical(name) for name in STUDENT_PACKAGES} <= names
    imported = run_student(venv, home, ["python", "-c", "import course_tools; print(course_tools.__name__)"], bundle)
    assert imported.stdout.strip() == "course_tools", imported.stderr


def course_names() -> set[str]:
    """Returns the names only this course uses: its exercises and the checks' reference functions."""
    exercises = {name for source in source_notebooks() for name in reference_solutions(source)}
    references = set(re.findall(r"def (reference_\w+)", "".join(
        p.read_text() for p in (ROOT / "autograder" / "checks").rglob("*.py"))))
    return exercises | references


def secret_lines_in(path: Path, forbidden: set[str], names: re.Pattern) -> list[str]:
    """Returns the secret lines an installed module holds: one naming the course, or three at least.

    A lone generic line (`result = []`, `return a * b`) is any library's; an answer names its exercise
    or comes with the lines around it.
    """
    held = forbidden & {line.strip() for line in path.read_text(errors="replace").splitlines()}
    return sorted(held) if len(held) >= 3 else [line for line in held if names.search(line)]


def test_no_module_the_student_can_import_holds_a_secret_line(venv: Path):
    forbidden = forbidden_lines(ROOT)
    names = re.compile(r"\b(" + "|".join(sorted(course_names())) + r")\b")
    found = {path: secret_lines_in(path, forbidden, names) for path in (venv / "lib").rglob("*.py")}
    pth = [p.read_text() for p in (venv / "lib").rglob("*.pth")]
    assert not {path: lines for path, lines in found.items() if lines}
    assert not any(str(ROOT) in text for text in pth), "the student environment reaches into the course"


def failures_beyond_the_stubs(stem: str, nb: nbformat.NotebookNode) -> list[str]:
    """Returns a sentence for each way an executed, untouched notebook fails other than at its stubs.

    Every error must be a stub's NotImplementedError. A NameError is refused too, even one carried forward
    from a stopped cell: a cell that needs what an unsolved exercise would have made says which exercise to
    solve first (tests/test_release.py refuses it the same way). A raises-exception cell must fail, a test cell too.
    """
    found = []
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        errors = errors_of(cell)
        if is_shown_error(cell):
            if not errors:
                found.append(f"{stem} code cell {index} is tagged raises-exception but ran without error")
            continue
        found += [f"{stem} cell {index}: {error.ename}: {error.evalue}" for error in errors
                  if error.ename != "NotImplementedError"]
        if is_grade(cell) and not errors:
            found.append(f"{stem}: a test cell passes on the untouched notebook")
    return found


def test_the_untouched_bundle_fails_only_at_the_stubs(venv: Path, bundle: Path, home: Path, tmp_path: Path):
    """Run in the student environment as it comes, every notebook fails only with its stubs' NotImplementedError."""
    failures = [line for stem, nb in execute_all(venv, home, bundle, tmp_path).items()
                for line in failures_beyond_the_stubs(stem, nb)]
    assert not failures, "\n".join(failures)


def test_a_carried_forward_name_error_is_refused():
    """Control: a NameError after a stopped stub is refused, as is a passing test cell; a stub's error is not."""
    def ran(source: str, ename: str | None = None, **metadata) -> nbformat.NotebookNode:
        cell = nbformat.v4.new_code_cell(source, metadata=metadata)
        if ename:
            cell.outputs = [nbformat.v4.new_output("error", ename=ename, evalue="", traceback=[])]
        return cell

    stopped = ran("x = f()", "NotImplementedError")
    grade = {"nbgrader": {"grade": True, "grade_id": "f_values", "points": 1, "solution": False}}
    fine = nbformat.v4.new_notebook(cells=[stopped, ran("assert f()", "NotImplementedError", **grade)])
    carried = nbformat.v4.new_notebook(cells=[stopped, ran("print(x)", "NameError")])
    passing = nbformat.v4.new_notebook(cells=[stopped, ran("assert True", **grade)])
    assert failures_beyond_the_stubs("fine", fine) == []
    assert failures_beyond_the_stubs("carried", carried) == ["carried cell 1: NameError: "]
    assert failures_beyond_the_stubs("passing", passing) == ["passing: a test cell passes on the untouched notebook"]


def test_the_reference_solutions_pass_every_visible_test_and_draw_every_plot(
    venv: Path, bundle: Path, home: Path, tmp_path: Path
):
    work = tmp_path / "work"
    shutil.copytree(bundle, work)
    sliders = []
    for source in source_notebooks():
        nbformat.write(submission(work / f"{source.stem}.ipynb", reference_solutions(source)), work / source.name)
    for stem, nb in execute_all(venv, home, work, tmp_path / "out").items():
        failed = [errors_of(c)[0].evalue for c in nb.cells if errors_of(c) and not is_shown_error(c)]
        assert not failed, f"{stem}: with the reference solutions: {failed}"
        stored = nbformat.read(ROOT / "source" / ASSIGNMENT / f"{stem}.ipynb", as_version=4)
        drawn, shown = images_of(nb), images_of(stored)
        assert drawn == shown > 0, f"{stem}: {drawn} plots drawn, the source notebook shows {shown}"
        sliders += [(stem, c) for c in nb.cells if c.cell_type == "code" and "ipywidgets.interact(" in c.source]
    assert len(sliders) >= 2, "04's and 05's slider cells are gone"
    for stem, cell in sliders:  # the live slider, not the static fallback drawn where ipywidgets is missing
        data = [o.get("data", {}) for o in cell.outputs]
        assert any(WIDGET_VIEW in d and d.get("text/plain", "").startswith("interactive(") for d in data), (
            f"{stem} shows no live slider in the student environment: {cell.outputs}"
        )


def binder_dockerfile(folder: Path, cwd: Path) -> str:
    """Returns the Dockerfile (and log) repo2docker, what Binder builds with, writes for the folder (no docker)."""
    done = subprocess.run([tool("repo2docker"), "--no-build", "--debug", str(folder)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stderr + done.stdout


def test_binder_builds_the_bundle_from_environment_yml_and_runs_postbuild(bundle: Path, tmp_path: Path):
    dockerfile = binder_dockerfile(bundle, tmp_path)
    assert "Building conda environment for python=3.11" in dockerfile, dockerfile[:2000]  # environment.yml's python
    assert '--file "environment.yml"' in dockerfile
    assert "RUN ./postBuild" in dockerfile, "Binder would leave nbgrader's instructor panels in the student's lab"
    # Binder's base environment (repo2docker's conda lock) keeps its own front end unless environment.yml pins it
    from importlib.util import find_spec  # the package's files; importing it warns of its logger's old API

    conda = Path(find_spec("repo2docker").origin).parent / "buildpacks" / "conda"
    base = (conda / "environment.py-3.11-linux-64.lock").read_text()
    front = dict(re.findall(r"/(jupyterlab|notebook)-(\d[\w.]*)-", base))
    pinned = dict(re.findall(r"^\s+- ([\w-]+)==(\S+)$", (bundle / "environment.yml").read_text(), re.MULTILINE))
    assert set(front) == {"jupyterlab", "notebook"} and set(front) <= set(pinned), (front, pinned)
    (tmp_path / "bare").mkdir()  # control: without the two files, Binder falls back to requirements.txt, no postBuild
    shutil.copy(bundle / "requirements.txt", tmp_path / "bare")
    bare = binder_dockerfile(tmp_path / "bare", tmp_path)
    assert '--file "environment.yml"' not in bare and "RUN ./postBuild" not in bare


# Colab holds an uploaded notebook apart from its kernel's working folder, /content, where "Upload to session
# storage" puts course_tools.py: run each notebook by nbclient with the kernel in such a folder.
COLAB_RUN = """
import sys, nbformat
from nbclient import NotebookClient
content, output, *notebooks = sys.argv[1:]
for path in notebooks:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, allow_errors=True, resources={"metadata": {"path": content}}).execute()
    nbformat.write(nb, f"{output}/{path.rsplit('/', 1)[-1]}")
"""


def run_as_colab(venv: Path, home: Path, notebooks: dict[str, nbformat.NotebookNode], content: Path,
                 output: Path) -> dict[str, nbformat.NotebookNode]:
    """Runs the notebooks, uploaded alone, with the kernel in the content folder; returns them executed."""
    uploaded = output.with_name(output.name + "-uploaded")
    for folder in (uploaded, output):
        folder.mkdir(parents=True)
    for stem, nb in notebooks.items():
        nbformat.write(nb, uploaded / f"{stem}.ipynb")
    done = run_student(venv, home, ["python", "-c", COLAB_RUN, str(content), str(output),
                                    *[str(uploaded / f"{s}.ipynb") for s in notebooks]], cwd=content)
    assert done.returncode == 0, done.stderr[-3000:]
    return {stem: nbformat.read(output / f"{stem}.ipynb", as_version=4) for stem in notebooks}


def test_in_colab_a_notebook_alone_says_to_upload_course_tools_and_runs_once_it_is(venv: Path, bundle: Path,
                                                                                     home: Path, tmp_path: Path):
    """Every notebook uploaded alone stops at its first code cell with one sentence saying to upload
    course_tools.py (in the Files panel); with course_tools.py uploaded, the reference solutions pass."""
    content = tmp_path / "content"
    content.mkdir()
    firsts = {}
    for stem in STEMS:
        nb = nbformat.read(bundle / f"{stem}.ipynb", as_version=4)
        first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
        nb.cells = nb.cells[: first + 1]  # the later cells only fail for want of the first one
        firsts[stem] = nb
    for stem, nb in run_as_colab(venv, home, firsts, content, tmp_path / "alone").items():
        errors = errors_of(nb.cells[-1])
        assert [e.ename for e in errors] == ["ModuleNotFoundError"], f"{stem} alone: {nb.cells[-1].outputs}"
        message = errors[0].evalue
        assert "course_tools.py" in message and "Upload" in message, f"{stem}: {message}"
        assert re.fullmatch(r"[^.]+\.", message.replace("course_tools.py", "course_tools")), f"{stem}: {message}"
        assert "During handling" not in "".join(errors[0].traceback), f"{stem} shows the import's own traceback"
    shutil.copy(bundle / "course_tools.py", content)  # Files > Upload to session storage
    solved = {stem: submission(bundle / f"{stem}.ipynb", reference_solutions(ROOT / "source" / ASSIGNMENT /
                                                                             f"{stem}.ipynb"))
              for stem in STEMS if stem.startswith(("01", "06", "07"))}  # each imports course_tools its own way
    for stem, nb in run_as_colab(venv, home, solved, content, tmp_path / "with-tools").items():
        failed = [errors_of(c)[0].evalue for c in nb.cells if errors_of(c) and not is_shown_error(c)]
        assert not failed, f"{stem} in Colab with course_tools.py uploaded: {failed}"


def test_the_exchange_cycle_hands_out_the_bundle_and_grades_it(venv: Path, bundle: Path, tmp_path: Path):
    """release_assignment → fetch_assignment → submit (student environment) → collect → autograder grade."""
    (tmp_path / "course").mkdir()
    course = new_course(tmp_path / "course")
    exchange = f"--Exchange.root={tmp_path / 'exchange'}"
    nbgrader(course, "release_assignment", ASSIGNMENT, exchange)
    for student in ("reference_student", "blank_student"):
        desk = tmp_path / "students" / student
        desk.mkdir(parents=True)
        student_nbgrader(venv, desk, "fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", exchange)
        fetched = desk / ASSIGNMENT
        assert {p.name for p in fetched.iterdir() if p.is_file()} == EXPECTED_FILES  # the bundle's tree
        if student == "reference_student":
            for source in source_notebooks():
                target = fetched / source.name
                nbformat.write(submission(target, reference_solutions(source)), target)
        student_nbgrader(venv, desk, "submit", ASSIGNMENT, f"--course={COURSE_ID}", exchange, f"--student={student}")
    nbgrader(course, "collect", ASSIGNMENT, exchange)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["blank_student", "reference_student"]
    graded = subprocess.run([sys.executable, "-m", "autograder", "grade", "--course", str(course), "--no-progress"],
                            env=with_venv_tools(), capture_output=True, text=True, timeout=900)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    scores = read_scores(course)
    reference = {k: v for k, v in scores.items() if k[0] == "reference_student"}
    blank = {k: v for k, v in scores.items() if k[0] == "blank_student"}
    assert reference and all(score == maximum > 0 for score, maximum in reference.values()), reference
    assert len(blank) == len(reference) and all(score == 0 for score, _ in blank.values()), blank


def student_nbgrader(venv: Path, desk: Path, *args: str) -> None:
    """Runs the student environment's nbgrader at the student's desk; fails with its output."""
    done = run_student(venv, desk / ".home", ["nbgrader", *args], cwd=desk)
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
