"""Benchmark "serve_article": one article page from the production server setup against nginx, in one run.

    .venv/bin/python bench/serve_article.py [--duration 20] [--connections 50,200] [--threads 2]
        [--workers N] [--server gunicorn|granian|both] [--database-url URL] [--no-write]

Builds one site with a realistic Chinese article in a temporary var dir, starts the app the way production
does (``DEBUG=0``, collected static files, gunicorn with several workers, or granian's WSGI interface),
saves the exact HTML the app answers as a file that nginx serves, then runs wrk against nginx and against
the app for each connection count. Figures are ratios against nginx measured in the same run, because the
machine is noisy; they are written to the ``## serve_article`` section of ``bench/RESULTS.md``.

Everything started here runs in its own process group on 127.0.0.1 and is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
SECTION = "## serve_article"
RESULTS_HEADER = """# Benchmark results

Each benchmark is one command (see `bench/README.md`); it starts everything it needs on 127.0.0.1 and
stops it afterwards. The machines these run on are shared and noisy, so absolute figures move from run
to run: read the ratios against the peer (nginx serving the same bytes) measured in the same run.
"""
# wrk leaves requests slower than its timeout (2 s by default) out of the latency histogram, which would
# flatter the p99 of a saturated server; with this timeout the slow requests stay in the distribution.
WRK_TIMEOUT = "10s"
WARMUP_SECONDS = 3
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
APT_LOCK_TIMEOUT = 600
TARGET_RPS_RATIO = 0.80
TARGET_P99_MS = 20.0
TARGET_CONNECTIONS = 200


@dataclasses.dataclass(frozen=True)
class WrkResult:
    target: str
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: dict[str, int]

    @property
    def errors_text(self) -> str:
        errors = self.socket_errors
        return "/".join(str(errors.get(kind, 0)) for kind in ("connect", "read", "write", "timeout"))


@dataclasses.dataclass(frozen=True)
class Article:
    path: str
    title: str
    body_chars: int
    queries: int
    database_ms: float
    render_ms: float
    orm_share: float
    html_bytes: int = 0


# --- processes ---------------------------------------------------------------------------------------


class Processes:
    """Every child is a process-group leader, so stopping it stops its workers too."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            child = subprocess.Popen(
                command,
                env=env,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.children.append((name, child))
        return child

    def stop_all(self) -> None:
        for _name, child in reversed(self.children):
            signal_group(child, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for _name, child in reversed(self.children):
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            signal_group(child, signal.SIGKILL)  # workers left behind by a leader that exited
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=2)
        self.children.clear()


def signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signum)


def raise_interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(log: Path, lines: int = 30) -> str:
    if not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# --- tools -------------------------------------------------------------------------------------------


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )


def apt_get(*args: str) -> bool:
    command = ["apt-get", "-o", f"DPkg::Lock::Timeout={APT_LOCK_TIMEOUT}", *args]
    # RUNLEVEL=1 keeps the package's init script from starting a system nginx on port 80.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "RUNLEVEL": "1"}
    print(f"  $ {shlex.join(command)}", flush=True)
    return subprocess.run(command, env=env, timeout=APT_LOCK_TIMEOUT + 600, check=False).returncode == 0


def apt_install(packages: list[str]) -> bool:
    """Install with apt-get, waiting for another installer's lock; refresh the lists if a try fails."""
    for attempt in range(3):
        if apt_get("install", "-y", "--no-install-recommends", *packages):
            return True
        if attempt == 0:
            apt_get("update")
        else:
            time.sleep(10)  # a lock held longer than DPkg::Lock::Timeout covers, or a mirror hiccup
    return False


def ensure_tools() -> tuple[str, str]:
    """Paths of nginx and wrk, installed with apt-get if missing."""
    missing = {"nginx-light": find_nginx() is None, "wrk": shutil.which("wrk") is None}
    packages = [name for name, absent in missing.items() if absent]
    if packages:
        if os.geteuid() != 0 or shutil.which("apt-get") is None:
            sys.exit(f"missing {', '.join(packages)}: install them (apt-get install -y {' '.join(packages)})")
        print(f"Installing missing tools with apt-get: {', '.join(packages)}", flush=True)
        if not apt_install(packages) and "nginx-light" in packages:
            apt_install(["nginx" if name == "nginx-light" else name for name in packages])
    nginx, wrk = find_nginx(), shutil.which("wrk")
    if nginx is None or wrk is None:
        sys.exit("could not install nginx and wrk with apt-get")
    return nginx, wrk


