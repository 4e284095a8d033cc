"""What a manager may see of their team's results: one pure rule for both the
weekly email and the manager page.

- A learner who opted in to sharing (on My learning) is shown by name with
  their own figures.
- Team figures cover only the people who did not opt in, so they can't be
  combined with the named figures to work out the one person left over
  (N−1 elimination). They appear only for at least ``GROUP_MINIMUM`` such
  people (per topic: people who answered it), and counts within one of none
  or all are banded ("all or all but one"), since "5 of 5 right" is
  everyone's result.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import ngettext

from boosters.analytics.privacy import GROUP_MINIMUM, GroupShare, group_share


@dataclass(frozen=True)
class MemberWeek:
    """One team member's week, as counted from their answers."""

    name: str
    shares_results: bool
    answered: int = 0
    right_first_time: int = 0
    # Topic title → (first answers, of which right).
    first_answers: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonResult:
    """One learner's week, shown only because they chose to share it."""

    name: str
    answered: int
    correct_first_try: int


@dataclass(frozen=True)
class TopicShare:
    """How many of the group's first answers on one topic were right."""

    title: str
    right: GroupShare


@dataclass(frozen=True)
class GroupView:
    """Figures over the team members who keep their results to themselves."""

    size: int
    answered: GroupShare
    topics: list[TopicShare]
    is_whole_team: bool


@dataclass(frozen=True)
class TeamResults:
    """Everything a manager may see of their team's results this week."""

    people: list[PersonResult]
    group: GroupView | None
    private_size: int
    minimum: int = GROUP_MINIMUM

    @property
    def suppressed_note(self) -> str:
        """Why there are no team figures, if there are people they would cover."""
        if self.group is not None or not self.private_size:
            return ""
        if self.people:
            return ngettext(
                "Figures for the rest of your team appear once at least "
                "%(minimum)s of them keeps their results to themselves, so "
                "nobody's results can be singled out.",
                "Figures for the rest of your team appear once at least "
                "%(minimum)s of them keep their results to themselves, so "
                "nobody's results can be singled out.",
                self.minimum,
            ) % {"minimum": self.minimum}
        return ngettext(
            "Team figures appear once at least %(minimum)s person on your "
            "team is in the program, so nobody's results can be singled out.",
            "Team figures appear once at least %(minimum)s people on your "
            "team are in the program, so nobody's results can be singled out.",
            self.minimum,
        ) % {"minimum": self.minimum}


def team_results_visible(
    *, members: Sequence[MemberWeek], minimum: int = GROUP_MINIMUM
) -> TeamResults:
    """What a manager may see of ``members``' week (see the module docstring)."""
    sharing = [member for member in members if member.shares_results]
    private = [member for member in members if not member.shares_results]
    group = None
    if len(private) >= minimum:
        answered = sum(1 for member in private if member.answered)
        titles = sorted({title for member in private for title in member.first_answers})
        topics = []
        for title in titles:
            counts = [
                m.first_answers[title] for m in private if title in m.first_answers
            ]
            # Fewer people on a topic would be nearly their own results.
            if len(counts) < minimum:
                continue
            total = sum(first for first, _ in counts)
            right = sum(right for _, right in counts)
            topics.append(
                TopicShare(title=title, right=group_share(part=right, whole=total))
            )
        group = GroupView(
            size=len(private),
            answered=group_share(part=answered, whole=len(private)),
            topics=topics,
            is_whole_team=not sharing,
        )
    return TeamResults(
        people=[
            PersonResult(
                name=member.name,
                answered=member.answered,
                correct_first_try=member.right_first_time,
            )
            for member in sharing
        ],
        group=group,
        private_size=len(private),
        minimum=minimum,
    )
