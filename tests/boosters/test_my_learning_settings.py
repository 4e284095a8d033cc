"""My learning's email settings: pause for N weeks, resume, and the learner's
own time zone, each confirmed on the page in words.

These run on the real clock: the course starts tomorrow in São Paulo, so
every email is still to come whatever day the suite runs.
"""

import datetime as dt
import re
from html import unescape
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Learner, SubscriptionStatus
from boosters.planning.sync import enrollment_plan_sync

pytestmark = pytest.mark.django_db

MY_LEARNING = "/learn/my-learning/"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
LONDON = ZoneInfo("Europe/London")


def local_today(zone=SAO_PAULO) -> dt.date:
    return timezone.now().astimezone(zone).date()


def in_words(day: dt.date) -> str:
    words = f"{day:%A} {day.day} {day:%B}"
    return words if day.year == local_today().year else f"{words} {day.year}"


@pytest.fixture
def ana(topic):
    program = ProgramFactory()
    for day in range(3):
        ProgramStepFactory(
            program=program,
            day_offset=day,
            sort_order=day,
            page=booster_with_choices(parent=topic, title=f"Day {day}"),
        )
    cohort = CohortFactory(
        program=program,
        time_zone="America/Sao_Paulo",
        anchor_date=local_today() + dt.timedelta(days=1),
        working_days_only=False,
    )
    learner = LearnerFactory(first_name="Ana")
    enrollment = EnrollmentFactory(
        cohort=cohort, learner=learner, enrolled_at=timezone.now()
    )
    enrollment_plan_sync(enrollment=enrollment)
    return learner


@pytest.fixture
def ana_client(client, sign_in, ana):
    sign_in(client, ana)
    return client


def page(client) -> str:
    return unescape(client.get(MY_LEARNING).content.decode())


def first_pending(learner) -> dt.datetime:
    return (
        Delivery.objects.filter(
            enrollment__learner=learner, status=DeliveryStatus.PENDING
        )
        .order_by("due_at")
        .first()
        .due_at
    )


def test_pausing_for_two_weeks_says_until_when_in_words_and_moves_every_email(
    ana_client, ana
):
    response = ana_client.post("/learn/my-learning/pause/", {"weeks": "2"})

    assert response.status_code == 302
    assert response["Location"].endswith("/learn/my-learning/#email-settings")
    until = local_today() + dt.timedelta(weeks=2)
    html = page(ana_client)
    assert f"Paused until {in_words(until)}." in html
    # Said at the top too, so she needn't scroll past everything to find it.
    assert html.index(f"Your emails are paused until {in_words(until)}.") < (
        html.index('id="upcoming-heading"')
    )
    assert "Your emails start again that day" in html
    assert "Resume my emails now" in html
    assert 'pref-status--paused">Paused<' in html
    assert "Pause my emails for" not in html  # one pause at a time
    # The confirmation names the next email, after the pause, at 09:00 her time.
    next_local = first_pending(ana).astimezone(SAO_PAULO)
    assert next_local.date() == until and next_local.strftime("%H:%M") == "09:00"
    assert f"Your next email: {next_local:%a} {next_local.day} {next_local:%b}" in html


@pytest.mark.parametrize("weeks", ["5", "0", "-2", "two", ""])
def test_a_pause_the_page_does_not_offer_is_refused_with_a_message(
    ana_client, ana, weeks
):
    before = first_pending(ana)
    response = ana_client.post("/learn/my-learning/pause/", {"weeks": weeks})

    assert response.status_code == 302
    html = page(ana_client)
    assert "Choose how long to pause: 1, 2, 3, 4, 6, 8 weeks." in html
    assert "Nothing was changed." in html
    assert Learner.objects.get(pk=ana.pk).paused_until is None
    assert first_pending(ana) == before


def test_resume_now_brings_the_emails_back(ana_client, ana):
    before = first_pending(ana)
    ana_client.post("/learn/my-learning/pause/", {"weeks": "8"})
    assert "Paused until" in page(ana_client)
    assert first_pending(ana) > before

    ana_client.post("/learn/my-learning/resume/")

    html = page(ana_client)
    assert "Your emails are back on." in html
    assert "Paused until" not in html
    assert "Pause my emails for" in html
    assert first_pending(ana) == before  # tomorrow, 09:00, as planned


