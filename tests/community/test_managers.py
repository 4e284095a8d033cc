"""Line managers get a weekly digest of their team's learning, within privacy rules."""

import datetime as dt
import json
import re
import time
from zoneinfo import ZoneInfo

from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

import pytest

from boosters.analytics.privacy import GROUP_MINIMUM
from boosters.drip.emails import NotSendable
from boosters.drip.tokens import unsubscribe_token
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    booster_with_choices,
)
from boosters.models import (
    Answer,
    AnswerChannel,
    Delivery,
    DeliveryStatus,
    EnrollmentStatus,
    Manager,
    Notice,
    NoticeKind,
)
from community.managers.digest import manager_digest_message
from community.managers.services import (
    EVERGREEN_STARTERS,
    TRANSFER_TIPS,
    digest_due,
    manager_digest,
    manager_digests_plan,
    manager_team,
    managers_sync,
)
from community.managers.tokens import (
    manager_optout_token,
    manager_page_token,
)
from community.managers.weeks import digest_week
from community.pages import DiscussionPage
from home.factories import ArticlePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

RAVI = "ravi@example.com"
SINGAPORE = ZoneInfo("Asia/Singapore")
# Monday 9 March 2026, 08:00 in Singapore: the digest of the week before.
DIGEST_AT = dt.datetime(2026, 3, 9, 0, 0, tzinfo=dt.UTC)
MIDWEEK = dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC)  # Wednesday
LAST_WEEK = dt.datetime(2026, 2, 25, 2, 0, tzinfo=dt.UTC)  # before the window
# The week that digest covers: Monday 2 to Sunday 8 March, in Singapore.
COVERED_MONDAY = dt.date(2026, 3, 2)


@pytest.fixture
def question(topic):
    return booster_with_choices(
        parent=topic,
        title="Naming the behaviour",
        discussion_prompt="When did specific feedback change how you work?",
    )


@pytest.fixture
def article(topic):
    return ArticlePageFactory(parent=topic, title="Start with the situation")


@pytest.fixture
def cohort():
    return CohortFactory(
        program=ProgramFactory(name="Feedback that lands"),
        time_zone="Asia/Singapore",
        name="Singapore, spring",
    )


def team_of(size, *, cohort, manager_email=RAVI, share=(), **learner):
    """``size`` enrolments of learners who name ``manager_email`` as manager."""
    return [
        EnrollmentFactory(
            cohort=cohort,
            learner__first_name=f"Person{index}",
            learner__manager_email=manager_email,
            learner__manager_name="Ravi Kumar",
            learner__share_results_with_manager=index in share,
            **{f"learner__{key}": value for key, value in learner.items()},
        )
        for index in range(size)
    ]


def sent(enrollment, page, *, at=MIDWEEK):
    return Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        status=DeliveryStatus.SENT,
        due_at=at,
        sent_at=at,
        local_date=at.date(),
    )


def answered(delivery, *, correct, at=MIDWEEK, showing=1):
    page = delivery.page.specific
    choice = page.choices.filter(is_correct=correct).first()
    return Answer.objects.create(
        delivery=delivery,
        learner=delivery.enrollment.learner,
        page=page,
        choice=choice,
        choice_text=choice.text,
        is_correct=correct,
        showing=showing,
        channel=AnswerChannel.EMAIL,
        answered_at=at + dt.timedelta(hours=1),
    )


def ravi():
    managers_sync()
    return Manager.objects.get(email__iexact=RAVI)


def page_url(manager, *, week=None):
    token = manager_page_token(manager, week=week)
    return reverse("manager_page", kwargs={"token": token})


def optout_url(manager):
    return reverse("manager_optout", kwargs={"token": manager_optout_token(manager)})


# Managers from the roster


