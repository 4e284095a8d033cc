"""Helpers for the check-in tests: a program with a check-in, its email, and
the answer links in it."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

from django.core import mail

from wagtail.test.utils.form_data import nested_form_data, rich_text

from boosters.drip.dispatch import drip_tick
from boosters.factories import (
    ApplicationCheckInPageFactory,
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
)
from boosters.models import CheckInAnswer, Delivery, DeliveryStatus
from boosters.planning.sync import cohort_plan_sync

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
# New York cohort, anchor Wednesday 4 March 2026: day 0 goes at 09:00 EST.
DUE = dt.datetime(2026, 3, 4, 14, 0, tzinfo=dt.UTC)
CHECKIN_HREF = re.compile(
    r'<a[^>]*href="([^"]+/email/check-in/[^"]+)"[^>]*>([^<]+)</a>'
)


def check_in_page(topic, **kwargs):
    return ApplicationCheckInPageFactory(
        parent=topic,
        title=kwargs.pop("title", "Naming the situation"),
        behaviour=kwargs.pop("behaviour", "naming the situation first"),
        **kwargs,
    )


def check_in_cohort(page, *, learners: int = 1, **cohort_fields):
    step = ProgramStepFactory(page=page, day_offset=0)
    cohort = CohortFactory(
        program=step.program,
        anchor_date=dt.date(2026, 3, 4),
        name=cohort_fields.pop("name", "New York spring"),
        **cohort_fields,
    )
    for _ in range(learners):
        EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    return cohort


def send_due(now=DUE) -> list:
    mail.outbox = []
    drip_tick(now=now)
    return list(mail.outbox)


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def path_of(url: str) -> str:
    parts = urlsplit(unescape(url))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def answer_links(message) -> dict[str, str]:
    """Button text → the path of its check-in link, from the email's HTML."""
    return {
        unescape(text).strip(): path_of(href)
        for href, text in CHECKIN_HREF.findall(html_of(message))
    }


def check_in_page_data(page) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "behaviour": page.behaviour,
            "intro": rich_text("<p>Trying it once makes it easier.</p>"),
            "story_prompt": page.story_prompt,
            "booster": page.booster_id or "",
        }
    )


def answered(*, enrollment, page, consent, story, at):
    """A sent check-in delivery answered "tried" with ``story``."""
    delivery = Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        status=DeliveryStatus.SENT,
        due_at=at,
        sent_at=at,
        local_date=at.date(),
    )
    return CheckInAnswer.objects.create(
        delivery=delivery,
        enrollment=enrollment,
        page=page,
        outcome="tried",
        answered_at=at,
        story=story,
        story_consent=consent,
        story_at=at,
    )
