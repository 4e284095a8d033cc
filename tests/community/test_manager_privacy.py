"""What a manager may see can never give away the result of someone who didn't
opt in: pure rules, checked without the database."""

import itertools

import pytest

from boosters.analytics.privacy import GROUP_MINIMUM, group_share
from community.managers.privacy import MemberWeek, team_results_visible

TOPIC = "Giving feedback"
# What one person did with this week's one question.
OUTCOMES = {
    "no answer": {},
    "wrong": {"answered": 1, "first_answers": {TOPIC: (1, 0)}},
    "right": {"answered": 1, "right_first_time": 1, "first_answers": {TOPIC: (1, 1)}},
}


def member(name, outcome, *, shares=False):
    return MemberWeek(name=name, shares_results=shares, **OUTCOMES[outcome])


def shown(results):
    """Everything the manager sees, as a comparable value."""
    group = results.group
    return (
        [(p.name, p.answered, p.correct_first_try) for p in results.people],
        results.suppressed_note,
        group
        and (
            group.size,
            group.answered.of_whole,
            [(t.title, t.right.of_whole) for t in group.topics],
        ),
    )


def test_the_group_minimum_is_five():
    assert GROUP_MINIMUM == 5


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (0, "none or one of 5"),
        (1, "none or one of 5"),
        (2, "2 of 5 (40%)"),
        (3, "3 of 5 (60%)"),
        (4, "all or all but one of 5"),
        (5, "all or all but one of 5"),
    ],
)
def test_counts_within_one_of_none_or_all_are_banded(part, expected):
    assert group_share(part=part, whole=5).of_whole == expected


@pytest.mark.parametrize(("sharers", "private"), [(0, 5), (0, 6), (2, 5), (4, 1)])
def test_no_view_lets_a_manager_tell_a_private_persons_result(sharers, private):
    """Every result of every private member is consistent with what is shown:
    for each view, each private person could have had each outcome."""
    named = [member(f"Sharer{i}", "right", shares=True) for i in range(sharers)]
    seen: dict = {}
    for outcomes in itertools.product(OUTCOMES, repeat=private):
        members = named + [
            member(f"Private{i}", outcome) for i, outcome in enumerate(outcomes)
        ]
        view = repr(shown(team_results_visible(members=members)))
        for index, outcome in enumerate(outcomes):
            seen.setdefault(view, [set() for _ in range(private)])[index].add(outcome)

    for possible in seen.values():
        assert all(len(outcomes) > 1 for outcomes in possible)


def test_four_sharers_and_one_private_person_get_no_team_figures():
    members = [member(f"Sharer{i}", "right", shares=True) for i in range(4)]
    results = team_results_visible(members=[*members, member("Private", "wrong")])

    assert results.group is None
    assert [person.name for person in results.people] == [
        f"Sharer{i}" for i in range(4)
    ]
    assert "rest of your team appear once at least 5" in results.suppressed_note


def test_figures_beside_named_people_cover_only_the_others():
    sharers = [member(f"Sharer{i}", "right", shares=True) for i in range(5)]
    private = [member(f"Private{i}", "right" if i < 2 else "wrong") for i in range(5)]

    results = team_results_visible(members=sharers + private)

    # Team-wide, 7 of 10 minus the five named rights would give the rest away
    # only if it were shown; the figure is over the five others alone.
    assert results.group.size == 5
    assert results.group.is_whole_team is False
    assert [(t.title, t.right.of_whole) for t in results.group.topics] == [
        (TOPIC, "2 of 5 (40%)")
    ]


def test_a_topic_answered_by_fewer_than_five_private_people_is_left_out():
    members = [member(f"Private{i}", "no answer") for i in range(4)] + [
        member("Answered", "right")
    ]
    results = team_results_visible(members=members)
    assert results.group.topics == []
