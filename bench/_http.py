"""Shared HTTP pieces for the benchmarks: gunicorn and a threaded load generator.

``server_environment`` is what a production deployment sets (production
settings, a secret key, loopback hosts, no HTTPS redirect) pointed at a given
database and ``var/`` folder. ``gunicorn_serving`` starts ``hub.wsgi`` with the
Procfile's 2 workers by default, waits until it accepts connections and stops
it on the way out. ``load`` requests one path many times, ``concurrency`` at
once, and ``each_concurrently`` runs any per-item function the same way.
``Browser`` is one visitor: its own cookies, a fresh connection per request
(gunicorn's sync workers close every connection after its response).
"""

import contextlib
import http.client
import itertools
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
BENCH_SECRET_KEY = "bench-only-" + "k" * 40
WORKERS = 2  # the Procfile's default (WEB_CONCURRENCY)


def server_environment(*, var_dir: Path, database_url: str = "") -> dict[str, str]:
    """The environment of a production server on loopback.

    An empty ``database_url`` means the embedded default: SQLite under
    ``var_dir``.
    """
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "HUB_VAR_DIR": str(var_dir),
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "DATABASE_URL": database_url,
    }


def manage(env: dict[str, str], *args: str) -> None:
    """Run ``manage.py`` with ``env``, quietly."""
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


@contextlib.contextmanager
def gunicorn_serving(
    *, env: dict[str, str], workers: int = WORKERS, threads: int = 1
) -> Iterator[int]:
    """Serve ``hub.wsgi`` on a free loopback port; yield the port."""
    port = free_port()
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "hub.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    if threads > 1:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_up(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def load(
    *,
    port: int,
    path: str,
    requests: int,
    concurrency: int,
    cookie: str = "",
    unique: bool = False,
) -> list[float]:
    """Latencies in milliseconds of ``requests`` GETs of ``path`` (with the
    ``cookie`` header, if given). ``unique`` adds a query parameter of its own
    to every request, so no two ask for the same URL (nothing stored helps)."""
    latencies: list[float] = []
    errors: list[str] = []
    headers = {"Cookie": cookie} if cookie else {}
    numbers = itertools.count()
    separator = "&" if "?" in path else "?"
    lock = threading.Lock()
    per_worker = requests // concurrency

    def worker():
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        for _ in range(per_worker):
            start = time.perf_counter()
            url = f"{path}{separator}_={next(numbers)}" if unique else path
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                if response.status != 200:
                    errors.append(f"{path}: HTTP {response.status}")
                latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} errors, e.g. {errors[0]}")
    return latencies


def each_concurrently(
    items: Iterable, work: Callable[[object], None], *, concurrency: int
) -> list[str]:
    """Call ``work(item)`` for every item from ``concurrency`` threads at once.

    Each thread takes the next item as soon as it is done with one, so exactly
    ``concurrency`` are in flight until the items run out. Returns the errors
    raised (as text); one failing item does not stop the others.
    """
    pending: queue.SimpleQueue = queue.SimpleQueue()
    for item in items:
        pending.put(item)
    errors: list[str] = []
    lock = threading.Lock()

    def worker():
        while True:
            try:
                item = pending.get_nowait()
            except queue.Empty:
                return
            try:
                work(item)
            except Exception as error:  # noqa: BLE001 — counted and reported
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@dataclass
class Response:
    status: int
    location: str
    body: str
    ms: float


class Browser:
    """One visitor: keeps its cookies, opens a connection per request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "hub-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def send(self, method: str, path: str, form: dict | None = None):
        """Send a request and return its connection, to read the answer later.

        Lets a caller put two requests on the wire before reading either.
        """
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        body, extra = None, None
        if form is not None:
            body = urlencode(form)
            extra = {"Content-Type": "application/x-www-form-urlencoded"}
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=self._headers(extra))
        return connection, started

    def receive(self, sent) -> Response:
        connection, started = sent
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        ms = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        location = response.headers.get("Location", "")
        if location.startswith("http"):
            parts = urlsplit(location)
            location = parts.path + (f"?{parts.query}" if parts.query else "")
        return Response(response.status, location, body, ms)

    def get(self, path: str) -> Response:
        return self.receive(self.send("GET", path))

    def post(self, path: str, form: dict) -> Response:
        return self.receive(self.send("POST", path, form))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20)[-1]
