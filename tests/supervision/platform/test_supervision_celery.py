"""Inspections on a real distributed engine: Redis broker, two Celery worker processes, one killed mid-run.

The test builds its own SQLite database in a temp folder (worker processes cannot see pytest's test
database), serves a few slow sites on 127.0.0.1, and checks that every site is inspected and stored once.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REDIS = ("127.0.0.1", 6379)
SITES = 6
PAGE_DELAY = 1.0  # seconds per page: each inspection takes a few seconds, so a kill lands mid-task


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_up(), reason="Redis is not running on 127.0.0.1:6379")


class SlowSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(PAGE_DELAY)
        links = "".join(
            f'<li><a href="/a{i}.html">第{i}条工作动态信息标题</a><span>2026-11-2{i}</span></li>'
            for i in range(3)
        )
        body = (
            f"<html><head><title>测试网站</title></head><body><h2>工作动态</h2><ul>{links}</ul></body></html>"
        )
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def run_manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def start_worker(env: dict[str, str], name: str, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "govsite.celery", "worker", "--pool=solo", "-n", f"{name}@%h",
               "-Q", env["CELERY_QUEUE"], "--without-gossip", "--without-mingle", "--without-heartbeat",
               "--loglevel=INFO"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip


def runs(database: Path) -> list[tuple[int, str, int]]:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(
            "SELECT id, status, attempts FROM supervision_inspectionrun ORDER BY id"
        ).fetchall()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_killed_worker_sites_are_redone_and_counted_once(tmp_path):
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), SlowSite) for _ in range(SITES)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    queue = f"govsite-test-{uuid.uuid4().hex[:8]}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(GOVSITE_VAR_DIR=str(tmp_path), REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/0", CELERY_QUEUE=queue,
               CELERY_VISIBILITY_TIMEOUT="4", CELERY_RESTORE_INTERVAL="2", PYTHONPATH=str(ROOT / "src"))  # fmt: skip
    database = tmp_path / "govsite.sqlite3"
    workers: list[subprocess.Popen] = []
    try:
        run_manage(env, "migrate", "--no-input", "-v", "0")
        urls = [f"http://127.0.0.1:{server.server_address[1]}/" for server in servers]
        script = (
            "from govsite.supervision.models import MonitoredSite\n"
            "from govsite.supervision.service import create_batch\n"
            "from govsite.supervision.tasks import enqueue_runs\n"
            f"sites = [MonitoredSite.objects.create(name=f'测试网站{{i}}', url=u) for i, u in enumerate({urls!r})]\n"
            "batch, ids = create_batch('故障演练', sites)\n"
            "enqueue_runs(ids)\n"
        )
        run_manage(env, "shell", "-c", script)
        workers = [start_worker(env, "w1", tmp_path / "w1.log"), start_worker(env, "w2", tmp_path / "w2.log")]
        # Both workers busy at once: killing one now interrupts a task for certain.
        wait_for(
            lambda: sum(status == "running" for _, status, _ in runs(database)) == 2, 60, "two running tasks"
        )
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(timeout=10)
        wait_for(lambda: all(status == "done" for _, status, _ in runs(database)), 120, "every run done")
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=20)
        for server in servers:
            server.shutdown()
    final = runs(database)
    assert len(final) == SITES
    assert any(attempts >= 2 for _, _, attempts in final), final  # the interrupted site was redone
    with sqlite3.connect(database) as connection:
        stored = connection.execute(
            "SELECT run_id, COUNT(*) FROM supervision_findingrecord GROUP BY run_id"
        ).fetchall()
        verdicts = connection.execute("SELECT id, verdict FROM supervision_inspectionrun").fetchall()
    import json

    expected = {run_id: len(json.loads(verdict)["findings"]) for run_id, verdict in verdicts}
    assert dict(stored) == {run_id: count for run_id, count in expected.items() if count}  # nothing doubled