def test_managers_are_synced_from_the_roster_whatever_the_case_of_the_email(cohort):
    team_of(2, cohort=cohort, manager_email="Ravi@Example.com")
    team_of(1, cohort=cohort, manager_email="ravi@example.COM")
    EnrollmentFactory(cohort=cohort)  # no manager on the roster

    assert managers_sync() == 1
    (manager,) = Manager.objects.all()
    assert manager.email.lower() == RAVI
    assert manager.name == "Ravi Kumar"
    assert manager.time_zone == "Asia/Singapore"
    assert manager_team(manager=manager).count() == 3
    assert managers_sync() == 0  # idempotent


def test_a_manager_is_timed_in_the_most_common_zone_of_their_people(cohort):
    team_of(2, cohort=cohort)  # the cohort's zone: Singapore
    team_of(1, cohort=cohort, time_zone="Europe/London")
    assert ravi().time_zone == "Asia/Singapore"

    team_of(2, cohort=cohort, time_zone="Europe/London")
    managers_sync()
    assert Manager.objects.get().time_zone == "Europe/London"


def test_withdrawn_learners_are_not_on_the_team(cohort):
    stays, leaves = team_of(2, cohort=cohort)
    leaves.status = EnrollmentStatus.WITHDRAWN
    leaves.save()
    assert list(manager_team(manager=ravi())) == [stays.learner]


def test_syncing_few_queries_however_large_the_roster(
    cohort, django_assert_max_num_queries
):
    team_of(3, cohort=cohort)
    for index in range(20):
        team_of(2, cohort=cohort, manager_email=f"boss{index}@example.com")
    with django_assert_max_num_queries(6):
        assert managers_sync() == 21


# Digest content


def test_the_digest_lists_the_weeks_items_with_links_starters_and_a_tip(
    cohort, question, article, topic
):
    discussion = topic.add_child(
        instance=DiscussionPage(
            title="Feedback in your team",
            intro="<p>Talk it over.</p>",
            questions=[
                ("question", "What got in the way last time?"),
                ("question", "Who gives feedback well, and how?"),
            ],
        )
    )
    first, second = team_of(2, cohort=cohort)
    sent(first, question)
    sent(second, question, at=MIDWEEK + dt.timedelta(hours=3))
    sent(first, article, at=MIDWEEK + dt.timedelta(days=1))
    sent(second, discussion, at=MIDWEEK + dt.timedelta(days=2))
    old = ArticlePageFactory(parent=topic, title="Last week's article")
    sent(first, old, at=LAST_WEEK)

    digest = manager_digest(manager=ravi(), now=DIGEST_AT)

    assert [(item.title, item.type_label) for item in digest.items] == [
        ("Naming the behaviour", "Booster question"),
        ("Start with the situation", "Article"),
        ("Feedback in your team", "Discussion question"),
    ]
    assert (
        digest.items[0].url
        == "http://127.0.0.1:8000/giving-feedback/naming-the-behaviour/"
    )
    assert [str(starter) for starter in digest.starters] == [
        "When did specific feedback change how you work?",
        "What got in the way last time?",
        "Who gives feedback well, and how?",
    ]
    assert digest.tip in TRANSFER_TIPS
    assert digest.program_titles == ["Feedback that lands"]


def test_without_prompts_the_digest_offers_evergreen_starters(cohort, article):
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, article)
    digest = manager_digest(manager=ravi(), now=DIGEST_AT)
    assert len(digest.starters) == 2
    assert {starter.text for starter in digest.starters} <= set(EVERGREEN_STARTERS)
    assert {starter.topic_id for starter in digest.starters} == {None}


def test_the_tip_changes_from_week_to_week(cohort):
    team_of(1, cohort=cohort)
    manager = ravi()
    tips = {
        manager_digest(manager=manager, now=DIGEST_AT + dt.timedelta(weeks=n)).tip
        for n in range(len(TRANSFER_TIPS))
    }
    assert len(TRANSFER_TIPS) >= 8
    assert tips == set(TRANSFER_TIPS)


