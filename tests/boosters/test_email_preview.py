"""Editors see the email a learner gets: an "Email" preview, test sends that
record nothing, and who a change to a live page will reach."""

import datetime as dt
import re

from django.core import mail
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.previews import (
    SAMPLE_COHORT_NAME,
    SAMPLE_PROGRAM_NAME,
    SHUFFLE_NOTE,
    email_preview_html,
)
from boosters.factories import (
    BoosterQuestionPageFactory,
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Answer, Delivery, Learner, SubscriptionStatus
from boosters.planning.page_impact import page_pending_sends
from boosters.planning.sync import cohort_plan_sync
from boosters.questions.pages import BoosterQuestionPage
from community.pages import DiscussionPage
from home.factories import ArticlePageFactory, ScreencastPageFactory
from tests.boosters.mail_backends import ScriptedBackend
from tests.media import sample_image, video_media
from tests.page_forms import (
    article_page_data,
    booster_page_data,
    screencast_page_data,
)

pytestmark = pytest.mark.django_db

ENROLLED = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
# New York cohort, course ends Monday 2 March 2026: day 0 goes at 09:00 EST.
DUE = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
SIGNED_LINK = re.compile(
    r"https?://[^\"'\s<>]*/(?:email/answer|email/unsubscribe|learn/sign-in"
    r"|community/[^/\"]+/threads)/[^\"'\s<>]+"
)


def discussion_page_data(page):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("<p>Feedback is a habit.</p>"),
            "questions": streamfield(
                [
                    ("question", "What got in the way last time?"),
                    ("question", "What helped?"),
                ]
            ),
            "window_days": 7,
        }
    )


def make_article(topic):
    return ArticlePageFactory(parent=topic, title="Open with the situation")


def make_screencast(topic):
    return ScreencastPageFactory(
        parent=topic,
        title="Logging a feedback note",
        video=video_media(duration=95),
        poster_image=sample_image(),
    )


def make_booster(topic):
    return booster_with_choices(parent=topic, title="An interrupting colleague")


def make_booster_without_choices(topic):
    # The editor form adds the choices (``booster_page_data``).
    return BoosterQuestionPageFactory(parent=topic, title="An interrupting colleague")


def make_discussion(topic):
    page = DiscussionPage(
        title="Feedback that changed things",
        slug="feedback-that-changed",
        intro="<p>Feedback is a habit.</p>",
        questions=[("question", "What got in the way?"), ("question", "What helped?")],
    )
    topic.add_child(instance=page)
    return page


PAGE_KINDS = {
    "article": (make_article, article_page_data),
    "screencast": (make_screencast, screencast_page_data),
    "booster": (make_booster_without_choices, booster_page_data),
    "discussion": (make_discussion, discussion_page_data),
}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("sam", "sam@example.com", "pw")
    client.force_login(user)
    return user


@pytest.fixture(params=list(PAGE_KINDS))
def page_and_data(request, topic):
    make, form_data = PAGE_KINDS[request.param]
    page = make(topic)
    return page, form_data(page)


