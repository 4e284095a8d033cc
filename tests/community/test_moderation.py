"""Facilitators pin, lock, hide (saying why) and move threads, and handle the
reports members file. Members can't reach any of it."""

import datetime as dt

from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory
from community.factories import PostFactory, ThreadFactory
from community.models import PostReport, Thread, ThreadKind
from community.selectors import open_reports
from community.services import (
    ActionRejected,
    report_file,
    report_resolve,
    thread_hide,
    thread_lock,
    thread_move,
    thread_pin,
)
from home.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


def url(name, **kwargs):
    return reverse(name, kwargs=kwargs)


def thread_url(thread):
    return url("community_thread", cohort_slug=thread.cohort.slug, thread_id=thread.pk)


def moderate_url(thread):
    return url(
        "community_thread_moderate", cohort_slug=thread.cohort.slug, thread_id=thread.pk
    )


@pytest.fixture
def cohort():
    return CohortFactory(name="São Paulo, spring", slug="sao-paulo-spring")


@pytest.fixture
def other_cohort():
    return CohortFactory(name="New York, spring", slug="new-york-spring")


@pytest.fixture
def ana(cohort):
    return EnrollmentFactory(cohort=cohort, learner__first_name="Ana").learner


@pytest.fixture
def bruno(cohort):
    return EnrollmentFactory(cohort=cohort, learner__first_name="Bruno").learner


