"""factory_boy factories for cohort spaces, used by the tests."""

import datetime

import factory

from boosters.factories import CohortFactory, LearnerFactory
from community.models import HelpfulMark, Post, Thread, ThreadKind

# A fixed moment, so tests say "now" explicitly when time matters.
CREATED_AT = datetime.datetime(2026, 3, 10, 14, 0, tzinfo=datetime.UTC)


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread a learner started; pass ``author`` a member of ``cohort``."""

    cohort = factory.SubFactory(CohortFactory)
    kind = ThreadKind.LEARNER
    title = factory.Sequence(lambda n: f"How do I give feedback to my manager? ({n})")
    body_html = "<p>My manager interrupts in meetings. How did you raise it?</p>"
    author = factory.SubFactory(LearnerFactory)
    created_at = CREATED_AT
    last_activity_at = factory.SelfAttribute("created_at")

    class Meta:
        model = Thread


class PostFactory(factory.django.DjangoModelFactory):
    """A learner's reply in a thread."""

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(LearnerFactory)
    body_html = "<p>I asked for five minutes after the meeting and described it.</p>"
    created_at = CREATED_AT

    class Meta:
        model = Post


class HelpfulMarkFactory(factory.django.DjangoModelFactory):
    post = factory.SubFactory(PostFactory)
    learner = factory.SubFactory(LearnerFactory)
    created_at = CREATED_AT

    class Meta:
        model = HelpfulMark