def editor_email_preview(client, page, data) -> str:
    """What the editor's "Email" preview shows for the unsaved form ``data``."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = client.post(url, data)
    assert posted.json()["is_valid"], posted.json()
    response = client.get(url, {"mode": "email"})
    assert response.status_code == 200
    return response.content.decode()


def publish_in_editor(client, page, data):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**data, "action-publish": "publish"},
    )
    assert response.status_code == 302, response.context["form"].errors
    return page.specific_class.objects.get(pk=page.pk)


def as_saved(page, data) -> dict:
    """``data`` as the editor posts it once its inline choices are saved."""
    if not isinstance(page, BoosterQuestionPage):
        return data
    choices = list(page.choices.all())
    data = {**data, "choices-INITIAL_FORMS": str(len(choices))}
    for index, choice in enumerate(choices):
        data[f"choices-{index}-id"] = str(choice.pk)
    return data


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


CHOICE_BUTTON = re.compile(r'<a class="choice"[^>]*>[^<]*</a>')


def normalised(html: str, *, cohort_name: str, program_name: str) -> str:
    """The email with its signed links and personalisation replaced by markers,
    the preview's note left out and the choice buttons sorted (each learner, and
    the preview, has its own order)."""
    html = SIGNED_LINK.sub("SIGNED-LINK", html).replace(SHUFFLE_NOTE, "")
    buttons = iter(sorted(CHOICE_BUTTON.findall(html)))
    html = CHOICE_BUTTON.sub(lambda _: next(buttons), html)
    return html.replace(cohort_name, "COHORT").replace(program_name, "PROGRAM")


def button_texts(html: str) -> list[str]:
    return re.findall(r'<a class="choice"[^>]*>([^<]*)</a>', html)


def test_email_preview_renders_for_each_drippable_page_type(
    client, editor, page_and_data
):
    page, data = page_and_data

    html = editor_email_preview(client, page, data)

    assert html.startswith("<!DOCTYPE html>")
    assert page.title in html
    assert SAMPLE_COHORT_NAME in html
    assert "Unsubscribe from Learning Hub emails" in html


def test_web_page_preview_is_still_the_default(client, editor, topic):
    page = make_article(topic)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    client.post(url, article_page_data(page))

    response = client.get(url)

    assert "<!DOCTYPE html>" in response.content.decode()
    assert SAMPLE_COHORT_NAME not in response.content.decode()


def test_email_preview_matches_the_email_in_the_outbox(client, editor, page_and_data):
    page, data = page_and_data
    page = publish_in_editor(client, page, data)
    step = ProgramStepFactory(page=page, day_offset=0)
    cohort = CohortFactory(program=step.program, anchor_date=dt.date(2026, 3, 2))
    EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
    cohort_plan_sync(cohort=cohort)
    mail.outbox.clear()

    drip_tick(now=DUE)
    preview = editor_email_preview(client, page, as_saved(page, data))

    [sent] = mail.outbox
    assert normalised(
        html_of(sent), cohort_name=cohort.name, program_name=cohort.program.name
    ) == normalised(
        preview, cohort_name=SAMPLE_COHORT_NAME, program_name=SAMPLE_PROGRAM_NAME
    )


def test_email_preview_writes_no_learners_or_deliveries(topic):
    page = make_booster(topic)

    email_preview_html(page=page)

    assert not Learner.objects.exists()
    assert not Delivery.objects.exists()


def link_before(html: str, text: str) -> str:
    """The href of the link whose text starts with ``text``."""
    return re.search(rf'<a [^>]*href="([^"]+)"[^>]*>\s*{re.escape(text)}', html)[1]


def local(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def email_test_url(page):
    return reverse("home_page_email_test", args=[page.pk])


def test_send_me_a_test_asks_to_confirm_first(client, editor, topic):
    page = make_booster(topic)

    response = client.get(email_test_url(page))

    assert response.status_code == 200
    assert "sam@example.com" in response.content.decode()
    assert mail.outbox == []


def test_send_me_a_test_is_offered_in_the_editor(client, editor, topic):
    page = make_booster(topic)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert email_test_url(page) in response.content.decode()
    assert "Send me a test email" in response.content.decode()


def test_send_me_a_test_emails_the_latest_draft_to_the_editor(client, editor, topic):
    page = make_booster(topic)
    draft = page.get_latest_revision_as_object()
    draft.title = "Reworded question"
    draft.save_revision()

    response = client.post(email_test_url(page))

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["sam@example.com"]
    assert message.subject == "[Test] Quick question: Reworded question"
    assert "List-Unsubscribe" not in message.extra_headers


def test_links_in_a_test_email_record_nothing(client, editor, topic):
    page = make_booster(topic)
    client.post(email_test_url(page))
    link = local(link_before(html_of(mail.outbox[0]), "Describe the meeting"))

    opened = client.get(link)
    answered = client.post(link, {"choice": "0"})

    assert "This is a test link: nothing is recorded" in opened.content.decode()
    assert 'value="0" required checked' in opened.content.decode()
    assert answered.status_code == 200
    assert "This is a test link: nothing is recorded" in answered.content.decode()
    assert "You chose:" in answered.content.decode()
    assert Answer.objects.count() == 0
    assert Delivery.objects.count() == 0


def make_three_choice_booster(topic, **kwargs):
    return booster_with_choices(
        parent=topic,
        title="An interrupting colleague",
        wrong=("Tell them they are rude", "Say nothing"),
        **kwargs,
    )


def test_email_preview_shows_a_sample_shuffle_and_says_choices_are_shuffled(
    client, editor, topic
):
    page = make_three_choice_booster(topic)
    data = as_saved(
        page,
        booster_page_data(
            page,
            choices=[(c.text, c.is_correct) for c in page.choices.all()],
        ),
    )

    html = editor_email_preview(client, page, data)

    assert "Choices are shuffled: each learner gets them in their own order" in html
    buttons = button_texts(html)
    assert sorted(buttons) == sorted(c.text for c in page.choices.all())
    assert buttons[0] != "Describe the meeting"  # not the editor's order


def test_email_preview_of_a_question_that_keeps_its_order_shows_that_order(
    client, editor, topic
):
    page = make_three_choice_booster(topic)
    data = as_saved(
        page,
        booster_page_data(
            page,
            choices=[(c.text, c.is_correct) for c in page.choices.all()],
        ),
    )
    data["keep_choice_order"] = "on"

    html = editor_email_preview(client, page, data)

    assert "Choices are shuffled" not in html
    assert button_texts(html) == [c.text for c in page.choices.all()]


def test_a_test_link_lists_the_choices_as_the_test_email_shows_them(
    client, editor, topic
):
    page = make_three_choice_booster(topic)
    client.post(email_test_url(page))
    email = html_of(mail.outbox[0])
    link = local(link_before(email, "Say nothing"))

    opened = client.get(link).content.decode()
    answered = client.post(link, {"choice": "2"}).content.decode()

    labels = re.findall(r"<span>([^<]*)</span>\s*</label>", opened)
    assert labels == button_texts(email)
    assert 'value="2" required checked' in opened  # "Say nothing", 3rd listed
    assert "You chose: <strong>Say nothing</strong>" in answered
    assert Answer.objects.count() == 0


def test_unsubscribe_link_in_a_test_email_unsubscribes_nobody(client, editor, topic):
    page = make_booster(topic)
    learner = EnrollmentFactory().learner
    client.post(email_test_url(page))
    link = local(
        link_before(html_of(mail.outbox[0]), "Unsubscribe from Learning Hub emails")
    )

    response = client.post(link)

    assert "This is a test link: nothing is recorded" in response.content.decode()
    learner.refresh_from_db()
    assert learner.subscription == SubscriptionStatus.SUBSCRIBED


def test_editor_without_an_email_address_is_told_why_nothing_was_sent(
    client, editor, topic
):
    editor.email = ""
    editor.save()
    page = make_booster(topic)

    response = client.post(email_test_url(page), follow=True)

    assert mail.outbox == []
    assert "Your account has no email address" in response.content.decode()


def test_a_mail_server_failure_is_a_message_not_an_error(
    client, editor, topic, settings
):
    settings.EMAIL_BACKEND = "tests.boosters.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    ScriptedBackend.rejects = {"sam@example.com": (550, b"No such mailbox")}
    page = make_booster(topic)

    response = client.post(email_test_url(page), follow=True)

    assert response.status_code == 200
    assert "did not accept the test email" in response.content.decode()
    ScriptedBackend.reset()


def test_pages_no_program_can_send_have_no_test_email(client, editor, topic):
    response = client.post(email_test_url(topic), follow=True)

    assert response.status_code == 200
    assert mail.outbox == []
    assert "Only pages a program can send" in response.content.decode()


@pytest.fixture
def booster_in_two_cohorts(topic):
    page = make_booster(topic)
    step = ProgramStepFactory(page=page, day_offset=0)
    cohorts = [
        CohortFactory(
            program=step.program,
            name="New York, spring 2026",
            time_zone="America/New_York",
            anchor_date=dt.date(2026, 3, 2),
        ),
        CohortFactory(
            program=step.program,
            name="São Paulo, spring 2026",
            time_zone="America/Sao_Paulo",
            anchor_date=dt.date(2026, 3, 3),
        ),
    ]
    for cohort, learners in zip(cohorts, (2, 3), strict=True):
        for _ in range(learners):
            EnrollmentFactory(cohort=cohort, enrolled_at=ENROLLED)
        cohort_plan_sync(cohort=cohort)
    return page


def test_pending_sends_name_each_cohort_its_learners_and_next_send(
    booster_in_two_cohorts, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        sends = page_pending_sends(page=booster_in_two_cohorts)

    assert [(s.cohort_name, s.learners, s.next_send_label) for s in sends] == [
        ("New York, spring 2026", 2, "Mon 2 Mar 09:00 America/New_York"),
        ("São Paulo, spring 2026", 3, "Tue 3 Mar 09:00 America/Sao_Paulo"),
    ]


def test_editing_a_live_page_in_a_program_says_who_gets_the_new_version(
    client, editor, booster_in_two_cohorts
):
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[booster_in_two_cohorts.pk])
    )

    html = response.content.decode()
    assert "Publishing this will change what 5 learners receive" in html
    assert "New York, spring 2026 (2 learners, next send Mon 2 Mar 09:00" in html
    assert "São Paulo, spring 2026 (3 learners" in html


def test_editing_a_page_no_one_will_be_sent_shows_no_warning(client, editor, topic):
    page = make_booster(topic)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert "Publishing this will change" not in response.content.decode()
