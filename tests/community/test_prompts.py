"""Deliveries open cohort threads: booster discussion prompts and discussion steps."""

import datetime as dt
import re
import threading
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.db import connection
from django.urls import resolve

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.emails import delivery_pages_load
from boosters.drip.tokens import learner_from_sign_in_token
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync
from community.models import Thread, ThreadKind
from community.pages import DiscussionPage
from community.prompts import discussion_threads_ensure
from home.factories import HomePageFactory, TopicPageFactory

ENROLLED = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
# Cohorts in New York whose course ends Monday 2 March 2026: a day-0 step is
# due at 09:00 EST = 14:00 UTC.
DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
PROMPT = "When did specific feedback change how you work?"
LEARNERS = 30


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def links(html: str, text: str) -> list[str]:
    """The hrefs of the links in ``html`` whose text is ``text``."""
    return re.findall(rf'<a [^>]*href="([^"]+)"[^>]*>\s*{re.escape(text)}\s*</a>', html)


def enrol(cohort, count=1):
    return [
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED) for _ in range(count)
    ]


def resolves_to_thread(url: str, thread: Thread) -> bool:
    """Whether ``url`` is a sign-in link (of a member of the thread's cohort)
    whose ``next`` is ``thread``."""
    parts = urlsplit(url)
    match = resolve(parts.path)
    if match.url_name != "learner_sign_in_confirm":
        return False
    learner = learner_from_sign_in_token(match.kwargs["token"])
    if not thread.cohort.enrollments.filter(learner=learner).exists():
        return False
    [next_url] = parse_qs(parts.query)["next"]
    match = resolve(next_url)
    return match.url_name == "community_thread" and match.kwargs == {
        "cohort_slug": thread.cohort.slug,
        "thread_id": thread.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_a_booster_prompt_sent_by_two_parallel_ticks_opens_exactly_one_thread(
    settings,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from wagtail.models import Locale, Page

    # Transactional tests flush the database, data migrations included.
    Locale.objects.get_or_create(language_code="en")
    topic = TopicPageFactory(parent=HomePageFactory(parent=Page.get_first_root_node()))
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    step = ProgramStepFactory(page=booster, day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))
    enrol(cohort, LEARNERS)
    cohort_plan_sync(cohort=cohort)
    mail.outbox = []

    results, errors = [], []
    start = threading.Barrier(2)

    def tick():
        try:
            start.wait()
            results.append(drip_tick(now=DUE, batch_size=4))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    ticks = [threading.Thread(target=tick) for _ in range(2)]
    for each in ticks:
        each.start()
    for each in ticks:
        each.join(timeout=60)

    assert errors == []
    assert all(r.sent for r in results), "both ticks should have taken part"
    [thread] = Thread.objects.filter(cohort=cohort)
    assert thread.kind == ThreadKind.PROMPT
    assert thread.source_page_id == booster.pk
    assert thread.title == booster.title
    assert PROMPT in thread.body_html
    assert len(mail.outbox) == LEARNERS
    for message in mail.outbox:
        [url] = links(html_of(message), "Discuss with your cohort")
        assert resolves_to_thread(url, thread)
        assert url in message.body


@pytest.fixture
def step_cohort():
    """A cohort due its first step at ``DUE``; call with the step's page."""

    def build(page, *, learners=1):
        step = ProgramStepFactory(page=page, day_offset=0)
        cohort = CohortFactory(program=step.program)
        enrol(cohort, learners)
        cohort_plan_sync(cohort=cohort)
        return cohort

    return build


@pytest.mark.django_db
def test_the_booster_email_invites_the_learner_to_the_cohort_thread(topic, step_cohort):
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    cohort = step_cohort(booster)

    assert drip_tick(now=DUE).sent == 1

    thread = Thread.objects.get(cohort=cohort, source_page=booster)
    [message] = mail.outbox
    html = html_of(message)
    [url] = links(html, "Discuss with your cohort")
    assert resolves_to_thread(url, thread)
    assert url.startswith("http")
    assert PROMPT in html
    assert f"Discuss with your cohort: {PROMPT}" in message.body
    assert url in message.body


@pytest.mark.django_db
def test_a_booster_without_a_prompt_opens_no_thread(topic, step_cohort):
    booster = booster_with_choices(parent=topic, discussion_prompt="  ")
    step_cohort(booster)

    assert drip_tick(now=DUE).sent == 1

    assert not Thread.objects.exists()
    [message] = mail.outbox
    assert "Discuss with your cohort" not in html_of(message)
    assert "Discuss with your cohort" not in message.body


@pytest.mark.django_db
def test_each_cohort_gets_its_own_thread_and_later_sends_reuse_it(topic, step_cohort):
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    first = step_cohort(booster, learners=2)
    second = CohortFactory(program=first.program)
    enrol(second, 2)
    cohort_plan_sync(cohort=second)

    drip_tick(now=DUE)
    # A learner who joins later gets the same booster: no new thread.
    late = EnrollmentFactory(cohort=first, enrolled_at=DUE + dt.timedelta(days=1))
    cohort_plan_sync(cohort=first)
    drip_tick(now=DUE + dt.timedelta(days=3))

    assert Delivery.objects.filter(enrollment=late, status=DeliveryStatus.SENT).exists()
    assert Thread.objects.filter(source_page=booster).count() == 2
    assert {t.cohort for t in Thread.objects.all()} == {first, second}
    by_cohort = {t.cohort_id: t for t in Thread.objects.all()}
    for message in mail.outbox:
        [url] = links(html_of(message), "Discuss with your cohort")
        [address] = message.to
        cohort_id = (
            Delivery.objects.filter(enrollment__learner__email=address)
            .values_list("enrollment__cohort_id", flat=True)
            .get()
        )
        assert resolves_to_thread(url, by_cohort[cohort_id])


@pytest.mark.django_db
def test_a_thread_a_facilitator_hid_is_not_linked_or_reopened(topic, step_cohort):
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    cohort = step_cohort(booster, learners=1)
    Thread.objects.create(
        cohort=cohort,
        kind=ThreadKind.PROMPT,
        title=booster.title,
        source_page=booster,
        hidden_at=DUE,
        hidden_reason="Off topic for this cohort.",
        created_at=DUE,
        last_activity_at=DUE,
    )

    assert drip_tick(now=DUE).sent == 1

    assert Thread.objects.count() == 1
    assert "Discuss with your cohort" not in html_of(mail.outbox[0])


@pytest.fixture
def discussion(topic):
    return topic.add_child(
        instance=DiscussionPage(
            title="Feedback in your team",
            intro="<p>Two weeks in: how is it going?</p>",
            questions=[
                ("question", "What got in the way the last time you gave feedback?"),
                ("question", "Who gives feedback well <and> how do they open?"),
            ],
            window_days=7,
        )
    )


@pytest.mark.django_db
def test_a_discussion_step_is_emailed_with_its_questions_and_opens_a_thread(
    discussion, step_cohort
):
    cohort = step_cohort(discussion, learners=2)

    assert drip_tick(now=DUE).sent == 2

    [thread] = Thread.objects.all()
    assert (thread.cohort, thread.kind) == (cohort, ThreadKind.DISCUSSION)
    assert thread.source_page_id == discussion.pk
    assert thread.title == "Feedback in your team"
    assert thread.body_html == (
        "<ol><li>What got in the way the last time you gave feedback?</li>"
        "<li>Who gives feedback well &lt;and&gt; how do they open?</li></ol>"
    )
    message = mail.outbox[0]
    assert message.subject == "Let's discuss: Feedback in your team"
    html = html_of(message)
    assert "What got in the way the last time you gave feedback?" in html
    assert "Who gives feedback well &lt;and&gt; how do they open?" in html
    assert "Two weeks in: how is it going?" in html
    assert "open for 7 days" in html
    [url] = links(html, "Join the discussion")
    assert resolves_to_thread(url, thread)
    assert "1. What got in the way the last time you gave feedback?" in message.body
    assert "2. Who gives feedback well <and> how do they open?" in message.body
    assert f"Join the discussion: {url}" in message.body
    assert "open for 7 days" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def _loaded_batch(pages, *, cohorts):
    """One delivery per cohort and page, loaded as the dispatcher loads them."""
    deliveries = []
    for cohort in cohorts:
        enrollment = EnrollmentFactory(cohort=cohort)
        for page in pages:
            delivery = Delivery.objects.create(
                enrollment=enrollment, page=page, local_date=DUE.date(), due_at=DUE
            )
            deliveries.append(delivery)
    return list(
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).select_related(
            "enrollment__learner", "enrollment__cohort__program", "page"
        )
    )


