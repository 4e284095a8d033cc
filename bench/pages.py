"""Benchmark: hub page latency under gunicorn, against a bare Wagtail page.

Builds the demo hub in a throwaway SQLite database (the embedded default),
collects static files, and serves it with gunicorn (2 workers, production
settings) on loopback. A small Python load generator (keep-alive connections,
``--concurrency`` at once) requests each page ``--requests`` times and records
every latency. The baseline is a bare ``wagtailcore.Page`` (Wagtail's own
minimal template) served by the same server in the same run.

Readers without a session are served from the page cache (``hub/page_cache.py``);
the target applies to them. The same pages for a signed-in learner (a session
cookie, so always rendered afresh) are measured too and printed beside them,
so the cost of a render stays visible.

Run it with ``make bench-pages`` (or ``.venv/bin/python bench/pages.py``).
It prints median and 95th-percentile latency per page; the last line is the
worst ratio of a hub page's median to the bare page's. Target: 1.5 or less.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BARE = "bare Wagtail page"
PAGES = {
    BARE: "/bare/",
    "home page": "/",
    "article": "/giving-feedback/the-sbi-model/",
    "search": "/search/?query=feedback",
}


def _environment(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "HUB_VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "false",
        "DATABASE_URL": "",
    }


def _manage(env, *args) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


BARE_PAGE = """
from wagtail.models import Page, Site
home = Site.objects.get(is_default_site=True).root_page
if not home.get_children().filter(slug="bare").exists():
    home.add_child(instance=Page(title="Bare", slug="bare"))
"""

# A session for a demo learner, as signing in from an email link leaves.
LEARNER_SESSION = """
from django.contrib.sessions.backends.db import SessionStore
from boosters.learner_auth import LEARNER_SESSION_KEY
from boosters.models import Learner
session = SessionStore()
session[LEARNER_SESSION_KEY] = Learner.objects.order_by("pk").first().pk
session.create()
print(session.session_key)
"""


def build(env) -> str:
    """Migrate, load the demo, add the bare page and collect static files;
    return a signed-in learner's session key."""
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_demo_hub")
    _manage(env, "shell", "-c", BARE_PAGE)
    _manage(env, "collectstatic", "--noinput")
    session = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", LEARNER_SESSION],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return session.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def load(
    *, port: int, path: str, requests: int, concurrency: int, cookie: str = ""
) -> list[float]:
    """Latencies in milliseconds of ``requests`` GETs of ``path``."""
    latencies: list[float] = []
    errors: list[str] = []
    headers = {"Cookie": cookie} if cookie else {}
    lock = threading.Lock()
    per_worker = requests // concurrency

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_worker):
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
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


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hub-bench-pages-") as tmp:
        env = _environment(Path(tmp))
        started = time.perf_counter()
        session_key = build(env)
        cookie = f"sessionid={session_key}"
        print(f"Built the demo hub in {time.perf_counter() - started:.1f} s")
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "hub.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            _wait_until_up(port)
            for path in PAGES.values():  # warm caches and both workers
                load(port=port, path=path, requests=20, concurrency=2)
            results = {}
            for name, path in PAGES.items():
                results[name] = load(
                    port=port,
                    path=path,
                    requests=args.requests,
                    concurrency=args.concurrency,
                )
            for name, path in PAGES.items():
                if name != BARE:
                    results[f"{name}, signed in"] = load(
                        port=port,
                        path=path,
                        requests=args.requests,
                        concurrency=args.concurrency,
                        cookie=cookie,
                    )
        finally:
            server.terminate()
            server.wait(timeout=10)

    bare = statistics.median(results[BARE])
    print(
        f"gunicorn, 2 workers; {args.requests} requests per page, "
        f"{args.concurrency} at a time"
    )
    print(f"{'page':<30} {'median ms':>10} {'p95 ms':>8} {'median / bare':>14}")
    worst = {"reader": 0.0, "signed in": 0.0}
    for name, latencies in results.items():
        median = statistics.median(latencies)
        ratio = median / bare
        if name != BARE:
            who = "signed in" if name.endswith("signed in") else "reader"
            worst[who] = max(worst[who], ratio)
        print(f"{name:<30} {median:>10.1f} {p95(latencies):>8.1f} {ratio:>14.2f}")
    print(
        "signed-in learners always get a fresh render: worst median / bare = "
        f"{worst['signed in']:.2f}"
    )
    print(
        "ratio worst hub page median / bare page median (readers) = "
        f"{worst['reader']:.2f} (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
