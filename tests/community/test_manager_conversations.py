"""Managers say "we talked about it" from their digest; their team sees it on My
learning, and L&D sees manager engagement per team on the hub dashboard."""

import datetime as dt
import re
import time
from html import unescape
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Manager, Notice, NoticeKind
from community.managers.conversations import (
    learner_conversation_notes,
    manager_conversation_record,
)
from community.managers.digest import manager_digest_message
from community.managers.engagement import manager_engagement
from community.managers.services import managers_sync
from community.managers.tokens import manager_page_token, manager_talked_token
from community.models import ManagerConversation
from demo.drip import demo_facilitators_ensure
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import LD_GROUP, SME_GROUP, demo_review_workflow_ensure
from home.factories import ArticlePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

RAVI = "ravi@example.com"
MEI = "mei@example.com"
SINGAPORE = ZoneInfo("Asia/Singapore")
# Monday 9 March 2026, 08:00 in Singapore: the digest of the week before.
DIGEST_AT = dt.datetime(2026, 3, 9, 0, 0, tzinfo=dt.UTC)
MIDWEEK = dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC)
COVERED_MONDAY = dt.date(2026, 3, 2)
MY_LEARNING = "/learn/my-learning/"
TALKED_LINK = re.compile(r"http://127\.0\.0\.1:8000(/managers/talked/[^/\s\"]+/)")
OTHER_GROUPS = ["Editors", "Moderators", SME_GROUP, LD_GROUP, "Facilitators"]
PANEL = 'id="hub-manager-engagement-section"'


@pytest.fixture
def cohort():
    return CohortFactory(
        program=ProgramFactory(name="Feedback that lands"),
        time_zone="Asia/Singapore",
    )


@pytest.fixture
def question(topic):
    return booster_with_choices(
        parent=topic,
        title="Naming the behaviour",
        discussion_prompt="When did specific feedback change how you work?",
    )


@pytest.fixture
def other_topic(home_page):
    return TopicPageFactory(parent=home_page, title="Running one-to-ones")


def member(cohort, first_name, *, manager_email=RAVI):
    return EnrollmentFactory(
        cohort=cohort,
        learner__first_name=first_name,
        learner__manager_email=manager_email,
        learner__manager_name="Ravi Kumar" if manager_email == RAVI else "Mei Lin",
    )


def sent(enrollment, page, *, at=MIDWEEK):
    return Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        status=DeliveryStatus.SENT,
        due_at=at,
        sent_at=at,
        local_date=at.date(),
    )


def manager(email=RAVI):
    managers_sync()
    return Manager.objects.get(email__iexact=email)


def digest_email(manager):
    notice = Notice(kind=NoticeKind.MANAGER_DIGEST, manager=manager, due_at=DIGEST_AT)
    return manager_digest_message(notice)


def talked_url(manager, topic=None, *, week=COVERED_MONDAY):
    token = manager_talked_token(
        manager, week=week, topic_id=topic.pk if topic else None
    )
    return reverse("manager_talked", kwargs={"token": token})


def text_of(response):
    return " ".join(
        unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split()
    )


@pytest.fixture
def team(cohort, question):
    """Ravi's team: Ana and Ben were sent the question, Cleo nothing yet."""
    ana, ben, cleo = (member(cohort, name) for name in ("Ana", "Ben", "Cleo"))
    sent(ana, question)
    sent(ben, question)
    return ana.learner, ben.learner, cleo.learner


# The digest's links


def test_each_starter_in_the_digest_has_a_we_talked_about_it_link(
    team, question, topic
):
    message = digest_email(manager())
    html = message.alternatives[0][0]

    text_links = TALKED_LINK.findall(message.body)
    html_links = TALKED_LINK.findall(html)
    # The question's prompt, then evergreen starters to make up two.
    assert len(text_links) == 2
    assert html_links == text_links
    assert html.count(">We talked about it</a>") == 2
    topic_link, evergreen_link = text_links
    assert (
        "- When did specific feedback change how you work?\n"
        f"  We talked about it: http://127.0.0.1:8000{topic_link}" in message.body
    )
    assert topic_link != evergreen_link


def test_starters_on_the_same_topic_share_one_link(cohort, team, topic):
    ArticlePageFactory(parent=topic)  # the topic holds more than the question
    second = booster_with_choices(
        parent=topic, title="Asking", discussion_prompt="Who asks you well?"
    )
    sent(team[0].enrollments.get(), second)

    links = TALKED_LINK.findall(digest_email(manager()).body)

    assert len(links) == 2
    assert links[0] == links[1]


# Scanner safety and recording