@pytest.mark.parametrize("size", [1, GROUP_MINIMUM - 1])
def test_team_figures_are_not_shown_for_teams_smaller_than_five(cohort, question, size):
    for enrollment in team_of(size, cohort=cohort):
        answered(sent(enrollment, question), correct=True)

    digest = manager_digest(manager=ravi(), now=DIGEST_AT)
    assert digest.results.group is None
    message = manager_digest_message(notice_for(ravi()))
    assert "Team figures appear once at least 5 people" in message.body
    assert "first answers right" not in message.body
    assert "answered at least one question" not in message.body


def test_team_figures_are_shown_from_five_learners(cohort, question, topic):
    other_topic = TopicPageFactory(parent=topic.get_parent(), title="Listening")
    other = booster_with_choices(parent=other_topic, title="Paraphrase first")
    team = team_of(6, cohort=cohort)
    for index, enrollment in enumerate(team[:5]):
        answered(sent(enrollment, question), correct=index < 2)
    answered(sent(team[1], other), correct=True)
    repeat = sent(team[2], other)
    repeat.showing = 2
    repeat.save()
    answered(repeat, correct=False, showing=2)  # a repeat is not a first answer
    # Not this week:
    answered(sent(team[5], other, at=LAST_WEEK), correct=False, at=LAST_WEEK)

    group = manager_digest(manager=ravi(), now=DIGEST_AT).results.group

    # 5 of 6 is banded with 6 of 6: no one can be told to have answered.
    assert (group.size, group.answered.part) == (6, None)
    assert group.answered.text == "all or all but one"
    # "Listening" had one person's first answer: showing it would reveal theirs.
    assert [(t.title, t.right.of_whole) for t in group.topics] == [
        ("Giving feedback", "2 of 5 (40%)"),
    ]
    body = manager_digest_message(notice_for(ravi())).body
    assert (
        "Of the 6 people on your team, all or all but one answered at least one "
        "question that week." in body
    )
    assert "- Giving feedback: 2 of 5 (40%) first answers right" in body
    assert "Listening" not in body


def test_participation_counts_people_who_answered_this_week(cohort, question):
    first, second, *_ = team_of(6, cohort=cohort)
    answered(sent(first, question), correct=True)
    answered(sent(second, question), correct=True)
    group = manager_digest(manager=ravi(), now=DIGEST_AT).results.group
    assert group.answered.of_whole == "2 of 6 (33%)"


def test_individual_results_appear_only_for_learners_who_opted_in(cohort, question):
    sharer, private = team_of(2, cohort=cohort, share={0})
    answered(sent(sharer, question), correct=True)
    answered(sent(private, question), correct=False)

    digest = manager_digest(manager=ravi(), now=DIGEST_AT)

    assert [
        (p.name, p.answered, p.correct_first_try) for p in digest.results.people
    ] == [(sharer.learner.full_name, 1, 1)]
    message = manager_digest_message(notice_for(ravi()))
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert sharer.learner.full_name in part
        assert private.learner.full_name not in part
        assert private.learner.email not in part


def test_building_a_digest_costs_the_same_queries_for_any_team_size(
    cohort, question, article, django_assert_max_num_queries
):
    def digest_for(manager_email, size):
        for enrollment in team_of(
            size, cohort=cohort, manager_email=manager_email, share={0, 1, 2}
        ):
            answered(sent(enrollment, question), correct=True)
            sent(enrollment, article)
        managers_sync()
        return Manager.objects.get(email=manager_email)

    small, large = digest_for("small@example.com", 3), digest_for("big@example.com", 15)
    manager_digest(manager=small, now=DIGEST_AT)  # warm the site root path cache
    with django_assert_max_num_queries(10) as small_queries:
        manager_digest(manager=small, now=DIGEST_AT)
    with django_assert_max_num_queries(len(small_queries)):
        digest = manager_digest(manager=large, now=DIGEST_AT)
    assert digest.results.group.size == 12  # the 3 who share are counted apart


# Privacy: nobody who didn't opt in can be worked out