# --- setup -------------------------------------------------------------------------------------------


def app_environment(tmp: Path, database_url: str | None) -> dict[str, str]:
    var = tmp / "var"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govsite.settings",
        "GOVSITE_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
        "DATABASE_URL": database_url or f"sqlite:///{var / 'govsite.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    }


def set_up_site(env: dict[str, str], tmp: Path) -> Article:
    """Migrate, build the site and collect static files in a child process; returns the article facts."""
    (tmp / "var").mkdir()
    log = tmp / "setup.log"
    with log.open("wb") as out:
        done = subprocess.run(
            [sys.executable, str(BENCH_DIR / "_setup_article.py")],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=out,
            timeout=600,
            check=False,
        )
    if done.returncode != 0:
        sys.exit(f"setup failed:\n{log_tail(log)}")
    return Article(**json.loads(done.stdout.decode().strip().splitlines()[-1]))


def http_get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_ready(url: str, child: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if child.poll() is not None:
            sys.exit(f"{url}: the server exited with {child.returncode}:\n{log_tail(log)}")
        with contextlib.suppress(OSError):
            status, _ = http_get(url, timeout=2)
            if status == 200:
                return
        time.sleep(0.2)
    sys.exit(f"{url}: not ready after {READY_TIMEOUT:.0f} s:\n{log_tail(log)}")


def server_command(server: str, port: int, workers: int, tmp: Path) -> list[str]:
    if server == "gunicorn":
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "govsite.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--graceful-timeout",
            "5",
            "--worker-tmp-dir",
            str(tmp),
        ]
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "govsite.wsgi:application",
    ]


def nginx_config(tmp: Path, port: int, html: Path) -> str:
    temp = tmp / "nginx-temp"
    temp_paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes auto;
daemon off;
pid {tmp / "nginx.pid"};
error_log {tmp / "nginx-error.log"} warn;
events {{
    worker_connections 4096;
}}
http {{
    access_log off;
    sendfile on;
    types {{ text/html html; }}
    default_type text/html;
    charset utf-8;
{temp_paths}
    server {{
        listen 127.0.0.1:{port};
        root {html.parent};
        location / {{
            try_files /{html.name} =404;
        }}
    }}
}}
"""


def start_nginx(nginx: str, tmp: Path, port: int, html: Path, processes: Processes) -> str:
    (tmp / "nginx-temp").mkdir()
    config = tmp / "nginx.conf"
    config.write_text(nginx_config(tmp, port, html))
    log = tmp / "nginx.log"
    child = processes.start(
        "nginx",
        [nginx, "-p", str(tmp), "-c", str(config), "-e", str(tmp / "nginx-error.log")],
        os.environ.copy(),
        log,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_ready(url, child, tmp / "nginx-error.log")
    return url


# --- wrk ---------------------------------------------------------------------------------------------

TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_time_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    if not match:
        raise ValueError(f"unexpected wrk time {text!r}")
    return float(match[1]) * TIME_UNITS_MS[match[2]]


def parse_wrk(output: str, target: str, connections: int) -> WrkResult:
    def search(pattern: str) -> re.Match[str] | None:
        return re.search(pattern, output, re.MULTILINE)

    rps, requests = search(r"^Requests/sec:\s+([\d.]+)"), search(r"^\s+(\d+) requests in")
    p50, p99 = search(r"^\s+50%\s+(\S+)"), search(r"^\s+99%\s+(\S+)")
    if not (rps and requests and p50 and p99):
        raise ValueError(f"cannot parse wrk output:\n{output}")
    non_2xx = search(r"Non-2xx or 3xx responses:\s+(\d+)")
    errors = search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
    kinds = ("connect", "read", "write", "timeout")
    return WrkResult(
        target=target,
        connections=connections,
        rps=float(rps[1]),
        p50_ms=parse_time_ms(p50[1]),
        p99_ms=parse_time_ms(p99[1]),
        requests=int(requests[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors={kind: int(errors[i + 1]) for i, kind in enumerate(kinds)} if errors else {},
    )


def run_wrk(wrk: str, url: str, threads: int, connections: int, duration: int) -> str:
    command = [
        wrk,
        "-t",
        str(min(threads, connections)),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--latency",
        "--timeout",
        WRK_TIMEOUT,
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(command)} failed:\n{done.stderr}")
    return done.stdout


def measure(wrk: str, targets: dict[str, str], args: argparse.Namespace) -> list[WrkResult]:
    for name, url in targets.items():
        print(f"Warming up {name} ({WARMUP_SECONDS} s)", flush=True)
        run_wrk(wrk, url, args.threads, max(args.connections), WARMUP_SECONDS)
    results = []
    for connections in args.connections:
        for name, url in targets.items():
            print(f"wrk -c {connections} -d {args.duration}s against {name}", flush=True)
            result = parse_wrk(run_wrk(wrk, url, args.threads, connections, args.duration), name, connections)
            print(
                f"  {result.rps:,.0f} req/s, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
                f"non-2xx/3xx {result.non_2xx_3xx}, socket errors c/r/w/t {result.errors_text}",
                flush=True,
            )
            results.append(result)
    return results


# --- the run -----------------------------------------------------------------------------------------


def fetch_article(url: str, title: str) -> bytes:
    """The article's HTML after checking the status and that the title is in the body."""
    status, body = http_get(url)
    if status != 200:
        sys.exit(f"GET {url} answered {status}")
    if title.encode() not in body:
        sys.exit(f"GET {url}: the title {title!r} is not in the body")
    return body


