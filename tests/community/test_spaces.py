"""Cohort spaces: only members and facilitators get in; members start threads,
reply, mark replies helpful and accept answers; reading counts.

Ana and Bruno are in the São Paulo cohort; Olivia is in New York. Fran is a
facilitator (the "Facilitators" group).
"""

import datetime as dt

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

import pytest

from boosters.factories import CohortFactory, EnrollmentFactory
from boosters.models import EnrollmentStatus, Notice, NoticeKind
from community.factories import HelpfulMarkFactory, PostFactory, ThreadFactory
from community.models import (
    HelpfulMark,
    NotificationPreferences,
    Post,
    SpaceVisit,
    Thread,
    ThreadKind,
    ThreadRead,
)
from community.sanitize import POST_MAX_CHARS
from community.selectors import member_profile, top_contributors
from community.services import (
    POST_EDIT_WINDOW,
    POST_RATE_LIMIT,
    POST_RATE_WINDOW,
    ActionRejected,
    answer_accept,
    helpful_mark,
    helpful_unmark,
    post_delete,
    post_edit,
    reply_post,
    thread_start,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC)


def space_url(cohort):
    return reverse("community_space", kwargs={"cohort_slug": cohort.slug})


def thread_url(thread, cohort=None):
    cohort = cohort or thread.cohort
    return reverse(
        "community_thread", kwargs={"cohort_slug": cohort.slug, "thread_id": thread.pk}
    )


def reply_url(thread, cohort=None):
    cohort = cohort or thread.cohort
    return reverse(
        "community_reply", kwargs={"cohort_slug": cohort.slug, "thread_id": thread.pk}
    )


def post_action_url(name, post, cohort=None):
    cohort = cohort or post.thread.cohort
    return reverse(name, kwargs={"cohort_slug": cohort.slug, "post_id": post.pk})


@pytest.fixture
def cohort():
    return CohortFactory(name="São Paulo, spring", slug="sao-paulo-spring")


@pytest.fixture
def other_cohort():
    return CohortFactory(name="New York, spring", slug="new-york-spring")


@pytest.fixture
def ana(cohort):
    return EnrollmentFactory(
        cohort=cohort, learner__first_name="Ana", learner__last_name="Souza"
    ).learner


@pytest.fixture
def bruno(cohort):
    return EnrollmentFactory(
        cohort=cohort, learner__first_name="Bruno", learner__last_name="Lima"
    ).learner


@pytest.fixture
def olivia(other_cohort):
    return EnrollmentFactory(
        cohort=other_cohort, learner__first_name="Olivia", learner__last_name="Park"
    ).learner


@pytest.fixture
def fran(db):
    user = User.objects.create_user(
        "fran", "fran@example.com", "pw", first_name="Fran", last_name="Lead"
    )
    user.groups.add(Group.objects.get_or_create(name="Facilitators")[0])
    return user


@pytest.fixture
def thread(cohort, ana):
    now = timezone.now()
    return ThreadFactory(
        cohort=cohort,
        author=ana,
        title="My manager interrupts in meetings",
        created_at=now,
        last_activity_at=now,
    )


@pytest.fixture
def elsewhere(other_cohort, olivia):
    """A New York thread with a reply, which São Paulo must never reach."""
    thread = ThreadFactory(
        cohort=other_cohort, author=olivia, title="New York only: budget talks"
    )
    PostFactory(thread=thread, author=olivia, body_html="<p>Secret NY reply</p>")
    return thread


# Who gets in ---------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, thread):
    for url in (
        reverse("community_spaces"),
        space_url(thread.cohort),
        thread_url(thread),
    ):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("learner_sign_in"))
        assert "next=" in response["Location"]


def test_a_member_sees_their_space_and_its_threads(client, ana, thread, sign_in):
    sign_in(client, ana)

    response = client.get(space_url(thread.cohort))

    assert response.status_code == 200
    assert "My manager interrupts in meetings" in response.text
    assert "Reading counts too" in response.text


def test_a_member_of_one_space_goes_straight_to_it(client, ana, cohort, sign_in):
    sign_in(client, ana)

    response = client.get(reverse("community_spaces"))

    assert response.status_code == 302
    assert response["Location"] == space_url(cohort)


