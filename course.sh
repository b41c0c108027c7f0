#!/usr/bin/env bash
# Set up the course environment (once, or when the pins change) and run a job in it.
#   ./course.sh lab      the instructor's view: set up .venv, start JupyterLab on the whole course
#   ./course.sh student  the student's view: the bundle in ~/python-basics-student ($STUDENT_WORKSPACE), its own venv
#   ./course.sh test     set up, then run every test: notebooks, release, grading, lint
#   ./course.sh setup    only set up .venv from requirements.lock
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PYTHON=${PYTHON:-python3}

need_python() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "course.sh: Python 3.11 or newer is needed as '$PYTHON' (set PYTHON=... to choose another)." >&2
    exit 1
  fi
  if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    else
      echo "course.sh: Python's venv module is missing. On Debian or Ubuntu: sudo apt-get install python3-venv" >&2
      exit 1
    fi
  fi
}

need_debian_packages() {
  # Grading runs student code only inside bubblewrap; the browser tests drive Debian's Chromium;
  # the gradebook tests start a PostgreSQL server of their own from Debian's binaries.
  local missing=()
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} = 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "course.sh: installing ${missing[*]} (Debian packages)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "course.sh: the tests need ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

setup() {
  local stamp want
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  stamp="$VENV/.course-stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  need_python
  echo "course.sh: setting up $VENV from requirements.lock (a minute or two, once)" >&2
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -r requirements.lock
  "$VENV/bin/python" -m pip install -q --no-deps -e .
  echo "$want" > "$stamp"
}

unpack_missing() {
  # Unpacks the bundle's files into the workspace, never over a file already there (a student's work).
  "$VENV/bin/python" - "$1" "$2" <<'PY'
import sys, zipfile
from pathlib import Path
archive, workspace = Path(sys.argv[1]), Path(sys.argv[2])
with zipfile.ZipFile(archive) as bundle:
    for entry in bundle.infolist():
        target = workspace / Path(entry.filename).relative_to(Path(entry.filename).parts[0])
        if not entry.is_dir() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bundle.read(entry))
PY
}

student() {
  # The course exactly as a student gets it: the bundle, outside this tree, in a venv of its requirements only.
  local workspace=${STUDENT_WORKSPACE:-$HOME/python-basics-student} want
  workspace=$(realpath -m "$workspace")
  case "$workspace/" in
    "$PWD"/*) echo "course.sh: STUDENT_WORKSPACE must be outside the course ($PWD)." >&2; exit 1 ;;
  esac
  "$VENV/bin/python" -m autograder bundle >/dev/null
  mkdir -p "$workspace"
  unpack_missing dist/python_basics-student.zip "$workspace"
  # The bundle's exact environment: requirements-lock.txt, then postBuild (nbgrader's instructor panels hidden).
  want=$(cat "$workspace/requirements-lock.txt" "$workspace/postBuild" | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$workspace/.venv/.student-stamp" 2>/dev/null)" != "$want" ]; then
    need_python
    echo "course.sh: setting up $workspace/.venv from the bundle's requirements-lock.txt (a minute, once)" >&2
    "$PYTHON" -m venv "$workspace/.venv"
    "$workspace/.venv/bin/python" -m pip install -q -r "$workspace/requirements-lock.txt"
    (cd "$workspace" && PATH="$workspace/.venv/bin:$PATH" bash postBuild >/dev/null)
    echo "$want" > "$workspace/.venv/.student-stamp"
  fi
  echo "course.sh: the student's view in $workspace (no autograder package there)" >&2
}

# nbgrader runs alembic from PATH: the venv's bin/ must come first.
export PATH="$PWD/$VENV/bin:$PATH"

case "${1:-}" in
  setup)
    setup ;;
  lab)
    setup
    shift
    root_flag=()
    [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
    exec jupyter lab --config="$PWD/jupyter_server_config.py" --ServerApp.root_dir="$PWD" --ContentsManager.preferred_dir=release/python_basics \
      "${root_flag[@]}" "$@" ;;
  student)
    setup
    student
    shift
    root_flag=()
    [ "$(id -u)" = 0 ] && root_flag=(--allow-root)
    workspace=$(realpath -m "${STUDENT_WORKSPACE:-$HOME/python-basics-student}")
    cd "$workspace"
    PATH="$workspace/.venv/bin:/usr/local/bin:/usr/bin:/bin" exec env -u PYTHONPATH jupyter lab \
      --ServerApp.root_dir="$workspace" "${root_flag[@]}" "$@" ;;
  test)
    setup
    need_debian_packages
    shift
    exec python -m pytest tests source/python_basics --nbval --nbval-current-env \
      --nbval-sanitize-with tests/nbval_sanitize.cfg "$@" ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