@pytest.mark.django_db
def test_opening_threads_costs_two_queries_per_batch_whatever_its_size(
    topic, discussion, django_assert_num_queries
):
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    pages = {p.pk: p.specific for p in (booster, discussion)}

    def batch(cohort_count):
        deliveries = _loaded_batch(
            pages.values(), cohorts=CohortFactory.create_batch(cohort_count)
        )
        for delivery in deliveries:
            delivery.page = pages[delivery.page_id]
        return deliveries

    small, large = batch(1), batch(12)
    with django_assert_num_queries(2):
        discussion_threads_ensure(deliveries=small)
    with django_assert_num_queries(2):
        discussion_threads_ensure(deliveries=large)
    assert Thread.objects.count() == 2 * 13
    assert all(d.discussion_url for d in small + large)


@pytest.mark.django_db
def test_loading_a_batch_of_discussion_steps_prefetches_nothing_per_delivery(
    discussion, django_assert_max_num_queries
):
    small = _loaded_batch([discussion], cohorts=CohortFactory.create_batch(1))
    large = _loaded_batch([discussion], cohorts=CohortFactory.create_batch(15))

    with django_assert_max_num_queries(10) as small_queries:
        delivery_pages_load(deliveries=small)
    with django_assert_max_num_queries(len(small_queries)):
        delivery_pages_load(deliveries=large)
    assert all(isinstance(d.page, DiscussionPage) for d in large)
    assert len({id(d.page) for d in large}) == 1  # one shared instance