def test_opening_the_link_records_nothing_and_asks(client, team, topic):
    url = TALKED_LINK.findall(digest_email(manager()).body)[0]

    for method in (client.get, client.head, client.get):
        response = method(url)
        assert response.status_code == 200
    page = text_of(client.get(url))

    assert ManagerConversation.objects.count() == 0
    assert "Did you talk about “Giving feedback” with your team?" in page
    assert "Yes, we talked about it" in page
    assert "Nothing is recorded until you press the button" in page
    assert client.get(url)["Referrer-Policy"] == "no-referrer"


def test_the_managers_pages_dont_offer_the_learners_sign_in(client, team, topic):
    ravi = manager()
    pages = [
        TALKED_LINK.findall(digest_email(ravi).body)[0],
        reverse(
            "manager_page",
            kwargs={"token": manager_page_token(ravi, week=COVERED_MONDAY)},
        ),
    ]

    for url in pages:
        html = client.get(url).content.decode()
        assert reverse("learner_sign_in") not in html, url
        assert "Sign in" not in html, url


def test_pressing_the_button_records_once_per_manager_topic_and_week(
    team, topic, other_topic
):
    ravi = manager()
    client = Client(enforce_csrf_checks=True)  # the manager has no session
    url = talked_url(ravi, topic)

    first = client.post(url)
    again = client.post(url)
    reopened = client.get(url)

    assert first.status_code == again.status_code == 200
    assert "Thanks, that's recorded" in text_of(first)
    assert "Already recorded" in text_of(again)
    assert "Pressing again changes nothing" in text_of(again)
    assert "Already recorded" in text_of(reopened)
    (conversation,) = ManagerConversation.objects.all()
    assert (conversation.manager, conversation.topic_id, conversation.week) == (
        ravi,
        topic.pk,
        COVERED_MONDAY,
    )
    # Another topic, or the next week's note, is another conversation.
    client.post(talked_url(ravi, other_topic))
    client.post(talked_url(ravi, topic, week=COVERED_MONDAY + dt.timedelta(days=7)))
    assert ManagerConversation.objects.count() == 3


def test_an_evergreen_starter_records_a_talk_about_the_course_for_the_whole_team(
    client, team
):
    ravi = manager()
    url = talked_url(ravi)

    assert "putting the course into practice" in text_of(client.get(url))
    client.post(url)
    client.post(url)

    (conversation,) = ManagerConversation.objects.all()
    assert conversation.topic is None
    assert set(conversation.learners.all()) == set(team)


def test_the_team_it_concerned_is_those_sent_the_topic(team, topic, cohort):
    ana, ben, cleo = team
    someone_elses = member(cohort, "Dev", manager_email=MEI)
    sent(someone_elses, topic.get_children().first().specific)

    conversation, created = manager_conversation_record(
        manager=manager(), week=COVERED_MONDAY, topic=topic, now=DIGEST_AT
    )
    again, created_again = manager_conversation_record(
        manager=manager(), week=COVERED_MONDAY, topic=topic, now=DIGEST_AT
    )

    assert (created, created_again) == (True, False)
    assert again == conversation
    assert set(conversation.learners.all()) == {ana, ben}


# Bad links


def test_a_tampered_link_gets_a_friendly_400_and_records_nothing(client, team, topic):
    url = talked_url(manager(), topic)
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        assert "This link isn't valid" in text_of(response)
    assert ManagerConversation.objects.count() == 0


def test_a_token_of_another_kind_is_not_a_talked_link(client, team):
    page_token = manager_page_token(manager(), week=COVERED_MONDAY)
    forged = signing.dumps(
        {"m": 999, "w": "2026-03-02"}, salt="community.manager-talked"
    )

    for token in (page_token, forged, "nonsense"):
        response = client.post(reverse("manager_talked", kwargs={"token": token}))
        assert response.status_code == 400
    assert ManagerConversation.objects.count() == 0


def test_an_expired_link_gets_410_and_records_nothing(client, team, topic, monkeypatch):
    url = talked_url(manager(), topic)
    later = time.time() + dt.timedelta(days=46).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(url)

    assert response.status_code == 410
    assert "Next week's team note brings new ones" in text_of(response)
    assert ManagerConversation.objects.count() == 0


def test_a_link_to_a_deleted_topic_says_so(client, team, other_topic):
    url = talked_url(manager(), other_topic)
    other_topic.delete()

    response = client.post(url)

    assert response.status_code == 404
    assert "This topic is no longer on the hub" in text_of(response)


# The manager page