def start_apps(
    args: argparse.Namespace, env: dict[str, str], tmp: Path, article: Article, processes: Processes
) -> dict[str, str]:
    urls = {}
    for server in selected_servers(args.server):
        port, log = free_port(), tmp / f"{server}.log"
        print(f"Starting {server} with {args.workers} workers on 127.0.0.1:{port}", flush=True)
        child = processes.start(server, server_command(server, port, args.workers, tmp), env, log)
        url = f"http://127.0.0.1:{port}{article.path}"
        wait_ready(url, child, log)
        urls[server] = url
    return urls


def save_static_copy(html: bytes, tmp: Path) -> Path:
    """The app's HTML as a file readable by nginx's unprivileged workers."""
    tmp.chmod(0o711)
    www = tmp / "www"
    www.mkdir(mode=0o755)
    page = www / "article.html"
    page.write_bytes(html)
    page.chmod(0o644)
    return page


def run(
    args: argparse.Namespace, nginx: str, wrk: str, tmp: Path, processes: Processes
) -> tuple[Article, list[WrkResult]]:
    env = app_environment(tmp, args.database_url)
    print("Setting up: migrate, one site with one article, collectstatic", flush=True)
    article = set_up_site(env, tmp)
    apps = start_apps(args, env, tmp, article, processes)
    html = fetch_article(next(iter(apps.values())), article.title)
    for url in apps.values():
        fetch_article(url, article.title)
    page = save_static_copy(html, tmp)
    nginx_url = start_nginx(nginx, tmp, free_port(), page, processes) + article.path.lstrip("/")
    if http_get(nginx_url)[1] != html:
        sys.exit("nginx does not serve the saved HTML")
    article = dataclasses.replace(article, html_bytes=len(html))
    return article, measure(wrk, {"nginx": nginx_url, **apps}, args)


def selected_servers(server: str) -> list[str]:
    return ["gunicorn", "granian"] if server == "both" else [server]


# --- report ------------------------------------------------------------------------------------------