@pytest.mark.django_db
def test_if_opening_threads_fails_the_emails_still_go_without_the_link(
    topic, step_cohort, monkeypatch, caplog
):
    def broken(page):
        raise RuntimeError("boom")

    monkeypatch.setattr("community.prompts.thread_source", broken)
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    step_cohort(booster)

    assert drip_tick(now=DUE).sent == 1

    assert "Discuss with your cohort" not in html_of(mail.outbox[0])
    assert "Delivery batch hook" in caplog.text


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.fixture
def discussion_link(topic, step_cohort):
    """The "Discuss with your cohort" link of a booster email, its thread and learner."""
    booster = booster_with_choices(parent=topic, discussion_prompt=PROMPT)
    cohort = step_cohort(booster)
    drip_tick(now=DUE)
    [url] = links(html_of(mail.outbox[0]), "Discuss with your cohort")
    thread = Thread.objects.get(cohort=cohort, source_page=booster)
    return url, thread, cohort.enrollments.get().learner


@pytest.mark.django_db
def test_the_emails_discussion_link_signs_the_learner_in_with_one_tap(
    client, discussion_link
):
    from boosters.learners.sign_in import LEARNER_SESSION_KEY

    url, thread, learner = discussion_link

    # Opening it (a mail scanner does too) only shows the one button.
    page = client.get(path_of(url))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Continue to the discussion</button>" in html
    assert ">Sign in</a>" not in html  # the header doesn't send them elsewhere
    assert "<script" not in html  # nothing submits it but a person's tap
    assert LEARNER_SESSION_KEY not in client.session

    tapped = client.post(path_of(url), follow=True)

    assert tapped.redirect_chain == [(urlsplit(thread_path_of(thread)).path, 302)]
    assert client.session[LEARNER_SESSION_KEY] == learner.pk
    assert PROMPT in tapped.content.decode()


def thread_path_of(thread: Thread) -> str:
    from django.urls import reverse

    return reverse(
        "community_thread",
        kwargs={"cohort_slug": thread.cohort.slug, "thread_id": thread.pk},
    )


@pytest.mark.django_db
def test_a_signed_in_learner_goes_straight_to_the_thread(client, discussion_link):
    from boosters.learners.sign_in import LEARNER_SESSION_KEY

    url, thread, learner = discussion_link
    session = client.session
    session[LEARNER_SESSION_KEY] = learner.pk
    session.save()

    response = client.get(path_of(url), follow=True)

    assert response.redirect_chain == [(thread_path_of(thread), 302)]
    assert PROMPT in response.content.decode()


@pytest.mark.django_db
def test_a_tampered_or_expired_discussion_link_gets_the_friendly_page(
    client, discussion_link, settings
):
    url, _, _ = discussion_link
    parts = urlsplit(url)
    tampered = parts.path.replace("/sign-in/", "/sign-in/x") + "?" + parts.query

    assert client.get(tampered).status_code == 400
    assert client.post(tampered).status_code == 400
    assert "Get a new sign-in link" in client.get(tampered).content.decode()

    settings.HUB_ANSWER_LINK_MAX_AGE = dt.timedelta(seconds=-1)
    expired = client.get(path_of(url))
    assert expired.status_code == 410
    assert "This sign-in link has expired" in expired.content.decode()
