"""Benchmark: hub page latency under gunicorn, against a bare Wagtail page.

Builds the demo hub in a throwaway SQLite database (the embedded default),
collects static files, and serves it with gunicorn (2 workers, production
settings) on loopback. A small Python load generator (keep-alive connections,
``--concurrency`` at once) requests each page ``--requests`` times and records
every latency. The baseline is a bare ``wagtailcore.Page`` (Wagtail's own
minimal template) served by the same server in the same run.

Hub pages are served from the page cache (``hub/page_cache.py``): to readers
without a session as stored, to a signed-in learner (a session cookie) with
their own account links rendered into the stored page. Both are measured, and
the target applies to both. So that the cost of a render stays visible, each
page is also requested the way the first visitor after a change gets it: every
request a URL of its own (an extra query parameter), rendered and stored. The
bare page is measured again right before each of those, and the first visit's
ratio is to that ("bare beside"): load from other work on the machine drifts
during a run, and the two runs of a ratio should share it.

Run it with ``make bench-pages`` (or ``.venv/bin/python bench/pages.py``).
It prints median and 95th-percentile latency per page; the last line is the
worst ratio of a hub page's median to the bare page's. Target: 1.5 or less.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _http import (  # noqa: E402
    PYTHON,
    ROOT,
    gunicorn_serving,
    load,
    manage,
    p95,
    server_environment,
)

BARE = "bare Wagtail page"
FIRST_VISIT = "first visit after a change"
PAGES = {
    BARE: "/bare/",
    "home page": "/",
    "article": "/giving-feedback/the-sbi-model/",
    "search": "/search/?query=feedback",
}


BARE_PAGE = """
from wagtail.models import Page, Site
home = Site.objects.get(is_default_site=True).root_page
if not home.get_children().filter(slug="bare").exists():
    home.add_child(instance=Page(title="Bare", slug="bare"))
"""

# A session for a demo learner, as signing in from an email link leaves.
LEARNER_SESSION = """
from django.contrib.sessions.backends.db import SessionStore
from boosters.learners.sign_in import LEARNER_SESSION_KEY
from boosters.models import Learner
session = SessionStore()
session[LEARNER_SESSION_KEY] = Learner.objects.order_by("pk").first().pk
session.create()
print(session.session_key)
"""


def build(env) -> str:
    """Migrate, load the demo, add the bare page and collect static files;
    return a signed-in learner's session key."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_hub")
    manage(env, "shell", "-c", BARE_PAGE)
    manage(env, "collectstatic", "--noinput")
    session = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", LEARNER_SESSION],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return session.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hub-bench-pages-") as tmp:
        env = server_environment(var_dir=Path(tmp))
        started = time.perf_counter()
        session_key = build(env)
        cookie = f"sessionid={session_key}"
        print(f"Built the demo hub in {time.perf_counter() - started:.1f} s")
        with gunicorn_serving(env=env) as port:
            for path in PAGES.values():  # warm caches and both workers
                load(port=port, path=path, requests=20, concurrency=2)
            # Readers, a signed-in learner, then the first visit after a change.
            ways = {"": {}, ", signed in": {"cookie": cookie}}
            ways[f", {FIRST_VISIT}"] = {"unique": True}
            results = {}
            beside = {}  # the bare page measured right before each first visit
            for suffix, options in ways.items():
                for name, path in PAGES.items():
                    if suffix and name == BARE:
                        continue
                    if FIRST_VISIT in suffix:
                        beside[name + suffix] = load(
                            port=port,
                            path=PAGES[BARE],
                            requests=args.requests,
                            concurrency=args.concurrency,
                        )
                    results[name + suffix] = load(
                        port=port,
                        path=path,
                        requests=args.requests,
                        concurrency=args.concurrency,
                        **options,
                    )

    bare = statistics.median(results[BARE])
    print(
        f"gunicorn, 2 workers; {args.requests} requests per page, "
        f"{args.concurrency} at a time"
    )
    print(
        f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'median / bare':>14} "
        f"{'bare beside':>12} {'/ beside':>9}"
    )
    worst = {"served": 0.0, FIRST_VISIT: 0.0}
    for name, latencies in results.items():
        median = statistics.median(latencies)
        ratio = median / bare
        line = f"{name:<44} {median:>10.1f} {p95(latencies):>8.1f} {ratio:>14.2f}"
        if name in beside:
            # On a shared machine the load drifts during a run: a first visit
            # is compared with the bare page measured just before it.
            its_bare = statistics.median(beside[name])
            ratio = median / its_bare
            line += f" {its_bare:>12.1f} {ratio:>9.2f}"
        if name != BARE:
            kind = FIRST_VISIT if name.endswith(FIRST_VISIT) else "served"
            worst[kind] = max(worst[kind], ratio)
        print(line)
    print(
        f"worst median / bare beside it for the {FIRST_VISIT} (a full render): "
        f"{worst[FIRST_VISIT]:.2f} (target <= 2)"
    )
    print(
        "ratio worst hub page median / bare page median (readers and signed-in "
        f"learners) = {worst['served']:.2f} (target <= 1.5)"
    )


if __name__ == "__main__":
    main()