def command_output(command: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
        return (done.stdout + done.stderr).strip().splitlines()[0]
    return "unknown"


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def machine_facts(nginx: str, wrk: str) -> dict[str, str]:
    return {
        "Machine": f"{os.cpu_count()} cores ({cpu_model()}), {platform.system()} {platform.release()}, "
        f"load average at start {load_average()}",
        "Python": platform.python_version(),
        "Django": package_version("django"),
        "Wagtail": package_version("wagtail"),
        "gunicorn": package_version("gunicorn"),
        "granian": package_version("granian"),
        "nginx": command_output([nginx, "-v"]).removeprefix("nginx version: "),
        "wrk": command_output([wrk, "-v"]).split(" Copyright")[0],
    }


def redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def command_line(argv: list[str]) -> str:
    def relative(path: str) -> str:
        with contextlib.suppress(ValueError):
            return str(Path(path).absolute().relative_to(REPO))
        return path

    args = [redacted(arg) if "://" in arg else arg for arg in argv[1:]]
    return shlex.join([relative(sys.executable), relative(argv[0]), *args])


def results_table(results: list[WrkResult]) -> str:
    rows = [
        "| Connections | Server | req/s | p50 (ms) | p99 (ms) | Requests | Non-2xx/3xx "
        "| Socket errors c/r/w/t |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        rows.append(
            f"| {r.connections} | {r.target} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
            f"{r.requests:,} | {r.non_2xx_3xx} | {r.errors_text} |"
        )
    return "\n".join(rows)


def peer(results: list[WrkResult], result: WrkResult) -> WrkResult:
    return next(r for r in results if r.target == "nginx" and r.connections == result.connections)


def meets_target(result: WrkResult, nginx: WrkResult) -> bool:
    return result.rps >= TARGET_RPS_RATIO * nginx.rps and result.p99_ms < TARGET_P99_MS


def ratios_table(results: list[WrkResult]) -> str:
    rows = [
        "| Connections | Server | req/s app/nginx | p99 app/nginx | Target met |",
        "|---:|---|---:|---:|---|",
    ]
    for r in results:
        if r.target == "nginx":
            continue
        nginx = peer(results, r)
        target = ("yes" if meets_target(r, nginx) else "no") if r.connections == TARGET_CONNECTIONS else "—"
        rows.append(
            f"| {r.connections} | {r.target} | {r.rps / nginx.rps:.1%} | "
            f"{r.p99_ms / nginx.p99_ms:.1f}× | {target} |"
        )
    return "\n".join(rows)


def verdict(apps: list[WrkResult], nginx: WrkResult) -> str:
    if apps[0].connections != TARGET_CONNECTIONS:
        return f"not judged: this run did not measure {TARGET_CONNECTIONS} connections"
    return "met" if all(meets_target(r, nginx) for r in apps) else "not met"


def cost_text(article: Article, app: WrkResult, cores: int) -> str:
    """Where the app's time per request goes, from the in-process measurement of the setup step."""
    ceiling = cores * 1000 / article.render_ms
    return (
        f"nginx sends a {article.html_bytes / 1024:.0f} KB file with sendfile; every request to the app "
        f"goes through Django's middleware, Wagtail's page routing and a full template render with "
        f"{article.queries} SQL queries ({article.render_ms:.1f} ms per render measured in-process, so at "
        f"most about {ceiling:,.0f} renders/s on {cores} cores before any HTTP work; "
        f"{article.orm_share:.0%} of that time is the ORM building and running those queries, of which "
        f"{article.database_ms:.1f} ms in the database driver; the rest is page routing, template rendering "
        f"and middleware). There is no page cache yet. Under load the app reached {app.rps / ceiling:.0%} of "
        f"that ceiling; the rest of the CPU went to the HTTP layer, wrk and whatever else ran on the machine "
        f"(see the load averages above)."
    )


def queue_text(app: WrkResult, workers: int) -> str:
    if app.rps <= 0:
        return "The app completed no request in time."
    queueing = app.connections / app.rps * 1000
    text = (
        f"With {workers} workers, only {workers} requests are rendered at a time and the others wait: "
        f"{app.connections} connections / {app.rps:,.0f} req/s ≈ {queueing:.0f} ms of queueing, which is "
        f"where the p99 comes from."
    )
    if app.target == "gunicorn":
        text += (
            " gunicorn's sync workers also close the connection after each response, so wrk opens a new "
            "TCP connection per request while nginx keeps its connections alive."
        )
    return text


def reading(results: list[WrkResult], article: Article, workers: int) -> str:
    """One honest paragraph, computed from this run's figures."""
    heaviest = max(r.connections for r in results)
    apps = [r for r in results if r.target != "nginx" and r.connections == heaviest]
    nginx = peer(results, apps[0])
    cores = os.cpu_count() or 1
    figures = "; ".join(
        f"{r.target} served {r.rps / nginx.rps:.1%} of nginx's requests/s ({r.rps:,.0f} against "
        f"{nginx.rps:,.0f}) with a p99 of {r.p99_ms:.0f} ms against {nginx.p99_ms:.1f} ms"
        for r in apps
    )
    errors = sum(r.non_2xx_3xx + sum(r.socket_errors.values()) for r in results if r.target != "nginx")
    return " ".join(
        [
            f"At {heaviest} connections {figures}: the target (≥{TARGET_RPS_RATIO:.0%} of nginx's req/s and "
            f"p99 < {TARGET_P99_MS:.0f} ms at {TARGET_CONNECTIONS} connections) is {verdict(apps, nginx)}.",
            "The gap is the work done per request.",
            cost_text(article, apps[0], cores),
            queue_text(apps[0], workers),
            f"wrk, nginx and the app share the same {cores} cores, so absolute figures are low and move from "
            "run to run; the ratios are the figures to follow.",
            f"wrk saw {errors} non-2xx/3xx responses or socket errors from the app."
            if errors
            else "wrk saw no error from the app: every response was a 2xx.",
        ]
    )


def section(
    args: argparse.Namespace,
    argv: list[str],
    article: Article,
    results: list[WrkResult],
    facts: dict[str, str],
) -> str:
    servers = ", ".join(selected_servers(args.server))
    database = redacted(args.database_url) if args.database_url else "a fresh SQLite file in a temp dir"
    lines = [
        SECTION,
        "",
        "One article page from the production setup (DEBUG=0, collected static files, WhiteNoise) against "
        "nginx serving the same HTML saved as a static file, wrk on 127.0.0.1, one run.",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Command: `{command_line(argv)}`",
        *(f"- {name}: {value}" for name, value in facts.items()),
        f"- Servers: {servers}, {args.workers} workers "
        "(gunicorn: default sync workers; granian: WSGI interface)",
        f"- Database: {database}",
        f"- Load: `wrk -t {args.threads} -c C -d {args.duration}s --latency --timeout {WRK_TIMEOUT} URL` per "
        f"server and connection count, after a {WARMUP_SECONDS} s warm-up of each server",
        f"- Page: `{article.path}`, {article.html_bytes:,} bytes of HTML, body of {article.body_chars:,} "
        f"Chinese characters, {article.queries} SQL queries and {article.render_ms:.1f} ms per render "
        f"in-process ({article.orm_share:.0%} of it in the ORM's SQLCompiler.execute_sql, "
        f"{article.database_ms:.1f} ms in the database driver)",
        "",
        results_table(results),
        "",
        "Ratios against nginx in the same run:",
        "",
        ratios_table(results),
        "",
        reading(results, article, args.workers),
        "",
    ]
    return "\n".join(lines)


def write_results(text: str) -> None:
    """Replace the ``## serve_article`` section of RESULTS.md (or append it), keeping the other sections."""
    current = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    pattern = re.compile(rf"^{re.escape(SECTION)}[ \t]*\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n")


# --- entry point -------------------------------------------------------------------------------------


def connection_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a comma list of integers: {text!r}") from error
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("connection counts must be positive")
    return values


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of each wrk run (default 20)")
    parser.add_argument(
        "--connections",
        type=connection_list,
        default=[50, 200],
        help="comma list of wrk connection counts (default 50,200)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="app server workers (default 2×cores+1)",
    )
    parser.add_argument("--server", choices=["gunicorn", "granian", "both"], default="gunicorn")
    parser.add_argument(
        "--database-url",
        help="bench on this database (migrated, its sites replaced); "
        "default: a fresh SQLite file in a temp dir",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.threads < 1 or args.workers < 1:
        parser.error("--duration, --threads and --workers must be positive")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv[1:])
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with SIGINT ignored (`&`)
    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGHUP, raise_interrupt)
    nginx, wrk = ensure_tools()
    facts = machine_facts(nginx, wrk)
    processes = Processes()
    tmp = Path(tempfile.mkdtemp(prefix="govsite-bench-"))
    try:
        article, results = run(args, nginx, wrk, tmp, processes)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping everything this run started", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        processes.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    facts["Machine"] += f", at end {load_average()}"
    text = section(args, argv, article, results, facts)
    print("\n" + text)
    if not args.no_write:
        write_results(text)
        print(f"Written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
