"""Unsubscribing a learner from drip email."""

from django.db import transaction
from django.utils import timezone

from boosters.models import Delivery, DeliveryStatus, Learner, SubscriptionStatus

LEARNER_UNSUBSCRIBED = "The learner unsubscribed."


def learner_unsubscribe(*, learner: Learner, reason: str, now=None) -> int:
    """Stop all email to ``learner`` and cancel what is still pending.

    Idempotent: a learner who is already unsubscribed keeps the original date
    and reason. Returns how many pending deliveries were cancelled.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if learner.subscription != SubscriptionStatus.UNSUBSCRIBED:
            learner.subscription = SubscriptionStatus.UNSUBSCRIBED
            learner.subscription_changed_at = now
            learner.subscription_reason = reason[:255]
            learner.save(
                update_fields=[
                    "subscription",
                    "subscription_changed_at",
                    "subscription_reason",
                ]
            )
        return Delivery.objects.filter(
            enrollment__learner=learner, status=DeliveryStatus.PENDING
        ).update(
            status=DeliveryStatus.CANCELLED,
            status_reason=LEARNER_UNSUBSCRIBED,
            updated_at=now,
        )


def email_masked(*, email: str) -> str:
    """An address shown on a public page without giving it away: a***@example.com."""
    local, at, domain = email.partition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"
