"""factory_boy factories for live sessions, used by the tests."""

import datetime

import factory
import wagtail_factories

from community.pages import DiscussionPage
from live_sessions.models import LiveSessionPage, SessionQuestion


class DiscussionPageFactory(wagtail_factories.PageFactory):
    """Two open-ended questions, open for a week."""

    title = factory.Sequence(lambda n: f"Before the clinic {n}")
    intro = "<p>Bring one real conversation.</p>"
    questions = [
        ("question", "What feedback conversation do you keep putting off?"),
        ("question", "What got in the way the last time?"),
    ]
    window_days = 7

    class Meta:
        model = DiscussionPage


class LiveSessionPageFactory(wagtail_factories.PageFactory):
    """A one-hour session on Tuesday 10 March 2026, 10:00 in New York
    (14:00 UTC), with a two-item agenda."""

    title = factory.Sequence(lambda n: f"Feedback clinic {n}")
    intro = "<p>Practise a hard conversation with colleagues from other offices.</p>"
    time_zone = "America/New_York"
    session_date = datetime.date(2026, 3, 10)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(11, 0)
    join_url = "https://meet.example.com/feedback-clinic"
    facilitator_name = "Dana Okafor"
    agenda = [
        (
            "item",
            {"title": "Your hardest conversation", "minutes": 20, "description": ""},
        ),
        ("item", {"title": "Practice in pairs", "minutes": 30, "description": ""}),
    ]
    practice_assignment = "<p>Use SBI in one real conversation this week.</p>"

    class Meta:
        model = LiveSessionPage


class SessionQuestionFactory(factory.django.DjangoModelFactory):
    text = "How do I give feedback to someone senior?"

    class Meta:
        model = SessionQuestion
