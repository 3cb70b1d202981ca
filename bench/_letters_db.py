"""The databases of ``letters_load.py``: a PostgreSQL server to write letters to and break mid-run, a Redis db.

Two ways to get PostgreSQL:

- ``PrivatePostgres`` (default): a cluster of the run's own, made with the machine's ``initdb`` in the run's
  temp dir and listening on a free port of 127.0.0.1. Its fault is a real server restart (``pg_ctl stop -m
  fast``, a pause, ``pg_ctl start``): every connection is cut and the port refuses connections while it is
  down. The machine's shared server on 5432 is not restarted, because other programs (other test runs)
  use it at the same time and would fail with it.
- ``SystemPostgres``: a fresh database on the machine's server at 127.0.0.1:5432. Its fault cannot be a
  restart (see above), so new connections to the bench database are refused (``ALLOW_CONNECTIONS false``)
  and every open one is ended (``pg_terminate_backend``) for the same pause, then allowed again.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg

DATABASE = "govsite_letters_bench"
PG_TIMEOUT = 120


def pg_bindir() -> Path:
    """The newest PostgreSQL server binaries on the machine (Debian keeps them out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("pg_ctl")
    if found is None:
        raise SystemExit("PostgreSQL's pg_ctl is not installed (apt-get install postgresql)")
    return Path(found).parent


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], timeout: float = PG_TIMEOUT) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def _admin(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
        for statement in statements:
            connection.execute(statement)


class PrivatePostgres:
    kind = "private"

    def __init__(self, tmp: Path, port: int) -> None:
        self.bindir = pg_bindir()
        self.home = tmp / "postgres"
        self.data = self.home / "data"
        self.log = self.home / "server.log"
        self.port = port
        self.started = False
        self.timings: dict[str, float] = {}

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def describe(self) -> str:
        return (
            f"a PostgreSQL cluster of the run's own (initdb in a temp dir, {self.bindir.parent.name}), on "
            f"127.0.0.1:{self.port}, default settings"
        )

    def fault_text(self, down: float) -> str:
        return (
            f"PostgreSQL server restarted: `pg_ctl stop -m fast` (every backend ended, open transactions "
            f"rolled back, the port closed), {down:g} s down, `pg_ctl start`"
        )

    def create(self) -> None:
        self.home.mkdir()
        self.home.parent.chmod(
            0o711
        )  # the postgres user must reach its folder inside the root-owned temp dir
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")
        command = [str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]
        _run(_as_postgres([*command, "--encoding=UTF8", "--locale=C", "--no-instructions"]))
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.home}'\n"
            )
        self.start()
        _admin(self.admin_url, f"CREATE DATABASE {DATABASE}")

    def start(self) -> None:
        pg_ctl = str(self.bindir / "pg_ctl")
        _run(_as_postgres([pg_ctl, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start"]))
        self.started = True

    def stop(self, mode: str = "fast") -> None:
        pg_ctl = str(self.bindir / "pg_ctl")
        _run(_as_postgres([pg_ctl, "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"]))

    def fault(self, down: float) -> None:
        began = time.monotonic()
        self.stop("fast")
        stopped = time.monotonic()
        time.sleep(down)
        self.start()
        self.timings = {"stop": stopped - began, "down": down, "start": time.monotonic() - stopped - down}

    def close(self) -> None:
        if self.started:
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.stop("immediate")
            self.started = False


class SystemPostgres:
    kind = "system"

    def __init__(self) -> None:
        self.admin_url = "postgres://postgres@127.0.0.1:5432/postgres"
        self.created = False
        self.timings: dict[str, float] = {}

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:5432/{DATABASE}"

    def describe(self) -> str:
        return f"database `{DATABASE}` (created for the run, dropped after it) on the machine's server, 127.0.0.1:5432"

    def fault_text(self, down: float) -> str:
        return (
            f"the bench database cut off on the shared server (not restarted: other programs use it): "
            f"`ALTER DATABASE … ALLOW_CONNECTIONS false`, `pg_terminate_backend` on each of its connections, "
            f"{down:g} s, then connections allowed again"
        )

    def create(self) -> None:
        _admin(
            self.admin_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", f"CREATE DATABASE {DATABASE}"
        )
        self.created = True

    def fault(self, down: float) -> None:
        began = time.monotonic()
        _admin(
            self.admin_url,
            f"ALTER DATABASE {DATABASE} WITH ALLOW_CONNECTIONS false",
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DATABASE}'",
        )
        stopped = time.monotonic()
        time.sleep(down)
        _admin(self.admin_url, f"ALTER DATABASE {DATABASE} WITH ALLOW_CONNECTIONS true")
        self.timings = {"stop": stopped - began, "down": down, "start": time.monotonic() - stopped - down}

    def close(self) -> None:
        if self.created:
            with contextlib.suppress(psycopg.Error):
                _admin(self.admin_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            self.created = False


def server_version(url: str) -> str:
    with psycopg.connect(url, connect_timeout=10) as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0]).split(" ")[0]


# --- Redis -------------------------------------------------------------------------------------------


def free_redis_db(host: str = "127.0.0.1", port: int = 6379) -> int | None:
    """An empty Redis db number (15 down to 1), flushed for the run; None when Redis does not answer."""
    import redis

    for number in range(15, 0, -1):
        try:
            client = redis.Redis(host=host, port=port, db=number, socket_timeout=2)
            if client.dbsize() == 0:
                client.flushdb()
                return number
        except redis.RedisError:
            return None
    return None


def flush_redis_db(number: int, host: str = "127.0.0.1", port: int = 6379) -> None:
    import redis

    with contextlib.suppress(redis.RedisError):
        redis.Redis(host=host, port=port, db=number, socket_timeout=2).flushdb()
