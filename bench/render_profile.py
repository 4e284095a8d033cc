"""Profile: where a first render (a page cache miss) of a hub page spends its time.

In-process, against an already-built demo hub (``HUB_VAR_DIR`` pointing at a
``var/`` folder where ``load_demo_hub`` ran; production settings, so templates
are cached and DEBUG is off). Each page is requested through Django's test
client with a query parameter of its own (like ``bench/pages.py``'s first
visit), anonymously and as a signed-in learner. Prints per page the median
time of the whole request, of the view's context (``get_context``) and of the
template render alone, the mean time of Python's garbage collections in a
request (a full one every few requests), and the queries a request makes;
``--cprofile PAGE`` prints the top functions by cumulative time for that page.
It starts up as a server worker does (``hub.wsgi``); ``--no-freeze`` leaves
out the worker's ``gc.freeze()``.

    HUB_VAR_DIR=/tmp/render_var .venv/bin/python bench/render_profile.py
"""

import argparse
import cProfile
import gc
import io
import itertools
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")

# Start up as a server worker does (hub.wsgi: Django set up, start-up objects
# frozen out of garbage collection); --no-freeze measures without the freeze.
if "--no-freeze" in sys.argv:
    import django  # noqa: E402

    django.setup()
else:
    import hub.wsgi  # noqa: E402, F401

from django.db import connection  # noqa: E402
from django.template.response import SimpleTemplateResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = {
    "bare": "/bare/",
    "home": "/",
    "article": "/giving-feedback/the-sbi-model/",
    "search": "/search/?query=feedback",
}
numbers = itertools.count()
# Stored pages outlive a run (files under var/): this run's URLs are its own.
RUN = time.time_ns()


class Timings:
    """Time spent rendering templates (``SimpleTemplateResponse.rendered_content``)
    and in garbage collections."""

    def __init__(self):
        self.render = 0.0
        self.gc = 0.0
        self._gc_started = 0.0
        self._original = SimpleTemplateResponse.rendered_content

    def _collecting(self, phase, info):
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc += time.perf_counter() - self._gc_started

    def __enter__(self):
        timings = self
        original = self._original

        def timed(response):
            started = time.perf_counter()
            try:
                return original.fget(response)
            finally:
                timings.render += time.perf_counter() - started

        SimpleTemplateResponse.rendered_content = property(timed)
        gc.callbacks.append(self._collecting)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self._collecting)
        SimpleTemplateResponse.rendered_content = self._original


def ensure_bare_page():
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    if not home.get_children().filter(slug="bare").exists():
        home.add_child(instance=Page(title="Bare", slug="bare"))


def learner_client() -> Client:
    from boosters.learners.sign_in import LEARNER_SESSION_KEY
    from boosters.models import Learner

    client = Client()
    session = client.session
    session[LEARNER_SESSION_KEY] = Learner.objects.order_by("pk").first().pk
    session.save()
    return client


def fresh(path: str) -> str:
    """``path`` with a query parameter of its own: never a stored page."""
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}_={RUN}-{next(numbers)}"


def get(client: Client, path: str):
    response = client.get(fresh(path))
    assert response.status_code == 200, (path, response.status_code)
    return response


def measure(
    client: Client, path: str, runs: int
) -> tuple[float, float, float, float, int]:
    """Median ms of the request, of its template render and of the CPU time
    the request took (steadier than wall time on a shared machine: other
    processes' load doesn't count); mean ms of garbage collection per request;
    queries per request."""
    for _ in range(3):
        get(client, path)
    totals, renders, cpu, collecting = [], [], [], []
    for _ in range(runs):
        with Timings() as timings:
            started, cpu_started = time.perf_counter(), time.process_time()
            get(client, path)
            totals.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        renders.append(timings.render * 1000)
        collecting.append(timings.gc * 1000)
    with CaptureQueriesContext(connection) as queries:
        get(client, path)
    return (
        statistics.median(totals),
        statistics.median(renders),
        statistics.median(cpu),
        statistics.mean(collecting),
        len(queries),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cprofile", choices=PAGES, default=None)
    parser.add_argument("--signed-in", action="store_true")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="start up without the server's gc.freeze() (read before parsing)",
    )
    args = parser.parse_args()
    ensure_bare_page()
    clients = {"anonymous": Client(), "signed in": learner_client()}

    if args.cprofile:
        client = clients["signed in" if args.signed_in else "anonymous"]
        path = PAGES[args.cprofile]
        for _ in range(3):
            get(client, path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.runs):
            get(client, path)
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(args.top)
        print(out.getvalue())
        return

    print(
        f"{'page':<10} {'visitor':<10} {'total ms':>9} {'render ms':>10} "
        f"{'other ms':>9} {'cpu ms':>8} {'gc ms':>6} {'queries':>8}"
    )
    for name, path in PAGES.items():
        for visitor, client in clients.items():
            total, render, cpu, collecting, queries = measure(client, path, args.runs)
            print(
                f"{name:<10} {visitor:<10} {total:>9.1f} {render:>10.1f} "
                f"{total - render:>9.1f} {cpu:>8.1f} {collecting:>6.2f} {queries:>8}"
            )


if __name__ == "__main__":
    main()