def test_another_cohorts_space_and_threads_are_not_found(
    client, ana, cohort, thread, elsewhere, sign_in
):
    sign_in(client, ana)
    reply = elsewhere.posts.get()
    other = elsewhere.cohort
    not_found = [
        space_url(other),
        thread_url(elsewhere),
        # Id tampering: their thread id under Ana's own space.
        thread_url(elsewhere, cohort=cohort),
        reverse(
            "community_profile",
            kwargs={"cohort_slug": cohort.slug, "learner_id": elsewhere.author_id},
        ),
        post_action_url("community_post_edit", reply, cohort=cohort),
        reverse(
            "community_post_report",
            kwargs={
                "cohort_slug": cohort.slug,
                "thread_id": thread.pk,
                "post_id": reply.pk,
            },
        ),
        "/community/no-such-cohort/",
        f"/community/{cohort.slug}/threads/99999999999999999999/",
    ]
    for url in not_found:
        assert client.get(url).status_code == 404, url

    posts = [
        reply_url(elsewhere, cohort=cohort),
        reply_url(elsewhere),
        post_action_url("community_post_helpful", reply, cohort=cohort),
        post_action_url("community_post_accept", reply, cohort=cohort),
        post_action_url("community_post_delete", reply, cohort=cohort),
    ]
    for url in posts:
        assert client.post(url, {"text": "hello"}).status_code == 404, url

    assert not Post.objects.filter(body_html__contains="hello").exists()
    assert not HelpfulMark.objects.exists()
    page = client.get(space_url(cohort)).text
    assert "New York only" not in page


def test_a_withdrawn_member_no_longer_gets_in(client, ana, thread, sign_in):
    ana.enrollments.update(status=EnrollmentStatus.WITHDRAWN)
    sign_in(client, ana)

    assert client.get(space_url(thread.cohort)).status_code == 404
    assert client.get(thread_url(thread)).status_code == 404
    assert client.get(reverse("community_spaces")).status_code == 200


def test_a_facilitator_sees_every_space(client, fran, thread, elsewhere):
    client.force_login(fran)

    listing = client.get(reverse("community_spaces"))

    assert listing.status_code == 200
    assert thread.cohort.name in listing.text
    assert elsewhere.cohort.name in listing.text
    assert client.get(thread_url(thread)).status_code == 200
    assert client.get(thread_url(elsewhere)).status_code == 200


def test_a_staff_user_who_is_no_facilitator_is_sent_to_sign_in(client, thread):
    client.force_login(User.objects.create_user("editor", password="pw"))

    response = client.get(space_url(thread.cohort))

    assert response.status_code == 302


def test_signed_in_learners_find_their_space_from_the_header_and_my_learning(
    client, ana, sign_in
):
    sign_in(client, ana)

    my_learning = client.get(reverse("my_learning"))

    assert 'href="/community/">Cohort space</a>' in my_learning.text
    assert "Your cohort space" in my_learning.text


# Posting -------------------------------------------------------------------


