"""A real browser against a live hub: Playwright driving Debian's Chromium.

The whole directory is skipped, with the reason, when Playwright (the
``browser`` extra) or Chromium is missing. No browser is downloaded: Playwright
launches the system Chromium (``HUB_CHROMIUM``, by default /usr/bin/chromium).

Each test gets the demo hub (``load_demo_hub``) behind pytest-django's
``live_server``, with ``WAGTAILADMIN_BASE_URL`` pointing at it so links in
emails lead there. Screenshots of each step go to ``var/browser/``, where CI
keeps them as artifacts.
"""

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test.testcases import _MediaFilesHandler

from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedNotFoundException

import pytest

CHROMIUM = Path(os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    # A screencast may start without a click first.
    "--autoplay-policy=no-user-gesture-required",
]
SCREENSHOT_DIR = Path(django_settings.BASE_DIR) / "var" / "browser"
ADMIN_PASSWORD = "browser-test-admin"  # noqa: S105 — a throwaway test database
# Playwright's default is 30 s; a hub page that takes more than this is broken.
STEP_TIMEOUT_MS = 15_000
HERE = Path(__file__).resolve().parent

NO_PLAYWRIGHT = (
    "browser tests need Playwright: pip install -e '.[browser]' "
    "(make test-browser does)"
)

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the ``browser`` extra is not installed
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return NO_PLAYWRIGHT
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (
            f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium "
            "(or set HUB_CHROMIUM)"
        )
    return None


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives a real browser against a live hub (slow)"
    )


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    Playwright's sync API keeps an asyncio loop running in the main thread,
    which makes Django refuse ORM calls from it (``SynchronousOnlyOperation``)
    although they are synchronous. So while the browser is open Django is told
    that is fine, and the browser closes with its module, so tests elsewhere
    keep Django's guard.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@contextlib.contextmanager
def fresh_tab(browser):
    """A browser tab with its own cookies, and the JavaScript errors it met."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab, errors
    finally:
        context.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab with its own cookies; JavaScript errors fail the test."""
    with fresh_tab(browser) as (tab, errors):
        yield tab
    assert errors == [], f"JavaScript errors on the page: {errors}"


@dataclass
class Screenshots:
    """Numbered full-page screenshots of one test, under ``var/browser/``."""

    prefix: str
    count: int = 0

    def __call__(self, page, step: str) -> Path:
        self.count += 1
        path = SCREENSHOT_DIR / f"{self.prefix}-{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def screenshot_prefix(item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name).strip("-")


@pytest.fixture
def shoot(request):
    """``shoot(page, "step-name")`` saves a screenshot of the step."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    prefix = screenshot_prefix(request.node)
    for old in [
        *SCREENSHOT_DIR.glob(f"{prefix}-[0-9][0-9]-*.png"),
        *SCREENSHOT_DIR.glob(f"{prefix}-failed.png"),
    ]:
        old.unlink()
    return Screenshots(prefix=prefix)


def each_step_checked(steps: dict, *, check, browser, shoot, before=None) -> dict:
    """Open each of ``steps`` (``name -> open(hub_tab)``) in a fresh tab, in
    one test so the demo loads once (about 10 s a load), and run
    ``check(tab) -> [problem, ...]`` on it. ``before(tab)`` prepares each tab.
    Returns the problems by step, JavaScript errors included; a step that
    can't be opened is a problem too, and the other steps still run."""
    problems = {}
    for name, step in steps.items():
        with fresh_tab(browser) as (tab, errors):
            try:
                if before is not None:
                    before(tab)
                step(tab)
                tab.wait_for_load_state("load")
                shoot(tab, name)
                found = check(tab)
            except Exception as error:  # noqa: BLE001 — report it with the others
                SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(Exception):
                    tab.screenshot(path=str(SCREENSHOT_DIR / f"{name}-failed.png"))
                found = [f"could not be checked: {type(error).__name__}: {error}"]
            found = [*found, *(f"JavaScript error: {error}" for error in errors)]
            if found:
                problems[name] = found
    return problems


def problems_report(problems: dict) -> str:
    return "\n".join(
        f"[{name}] {line}" for name, lines in problems.items() for line in lines
    )


@dataclass(frozen=True)
class LiveHub:
    """The demo hub served by the live server."""

    url: str
    admin_username: str
    admin_password: str

    def at(self, path: str) -> str:
        return self.url.rstrip("/") + "/" + path.lstrip("/")


def wagtail_initial_rows_ensure() -> None:
    """The rows Wagtail's data migrations make, which a transactional test's
    flush deletes: the default locale, the root page and the root collection.

    (A serialized rollback can't restore them here: Playwright's running event
    loop gives the test a different connection object from the one that
    holds the serialized data.)
    """
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def hub(live_server, settings, monkeypatch, tmp_path):
    """The demo hub, loaded into the (transactional) test database and served."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.VAR_DIR = tmp_path  # the demo's credentials file stays out of var/
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def unreachable(url, *args, **kwargs):
        raise EmbedNotFoundException(url)

    monkeypatch.setattr(embeds, "get_embed", unreachable)
    # Django's live server answers /media/ itself, without HTTP ranges, so a
    # browser couldn't seek in a screencast. Let the hub's range-aware view
    # (hub.media_views.serve_media) answer, as in development.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    wagtail_initial_rows_ensure()
    call_command("load_demo_hub", admin_password=ADMIN_PASSWORD, verbosity=0)
    return LiveHub(
        url=live_server.url, admin_username="admin", admin_password=ADMIN_PASSWORD
    )


@pytest.fixture
def outbox(hub):
    """The demo's first drip emails, up to its first booster questions, in
    Django's test outbox.

    The demo's course ended weeks ago, so its deliveries are overdue: each tick
    sends what falls due within the send-time grace and moves the rest to the
    learner's next send slot, one a day. So this ticks at each next send time,
    as the scheduler would, until booster questions have gone out.
    """
    from boosters.drip.dispatch import drip_tick
    from boosters.models import BoosterQuestionPage, Delivery, DeliveryStatus

    question = ContentType.objects.get_for_model(BoosterQuestionPage)
    # Ticks at the English cohorts' send times, and stops at their first
    # booster: the São Paulo cohort reads Portuguese (demo.languages).
    pending = Delivery.objects.filter(
        status=DeliveryStatus.PENDING,
        enrollment__cohort__paused=False,
        enrollment__cohort__language="en",
    ).order_by("due_at")
    mail.outbox = []
    for _ in range(10):
        first = pending.first()
        if first is None:
            break
        drip_tick(now=first.due_at)
        if Delivery.objects.filter(
            status=DeliveryStatus.SENT,
            page__content_type=question,
            enrollment__cohort__language="en",
        ).exists():
            break
    return list(mail.outbox)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed step, save what the browser showed, for the CI artifacts."""
    report = yield
    tab = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and hasattr(tab, "screenshot"):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{screenshot_prefix(item)}-failed.png"
        try:
            tab.screenshot(path=str(path), full_page=True)
        except Exception as error:  # noqa: BLE001 — the failure itself matters more
            report.sections.append(("screenshot", f"could not save: {error}"))
    return report