def text_of(html):
    """What a reader sees of ``html`` (not its inline styles)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def team_section(message):
    """The "How the team is doing" part of the email's text."""
    body = message.body
    return body[body.index("HOW THE TEAM IS DOING") : body.index("Your team page")]


def test_four_sharers_beside_one_private_learner_give_nothing_of_theirs_away(
    cohort, question
):
    *sharers, private = team_of(5, cohort=cohort, share={0, 1, 2, 3})
    for enrollment in sharers:
        answered(sent(enrollment, question), correct=True)
    delivery = sent(private, question)

    sections = {}
    sections["no answer"] = team_section(manager_digest_message(notice_for(ravi())))
    answer = answered(delivery, correct=True)
    sections["right"] = team_section(manager_digest_message(notice_for(ravi())))
    answer.delete()
    answered(delivery, correct=False)
    message = manager_digest_message(notice_for(ravi()))
    sections["wrong"] = team_section(message)

    # The manager reads the same note whatever the private learner did.
    assert sections["no answer"] == sections["right"] == sections["wrong"]
    assert (
        "Figures for the rest of your team appear once at least 5"
        in (sections["wrong"])
    )
    assert "answered at least one question" not in sections["wrong"]
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert sharers[0].learner.full_name in part
        assert private.learner.full_name not in part


def test_a_team_of_six_all_right_is_not_shown_as_everyone_right(cohort, question):
    team = team_of(6, cohort=cohort)
    deliveries = [sent(enrollment, question) for enrollment in team]
    answers = [answered(delivery, correct=True) for delivery in deliveries]

    message = manager_digest_message(notice_for(ravi()))
    all_right = team_section(message)

    html = text_of(message.alternatives[0][0])
    for part in (all_right, html):
        assert "100%" not in part
        assert "6 of 6" not in part
    assert (
        "Of the 6 people on your team, all or all but one answered at least one "
        "question that week." in all_right
    )
    assert "Giving feedback: all or all but one of 6 first answers right" in all_right
    # Had one of them got it wrong, the manager would read the very same note.
    answers[0].delete()
    answered(deliveries[0], correct=False)
    assert team_section(manager_digest_message(notice_for(ravi()))) == all_right


def test_team_figures_beside_named_sharers_count_only_the_others(cohort, question):
    team = team_of(10, cohort=cohort, share={0, 1, 2, 3, 4})
    for index, enrollment in enumerate(team):
        # The five sharers all right; of the five others, two.
        answered(sent(enrollment, question), correct=index < 7)

    section = team_section(manager_digest_message(notice_for(ravi())))

    assert "Of the 5 people on your team who keep their results to themselves" in (
        section
    )
    assert "Giving feedback: 2 of 5 (40%) first answers right" in section
    # A team-wide 7 of 10 minus the five named rights would be the others' 2.
    assert "of 10" not in section
    for enrollment in team[:5]:
        assert f"{enrollment.learner.full_name}: answered 1, right first time 1" in (
            section
        )


def test_the_manager_page_follows_the_same_rules(client, cohort, question):
    for enrollment in team_of(6, cohort=cohort):
        answered(sent(enrollment, question), correct=True)

    html = text_of(client.get(page_url(ravi(), week=COVERED_MONDAY)).content.decode())

    assert "100%" not in html
    assert "6 of 6" not in html
    assert "all or all but one of 6" in html
    assert (
        "Of the 6 people on your team, all or all but one answered at least one "
        "question that week." in html
    )


# The email


def notice_for(manager, *, due_at=DIGEST_AT):
    return Notice(kind=NoticeKind.MANAGER_DIGEST, manager=manager, due_at=due_at)


def test_the_digest_email_has_the_page_link_and_one_click_opt_out(cohort, question):
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, question)
    manager = ravi()

    message = manager_digest_message(notice_for(manager))

    assert message.subject == "Your team's learning: week of 2 March"
    assert message.to == [manager.email]
    html = message.alternatives[0][0]
    assert "http://127.0.0.1:8000/managers/" in message.body
    assert "You get this because people on your team are in Feedback that lands" in html
    assert "Naming the behaviour" in html
    web, mailto = message.extra_headers["List-Unsubscribe"].split(", ")
    assert web == f"<http://127.0.0.1:8000{optout_url(manager)}>"
    assert mailto.startswith("<mailto:unsubscribe@")
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )


