"""Who may see a cohort space, and who is looking.

A cohort's space is for its members (learners with an active enrolment) and
for facilitators (superusers, the "Facilitators" group, or users who may change
threads). Everyone else gets a 404 for the space and for anything in it, as if
it did not exist: guessing a slug or an id reveals nothing.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from boosters.learners.sign_in import learner_from_request
from boosters.models import Cohort, Enrollment, EnrollmentStatus, Learner
from community.models import Post, Thread

FACILITATORS_GROUP = "Facilitators"
FACILITATOR_PERMISSION = "community.change_thread"


def is_facilitator(user) -> bool:
    """Whether ``user`` (a Django user, or ``None``) facilitates cohort spaces."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm(FACILITATOR_PERMISSION):
        return True
    return user.groups.filter(name=FACILITATORS_GROUP).exists()


def member_enrollment(*, learner: Learner, cohort: Cohort) -> Enrollment | None:
    """``learner``'s active enrolment in ``cohort``, or ``None``."""
    if learner is None or cohort is None:
        return None
    return Enrollment.objects.filter(
        learner=learner, cohort=cohort, status=EnrollmentStatus.ACTIVE
    ).first()


def cohort_for_member(*, learner: Learner, cohort_slug: str) -> Cohort | None:
    """The cohort ``cohort_slug`` if ``learner`` is an active member of it."""
    if learner is None:
        return None
    return Cohort.objects.filter(
        slug=cohort_slug,
        enrollments__learner=learner,
        enrollments__status=EnrollmentStatus.ACTIVE,
    ).first()


def spaces_for_learner(*, learner: Learner) -> list[Cohort]:
    """The cohorts whose spaces ``learner`` may enter, newest course first."""
    return list(
        Cohort.objects.filter(
            enrollments__learner=learner,
            enrollments__status=EnrollmentStatus.ACTIVE,
        )
        .select_related("program")
        .distinct()
    )


def spaces_for_facilitator() -> list[Cohort]:
    """Every cohort: facilitators look after all spaces."""
    return list(Cohort.objects.select_related("program"))


def spaces_facilitated_by(*, user) -> QuerySet[Cohort]:
    """The cohorts whose spaces ``user`` looks after: all of them for a
    facilitator (there is no per-space assignment), none for anyone else."""
    if not is_facilitator(user):
        return Cohort.objects.none()
    return Cohort.objects.all()


@dataclass(frozen=True)
class SpaceViewer:
    """Who is looking at a cohort space.

    ``learner`` and ``enrollment`` are set for a member; ``user`` for a
    facilitator. A person can be both (a facilitator who is also enrolled):
    they post as the learner and moderate as the facilitator.
    """

    cohort: Cohort
    learner: Learner | None = None
    enrollment: Enrollment | None = None
    user: object | None = None

    @property
    def is_member(self) -> bool:
        return self.enrollment is not None

    @property
    def is_facilitator(self) -> bool:
        return self.user is not None

    def is_author_of(self, item: Thread | Post) -> bool:
        """Whether the viewer wrote ``item`` (as a learner or as a facilitator)."""
        if self.learner is not None and item.author_id == self.learner.pk:
            return True
        author_user_id = getattr(item, "author_user_id", None)
        return (
            self.user is not None
            and author_user_id is not None
            and author_user_id == self.user.pk
        )


def someone_signed_in(request: HttpRequest) -> bool:
    """Whether a learner or a facilitator is signed in (else: send to sign-in)."""
    return learner_from_request(request) is not None or is_facilitator(
        getattr(request, "user", None)
    )


def space_access(request: HttpRequest, cohort_slug: str) -> SpaceViewer:
    """Who is looking at the space of ``cohort_slug``; raises ``Http404`` for
    anyone who is neither a member nor a facilitator, and for unknown slugs."""
    learner = learner_from_request(request)
    user = getattr(request, "user", None)
    facilitator = user if is_facilitator(user) else None
    enrollment = None
    if learner is not None:
        enrollment = (
            Enrollment.objects.select_related("cohort__program")
            .filter(
                learner=learner,
                cohort__slug=cohort_slug,
                status=EnrollmentStatus.ACTIVE,
            )
            .first()
        )
    if enrollment is not None:
        cohort = enrollment.cohort
    elif facilitator is not None:
        cohort = (
            Cohort.objects.select_related("program").filter(slug=cohort_slug).first()
        )
    else:
        cohort = None
    if cohort is None:
        raise Http404("No such cohort space.")
    return SpaceViewer(
        cohort=cohort,
        learner=learner if enrollment is not None else None,
        enrollment=enrollment,
        user=facilitator,
    )


def visible_threads(*, viewer: SpaceViewer):
    """The cohort's threads ``viewer`` may open: hidden ones only for
    facilitators and their author (who sees why)."""
    threads = Thread.objects.filter(cohort=viewer.cohort)
    if viewer.is_facilitator:
        return threads
    hidden_but_mine = Q(author=viewer.learner) if viewer.learner else Q(pk__in=[])
    return threads.filter(Q(hidden_at__isnull=True) | hidden_but_mine)


def thread_access(*, viewer: SpaceViewer, thread_id: int) -> Thread:
    """Thread ``thread_id`` of the viewer's cohort, or ``Http404``."""
    thread = (
        visible_threads(viewer=viewer)
        .select_related("cohort", "author", "source_page", "accepted_post")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise Http404("No such thread.")
    return thread


def post_access(*, viewer: SpaceViewer, post_id: int) -> Post:
    """Reply ``post_id`` in a thread the viewer may open, or ``Http404``."""
    post = (
        Post.objects.select_related("thread__cohort", "thread__author", "author")
        .filter(pk=post_id, thread__in=visible_threads(viewer=viewer))
        .first()
    )
    if post is None:
        raise Http404("No such reply.")
    return post


def member_access(*, viewer: SpaceViewer, learner_id: int) -> Learner:
    """A member of the viewer's cohort (for their profile), or ``Http404``."""
    learner = Learner.objects.filter(
        pk=learner_id,
        enrollments__cohort=viewer.cohort,
        enrollments__status=EnrollmentStatus.ACTIVE,
    ).first()
    if learner is None:
        raise Http404("No such member.")
    return learner
