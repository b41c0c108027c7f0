#!/usr/bin/env bash
# Set up the course environment (once, or when the pins change) and run a job in it.
#   ./course.sh lab    set up, then start JupyterLab on the course (students: open release/python_basics)
#   ./course.sh test   set up, then run every test: notebooks, release, grading, lint
#   ./course.sh setup  only set up .venv from requirements.lock
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
  test)
    setup
    need_debian_packages
    shift
    exec python -m pytest tests source/python_basics --nbval --nbval-current-env \
      --nbval-sanitize-with tests/nbval_sanitize.cfg "$@" ;;
  *)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