def test_no_digest_is_sent_for_a_week_with_nothing_new(cohort, question):
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, question, at=LAST_WEEK)
    with pytest.raises(NotSendable, match="Nothing went out"):
        manager_digest_message(notice_for(ravi()))


def test_the_digest_greets_ravi_and_names_the_week_and_the_programs_title(
    cohort, question
):
    cohort.program.name = "FTL 2026 wave 1"
    cohort.program.public_title = "Feedback that lands"
    cohort.program.save()
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, question)

    message = manager_digest_message(notice_for(ravi()))

    html = text_of(message.alternatives[0][0])
    for part in (message.body, html):
        assert "Hi Ravi," in part
        assert "Ravi Kumar" not in part
        assert "FTL 2026" not in part
    assert (
        "Here's what the 1 person on your team in Feedback that lands was sent "
        "and did in the week of Monday 2 to Sunday 8 March." in message.body
    )
    assert (
        "Week of Monday 2 to Sunday 8 March Hi Ravi, Here's what the 1 person on "
        "your team in Feedback that lands was sent and did that week." in html
    )
    assert "You get this because people on your team are in Feedback that lands" in (
        html
    )


def test_without_a_public_title_or_a_name_the_digest_uses_the_programs_name_and_hi(
    cohort, question
):
    cohort.program.name = "Listening well"
    cohort.program.save()
    (enrollment,) = team_of(1, cohort=cohort)
    enrollment.learner.manager_name = ""
    enrollment.learner.save()
    sent(enrollment, question)

    body = manager_digest_message(notice_for(ravi())).body

    assert body.startswith("Hi,\n")
    assert "on your team in Listening well was sent" in body


def test_the_digest_counts_monday_to_sunday_on_the_managers_calendar(
    cohort, topic, question
):
    (enrollment,) = team_of(1, cohort=cohort)
    singapore = dt.timedelta(hours=8)
    for title, local in [
        ("Sunday night before", dt.datetime(2026, 3, 1, 23, 30)),
        ("First thing Monday", dt.datetime(2026, 3, 2, 0, 30)),
        ("Last thing Sunday", dt.datetime(2026, 3, 8, 23, 30)),
        ("Monday of the send", dt.datetime(2026, 3, 9, 0, 30)),
    ]:
        at = (local - singapore).replace(tzinfo=dt.UTC)
        sent(enrollment, ArticlePageFactory(parent=topic, title=title), at=at)

    digest = manager_digest(manager=ravi(), now=DIGEST_AT)

    assert [item.title for item in digest.items] == [
        "First thing Monday",
        "Last thing Sunday",
    ]
    assert digest.week.label == "Week of Monday 2 to Sunday 8 March"


def page_link_in(message):
    return re.search(
        r"http://127\.0\.0\.1:8000(/managers/(?!talked/)[^/\s]+/)", message.body
    )[1]


def test_the_page_link_in_an_email_opens_that_emails_week(client, cohort, question):
    team = team_of(6, cohort=cohort)
    for enrollment in team:
        answered(sent(enrollment, question), correct=True)
    message = manager_digest_message(notice_for(ravi()))
    # Weeks later, with more sent since, the link still shows the email's week.
    sent(
        team[0],
        ArticlePageFactory(parent=question.get_parent(), title="Later"),
        at=DIGEST_AT + dt.timedelta(days=2),
    )

    response = client.get(page_link_in(message))

    html = text_of(response.content.decode())
    assert response.status_code == 200
    assert "Week of Monday 2 to Sunday 8 March" in html
    assert (
        "Hi Ravi. Here's what the 6 people on your team in Feedback that lands "
        "were sent and did that week." in html
    )
    assert "Naming the behaviour" in html
    assert "Later" not in html
    assert team_section(message).split("\n")[1] in html  # the email's figures
    assert "See this week so far" in html


