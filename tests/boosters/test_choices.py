"""The order a delivery shows a booster's choices in: a pure function."""

from collections import Counter

from boosters.questions.choices import choice_order

CHOICES = ("Describe the meeting", "Say nothing", "Tell them off", "All of these")


def test_a_delivery_always_gets_the_same_order():
    orders = {
        tuple(choice_order(choices=CHOICES, delivery_id=4711, keep_order=False))
        for _ in range(5)
    }

    assert len(orders) == 1
    assert sorted(orders.pop()) == sorted(CHOICES)


def test_the_right_answer_lands_in_every_position_across_50_deliveries():
    positions = Counter(
        choice_order(choices=CHOICES, delivery_id=delivery_id, keep_order=False).index(
            "Describe the meeting"
        )
        for delivery_id in range(1, 51)
    )

    assert set(positions) == {0, 1, 2, 3}
    assert max(positions.values()) < 25  # no position gets half of them


def test_deliveries_get_many_different_orders():
    orders = {
        tuple(choice_order(choices=CHOICES, delivery_id=delivery_id, keep_order=False))
        for delivery_id in range(1000, 1050)
    }

    assert len(orders) >= 15  # of the 24 orders four choices have


def test_a_repeat_is_a_new_delivery_and_gets_a_new_order():
    first = choice_order(choices=CHOICES, delivery_id=10, keep_order=False)
    repeats = [
        choice_order(choices=CHOICES, delivery_id=delivery_id, keep_order=False)
        for delivery_id in range(11, 16)
    ]

    assert any(repeat != first for repeat in repeats)


def test_the_order_is_the_same_in_every_python_version():
    # Driven by random.random(), whose sequence for a seed Python guarantees:
    # an email sent before an upgrade opens on a page in the same order.
    assert choice_order(choices=CHOICES, delivery_id=1, keep_order=False) == [
        "All of these",
        "Say nothing",
        "Tell them off",
        "Describe the meeting",
    ]


def test_keep_order_keeps_the_editors_order():
    for delivery_id in range(1, 20):
        assert choice_order(
            choices=CHOICES, delivery_id=delivery_id, keep_order=True
        ) == list(CHOICES)


def test_without_a_delivery_the_editors_order_is_kept():
    assert choice_order(choices=CHOICES, delivery_id=None, keep_order=False) == list(
        CHOICES
    )


def test_one_or_no_choices_are_returned_as_they_are():
    assert choice_order(choices=[], delivery_id=3, keep_order=False) == []
    assert choice_order(choices=["Only"], delivery_id=3, keep_order=False) == ["Only"]
