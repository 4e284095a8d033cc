"""The demo's line managers have talked some topics over with their teams."""

from django.test import Client

import pytest

from boosters.models import Learner
from community.managers.engagement import manager_engagement
from community.models import ManagerConversation
from demo.managers import demo_manager_conversations_ensure
from tests.demo.test_demo import demo, no_embed_requests, var_dir  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_managers_have_conversations_their_teams_see(demo, sign_in):  # noqa: F811
    talks = ManagerConversation.objects.select_related("manager", "topic")
    assert sorted(
        (t.manager.name, t.topic.title if t.topic else "the course") for t in talks
    ) == [
        ("Mei Lin", "Giving feedback"),
        ("Ravi Patel", "Giving feedback"),
        ("Ravi Patel", "Receiving feedback"),
        ("Ravi Patel", "the course"),
    ]
    assert demo_manager_conversations_ensure() == 0  # safe to run again

    engagement = manager_engagement(now=max(t.recorded_at for t in talks))
    assert engagement.managers == 4
    assert {t.name for t in engagement.without_conversations} == {
        "Tom Hughes",
        "Layla Aziz",
    }

    client = Client()
    sign_in(client, Learner.objects.get(email="ana.souza@example.com"))
    page = client.get("/learn/my-learning/").content.decode()
    assert "Your manager Ravi Patel talked about <strong>Giving feedback</strong>" in (
        page
    )
