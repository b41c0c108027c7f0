"""The sandbox side's warm session (autograder/inside/session.py): one notebook a line, run in a fresh namespace,
one answer.

Run here as a plain process (the sandbox around it is tested in test_sandbox.py): what it answers
is what the display run of grading keeps for the feedback.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import nbformat

from autograder.inside.session import OutputRecorder


def job(*sources: str, tags: dict[int, list[str]] | None = None, files: dict[str, bytes] | None = None,
        cell_timeout: float = 5, output_limit: int = 100_000) -> str:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# a title")])
    for index, source in enumerate(sources):
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = (tags or {}).get(index, [])
        nb.cells.append(cell)
    encoded = {name: base64.b64encode(data).decode() for name, data in (files or {}).items()}
    return json.dumps({"notebook": nb, "files": encoded, "cell_timeout": cell_timeout,
                       "output_limit": output_limit})


def serve(tmp_path, *jobs: str) -> list[dict]:
    """Runs a session on the jobs; returns its answers, the ready line first."""
    env = dict(os.environ, HOME=str(tmp_path / "home"), MPLCONFIGDIR=str(tmp_path / "mpl"))
    done = subprocess.run([sys.executable, "-m", "autograder.inside.session"], input="\n".join(jobs) + "\n",
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def outputs(answer: dict) -> list[list[dict]]:
    return [cell["outputs"] for cell in answer["executed"]["cells"] if cell["cell_type"] == "code"]


def test_a_notebook_runs_cell_by_cell_and_each_cell_says_how_it_ended(tmp_path):
    ready, answer = serve(tmp_path, job(
        "print('hi')\nx = 2",
        "x + 1",
        "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()",
        "print('only a demo')",
        "print(open('data.txt').read())",
        "raise ValueError('no good')",
        "while True:\n    pass",
        "x * 10",
        tags={3: ["demo"]}, files={"../data.txt": b"supporting file"}, cell_timeout=1,
    ))
    assert ready == {"ready": True}
    assert answer["done"] == 0 and answer["ending"] == "timeout"
    statuses = {c["cell"]: c["status"] for c in answer["cells"]}
    assert statuses == {1: "ok", 2: "ok", 3: "ok", 5: "ok", 6: "error", 7: "timeout", 8: "ok"}, "demo cell 4 skipped"
    shown = outputs(answer)
    assert shown[0] == [{"output_type": "stream", "name": "stdout", "text": "hi\n"}]
    assert shown[1][0]["output_type"] == "execute_result" and shown[1][0]["data"]["text/plain"] == "3"
    assert any(o["output_type"] == "display_data" and "image/png" in o["data"] for o in shown[2]), "inline figure"
    assert shown[3] == [], "a cell tagged demo is not run"
    assert shown[4][0]["text"] == "supporting file\n", "supporting files land in the job's folder, by name only"
    assert shown[5][0]["ename"] == "ValueError" and shown[5][0]["evalue"] == "no good"
    assert shown[6][0]["ename"].startswith("CellTimeout") and "ran longer than 1 s" in shown[6][0]["evalue"]
    assert shown[7][0]["data"]["text/plain"] == "20", "the cells after a timeout still run"


def test_each_notebook_gets_a_fresh_namespace_and_folder_and_a_broken_job_one_answer(tmp_path):
    answers = serve(tmp_path, job("secret = 42\nopen('left.txt', 'w').write('x')"), "not json",
                    job("import os\nprint(sorted(os.listdir('.')))", "secret"))
    assert [a.get("done") for a in answers] == [None, 0, None, 2]
    assert answers[2]["failed"].startswith("JSONDecodeError")
    second = outputs(answers[3])
    assert second[0][0]["text"] == "[]\n", "a notebook's folder starts empty"
    assert second[1][0]["ename"] == "NameError", "nothing of the previous notebook is defined"


def test_outputs_past_the_budget_are_dropped_with_a_note():
    recorder = OutputRecorder(limit=10)
    recorder.stream("stdout", "12345")
    recorder.stream("stdout", "678")
    recorder.keep({"output_type": "display_data", "data": {"text/plain": "too big"}}, 50)
    outputs = recorder.finish()
    assert outputs[0] == {"output_type": "stream", "name": "stdout", "text": "12345678"}
    assert len(outputs) == 2 and "50" in json.dumps(outputs[1]), outputs