def test_the_manager_page_offers_the_button_and_shows_what_was_recorded(
    client, team, topic
):
    ravi = manager()
    page = reverse(
        "manager_page",
        kwargs={"token": manager_page_token(ravi, week=COVERED_MONDAY)},
    )
    html = client.get(page).content.decode()
    assert (
        html.count('<form method="post" action="http://127.0.0.1:8000/managers/talked/')
        == 2
    )

    client.post(talked_url(ravi, topic))

    after = client.get(page)
    assert "✓ You talked about Giving feedback with your team" in text_of(after)
    assert after.content.decode().count("/managers/talked/") == 1


# My learning


def test_my_learning_shows_the_talk_to_the_team_it_concerned_only(
    sign_in, team, topic, cohort
):
    ana, ben, cleo = team
    client = Client()
    client.post(talked_url(manager(), topic))
    joined_later = member(cohort, "Finn").learner
    other_team = member(cohort, "Dev", manager_email=MEI).learner

    sign_in(client, ana)
    page = text_of(client.get(MY_LEARNING))
    assert "Talked over with your team" in page
    assert "Your manager Ravi Kumar talked about Giving feedback with the team on" in (
        page
    )
    today = timezone.now().astimezone(SINGAPORE).strftime("%-d %B %Y")
    assert f"with the team on {today}." in page

    for learner in (cleo, joined_later, other_team):
        other = Client()
        sign_in(other, learner)
        assert "Talked over with your team" not in text_of(other.get(MY_LEARNING))


def test_my_learning_notes_take_one_query_however_many_talks(
    team, topic, home_page, django_assert_max_num_queries
):
    ana = team[0]
    ravi = manager()
    for week in range(6):
        manager_conversation_record(
            manager=ravi,
            week=COVERED_MONDAY - dt.timedelta(weeks=week),
            topic=topic if week % 2 else None,
            now=DIGEST_AT - dt.timedelta(weeks=week),
        )

    with django_assert_max_num_queries(3):
        notes = learner_conversation_notes(learner=ana)

    assert len(notes) == 6
    assert notes[0].recorded_on == dt.date(2026, 3, 9)  # 08:00 in Singapore
    assert [note.topic_title for note in notes[:2]] == ["", "Giving feedback"]


def test_a_talk_about_an_unpublished_topic_is_not_shown(team, topic):
    manager_conversation_record(
        manager=manager(), week=COVERED_MONDAY, topic=topic, now=DIGEST_AT
    )
    topic.unpublish()

    assert learner_conversation_notes(learner=team[0]) == []


# The hub dashboard


@pytest.fixture
def demo_groups(home_page):
    demo_facilitators_ensure()
    demo_review_workflow_ensure()
    demo_ld_leads_ensure()


def admin_member(client, django_user_model, group_name):
    user = django_user_model.objects.create_user(
        f"member-{len(group_name)}", f"{len(group_name)}@example.com", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)


def test_ld_leads_see_manager_engagement_per_team(
    client, django_user_model, demo_groups, team, topic, cohort
):
    member(cohort, "Dev", manager_email=MEI)
    ravi = manager()
    manager_conversation_record(
        manager=ravi, week=COVERED_MONDAY, topic=topic, now=timezone.now()
    )
    admin_member(client, django_user_model, LD_LEADS_GROUP)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index(PANEL)
    panel = html[start : html.index("</section>", start)]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", panel)).split())

    assert "Managers in the loop" in text
    assert "1 of 2 managers talked with their team" in text
    assert "Ravi Kumar 3 0 1 1" in text  # team of 3, no notes sent yet, 1 talk
    assert "No conversation in 8 weeks: Mei Lin (team of 1, 0 notes sent)" in text
    # Managers' taps only: no learner's name or result, even for small teams.
    for name in ("Ana", "Ben", "Cleo", "Dev"):
        assert not re.search(rf"\b{name}\b", text)
    assert "answered" not in text and "right" not in text


@pytest.mark.parametrize("group_name", OTHER_GROUPS)
def test_other_demo_groups_do_not_see_manager_engagement(
    client, django_user_model, demo_groups, team, group_name
):
    admin_member(client, django_user_model, group_name)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert PANEL not in html
    assert "Managers in the loop" not in html


def test_engagement_takes_four_queries_however_many_managers(
    cohort, topic, django_assert_max_num_queries
):
    for index in range(12):
        member(cohort, f"P{index}", manager_email=f"boss{index}@example.com")
    managers_sync()
    for boss in Manager.objects.all()[:6]:
        manager_conversation_record(
            manager=boss, week=COVERED_MONDAY, topic=None, now=timezone.now()
        )

    with django_assert_max_num_queries(4):
        engagement = manager_engagement(now=timezone.now())

    assert engagement.managers == 12
    assert engagement.talking_recently == 6
    assert len(engagement.without_conversations) == 6
