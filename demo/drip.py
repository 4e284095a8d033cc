"""The demo's drip engine: a booster program, cohorts in several zones, learners.

Keyed like the rest of the demo (program and cohort by slug, learner by email),
so running the loader again adds only what is missing. Anchor dates are set
relative to the day the demo is first loaded, so the plan is always current.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Page

from boosters.models import Cohort, Enrollment, Learner, Program, ProgramStep, Weekend
from boosters.planning.sync import cohort_plan_sync
from demo.groups import demo_group_ensure

PROGRAM_SLUG = "feedback-boosters"

# (page slug, day offset). The course ends on the last working day of a week, so
# these offsets land on working days (Mon, Tue, Thu, then Mon, Wed, Fri...).
PROGRAM_STEPS = [
    ("the-sbi-model", 3),
    ("describe-the-behaviour", 4),
    ("praise-that-helps", 5),
    ("preparing-with-the-sbi-template", 6),
    ("feedback-that-changed-how-you-work", 7),
    ("skip-the-feedback-sandwich", 10),
    ("receiving-feedback-without-defensiveness", 12),
    ("when-feedback-stings", 14),
    ("logging-a-feedback-note", 17),
    ("where-a-feedback-note-belongs", 19),
    ("feed-forward", 21),
    ("feed-forward-after-a-missed-deadline", 24),
    ("ask-before-you-advise", 26),
    ("ask-for-feedback-people-can-give", 28),
]


@dataclass(frozen=True)
class CohortSpec:
    slug: str
    name: str
    region: str
    time_zone: str
    weeks_ago: int  # the course ended on the last working day of that week
    weekend: str = Weekend.SAT_SUN
    send_time: time = time(9, 0)


COHORTS = [
    CohortSpec("new-york-hq", "New York HQ", "New York", "America/New_York", 1),
    CohortSpec("london", "London office", "London", "Europe/London", 1),
    CohortSpec("singapore", "Singapore office", "Singapore", "Asia/Singapore", 0),
    CohortSpec(
        "riyadh", "Riyadh office", "Riyadh", "Asia/Riyadh", 0, weekend=Weekend.FRI_SAT
    ),
]

# (cohort slug, email, first, last, own time zone, office, manager name, manager email)
LEARNERS = [
    (
        "new-york-hq",
        "dana.reyes@example.com",
        "Dana",
        "Reyes",
        "",
        "New York",
        "Ravi Patel",
        "ravi.patel@example.com",
    ),
    (
        "new-york-hq",
        "marcus.lee@example.com",
        "Marcus",
        "Lee",
        "",
        "New York",
        "Ravi Patel",
        "ravi.patel@example.com",
    ),
    (
        "new-york-hq",
        "ana.souza@example.com",
        "Ana",
        "Souza",
        "America/Sao_Paulo",
        "São Paulo",
        "Ravi Patel",
        "ravi.patel@example.com",
    ),
    (
        "london",
        "olivia.brown@example.com",
        "Olivia",
        "Brown",
        "",
        "London",
        "Tom Hughes",
        "tom.hughes@example.com",
    ),
    (
        "london",
        "priya.nair@example.com",
        "Priya",
        "Nair",
        "Asia/Kolkata",
        "Bengaluru",
        "Tom Hughes",
        "tom.hughes@example.com",
    ),
    (
        "london",
        "ben.okafor@example.com",
        "Ben",
        "Okafor",
        "",
        "London",
        "Tom Hughes",
        "tom.hughes@example.com",
    ),
    (
        "singapore",
        "wei.tan@example.com",
        "Wei",
        "Tan",
        "",
        "Singapore",
        "Mei Lin",
        "mei.lin@example.com",
    ),
    (
        "singapore",
        "chen.jun@example.com",
        "Chen",
        "Jun",
        "",
        "Singapore",
        "Mei Lin",
        "mei.lin@example.com",
    ),
    (
        "singapore",
        "siti.rahman@example.com",
        "Siti",
        "Rahman",
        "Asia/Jakarta",
        "Jakarta",
        "Mei Lin",
        "mei.lin@example.com",
    ),
    (
        "riyadh",
        "omar.haddad@example.com",
        "Omar",
        "Haddad",
        "",
        "Riyadh",
        "Layla Aziz",
        "layla.aziz@example.com",
    ),
    (
        "riyadh",
        "sara.alfarsi@example.com",
        "Sara",
        "Al-Farsi",
        "Asia/Dubai",
        "Dubai",
        "Layla Aziz",
        "layla.aziz@example.com",
    ),
    (
        "riyadh",
        "yusuf.khan@example.com",
        "Yusuf",
        "Khan",
        "",
        "Riyadh",
        "Layla Aziz",
        "layla.aziz@example.com",
    ),
]


def course_end_date(*, today: date, weekend: frozenset[int], weeks_ago: int) -> date:
    """The last working day of the week ``weeks_ago`` weeks back (0: the latest one
    on or before ``today``)."""
    last_working_day = max(
        set(range(1, 8)) - weekend, key=lambda d: (d - min(weekend)) % 7
    )
    day = today - timedelta(days=(today.isoweekday() - last_working_day) % 7)
    return day - timedelta(weeks=weeks_ago)


@dataclass
class DemoDripResult:
    cohorts_created: int = 0
    learners_created: int = 0
    deliveries_planned: int = 0


def demo_drip_ensure(*, today: date | None = None) -> DemoDripResult:
    """Create the demo program, cohorts and learners that are missing, and plan them."""
    today = today or timezone.localdate()
    result = DemoDripResult()
    program, created = Program.objects.get_or_create(
        slug=PROGRAM_SLUG,
        defaults={
            "name": "Feedback conversations: boosters",
            "description": "A month of reinforcement after the feedback course.",
            "pulse_question": "What do you most want to get better at in your "
            "feedback conversations?",
        },
    )
    if created:
        pages = {
            p.slug: p
            for p in Page.objects.filter(slug__in=[s for s, _ in PROGRAM_STEPS])
        }
        for order, (slug, offset) in enumerate(PROGRAM_STEPS):
            if slug in pages:
                ProgramStep.objects.create(
                    program=program,
                    page=pages[slug],
                    day_offset=offset,
                    sort_order=order,
                )

    cohorts = {}
    for spec in COHORTS:
        cohort, created = Cohort.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "program": program,
                "name": spec.name,
                "region": spec.region,
                "time_zone": spec.time_zone,
                "anchor_date": course_end_date(
                    today=today,
                    weekend=frozenset(int(d) for d in spec.weekend.split(",")),
                    weeks_ago=spec.weeks_ago,
                ),
                "weekend": spec.weekend,
                "send_time": spec.send_time,
            },
        )
        cohorts[spec.slug] = cohort
        result.cohorts_created += created

    for (
        cohort_slug,
        email,
        first,
        last,
        zone,
        office,
        manager,
        manager_email,
    ) in LEARNERS:
        learner, created = Learner.objects.get_or_create(
            email__iexact=email,
            defaults={
                "email": email,
                "first_name": first,
                "last_name": last,
                "time_zone": zone,
                "office": office,
                "manager_name": manager,
                "manager_email": manager_email,
            },
        )
        result.learners_created += created
        cohort = cohorts[cohort_slug]
        # Enrolled on the course's last day, so nobody is a late enrolment.
        enrolled_at = timezone.make_aware(
            datetime.combine(cohort.anchor_date, time(0, 0)),
            timezone.get_default_timezone(),
        )
        Enrollment.objects.get_or_create(
            learner=learner, cohort=cohort, defaults={"enrolled_at": enrolled_at}
        )

    for cohort in cohorts.values():
        result.deliveries_planned += cohort_plan_sync(cohort=cohort).created
    return result


FACILITATORS_GROUP = "Facilitators"
FACILITATOR_PERMISSIONS = (
    ("community", "change_thread"),
    ("community", "change_post"),
    ("community", "change_postreport"),
    # Read learners' questions for a live session and mark attendance.
    ("live_sessions", "run_live_sessions"),
)


def demo_facilitators_ensure() -> Group:
    """The Wagtail group whose members facilitate cohort spaces.

    Facilitators pin, lock, hide and move threads, handle reports and curate
    threads into draft articles; the demo admin, a superuser, can too.
    """
    # Curated drafts are articles: facilitators add and edit pages in the hub
    # (publishing stays with editors).
    return demo_group_ensure(
        FACILITATORS_GROUP,
        permissions=FACILITATOR_PERMISSIONS,
        page_permissions=("add_page", "change_page"),
    )
