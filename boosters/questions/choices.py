"""Rules for a booster question's choices, as pure functions."""

from collections.abc import Iterable

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