@pytest.fixture
def fran(db):
    """A facilitator with the permissions the demo's Facilitators group has."""
    group, _ = Group.objects.get_or_create(name="Facilitators")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "change_thread",
                "change_post",
                "change_postreport",
                "access_admin",
            ]
        )
    )
    user = User.objects.create_user("fran", "fran@example.com", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def thread(cohort, ana):
    now = timezone.now()
    return ThreadFactory(
        cohort=cohort,
        author=ana,
        title="Feedback to a peer who gets defensive",
        created_at=now,
        last_activity_at=now,
    )


def test_a_pinned_thread_comes_first(client, cohort, ana, fran, thread):
    later = timezone.now() + dt.timedelta(hours=1)
    ThreadFactory(
        cohort=cohort, author=ana, title="A newer thread", last_activity_at=later
    )
    client.force_login(fran)

    client.post(moderate_url(thread), {"action": "pin"})

    thread.refresh_from_db()
    page = client.get(url("community_space", cohort_slug=cohort.slug)).text
    assert thread.pinned
    assert page.index("Feedback to a peer") < page.index("A newer thread")
    assert "Pinned" in page


def test_a_locked_thread_takes_no_more_replies_from_members(
    client, bruno, fran, thread, sign_in
):
    thread_lock(thread=thread, user=fran)
    sign_in(client, bruno)

    page = client.get(thread_url(thread))
    response = client.post(
        url("community_reply", cohort_slug=thread.cohort.slug, thread_id=thread.pk),
        {"text": "Me too"},
    )

    assert "This thread is locked" in page.text
    assert response.status_code == 400
    assert "locked" in response.text
    assert not thread.posts.exists()


def test_hiding_needs_a_reason(client, fran, thread):
    client.force_login(fran)

    response = client.post(moderate_url(thread), {"action": "hide", "reason": " "})

    thread.refresh_from_db()
    assert not thread.is_hidden
    page = client.get(response["Location"]).text
    assert "Say why it is hidden" in page
    with pytest.raises(ActionRejected):
        thread_hide(thread=thread, user=fran, reason="")


def test_a_hidden_thread_shows_its_reason_to_its_author_only(
    client, ana, bruno, fran, thread, sign_in
):
    client.force_login(fran)
    client.post(
        moderate_url(thread),
        {"action": "hide", "reason": "It names a colleague; please rephrase."},
    )
    client.logout()

    sign_in(client, ana)
    authors_view = client.get(thread_url(thread))
    authors_list = client.get(url("community_space", cohort_slug=thread.cohort.slug))
    client.logout()
    sign_in(client, bruno)
    others_view = client.get(thread_url(thread))
    others_list = client.get(url("community_space", cohort_slug=thread.cohort.slug))

    assert authors_view.status_code == 200
    assert "It names a colleague; please rephrase." in authors_view.text
    assert "Hidden" in authors_list.text
    assert others_view.status_code == 404
    assert "Feedback to a peer" not in others_list.text


def test_a_hidden_reply_leaves_a_placeholder_and_its_author_sees_why(
    client, ana, bruno, fran, thread, sign_in
):
    post = PostFactory(thread=thread, author=bruno, body_html="<p>Off-colour joke</p>")
    client.force_login(fran)
    client.post(
        url("community_post_moderate", cohort_slug=thread.cohort.slug, post_id=post.pk),
        {"action": "hide", "reason": "Please keep it kind."},
    )
    client.logout()

    sign_in(client, ana)
    others_view = client.get(thread_url(thread)).text
    client.logout()
    sign_in(client, bruno)
    authors_view = client.get(thread_url(thread)).text

    assert "This reply was hidden by a facilitator." in others_view
    assert "Off-colour joke" not in others_view
    assert "Please keep it kind." not in others_view
    assert "Off-colour joke" in authors_view
    assert "Please keep it kind." in authors_view


def move_url(thread):
    return url(
        "community_thread_move", cohort_slug=thread.cohort.slug, thread_id=thread.pk
    )


def test_a_facilitator_moves_a_thread_to_another_space(
    client, ana, bruno, fran, thread, other_cohort, sign_in
):
    olivia = EnrollmentFactory(cohort=other_cohort).learner
    PostFactory(thread=thread, author=bruno)
    PostFactory(thread=thread, author=ana, hidden_at=NOW)
    PostFactory(thread=thread, author=bruno, body_html="", deleted_at=NOW)
    CohortFactory(name="Lisbon, autumn")
    client.force_login(fran)
    thread_page = client.get(thread_url(thread)).text
    assert f'href="{move_url(thread)}"' in thread_page

    # Step 1: choose a space; the thread's own is not offered.
    choose = client.get(move_url(thread))
    options = choose.context["form"].fields["to"].queryset
    assert [cohort.name for cohort in options] == [
        "Lisbon, autumn",
        "New York, spring",
    ]
    # Step 2: confirm, saying what happens; nothing has moved yet.
    confirm = client.get(move_url(thread), {"to": other_cohort.pk})
    assert confirm.status_code == 200
    assert (
        "Move “Feedback to a peer who gets defensive” with its 2 replies from "
        "<strong>São Paulo, spring</strong> to <strong>New York, spring</strong>? "
        "Members of São Paulo, spring will no longer see it" in confirm.text
    )
    thread.refresh_from_db()
    assert thread.cohort != other_cohort

    # Step 3: the move, with a message in the new space.
    response = client.post(move_url(thread), {"to": other_cohort.pk}, follow=True)

    thread.refresh_from_db()
    assert thread.cohort == other_cohort
    assert response.redirect_chain == [(thread_url(thread), 302)]
    assert "Moved “Feedback to a peer who gets defensive” to New York, spring." in (
        response.text
    )
    assert thread.posts.count() == 3
    client.logout()
    sign_in(client, ana)
    old_address = url(
        "community_thread", cohort_slug="sao-paulo-spring", thread_id=thread.pk
    )
    assert client.get(old_address).status_code == 404
    client.logout()
    sign_in(client, olivia)
    assert client.get(thread_url(thread)).status_code == 200


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("", "Choose the cohort space to move the thread to."),
        ("999999", "you can move a thread only to another space you facilitate"),
        ("not-a-number", "you can move a thread only to another space you facilitate"),
        ("current", "you can move a thread only to another space you facilitate"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_or_missing_destination_gets_a_clear_message_and_moves_nothing(
    client, fran, thread, cohort, other_cohort, to, message, method
):
    client.force_login(fran)
    value = str(cohort.pk) if to == "current" else to

    response = getattr(client, method)(move_url(thread), {"to": value})

    assert response.status_code == 400
    assert message in response.text
    thread.refresh_from_db()
    assert thread.cohort == cohort


def test_only_a_facilitator_can_move_a_thread_and_only_somewhere_new(
    client, ana, thread, cohort, other_cohort, sign_in
):
    sign_in(client, ana)
    assert client.get(move_url(thread)).status_code == 404
    assert client.post(move_url(thread), {"to": other_cohort.pk}).status_code == 404

    with pytest.raises(ActionRejected, match="Only facilitators") as rejected:
        thread_move(thread=thread, user=None, cohort=other_cohort)
    assert rejected.value.status == 403
    superuser = User.objects.create_superuser("dana", "dana@example.com", "pw")
    with pytest.raises(ActionRejected, match="already in São Paulo, spring"):
        thread_move(thread=thread, user=superuser, cohort=cohort)
    thread.refresh_from_db()
    assert thread.cohort == cohort


def test_a_hub_with_one_space_says_there_is_nowhere_to_move_to(client, fran, thread):
    client.force_login(fran)

    response = client.get(move_url(thread))

    assert response.status_code == 200
    assert "There is no other cohort space you facilitate to move it to." in (
        response.text
    )


def test_a_move_the_space_cannot_take_is_explained_on_the_form(
    client, topic, cohort, other_cohort, fran
):
    page = ArticlePageFactory(parent=topic)
    here = ThreadFactory(
        cohort=cohort, kind=ThreadKind.PROMPT, author=None, source_page=page
    )
    ThreadFactory(
        cohort=other_cohort, kind=ThreadKind.PROMPT, author=None, source_page=page
    )
    client.force_login(fran)

    response = client.post(move_url(here), {"to": other_cohort.pk})

    assert response.status_code == 400
    assert "New York, spring already has a thread for this page" in response.text
    here.refresh_from_db()
    assert here.cohort == cohort


def test_a_thread_cannot_move_where_its_page_already_has_one(
    topic, cohort, other_cohort, fran
):
    page = ArticlePageFactory(parent=topic)
    here = ThreadFactory(
        cohort=cohort, kind=ThreadKind.PROMPT, author=None, source_page=page
    )
    ThreadFactory(
        cohort=other_cohort, kind=ThreadKind.PROMPT, author=None, source_page=page
    )

    with pytest.raises(ActionRejected, match="already has a thread"):
        thread_move(thread=here, user=fran, cohort=other_cohort)


def test_members_cannot_moderate(client, ana, bruno, thread, sign_in):
    post = PostFactory(thread=thread, author=bruno)
    sign_in(client, ana)
    slug = thread.cohort.slug

    for address, data in [
        (moderate_url(thread), {"action": "pin"}),
        (moderate_url(thread), {"action": "hide", "reason": "no"}),
        (
            url("community_post_moderate", cohort_slug=slug, post_id=post.pk),
            {"reason": "x"},
        ),
        (url("community_thread_curate", cohort_slug=slug, thread_id=thread.pk), {}),
    ]:
        assert client.post(address, data).status_code == 404

    thread.refresh_from_db()
    assert not thread.pinned and not thread.is_hidden
    with pytest.raises(ActionRejected):
        thread_pin(thread=thread, user=None)


def test_a_report_reaches_the_facilitators(client, ana, bruno, fran, thread, sign_in):
    post = PostFactory(thread=thread, author=bruno, body_html="<p>Rude words</p>")
    sign_in(client, ana)
    report_url = url(
        "community_post_report",
        cohort_slug=thread.cohort.slug,
        thread_id=thread.pk,
        post_id=post.pk,
    )

    empty = client.post(report_url, {"reason": ""})
    filed = client.post(report_url, {"reason": "This is unkind."})
    client.post(report_url, {"reason": "Reporting again."})

    assert empty.status_code == 400
    assert "Tell the facilitators what is wrong." in empty.text
    assert filed.status_code == 302
    report = PostReport.objects.get()
    assert (report.post, report.reporter, report.reason) == (
        post,
        ana,
        "This is unkind.",
    )
    space = url("community_space", cohort_slug=thread.cohort.slug)
    assert "This is unkind." not in client.get(space).text

    client.logout()
    client.force_login(fran)
    assert "This is unkind." in client.get(space).text
    assert "This is unkind." in client.get(thread_url(thread)).text
    admin_list = client.get(reverse("community_postreport_modeladmin_index"))
    assert admin_list.status_code == 200
    assert "This is unkind." in admin_list.text


def test_resolving_a_report_takes_it_off_the_open_list(client, ana, fran, thread):
    report = report_file(thread=thread, reporter=ana, reason="Spam", now=NOW)
    client.force_login(fran)

    client.post(
        url(
            "community_report_resolve",
            cohort_slug=thread.cohort.slug,
            report_id=report.pk,
        )
    )

    report.refresh_from_db()
    assert report.resolved_by == fran
    assert not open_reports(cohort=thread.cohort).exists()


def test_reports_of_another_space_cannot_be_resolved_from_this_one(
    fran, ana, thread, other_cohort, client
):
    report = report_file(thread=thread, reporter=ana, reason="Spam", now=NOW)
    client.force_login(fran)

    response = client.post(
        url(
            "community_report_resolve",
            cohort_slug=other_cohort.slug,
            report_id=report.pk,
        )
    )

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.resolved_at is None


def test_only_facilitators_resolve_reports(ana, thread):
    report = report_file(thread=thread, reporter=ana, reason="Spam", now=NOW)

    with pytest.raises(ActionRejected):
        report_resolve(report=report, user=None)


def test_the_admin_lists_threads_for_facilitators(client, fran, thread):
    client.force_login(fran)

    response = client.get(reverse("community_thread_modeladmin_index"))

    assert response.status_code == 200
    assert "Feedback to a peer who gets defensive" in response.text
    assert thread_url(thread) in response.text
    assert Thread.objects.count() == 1


def test_the_admin_menu_links_facilitators_to_the_cohort_spaces(client, fran):
    client.force_login(fran)

    dashboard = client.get(reverse("wagtailadmin_home"))

    assert dashboard.status_code == 200
    assert reverse("community_spaces") in dashboard.text