def test_the_manager_page_shows_this_week_so_far_and_the_way_back(
    client, cohort, question
):
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, question)  # in March
    sent(
        enrollment,
        ArticlePageFactory(parent=question.get_parent(), title="Just now"),
        at=dt.datetime.now(dt.UTC),
    )
    url = page_url(ravi(), week=COVERED_MONDAY)

    response = client.get(url, {"week": "current"})

    html = text_of(response.content.decode())
    assert "This week so far, since Monday" in html
    assert "Just now" in html
    assert "Naming the behaviour" not in html
    assert f'href="{url}"' in response.content.decode()
    assert "Back to the week of Monday 2 to Sunday 8 March" in html


def test_an_old_link_without_a_week_shows_the_latest_full_week(
    client, cohort, question
):
    (enrollment,) = team_of(1, cohort=cohort)
    now = dt.datetime.now(dt.UTC)
    last_week = digest_week(now=now, zone=SINGAPORE)
    sent(enrollment, question, at=last_week.start + dt.timedelta(days=3))
    sent(
        enrollment,
        ArticlePageFactory(parent=question.get_parent(), title="This week's"),
        at=last_week.end + dt.timedelta(minutes=1),
    )

    response = client.get(page_url(ravi()))

    html = text_of(response.content.decode())
    assert response.status_code == 200
    assert last_week.label in html
    assert "Naming the behaviour" in html
    assert "This week's" not in html


# Opting out


def test_an_opted_out_manager_gets_no_digest(cohort, question):
    (enrollment,) = team_of(1, cohort=cohort)
    sent(enrollment, question)
    manager = ravi()
    manager.opted_out_at = MIDWEEK
    manager.save()

    assert manager_digests_plan(now=DIGEST_AT) == 0
    with pytest.raises(NotSendable, match="opted out"):
        manager_digest_message(notice_for(manager))


def test_the_opt_out_link_only_asks_to_confirm(client, cohort):
    team_of(1, cohort=cohort)
    manager = ravi()
    response = client.get(optout_url(manager))
    assert response.status_code == 200
    assert b"Stop the weekly notes" in response.content
    manager.refresh_from_db()
    assert manager.opted_out_at is None


def test_a_one_click_post_opts_the_manager_out_and_cancels_queued_digests(cohort):
    team_of(1, cohort=cohort)
    manager = ravi()
    manager_digests_plan(now=DIGEST_AT - dt.timedelta(hours=4))
    # Mail providers POST without cookies or a CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(
        optout_url(manager), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    manager.refresh_from_db()
    assert manager.opted_out_at is not None
    assert Notice.objects.get().status == DeliveryStatus.CANCELLED


def test_a_tampered_opt_out_link_gets_a_clear_400(client, cohort):
    team_of(1, cohort=cohort)
    token = manager_optout_token(ravi())
    response = client.post(reverse("manager_optout", kwargs={"token": token + "x"}))
    assert response.status_code == 400
    assert Manager.objects.get().opted_out_at is None


# The manager page


def test_the_manager_page_shows_only_that_managers_people(client, cohort, question):
    (mine,) = team_of(1, cohort=cohort, share={0}, last_name="Mine")
    (theirs,) = team_of(
        1,
        cohort=cohort,
        manager_email="other@example.com",
        share={0},
        last_name="Theirs",
    )
    answered(sent(mine, question), correct=True)
    answered(sent(theirs, question), correct=True)

    response = client.get(page_url(ravi(), week=COVERED_MONDAY))

    assert response.status_code == 200
    assert mine.learner.full_name in response.content.decode()
    assert theirs.learner.full_name not in response.content.decode()
    assert "Naming the behaviour" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


