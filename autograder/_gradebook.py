"""Where the course's gradebook lives: nbgrader's own `CourseDirectory.db_url`, from the course's config.

By default that is SQLite, `gradebook.db` in the course directory; the course's
`nbgrader_config.py` takes any other database from AUTOGRADER_DB_URL (PostgreSQL:
`postgresql+psycopg2://user:password@host:5432/db`), so stock nbgrader and every job of ours
read and write the same gradebook.
"""

from __future__ import annotations

from pathlib import Path

from autograder._exceptions import CourseError

__all__ = [
    "course_config", "course_directory", "describe_gradebook", "gradebook_url", "is_sqlite", "is_transient_db_error",
    "open_gradebook", "require_gradebook", "sqlite_path",
]

# Errors after which grading the same student again succeeds: another writer held the SQLite file,
# or the connection to the database server dropped or was refused for a moment (restart, network cut).
TRANSIENT_DB_ERRORS = (
    "database is locked",
    "server closed the connection",
    "terminating connection",
    "could not connect",
    "connection already closed",
    "Connection refused",
    "the database system is",  # ... starting up / shutting down / in recovery mode
)


def course_config(course: Path):
    """Returns the course's nbgrader configuration (its nbgrader_config.py), rooted in the course."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (course / "nbgrader_config.py").exists():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    return config


def course_directory(course: Path):
    """Returns nbgrader's CourseDirectory of the course, configured as stock nbgrader would be there."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=course_config(course))


def gradebook_url(course: Path) -> str:
    """Returns the SQLAlchemy URL of the course's gradebook, as nbgrader's CourseDirectory.db_url has it."""
    return course_directory(course).db_url


def is_sqlite(url: str) -> bool:
    """Returns True if the gradebook is an SQLite file."""
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path:
    """Returns the file of an SQLite gradebook."""
    from sqlalchemy.engine import make_url

    return Path(make_url(url).database or "")


def describe_gradebook(url) -> str:
    """Returns where a gradebook is, for a message: its file, or database, host and port (never the password)."""
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    if parts.get_backend_name() == "sqlite":
        return str(parts.database)
    return f"database {parts.database!r} on {parts.host or 'localhost'}:{parts.port or 'default port'}"


def is_transient_db_error(text: str) -> bool:
    """Returns True if a grading error says the gradebook was locked or its connection lost for a moment."""
    return any(sign in text for sign in TRANSIENT_DB_ERRORS)


def open_gradebook(course: Path):
    """Returns the course's nbgrader Gradebook; a missing or unreachable one is a CourseError, not a traceback."""
    from nbgrader.api import Gradebook
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    directory = course_directory(course)
    url = directory.db_url
    if is_sqlite(url) and not sqlite_path(url).exists():
        raise CourseError(f"{sqlite_path(url)} does not exist: grade the class first (autograder grade).")
    try:
        return Gradebook(url, directory.course_id)
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        password = make_url(url).password
        if password:
            reason = reason.replace(str(password), "***")
        raise CourseError(
            f"cannot connect to the gradebook, {describe_gradebook(url)} ({reason}): is the server running and "
            "AUTOGRADER_DB_URL right?"
        ) from error


def require_gradebook(course: Path) -> None:
    """Raises a CourseError if the course's gradebook is a database server that cannot be reached now."""
    if not is_sqlite(gradebook_url(course)):
        open_gradebook(course).close()
