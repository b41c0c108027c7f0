"""A throwaway PostgreSQL server for the tests: Debian's binaries, loopback only, a database per test.

The server runs from a data folder of its own in /tmp, listens on 127.0.0.1 on a free port
(its unix socket in the same folder, so it never meets a system server), trusts loopback
connections, and is stopped and removed at the end. PostgreSQL refuses to run as root: as root
it runs as the `postgres` user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests._course import free_port

SUPERUSER = "autograder"
INSTALL = "install Debian's postgresql package (sudo apt-get install postgresql; ./course.sh test does it as root)"


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs are not installed."""


def find_bin() -> Path:
    """Returns the folder of the newest installed PostgreSQL's initdb, pg_ctl and postgres."""
    folders = glob.glob("/usr/lib/postgresql/*/bin")
    folders = [Path(f) for f in folders if (Path(f) / "initdb").exists() and (Path(f) / "pg_ctl").exists()]
    if folders:
        return max(folders, key=lambda f: int(f.parent.name) if f.parent.name.isdigit() else 0)
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresMissing(f"PostgreSQL's initdb is not in /usr/lib/postgresql/*/bin nor on PATH: {INSTALL}.")


def as_server_user() -> list[str]:
    """Returns the command prefix that runs a program as a user PostgreSQL accepts (never root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError as error:
        raise PostgresMissing(f"running as root needs the 'postgres' user: {INSTALL}.") from error
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class PostgresServer:
    """A running server: where it listens and how to reach it."""

    bin: Path
    folder: Path
    port: int
    databases: int = 0

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        """Returns the SQLAlchemy URL of a database on this server, as nbgrader's db_url takes it."""
        return f"postgresql+psycopg2://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        """Returns a psycopg2 connection in autocommit mode."""
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database)
        connection.autocommit = True
        return connection

    def create_database(self, prefix: str = "test") -> str:
        """Creates a fresh, empty database; returns its URL."""
        self.databases += 1
        name = f"{prefix}_{self.databases}"
        connection = self.connect()
        try:
            connection.cursor().execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()
        return self.url(name)

    def run(self, program: str, *args: str, timeout: float = 60) -> None:
        """Runs one of the server's programs as the server's user; fails with its output."""
        command = [*as_server_user(), str(self.bin / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text() if (self.folder / "server.log").exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}\n{log[-3000:]}")

    def stop(self) -> None:
        """Stops the server at once and removes its folder."""
        try:
            self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(deadline: float = 60) -> PostgresServer:
    """Initialises and starts a server on loopback; returns it once it accepts connections."""
    server = PostgresServer(find_bin(), Path(tempfile.mkdtemp(prefix="autograder-postgres-")), free_port())
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(server.folder, user.pw_uid, user.pw_gid)
    try:
        server.run("initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
                   "--encoding=UTF8", "--locale=C.UTF-8")
        options = (f"-h 127.0.0.1 -p {server.port} -k {server.folder} -c fsync=off -c synchronous_commit=off"
                   " -c full_page_writes=off -c max_connections=50")
        server.run("pg_ctl", "start", "-D", str(server.data), "-l", str(server.folder / "server.log"),
                   "-o", options, "-w", "-t", str(int(deadline)), timeout=deadline + 10)
        wait_until_ready(server, time.monotonic() + deadline)
    except BaseException:
        stop_quietly(server)
        raise
    return server


def wait_until_ready(server: PostgresServer, deadline: float) -> None:
    """Returns once the server accepts a connection; raises when the deadline passes first."""
    import psycopg2

    while True:
        try:
            server.connect().close()
            return
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop_quietly(server: PostgresServer) -> None:
    """Stops a server that may not have started."""
    try:
        server.stop()
    except Exception:
        shutil.rmtree(server.folder, ignore_errors=True)