def swapped(token, payload):
    """``token`` with its signed payload replaced, keeping the signature."""
    data = signing.b64_encode(json.dumps(payload, separators=(",", ":")).encode())
    return data.decode() + token[token.index(":") :]


def forged(payload):
    return signing.dumps(payload, salt="not-the-page-salt", compress=False)


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(
            lambda m, o, learner: manager_page_token(m)[:-2] + "zz", id="tampered"
        ),
        pytest.param(
            lambda m, o, learner: swapped(manager_page_token(m), {"m": o.pk}),
            id="other-managers-id-swapped-in",
        ),
        pytest.param(
            lambda m, o, learner: forged({"m": o.pk}), id="forged-other-manager"
        ),
        pytest.param(lambda m, o, learner: manager_optout_token(o), id="opt-out-token"),
        pytest.param(
            lambda m, o, learner: unsubscribe_token(learner=learner), id="learner-token"
        ),
        pytest.param(lambda m, o, learner: "garbage", id="garbage"),
        pytest.param(
            lambda m, o, learner: swapped(
                manager_page_token(m, week=COVERED_MONDAY),
                {"m": m.pk, "w": "2026-02-23"},
            ),
            id="week-swapped",
        ),
    ],
)
def test_a_tampered_or_foreign_token_gets_400_never_anothers_page(
    client, cohort, make_token
):
    (mine,) = team_of(1, cohort=cohort, share={0}, last_name="Mine")
    (theirs,) = team_of(
        1,
        cohort=cohort,
        manager_email="other@example.com",
        share={0},
        last_name="Theirs",
    )
    managers_sync()
    manager = Manager.objects.get(email=RAVI)
    other = Manager.objects.get(email="other@example.com")

    token = make_token(manager, other, theirs.learner)
    response = client.get(reverse("manager_page", kwargs={"token": token}))

    assert response.status_code == 400
    assert theirs.learner.full_name not in response.content.decode()
    assert b"link isn't valid" in response.content


def test_an_expired_manager_page_link_gets_410_promising_next_weeks(
    client, cohort, monkeypatch
):
    team_of(1, cohort=cohort)
    url = page_url(ravi())
    later = time.time() + dt.timedelta(days=46).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.get(url)

    assert response.status_code == 410
    assert b"A new link comes with next week" in response.content


def test_the_manager_page_link_lasts_as_long_as_the_setting(
    client, cohort, monkeypatch, settings
):
    team_of(1, cohort=cohort)
    settings.HUB_MANAGER_LINK_MAX_AGE = dt.timedelta(days=60)
    url = page_url(ravi())
    later = time.time() + dt.timedelta(days=46).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.get(url).status_code == 200


# Planning


@pytest.mark.parametrize(
    ("now", "zone", "week", "due_at"),
    [
        # Sunday 20:00 UTC is already Monday 04:00 in Singapore.
        ("2026-03-08T20:00Z", "Asia/Singapore", "2026-W11", "2026-03-09T00:00Z"),
        # New York moved to EDT on Sunday 8 March: 08:00 EDT is 12:00 UTC.
        ("2026-03-10T15:00Z", "America/New_York", "2026-W11", "2026-03-09T12:00Z"),
        ("2026-03-15T23:59Z", "UTC", "2026-W11", "2026-03-09T08:00Z"),
    ],
)
def test_a_digest_is_due_at_monday_0800_local_in_the_iso_week(now, zone, week, due_at):
    parse = lambda value: dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # noqa: E731
    assert digest_due(now=parse(now), zone=ZoneInfo(zone)) == (week, parse(due_at))


def test_planning_queues_one_digest_a_week_per_manager(cohort):
    team_of(1, cohort=cohort)
    before_monday = DIGEST_AT - dt.timedelta(hours=4)  # Monday 04:00 in Singapore

    assert manager_digests_plan(now=before_monday) == 1
    assert manager_digests_plan(now=before_monday + dt.timedelta(hours=1)) == 0
    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.MANAGER_DIGEST
    assert notice.due_at == DIGEST_AT
    assert notice.dedupe_key == f"manager_digest:{notice.manager_id}:2026-W11"
    assert manager_digests_plan(now=DIGEST_AT + dt.timedelta(weeks=1)) == 1


