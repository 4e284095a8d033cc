"""Drip emails: one complete, phone-friendly message per delivery."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.urls import resolve

import pytest

from boosters.drip.emails import (
    PageNotSendable,
    choice_url,
    delivery_message,
    delivery_pages_load,
)
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.learners.unsubscribe_views import unsubscribe_view
from boosters.models import Delivery
from home.factories import ArticlePageFactory, ScreencastPageFactory
from tests.media import sample_image, video_media

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 3, 2, 14, tzinfo=dt.UTC)


def delivery_for(page) -> Delivery:
    cohort = CohortFactory(name="New York, spring 2026")
    step = ProgramStepFactory(program=cohort.program, page=page, day_offset=0)
    enrollment = EnrollmentFactory(cohort=cohort)
    delivery = Delivery.objects.create(
        enrollment=enrollment, step=step, page=page, local_date=DUE.date(), due_at=DUE
    )
    return Delivery.objects.select_related(
        "enrollment__learner", "enrollment__cohort", "page"
    ).get(pk=delivery.pk)


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.fixture
def article(topic):
    return ArticlePageFactory(parent=topic, title="Open with the situation")


@pytest.fixture
def screencast(topic):
    return ScreencastPageFactory(
        parent=topic,
        title="Logging a feedback note",
        video=video_media(duration=95),
        poster_image=sample_image(),
        takeaways=[("takeaway", "Log the note the same day.")],
    )


@pytest.fixture
def booster(topic):
    return booster_with_choices(parent=topic, title="An interrupting colleague")


@pytest.fixture(params=["article", "screencast", "booster"])
def any_page(request):
    return request.getfixturevalue(request.param)


def test_every_page_type_gets_text_and_inlined_html(any_page):
    delivery = delivery_for(any_page)
    message = delivery_message(delivery=delivery)

    html = html_of(message)
    assert message.to == [delivery.enrollment.learner.email]
    assert any_page.title in message.subject
    assert any_page.title in message.body
    assert "New York, spring 2026" in message.body
    assert 'style="' in html
    assert "<style" not in html
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "<script" not in html


def test_every_link_and_image_is_absolute(any_page):
    html = html_of(delivery_message(delivery=delivery_for(any_page)))

    links = hrefs(html)
    assert links
    assert all(link.startswith("http://") for link in links)
    assert all(src.startswith("http://") for src in re.findall(r'src="([^"]+)"', html))


def test_no_tracking_pixel(any_page):
    html = html_of(delivery_message(delivery=delivery_for(any_page)))

    for img in re.findall(r"<img[^>]*>", html):
        assert not re.search(r'(width|height)="1"', img)


def test_unsubscribe_headers_offer_one_click(any_page):
    message = delivery_message(delivery=delivery_for(any_page))

    header = message.extra_headers["List-Unsubscribe"]
    web, mailto = re.findall(r"<([^>]+)>", header)
    assert web.startswith("http://")
    assert resolve(urlsplit(web).path).func is unsubscribe_view
    assert mailto.startswith("mailto:unsubscribe@")
    assert "subject=unsubscribe-" in mailto
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert web in html_of(message)


def test_article_shows_summary_opening_and_read_on_button(article):
    message = delivery_message(delivery=delivery_for(article))

    html = html_of(message)
    assert message.subject == "Open with the situation"
    assert article.summary in html
    assert "Start with the situation" in html
    assert "Describe the situation, the behaviour and its impact." in message.body
    assert "Read on the hub" in html
    assert f'href="http://127.0.0.1:8000{article.url}"' in html


def test_screencast_shows_absolute_jpeg_poster_linking_to_page(screencast):
    message = delivery_message(delivery=delivery_for(screencast))

    html = html_of(message)
    [img] = re.findall(r"<img[^>]*>", html)
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert src.startswith("http://127.0.0.1:8000/media/")
    assert src.endswith(".jpg")
    assert f'href="http://127.0.0.1:8000{screencast.url}"' in html
    assert "1:35" in html
    assert "Log the note the same day." in html
    assert "Log the note the same day." in message.body


def test_booster_choices_are_buttons_linking_where_choice_url_says(booster):
    delivery = delivery_for(booster)
    message = delivery_message(delivery=delivery)

    html = html_of(message)
    assert message.subject == "Quick question: An interrupting colleague"
    for choice in booster.choices.all():
        url = choice_url(delivery=delivery, choice=choice)
        assert url.startswith("http://")
        button = re.search(
            rf'<a [^>]*href="{re.escape(url)}"[^>]*>{choice.text}</a>', html
        )
        assert button, choice.text
        assert "display: block" in button.group(0) or "display:block" in button.group(0)
        assert choice.text in message.body


def test_unpublished_page_is_not_sendable(article):
    delivery = delivery_for(article)
    article.unpublish()
    delivery.page.refresh_from_db()

    with pytest.raises(PageNotSendable, match="not published"):
        delivery_message(delivery=delivery)


def test_deleted_page_is_not_sendable(article):
    delivery = delivery_for(article)
    delivery.page = None

    with pytest.raises(PageNotSendable, match="deleted"):
        delivery_message(delivery=delivery)


def test_a_loaded_batch_builds_messages_in_constant_queries(
    article, screencast, booster, django_assert_max_num_queries
):
    def batch(size):
        deliveries = [
            delivery_for(page)
            for _ in range(size)
            for page in (article, screencast, booster)
        ]
        return [
            Delivery.objects.select_related(
                "enrollment__learner", "enrollment__cohort__program", "page"
            ).get(pk=d.pk)
            for d in deliveries
        ]

    # Warm up: the poster rendition is created on first use.
    delivery_message(delivery=delivery_for(screencast))
    small, large = batch(1), batch(10)
    with django_assert_max_num_queries(10) as small_queries:
        delivery_pages_load(deliveries=small)
        for delivery in small:
            delivery_message(delivery=delivery)
    with django_assert_max_num_queries(len(small_queries)):
        delivery_pages_load(deliveries=large)
        for delivery in large:
            delivery_message(delivery=delivery)


def test_each_choice_link_is_signed_for_this_delivery_and_choice(booster):
    from boosters.drip.tokens import answer_token_read

    first, second = delivery_for(booster), delivery_for(booster)
    links = {}
    for delivery in (first, second):
        for choice in booster.choices.all():
            url = choice_url(delivery=delivery, choice=choice)
            match = resolve(urlsplit(url).path)
            assert match.url_name == "boosters_answer"
            link = answer_token_read(match.kwargs["token"])
            assert (link.delivery_id, link.choice_id) == (delivery.pk, choice.pk)
            links[url] = True
    assert len(links) == 2 * booster.choices.count()  # no two alike
    assert all(str(first.pk) not in urlsplit(url).path.split("/") for url in links)


def test_every_email_opens_the_hub_through_the_sign_in_button(any_page):
    message = delivery_message(delivery=delivery_for(any_page))
    hub_links = [url for url in hrefs(html_of(message)) if "/learn/sign-in/" in url]
    assert len(hub_links) == 1
    assert resolve(urlsplit(hub_links[0]).path).url_name == "learner_sign_in_confirm"
    assert hub_links[0] in message.body


def test_learners_in_one_batch_each_get_the_email_rendered_for_them(booster):
    """A batch renders each page once and merges in each learner's links; the
    result is exactly what rendering the templates for that learner gives."""
    from django.template.loader import render_to_string

    from boosters.drip.emails import (
        _INLINER,
        EmailChoice,
        _page_context,
        page_absolute_url,
    )

    first = delivery_for(booster)
    second = Delivery.objects.create(
        enrollment=EnrollmentFactory(cohort=first.enrollment.cohort),
        step=first.step,
        page=booster,
        local_date=DUE.date(),
        due_at=DUE,
    )
    second = Delivery.objects.select_related(
        "enrollment__learner", "enrollment__cohort", "page"
    ).get(pk=second.pk)
    delivery_pages_load(deliveries=[first, second])
    for delivery in (first, second):
        message = delivery_message(delivery=delivery)
        links = [href for href in hrefs(html_of(message)) if "/email/answer/" in href]
        cohort = delivery.enrollment.cohort
        page = delivery.page
        context = {
            "kind": "booster",
            "subject": message.subject,
            "page": page,
            "page_url": page_absolute_url(page),
            "cohort_name": cohort.name,
            "program_name": cohort.program.name,
            "unsubscribe_url": message.extra_headers["List-Unsubscribe"][1:].split(">")[
                0
            ],
            "hub_url": next(h for h in hrefs(html_of(message)) if "/sign-in/" in h),
            "discussion_url": getattr(delivery, "discussion_url", ""),
            "choices": [
                EmailChoice(choice.text, choice_url(delivery=delivery, choice=choice))
                for choice in page.choices.all()
            ],
            **_page_context(page),
        }
        rendered = _INLINER.inline(
            render_to_string("boosters/email/booster.html", context)
        )
        assert html_of(message) == rendered
        assert message.body == render_to_string("boosters/email/booster.txt", context)
        assert links == [choice.url for choice in context["choices"]]
    first_links = set(hrefs(html_of(delivery_message(delivery=first))))
    second_links = set(hrefs(html_of(delivery_message(delivery=second))))
    assert not {h for h in first_links & second_links if "/email/" in h}