def test_a_member_starts_a_thread(client, ana, cohort, sign_in):
    sign_in(client, ana)

    response = client.post(
        reverse("community_thread_new", kwargs={"cohort_slug": cohort.slug}),
        {"title": "It worked!", "text": "I named the behaviour and it landed."},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    assert thread.kind == ThreadKind.LEARNER
    assert thread.author == ana
    assert thread.body_html == "<p>I named the behaviour and it landed.</p>"
    assert "It worked!" in client.get(thread_url(thread)).text


def test_a_thread_title_is_one_clean_line(client, ana, cohort, sign_in):
    sign_in(client, ana)
    new_thread = reverse("community_thread_new", kwargs={"cohort_slug": cohort.slug})

    broken = client.post(new_thread, {"title": "It\nworked", "text": "Yes."})
    pasted = client.post(
        new_thread, {"title": "\u200bIt \u202eworked!\u200d", "text": "Yes."}
    )

    assert broken.status_code == 400
    assert "The title contains a line break" in broken.text
    assert pasted.status_code == 302
    assert Thread.objects.get().title == "It worked!"


def test_the_thread_service_refuses_a_control_character_in_a_title(ana, cohort):
    with pytest.raises(ActionRejected, match="control character"):
        thread_start(cohort=cohort, learner=ana, title="Hi\x1bthere", text="Yes.")
    assert not Thread.objects.exists()


def test_a_member_replies_and_sees_their_reply(client, bruno, thread, sign_in):
    sign_in(client, bruno)

    response = client.post(reply_url(thread), {"text": "Ask for five minutes after."})

    post = Post.objects.get()
    assert response["Location"] == f"{thread_url(thread)}#post-{post.pk}"
    assert post.author == bruno
    assert "Ask for five minutes after." in client.get(thread_url(thread)).text


def test_empty_and_oversized_posts_get_a_clear_message(
    client, bruno, cohort, thread, sign_in
):
    sign_in(client, bruno)

    empty = client.post(reply_url(thread), {"text": "   "})
    too_long = client.post(reply_url(thread), {"text": "x" * (POST_MAX_CHARS + 1)})
    no_title = client.post(
        reverse("community_thread_new", kwargs={"cohort_slug": cohort.slug}),
        {"title": "", "text": ""},
    )

    assert empty.status_code == 400
    assert "Write something before posting." in empty.text
    assert too_long.status_code == 400
    assert "Keep it to 5,000 characters; this has 5001." in too_long.text
    assert 'role="alert"' in too_long.text
    assert no_title.status_code == 400
    assert "Give your thread a title." in no_title.text
    assert not Post.objects.exists()
    assert Thread.objects.count() == 1


def test_a_post_never_renders_raw_html(client, bruno, thread, sign_in):
    sign_in(client, bruno)
    client.post(
        reply_url(thread),
        {"text": '<script>alert("x")</script><img src="https://t.example/p.gif">'},
    )
    # Even a row written by something else is cleaned on the way out.
    PostFactory(
        thread=thread,
        author=bruno,
        body_html='<p onclick="x()">Hi<script>bad()</script><img src="p.gif"></p>',
        created_at=timezone.now(),
    )

    page = client.get(thread_url(thread)).text

    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page
    assert "<script>bad" not in page
    assert '<img src="p.gif"' not in page
    assert "<img src=" not in page.split('class="replies"')[1]
    assert 'onclick="x()"' not in page


def test_posting_is_rate_limited(bruno, thread):
    for minute in range(POST_RATE_LIMIT):
        reply_post(
            thread=thread,
            learner=bruno,
            text=f"Reply {minute}",
            now=NOW + dt.timedelta(minutes=minute),
        )

    with pytest.raises(ActionRejected) as rejected:
        reply_post(
            thread=thread,
            learner=bruno,
            text="One more",
            now=NOW + dt.timedelta(minutes=5),
        )

    assert rejected.value.status == 429
    assert "Please wait 5 minutes" in rejected.value.message
    later = NOW + POST_RATE_WINDOW + dt.timedelta(seconds=1)
    assert reply_post(thread=thread, learner=bruno, text="Later", now=later)


def test_the_rate_limit_message_shows_on_the_thread(client, bruno, thread, sign_in):
    sign_in(client, bruno)
    now = timezone.now()
    for _ in range(POST_RATE_LIMIT):
        PostFactory(thread=thread, author=bruno, created_at=now)

    response = client.post(reply_url(thread), {"text": "Another"})

    assert response.status_code == 429
    assert f"posted {POST_RATE_LIMIT} times" in response.text
    assert "Another" in response.text  # what they typed is kept


def test_new_threads_count_towards_the_rate_limit(ana, cohort):
    for minute in range(POST_RATE_LIMIT):
        thread_start(
            cohort=cohort,
            learner=ana,
            title=f"Thread {minute}",
            text="Body",
            now=NOW + dt.timedelta(minutes=minute),
        )

    with pytest.raises(ActionRejected):
        thread_start(cohort=cohort, learner=ana, title="Sixth", text="Body", now=NOW)


def test_facilitators_reply_and_are_labelled(client, fran, thread):
    client.force_login(fran)

    client.post(reply_url(thread), {"text": "Good question, Ana."})

    post = Post.objects.get()
    assert post.author is None and post.author_user == fran
    assert "Facilitator" in client.get(thread_url(thread)).text


# Editing and deleting ------------------------------------------------------


def test_replies_can_be_edited_only_within_the_window(bruno, thread):
    post = reply_post(thread=thread, learner=bruno, text="Teh fix", now=NOW)

    post_edit(post=post, learner=bruno, text="The fix", now=NOW + POST_EDIT_WINDOW)
    with pytest.raises(ActionRejected, match="15 minutes after posting"):
        post_edit(
            post=post,
            learner=bruno,
            text="Much later",
            now=NOW + POST_EDIT_WINDOW + dt.timedelta(seconds=1),
        )

    post.refresh_from_db()
    assert post.body_html == "<p>The fix</p>"
    assert post.edited_at == NOW + POST_EDIT_WINDOW


def test_only_the_author_edits_a_reply(ana, bruno, thread):
    post = reply_post(thread=thread, learner=bruno, text="Mine", now=NOW)

    with pytest.raises(ActionRejected):
        post_edit(post=post, learner=ana, text="Hijacked", now=NOW)


def test_the_edit_page_shows_the_text_as_typed(client, bruno, thread, sign_in):
    sign_in(client, bruno)
    post = reply_post(thread=thread, learner=bruno, text="**Try** this\n\n- one")
    url = post_action_url("community_post_edit", post)

    page = client.get(url)
    saved = client.post(url, {"text": "**Try** that"})

    assert "**Try** this\n\n- one" in page.text
    assert saved.status_code == 302
    post.refresh_from_db()
    assert post.body_html == "<p><strong>Try</strong> that</p>"
    assert "edited" in client.get(thread_url(thread)).text


def test_the_edit_page_says_when_the_window_has_closed(client, bruno, thread, sign_in):
    sign_in(client, bruno)
    post = PostFactory(
        thread=thread, author=bruno, created_at=timezone.now() - dt.timedelta(hours=1)
    )

    response = client.post(
        post_action_url("community_post_edit", post), {"text": "Late"}
    )

    assert response.status_code == 403
    assert "The edit window has closed." in response.text


def test_deleting_leaves_a_placeholder_in_the_thread(client, bruno, thread, sign_in):
    sign_in(client, bruno)
    post = reply_post(thread=thread, learner=bruno, text="Regrettable words")

    client.post(post_action_url("community_post_delete", post))

    post.refresh_from_db()
    page = client.get(thread_url(thread)).text
    assert post.deleted_at is not None and post.body_html == ""
    assert "This reply was deleted by its author." in page
    assert "Regrettable words" not in page


def test_deleting_the_accepted_answer_clears_it(ana, bruno, thread):
    post = reply_post(thread=thread, learner=bruno, text="Answer", now=NOW)
    answer_accept(post=post, learner=ana, now=NOW)

    post_delete(post=post, learner=bruno, now=NOW)

    thread.refresh_from_db()
    assert thread.accepted_post is None


# Recognition ---------------------------------------------------------------


def test_members_mark_a_reply_helpful_once(client, ana, bruno, thread, sign_in):
    post = reply_post(thread=thread, learner=bruno, text="Try this")
    sign_in(client, ana)
    url = post_action_url("community_post_helpful", post)

    client.post(url, {"helpful": "1"})
    client.post(url, {"helpful": "1"})

    assert HelpfulMark.objects.filter(post=post).count() == 1
    page = client.get(thread_url(thread)).text
    assert 'aria-pressed="true"' in page
    assert 'aria-label="1 marked helpful"' in page

    client.post(url, {"helpful": "0"})
    assert not HelpfulMark.objects.exists()


def test_nobody_marks_their_own_reply_helpful(client, bruno, thread, sign_in):
    post = reply_post(thread=thread, learner=bruno, text="Mine", now=NOW)

    with pytest.raises(ActionRejected, match="your own reply"):
        helpful_mark(post=post, learner=bruno, now=NOW)

    sign_in(client, bruno)
    client.post(post_action_url("community_post_helpful", post))
    assert not HelpfulMark.objects.exists()


def test_taking_back_a_helpful_mark_that_was_never_made_is_harmless(bruno, thread):
    post = reply_post(thread=thread, learner=bruno, text="Mine", now=NOW)

    assert helpful_unmark(post=post, learner=bruno) is False


def test_the_thread_author_accepts_an_answer_and_others_cannot(
    client, ana, bruno, cohort, thread, sign_in
):
    carla = EnrollmentFactory(cohort=cohort, learner__first_name="Carla").learner
    post = reply_post(thread=thread, learner=bruno, text="Answer one", now=NOW)
    second = reply_post(thread=thread, learner=carla, text="Answer two", now=NOW)

    with pytest.raises(ActionRejected) as rejected:
        answer_accept(post=post, learner=carla, now=NOW)
    assert rejected.value.status == 403

    sign_in(client, ana)
    client.post(post_action_url("community_post_accept", post))
    thread.refresh_from_db()
    assert thread.accepted_post == post
    page = client.get(thread_url(thread)).text
    assert "✓ Accepted answer" in page
    assert "Go to the accepted answer" in page

    # One per thread: accepting another replaces it.
    client.post(post_action_url("community_post_accept", second))
    thread.refresh_from_db()
    assert thread.accepted_post == second


def test_a_facilitator_accepts_an_answer(fran, ana, bruno, thread):
    post = reply_post(thread=thread, learner=bruno, text="Answer", now=NOW)

    answer_accept(post=post, user=fran, now=NOW)

    thread.refresh_from_db()
    assert thread.accepted_post == post


def test_the_author_cannot_accept_their_own_reply(ana, thread):
    post = reply_post(thread=thread, learner=ana, text="Solved it myself", now=NOW)

    with pytest.raises(ActionRejected, match="not your own"):
        answer_accept(post=post, learner=ana, now=NOW)


def test_top_contributors_count_helpful_marks_and_accepted_answers(
    client, ana, bruno, cohort, thread, sign_in
):
    carla = EnrollmentFactory(cohort=cohort, learner__first_name="Carla").learner
    brunos = PostFactory(thread=thread, author=bruno)
    carlas = PostFactory(thread=thread, author=carla)
    gone = PostFactory(thread=thread, author=carla, deleted_at=NOW)
    HelpfulMarkFactory(post=brunos, learner=ana)
    HelpfulMarkFactory(post=brunos, learner=carla)
    HelpfulMarkFactory(post=carlas, learner=ana)
    HelpfulMarkFactory(post=gone, learner=bruno)  # deleted: doesn't count
    answer_accept(post=carlas, learner=ana, now=NOW)

    contributors = top_contributors(cohort=cohort)

    # Both score two; an accepted answer breaks the tie.
    assert [(c.learner, c.helpful, c.accepted) for c in contributors] == [
        (carla, 1, 1),
        (bruno, 2, 0),
    ]
    sign_in(client, ana)
    page = client.get(space_url(cohort)).text
    assert "Top contributors" in page
    assert "2 helpful · 0 accepted" in page


def test_profiles_show_helpful_and_accepted_counts(
    client, ana, bruno, cohort, thread, sign_in
):
    post = PostFactory(thread=thread, author=bruno)
    HelpfulMarkFactory(post=post, learner=ana)
    answer_accept(post=post, learner=ana, now=NOW)

    profile = member_profile(learner=bruno, cohort=cohort)

    assert (profile.replies, profile.helpful, profile.accepted) == (1, 1, 1)
    sign_in(client, ana)
    page = client.get(
        reverse(
            "community_profile",
            kwargs={"cohort_slug": cohort.slug, "learner_id": bruno.pk},
        )
    )
    assert page.status_code == 200
    assert "Bruno Lima" in page.text


# Reading -------------------------------------------------------------------


def test_reading_counts_views_for_facilitators_to_see(
    client, ana, bruno, fran, thread, sign_in
):
    sign_in(client, bruno)
    client.get(thread_url(thread))
    client.get(thread_url(thread))

    thread.refresh_from_db()
    assert thread.view_count == 2
    assert ThreadRead.objects.filter(thread=thread, learner=bruno).count() == 1
    assert SpaceVisit.objects.get(enrollment__learner=bruno).last_visit_at
    assert "2 views" not in client.get(space_url(thread.cohort)).text

    client.logout()
    client.force_login(fran)
    space_page = client.get(space_url(thread.cohort)).text
    thread_page = client.get(thread_url(thread)).text
    thread.refresh_from_db()
    assert thread.view_count == 2  # facilitators' views don't count
    assert "2 views · 1 reader" in space_page
    assert "2 views · 1 reader" in thread_page


def test_threads_with_activity_since_a_members_last_read_are_new(
    client, ana, bruno, thread, sign_in
):
    sign_in(client, bruno)
    assert "badge--new" in client.get(space_url(thread.cohort)).text

    client.get(thread_url(thread))

    assert "badge--new" not in client.get(space_url(thread.cohort)).text


def test_the_thread_page_makes_a_fixed_number_of_queries(
    client, ana, bruno, cohort, thread, django_assert_max_num_queries, sign_in
):
    sign_in(client, ana)
    for index in range(12):
        member = EnrollmentFactory(cohort=cohort).learner
        post = PostFactory(thread=thread, author=member, body_html=f"<p>{index}</p>")
        HelpfulMarkFactory(post=post, learner=bruno)
    client.get(thread_url(thread))  # warm the session and site caches

    with django_assert_max_num_queries(20):
        response = client.get(thread_url(thread))

    assert response.status_code == 200


def test_the_space_page_makes_a_fixed_number_of_queries(
    client, ana, cohort, django_assert_max_num_queries, sign_in
):
    sign_in(client, ana)
    for _ in range(15):
        ThreadFactory(cohort=cohort, author=EnrollmentFactory(cohort=cohort).learner)
    client.get(space_url(cohort))

    with django_assert_max_num_queries(20):
        response = client.get(space_url(cohort))

    assert response.status_code == 200


# Notices -------------------------------------------------------------------


def test_a_reply_from_someone_else_notifies_the_thread_author(bruno, ana, thread):
    post = reply_post(thread=thread, learner=bruno, text="Try this", now=NOW)

    notice = Notice.objects.get()
    assert notice.kind == NoticeKind.REPLY
    assert notice.learner == ana
    assert notice.cohort == thread.cohort
    assert notice.subject_id == post.pk
    assert notice.dedupe_key == f"reply:{post.pk}"
    assert notice.due_at == NOW


def test_replying_in_your_own_thread_notifies_nobody(ana, thread):
    reply_post(thread=thread, learner=ana, text="Update", now=NOW)

    assert not Notice.objects.exists()


def test_a_facilitators_reply_notifies_the_thread_author(fran, ana, thread):
    reply_post(thread=thread, user=fran, text="Good one", now=NOW)

    assert Notice.objects.get().learner == ana


def test_no_reply_notice_when_the_author_turned_them_off(bruno, ana, thread):
    NotificationPreferences.objects.create(learner=ana, replies=False)

    reply_post(thread=thread, learner=bruno, text="Try this", now=NOW)

    assert not Notice.objects.exists()


def test_an_accepted_reply_notifies_its_author_once(ana, bruno, thread):
    post = PostFactory(thread=thread, author=bruno)

    answer_accept(post=post, learner=ana, now=NOW)
    answer_accept(post=post, learner=ana, now=NOW)

    notice = Notice.objects.get(kind=NoticeKind.ACCEPTED)
    assert notice.learner == bruno
    assert notice.subject_id == post.pk
    assert notice.dedupe_key == f"accepted:{post.pk}"


def test_no_accepted_notice_when_the_author_turned_them_off(ana, bruno, thread):
    NotificationPreferences.objects.create(learner=bruno, accepted=False)
    post = PostFactory(thread=thread, author=bruno)

    answer_accept(post=post, learner=ana, now=NOW)

    assert not Notice.objects.filter(kind=NoticeKind.ACCEPTED).exists()