def test_a_manager_first_seen_midweek_gets_this_weeks_digest_at_once(cohort):
    team_of(1, cohort=cohort)
    wednesday = DIGEST_AT + dt.timedelta(days=2)
    manager_digests_plan(now=wednesday)
    assert Notice.objects.get().due_at == DIGEST_AT  # already due


def test_a_manager_whose_people_all_left_gets_nothing(cohort):
    (enrollment,) = team_of(1, cohort=cohort)
    managers_sync()
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save()
    assert manager_digests_plan(now=DIGEST_AT) == 0


def test_drip_tick_at_the_digest_time_sends_digests_that_respect_privacy(
    cohort, question, capsys
):
    sharer, *others = team_of(6, cohort=cohort, share={0})
    pair = team_of(2, cohort=cohort, manager_email="small@example.com", share={0})
    for enrollment in [sharer, *others, *pair]:
        answered(sent(enrollment, question), correct=enrollment is not others[0])

    call_command("drip_tick", "--now", "2026-03-09T00:00Z")

    assert "Planned 2 manager digests," in capsys.readouterr().out
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {RAVI, "small@example.com"}
    for message in by_recipient.values():
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
        assert "/managers/opt-out/" in message.extra_headers["List-Unsubscribe"]
    big, small = by_recipient[RAVI].body, by_recipient["small@example.com"].body
    # The sharer (right) is named; the figures cover only the other five.
    assert (
        "Of the 5 people on your team who keep their results to themselves, "
        "all or all but one answered at least one question" in big
    )
    assert "Giving feedback: 4 of 5 (80%) first answers right" not in big
    assert "Giving feedback: all or all but one of 5 first answers right" in big
    assert sharer.learner.full_name in big
    assert others[0].learner.full_name not in big
    assert "Figures for the rest of your team appear once at least 5" in small
    assert pair[0].learner.full_name in small
    assert pair[1].learner.full_name not in small

    call_command("drip_tick", "--now", "2026-03-09T01:00Z")
    assert len(mail.outbox) == 2  # once a week


# The learner's choice


def test_a_learner_can_share_their_results_from_my_learning(client, cohort, sign_in):
    (enrollment,) = team_of(1, cohort=cohort)
    learner = enrollment.learner
    sign_in(client, learner)

    page = client.get(reverse("my_learning"))
    assert b"Share my results with my manager" in page.content

    response = client.post(reverse("learner_share_results"), {"share": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("my_learning"))
    learner.refresh_from_db()
    assert learner.share_results_with_manager is True

    client.post(reverse("learner_share_results"), {})
    learner.refresh_from_db()
    assert learner.share_results_with_manager is False


def test_sharing_needs_a_signed_in_learner_and_a_post(client, sign_in):
    learner = LearnerFactory()
    response = client.post(reverse("learner_share_results"), {"share": "on"})
    assert response.status_code == 302
    assert reverse("learner_sign_in") in response["Location"]
    sign_in(client, learner)
    assert client.get(reverse("learner_share_results")).status_code == 405


# Admin


def test_the_managers_admin_lists_managers_with_their_team_size(
    client, cohort, django_user_model
):
    team_of(3, cohort=cohort)
    managers_sync()
    client.force_login(
        django_user_model.objects.create_superuser("dana", "dana@example.com", "pw")
    )
    response = client.get("/admin/boosters/manager/")
    assert response.status_code == 200
    assert RAVI in response.content.decode()
    assert response.context["object_list"][0].team_total == 3
    manager = Manager.objects.get()
    assert (
        client.get(f"/admin/boosters/manager/inspect/{manager.pk}/").status_code == 200
    )
    # Nobody adds or edits managers by hand: Wagtail turns them away.
    refused = client.get("/admin/boosters/manager/create/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
