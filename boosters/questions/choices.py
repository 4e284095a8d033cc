"""Rules for a booster question's choices, as pure functions."""

import random
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

MIN_CHOICES = 2
MAX_CHOICES = 6


def choice_set_problems(correct_flags: Iterable[bool]) -> list[str]:
    """Say what is wrong with a question's choices, in words an editor acts on.

    ``correct_flags`` holds, for each choice the editor kept, whether it is
    marked correct. An empty list means the choices are fine.
    """
    flags = list(correct_flags)
    problems = []
    if len(flags) < MIN_CHOICES:
        problems.append(
            f"A booster question needs at least {MIN_CHOICES} choices; "
            f"it has {len(flags)}."
        )
    elif len(flags) > MAX_CHOICES:
        problems.append(
            f"A booster question can have at most {MAX_CHOICES} choices; "
            f"it has {len(flags)}. Remove {len(flags) - MAX_CHOICES}."
        )
    correct = sum(flags)
    if flags and correct == 0:
        problems.append("Mark exactly one choice as correct; none is marked.")
    elif correct > 1:
        problems.append(f"Mark exactly one choice as correct; {correct} are marked.")
    return problems


def choice_order(
    *, choices: Sequence[T], delivery_id: int | None, keep_order: bool
) -> list[T]:
    """``choices`` (in the editor's order) in the order one delivery shows them.

    Each delivery gets its own shuffle, seeded by its id: the email, a resend
    and the pages its links open all show the same order, and a repeat (a new
    delivery) gets a new one. ``keep_order`` (the question's "keep this order",
    e.g. for "all of the above") or no delivery (the question's hub page) keeps
    the editor's order.
    """
    order = list(choices)
    if keep_order or delivery_id is None:
        return order
    # Fisher-Yates driven by random() alone: Python guarantees random()'s
    # sequence for a given seed across versions, not shuffle()'s, and an order
    # must not change under a learner between the email and its pages.
    rng = random.Random(delivery_id)
    for last in range(len(order) - 1, 0, -1):
        other = int(rng.random() * (last + 1))
        order[last], order[other] = order[other], order[last]
    return order
