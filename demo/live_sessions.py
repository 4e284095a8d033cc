"""The demo's live sessions: two feedback clinics in the demo's booster program.

One clinic took place two days ago (or the working day before): its invites
went out on the course's last day, learners sent questions, the facilitator
(Dana, of the L&D leads) marked attendance and attached the recording, so the
follow-up (discussion and practice) is due. The next one is nine days ahead
(or the working day after): its invites go with the plan, eight days after the
course ended, and its week-before discussion opens a few days later. Every
demo cohort follows the program, so learners in every office and zone get them.

Keyed like the rest of the demo (pages by slug under their topic, steps by
page), so running the loader again adds only what is missing. Dates are
relative to the day the demo is first loaded.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from boosters.models import Delivery, DeliveryStatus, Enrollment, Program, ProgramStep
from boosters.planning.scheduling import learner_zone, local_to_utc
from boosters.planning.sync import cohort_plan_sync
from community.pages import DiscussionPage
from home.models import ScreencastChapter, ScreencastPage, TopicPage
from live_sessions.models import (
    Attendance,
    AttendanceSource,
    LiveSessionPage,
    SessionQuestion,
)

from . import assets
from .drip import PROGRAM_SLUG

TOPIC_SLUG = "giving-feedback"
# The clinics are steps of the demo's booster program, on days no other step
# uses: the past one on the course's last day, the next one eight days after.
PAST_DAY_OFFSET = 0
NEXT_DAY_OFFSET = 8
PAST_SLUG = "feedback-clinic-the-conversation-you-put-off"
NEXT_SLUG = "feedback-clinic-feedback-upwards"
RECORDING_SLUG = "feedback-clinic-recording-the-conversation-you-put-off"
PRE_SLUG = "before-the-clinic-feedback-upwards"
POST_SLUG = "after-the-clinic-what-you-tried"
FACILITATOR_USERNAME = "dana"

AGENDA = [
    ("Warm-up: the conversation you keep putting off", 10, ""),
    ("SBI in practice", 25, "Two volunteers, one real example each."),
    ("Practice in pairs", 20, "Swap roles after ten minutes."),
]

QUESTIONS = [
    # (learner email, agenda item index or None, text), for the next clinic
    (
        "ana.souza@example.com",
        1,
        "How specific can I be about impact without sounding like I'm blaming?",
    ),
    (
        "priya.nair@example.com",
        1,
        "What if the behaviour happened weeks ago: is it too late for SBI?",
    ),
    (
        "wei.tan@example.com",
        None,
        "Can we cover giving feedback to someone more senior?",
    ),
    ("omar.haddad@example.com", 2, "Could we practise a conversation over video?"),
]


@dataclass
class DemoLiveSessionsResult:
    pages_created: list[str] = field(default_factory=list)
    pages_kept: list[str] = field(default_factory=list)
    steps_created: int = 0


def _weekday(day: date, *, step: int) -> date:
    """``day``, or the nearest Monday-to-Friday day in the direction of ``step``."""
    while day.isoweekday() > 5:
        day += timedelta(days=step)
    return day


def _child(parent: Page, model, slug: str, result: DemoLiveSessionsResult):
    page = parent.get_children().type(model).filter(slug=slug).specific().first()
    if page is not None:
        result.pages_kept.append(f"{parent.slug}/{slug}")
    return page


def _publish(parent: Page, page: Page, result: DemoLiveSessionsResult) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    result.pages_created.append(f"{parent.slug}/{page.slug}")
    return page


def _discussion(topic, slug, title, intro, questions, result) -> DiscussionPage:
    page = _child(topic, DiscussionPage, slug, result)
    if page is None:
        page = _publish(
            topic,
            DiscussionPage(
                title=title,
                slug=slug,
                intro=f"<p>{intro}</p>",
                questions=[("question", q) for q in questions],
            ),
            result,
        )
    return page


def _recording(topic, result) -> ScreencastPage | None:
    page = _child(topic, ScreencastPage, RECORDING_SLUG, result)
    if page is not None:
        return page
    source = ScreencastPage.objects.filter(slug=assets.SBI_SCREENCAST).first()
    if source is None:
        return None
    recording = ScreencastPage(
        title="Feedback clinic recording: the conversation you put off",
        slug=RECORDING_SLUG,
        summary="The recording of the live feedback clinic: SBI on two real "
        "examples, then practice in pairs.",
        video=source.video,
        poster_image=source.poster_image,
        captions=source.captions,
        captions_language=source.captions_language,
        takeaways=source.takeaways.raw_data,
    )
    # The demo "recording" reuses a demo video, so its chapters fit it too.
    recording.chapters = [
        ScreencastChapter(timestamp=chapter.timestamp, title=chapter.title)
        for chapter in source.chapters.all()
    ]
    return _publish(topic, recording, result)


def _session(topic, *, slug, title, day: date, result, **fields) -> LiveSessionPage:
    page = _child(topic, LiveSessionPage, slug, result)
    if page is None:
        page = _publish(
            topic,
            LiveSessionPage(
                title=title,
                slug=slug,
                intro="<p>An hour with colleagues from every office: bring one real "
                "feedback conversation and leave with a plan for it.</p>",
                time_zone="America/New_York",
                session_date=day,
                start_time=time(10, 0),
                end_time=time(11, 0),
                join_url="https://meet.example.com/feedback-clinic",
                facilitator=get_user_model()
                .objects.filter(username=FACILITATOR_USERNAME)
                .first(),
                facilitator_name="Dana Okafor",
                agenda=[
                    (
                        "item",
                        {"title": t, "minutes": minutes, "description": description},
                    )
                    for t, minutes, description in AGENDA
                ],
                practice_assignment="<p>Have the conversation you planned in the "
                "clinic this week. Afterwards, note in one line what you said "
                "and how they reacted.</p>",
                **fields,
            ),
            result,
        )
    return page


def demo_live_sessions_ensure(
    *, hub_result=None, today: date | None = None
) -> DemoLiveSessionsResult:
    """Create the demo's live sessions and their steps in the demo program if
    missing. The pages created or kept are added to ``hub_result`` (the
    loader's ``DemoHubResult``), if given."""
    today = today or timezone.localdate()
    result = DemoLiveSessionsResult()
    if hub_result is not None:
        # The loader's lists: its summary and "run again" checks count these too.
        result.pages_created = hub_result.pages_created
        result.pages_kept = hub_result.pages_kept
    topic = TopicPage.objects.filter(slug=TOPIC_SLUG).first()
    if topic is None:
        return result
    pre = _discussion(
        topic,
        PRE_SLUG,
        "Before the clinic: feedback upwards",
        "Talk these over with your cohort before the next clinic.",
        [
            "When did you last hold back feedback for someone more senior?",
            "What would make it easier to say?",
        ],
        result,
    )
    post = _discussion(
        topic,
        POST_SLUG,
        "After the clinic: what you tried",
        "A week to try what we practised, then tell your cohort how it went.",
        [
            "Which conversation did you have, and how did it go?",
            "What will you do differently next time?",
        ],
        result,
    )
    past = _session(
        topic,
        slug=PAST_SLUG,
        title="Feedback clinic: the conversation you put off",
        day=_weekday(today - timedelta(days=2), step=-1),
        post_discussion=post,
        recording=_recording(topic, result),
        result=result,
    )
    upcoming = _session(
        topic,
        slug=NEXT_SLUG,
        title="Feedback clinic: feedback upwards",
        day=_weekday(today + timedelta(days=9), step=1),
        pre_discussion=pre,
        post_discussion=post,
        result=result,
    )

    program = Program.objects.filter(slug=PROGRAM_SLUG).first()
    if program is None:
        return result
    steps = set(program.steps.values_list("page_id", flat=True))
    last = program.steps.count()
    for order, (session, offset) in enumerate(
        ((past, PAST_DAY_OFFSET), (upcoming, NEXT_DAY_OFFSET)), start=last
    ):
        if session.pk not in steps:
            ProgramStep.objects.create(
                program=program, page=session, day_offset=offset, sort_order=order
            )
            result.steps_created += 1
    if result.steps_created:
        cohorts = list(program.cohorts.all())
        for cohort in cohorts:
            cohort_plan_sync(cohort=cohort)
        _past_history(page=past, cohorts=cohorts)
        _questions(page=upcoming, cohorts=cohorts)
    return result


def _past_history(*, page: LiveSessionPage, cohorts) -> None:
    """The past clinic's invites as sent on the course's last day, at each
    learner's send time, and its attendance as the facilitator marked it."""
    deliveries = Delivery.objects.filter(
        page_id=page.pk, enrollment__cohort__in=cohorts, status=DeliveryStatus.PENDING
    ).select_related("enrollment__learner", "enrollment__cohort")
    for delivery in deliveries:
        cohort, learner = delivery.enrollment.cohort, delivery.enrollment.learner
        zone = learner_zone(
            learner_zone_name=learner.time_zone, cohort_zone_name=cohort.time_zone
        )
        sent_at = local_to_utc(
            local_date=cohort.anchor_date, send_time=cohort.send_time, zone=zone
        )
        delivery.status = DeliveryStatus.SENT
        delivery.local_date = cohort.anchor_date
        delivery.due_at = delivery.sent_at = sent_at
        delivery.save(update_fields=["status", "local_date", "due_at", "sent_at"])
    facilitator = page.facilitator
    marked_at = page.ends_at + timedelta(hours=1)
    enrollments = Enrollment.objects.filter(cohort__in=cohorts).order_by("pk")
    for index, enrollment in enumerate(enrollments):
        Attendance.objects.get_or_create(
            page=page,
            enrollment=enrollment,
            defaults={
                # Most came; every third one did not.
                "attended": index % 3 != 2,
                "source": AttendanceSource.CSV
                if index % 2
                else AttendanceSource.MANUAL,
                "marked_by": facilitator,
                "marked_at": marked_at,
            },
        )


def _questions(*, page: LiveSessionPage, cohorts) -> None:
    items = page.agenda_items
    for email, item, text in QUESTIONS:
        enrollment = Enrollment.objects.filter(
            cohort__in=cohorts, learner__email=email
        ).first()
        if enrollment is None:
            continue
        item_id, item_title = items[item] if item is not None else ("", "")
        SessionQuestion.objects.get_or_create(
            page=page,
            enrollment=enrollment,
            text=text,
            defaults={"agenda_item_id": item_id, "agenda_item_title": item_title},
        )