def test_the_time_zone_select_groups_zones_and_starts_on_the_cohorts(ana_client):
    html = page(ana_client)
    select = html[html.index('<select id="time-zone-select"') :]
    select = select[: select.index("</select>")]
    assert re.search(
        r'<option value="" selected>My cohort\'s time zone \(America/Sao_Paulo\)',
        select,
    )
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups[:2] == ["Africa", "America"] and "Europe" in groups
    assert '<option value="Europe/London">London (UTC' in select
    assert (
        '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires'
        in (select)
    )
    assert "Etc/GMT" not in select and "US/Eastern" not in select
    assert '<label for="time-zone-select">' in html


def test_choosing_a_time_zone_replans_and_confirms_the_next_emails_local_time(
    ana_client, ana
):
    response = ana_client.post(
        "/learn/my-learning/time-zone/", {"time_zone": "Europe/London"}
    )

    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.time_zone == "Europe/London"
    next_local = first_pending(ana).astimezone(LONDON)
    assert next_local.strftime("%H:%M") == "09:00"  # 09:00 in London now
    html = page(ana_client)
    when = f"{next_local:%a} {next_local.day} {next_local:%b}, 09:00"
    assert f"Times are now in Europe/London. Your next email: {when}" in html
    assert '<option value="Europe/London" selected>' in html


def test_an_unknown_time_zone_is_refused_and_changes_nothing(ana_client, ana):
    before = first_pending(ana)
    for bad in ("Atlantis/Capital", "Europe/Londres", "x" * 500):
        ana_client.post("/learn/my-learning/time-zone/", {"time_zone": bad})
        html = page(ana_client)
        assert "Choose a time zone from the list. Nothing was changed." in html
    # A NUL byte is turned away before the view (hub's NUL-byte rule).
    response = ana_client.post(
        "/learn/my-learning/time-zone/", {"time_zone": "Europe/London\x00"}
    )
    assert response.status_code == 400
    assert Learner.objects.get(pk=ana.pk).time_zone == ""
    assert first_pending(ana) == before


def test_going_back_to_the_cohorts_time_zone(ana_client, ana):
    ana_client.post("/learn/my-learning/time-zone/", {"time_zone": "Asia/Tokyo"})
    ana_client.post("/learn/my-learning/time-zone/", {"time_zone": ""})

    assert Learner.objects.get(pk=ana.pk).time_zone == ""
    assert "Times are now in America/Sao_Paulo." in page(ana_client)
    assert first_pending(ana).astimezone(SAO_PAULO).strftime("%H:%M") == "09:00"


def test_an_unsubscribed_learner_is_told_so_and_offered_no_pause(ana_client, ana):
    Learner.objects.filter(pk=ana.pk).update(
        subscription=SubscriptionStatus.UNSUBSCRIBED
    )
    html = page(ana_client)
    assert 'pref-status--off">Off<' in html
    assert "You unsubscribed" in html
    assert "Pause my emails for" not in html


def test_unsubscribe_is_offered_beside_pause(ana_client):
    html = page(ana_client)
    link = re.search(r'<a href="(/[^"]*unsubscribe/[^"]+/)">unsubscribe', html)
    assert link
    assert "Unsubscribe" in ana_client.get(link.group(1)).content.decode()


@pytest.mark.parametrize("path", ["pause/", "resume/", "time-zone/"])
def test_settings_need_a_signed_in_learner_and_a_post(client, ana_client, path):
    url = MY_LEARNING + path
    assert ana_client.get(url).status_code == 405
    client.logout()
    response = client.post(url, {"weeks": "2", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    assert "/learn/sign-in/" in response["Location"]


def test_the_settings_cost_a_few_queries_however_many_zones(
    ana_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        assert ana_client.get(MY_LEARNING).status_code == 200
