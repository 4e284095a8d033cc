"""Drip emails: one complete, phone-friendly message per delivery."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.urls import resolve

import pytest

from boosters.drip.emails import PageNotSendable, delivery_message, delivery_pages_load
from boosters.drip.links import choice_url
from boosters.drip.tokens import answer_token_read
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery
from boosters.questions.choices import choice_order
from home.factories import ArticlePageFactory, ScreencastPageFactory
from tests.media import sample_image, video_media

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("still_signing_clock")]

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
    assert resolve(urlsplit(web).path).url_name == "boosters_unsubscribe"
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


def fresh_render(message, delivery) -> tuple[str, str]:
    """The text and HTML of rendering ``delivery``'s templates for its learner
    alone, with the links its ``message`` has, choices in the delivery's order."""
    from django.template.loader import render_to_string

    from boosters.drip.emails import _INLINER, EmailChoice, _page_context
    from boosters.drip.links import page_absolute_url

    cohort = delivery.enrollment.cohort
    page = delivery.page
    shown = choice_order(
        choices=list(page.choices.all()),
        delivery_id=delivery.pk,
        keep_order=page.keep_choice_order,
    )
    context = {
        "kind": "booster",
        "subject": message.subject,
        "page": page,
        "page_url": page_absolute_url(page),
        "cohort_name": cohort.name,
        "program_name": cohort.program.name,
        "unsubscribe_url": message.extra_headers["List-Unsubscribe"][1:].split(">")[0],
        "hub_url": next(
            h for h in hrefs(html_of(message)) if "/sign-in/" in h and "next=" not in h
        ),
        "discussion_url": getattr(delivery, "discussion_url", ""),
        "choices": [
            EmailChoice(choice.text, choice_url(delivery=delivery, choice=choice))
            for choice in shown
        ],
        **_page_context(page),
    }
    html = _INLINER.inline(render_to_string("boosters/email/booster.html", context))
    return render_to_string("boosters/email/booster.txt", context), html


def batch_of(page, learners: int) -> list[Delivery]:
    """``learners`` deliveries of ``page`` in one cohort, loaded as a batch."""
    first = delivery_for(page)
    deliveries = [first] + [
        Delivery.objects.create(
            enrollment=EnrollmentFactory(cohort=first.enrollment.cohort),
            step=first.step,
            page=page,
            local_date=DUE.date(),
            due_at=DUE,
        )
        for _ in range(learners - 1)
    ]
    deliveries = list(
        Delivery.objects.select_related(
            "enrollment__learner", "enrollment__cohort__program", "page"
        ).filter(pk__in=[d.pk for d in deliveries])
    )
    delivery_pages_load(deliveries=deliveries)
    return deliveries


@pytest.fixture
def four_choices(topic):
    return booster_with_choices(
        parent=topic,
        title="An interrupting colleague",
        wrong=("Tell them they are rude", "Say nothing", "Raise it with HR"),
    )


def shown_texts(message, page) -> tuple[list[str], list[str]]:
    """The choice texts in the order the HTML buttons and text lines show them."""
    texts = [choice.text for choice in page.choices.all()]
    buttons = re.findall(r'<a class="choice"[^>]*>([^<]*)</a>', html_of(message))
    lines = [line[2:].rsplit(": ", 1)[0] for line in message.body.splitlines()]
    return buttons, [line for line in lines if line in texts]


def test_learners_in_one_batch_each_get_the_email_rendered_for_them(four_choices):
    """A batch renders each page once and merges in each learner's links and
    choice order; the result is exactly what rendering the templates for that
    learner gives."""
    deliveries = batch_of(four_choices, 6)
    orders = set()
    for delivery in deliveries:
        message = delivery_message(delivery=delivery)
        text, html = fresh_render(message, delivery)

        assert html_of(message) == html
        assert message.body == text
        orders.add(tuple(shown_texts(message, four_choices)[0]))
    assert len(orders) > 1  # the test does see shuffled orders
    first_links = set(hrefs(html_of(delivery_message(delivery=deliveries[0]))))
    second_links = set(hrefs(html_of(delivery_message(delivery=deliveries[1]))))
    # Answer, unsubscribe, hub and discussion links are each learner's own.
    assert any("next=" in h for h in first_links)  # the discussion link is there
    assert not {
        h for h in first_links & second_links if "/email/" in h or "/sign-in/" in h
    }


def test_each_learner_sees_the_choices_in_their_deliverys_order(four_choices):
    deliveries = batch_of(four_choices, 12)
    correct_at = set()
    for delivery in deliveries:
        message = delivery_message(delivery=delivery)
        buttons, lines = shown_texts(message, four_choices)
        expected = [
            choice.text
            for choice in choice_order(
                choices=list(four_choices.choices.all()),
                delivery_id=delivery.pk,
                keep_order=False,
            )
        ]

        assert buttons == lines == expected
        # Each button still links to its own choice, wherever it is shown (read
        # from the link itself: a link signed a second later differs).
        for choice in four_choices.choices.all():
            [token] = re.findall(
                rf'href="[^"]*/answer/([^/"]+)/"[^>]*>{choice.text}</a>',
                html_of(message),
            )
            link = answer_token_read(token)
            assert (link.delivery_id, link.choice_id) == (delivery.pk, choice.pk)
        correct_at.add(buttons.index("Describe the meeting"))
    assert len(correct_at) > 1  # the right answer is not always in one place


def test_a_resent_delivery_shows_the_same_order(four_choices):
    [delivery] = batch_of(four_choices, 1)
    first = shown_texts(delivery_message(delivery=delivery), four_choices)
    [again] = batch_of(four_choices, 1)
    again.pk = delivery.pk  # the same delivery, retried in a later batch

    assert shown_texts(delivery_message(delivery=again), four_choices) == first


def test_keep_choice_order_sends_the_editors_order(four_choices):
    four_choices.keep_choice_order = True
    four_choices.save()
    editors = [choice.text for choice in four_choices.choices.all()]

    for delivery in batch_of(four_choices, 8):
        buttons, lines = shown_texts(delivery_message(delivery=delivery), four_choices)
        assert buttons == lines == editors


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The email templates rendered, by name, as they are rendered."""
    import boosters.drip.emails

    names = []
    real = boosters.drip.emails.render_to_string
    monkeypatch.setattr(
        boosters.drip.emails,
        "render_to_string",
        lambda name, context: names.append(name) or real(name, context),
    )
    return names


def test_a_batch_renders_a_page_once_per_cohort_whatever_the_orders(
    four_choices, renders
):
    deliveries = batch_of(four_choices, 12)
    orders = {
        tuple(shown_texts(delivery_message(delivery=d), four_choices)[0])
        for d in deliveries
    }

    assert len(orders) > 2
    assert sorted(renders) == [
        "boosters/email/booster.html",
        "boosters/email/booster.txt",
    ]


def test_a_choice_whose_line_cant_be_moved_is_rendered_for_its_order(topic, renders):
    """A line break in a choice's text splits its line in the text part: each
    order is rendered afresh, and every email is still exactly right."""
    page = booster_with_choices(
        parent=topic,
        wrong=("Say nothing\nand wait", "Tell them they are rude", "Raise it with HR"),
    )
    deliveries = batch_of(page, 6)
    for delivery in deliveries:
        message = delivery_message(delivery=delivery)
        text, html = fresh_render(message, delivery)
        assert message.body == text
        assert html_of(message) == html
    assert len(renders) > 2 * 2  # the batch's render, then one per order
