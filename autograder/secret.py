"""The course secret and the per-student seeds it keys, so nobody can draw their hidden inputs ahead.

A seed is a keyed hash of the student id: the same student and secret give the same seed on
every regrade, and without the secret the seed cannot be computed. The secret comes from the
environment variable AUTOGRADER_SECRET, else from `<course>/.autograder/secret`, written with
32 random bytes on first use and readable by its owner alone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

__all__ = ["ENV_VAR", "SECRET_BYTES", "course_secret", "secret_path", "student_seed"]

ENV_VAR = "AUTOGRADER_SECRET"
SECRET_BYTES = 32
FOLDER = ".autograder"
NAME = "secret"


def secret_path(root: Path) -> Path:
    """Returns where the course kept in `root` stores its secret."""
    return Path(root) / FOLDER / NAME


def course_secret(root: Path) -> bytes:
    """Returns the course secret: AUTOGRADER_SECRET if set, else the course's secret file (made once)."""
    given = os.environ.get(ENV_VAR)
    if given:
        return given.encode()
    path = secret_path(root)
    ensure_folder(path.parent)
    try:
        return read_secret(path)
    except FileNotFoundError:
        return create_secret(path)


def ensure_folder(folder: Path) -> None:
    """Creates the secret's folder (mode 0700) unless it exists; refuses a link or a non-folder."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise PermissionError(f"{folder} must be a folder of its own, not a link or a file")


def read_secret(path: Path) -> bytes:
    """Returns the bytes of an existing secret file, never following a link to it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise PermissionError(f"{path} is a symbolic link; the course secret must be a file of its own") from None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise PermissionError(f"{path} must be a regular file")
        data = handle.read(4096)
    if not data:
        raise ValueError(f"{path} is empty; delete it to make a new course secret")
    return data


def create_secret(path: Path) -> bytes:
    """Writes a new random secret to `path` (mode 0600) and returns it; whoever links it first wins.

    The bytes go to a private temporary file first, linked into place only when complete, so a
    grader starting at the same moment never reads a half-written secret.
    """
    data = secrets.token_bytes(SECRET_BYTES)
    temporary = path.with_name(f"{NAME}.{secrets.token_hex(8)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)  # fails if the secret (or a link in its place) exists
    except FileExistsError:
        return read_secret(path)
    finally:
        temporary.unlink(missing_ok=True)
    return data


def student_seed(student: str, secret: bytes) -> int:
    """Returns the seed of a student's hidden inputs: the first 8 bytes of HMAC-SHA256(secret, id)."""
    digest = hmac.new(secret, student.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")
