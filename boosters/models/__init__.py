"""The booster engine's data: programs, cohorts, learners, deliveries, answers.

Page models live in ``boosters.questions.pages`` and are imported here so Django finds
them. How these rows change is decided in services (plan sync, dispatch,
answers), not here.
"""

from boosters.checkins.pages import ApplicationCheckInPage
from boosters.models.answers import (
    Answer,
    AnswerChannel,
    QuestionState,
    SignInRequest,
)
from boosters.models.checkins import CheckInAnswer, CheckInOutcome, StoryConsent
from boosters.models.deliveries import Delivery, DeliveryStatus
from boosters.models.learners import (
    Enrollment,
    EnrollmentStatus,
    Learner,
    SubscriptionStatus,
)
from boosters.models.notices import Manager, Notice, NoticeKind
from boosters.models.programs import (
    Cohort,
    Program,
    ProgramStep,
    SpacingMode,
    Weekend,
    validate_time_zone,
)
from boosters.questions.pages import (
    BoosterChoice,
    BoosterQuestionPage,
    BoosterQuestionPageTag,
)

__all__ = [
    "ApplicationCheckInPage",
    "CheckInAnswer",
    "CheckInOutcome",
    "StoryConsent",
    "Answer",
    "AnswerChannel",
    "BoosterChoice",
    "BoosterQuestionPage",
    "BoosterQuestionPageTag",
    "Cohort",
    "Delivery",
    "DeliveryStatus",
    "Enrollment",
    "EnrollmentStatus",
    "Learner",
    "Manager",
    "Notice",
    "NoticeKind",
    "Program",
    "ProgramStep",
    "QuestionState",
    "SignInRequest",
    "SpacingMode",
    "SubscriptionStatus",
    "Weekend",
    "validate_time_zone",
]
