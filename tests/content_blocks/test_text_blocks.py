"""Text blocks derive their labels and phrasing for the reader."""

from content_blocks.blocks import HubStreamBlock

STREAM = HubStreamBlock()


def value_of(name, value):
    return STREAM.child_blocks[name].normalize(value)


def render(name, value):
    block = STREAM.child_blocks[name]
    return block.render(block.normalize(value))


def test_heading_uses_the_chosen_level_and_an_anchor():
    html = render("heading_block", {"text": "Ask, then listen", "level": "h3"})

    assert html.strip() == (
        '<h3 class="hub-heading" id="ask-then-listen">Ask, then listen</h3>'
    )


def test_heading_with_an_unknown_level_falls_back_to_h2():
    assert value_of("heading_block", {"text": "x", "level": "script"}).tag == "h2"


def test_callout_shows_its_title_and_body_in_a_labelled_note():
    html = render(
        "callout_block",
        {"kind": "tip", "title": "Ask first", "body": "<p>Open with a question.</p>"},
    )

    assert 'role="note" aria-label="Tip: Ask first"' in html
    assert "Ask first" in html
    assert "<p>Open with a question.</p>" in html


def test_callout_knows_when_it_is_a_warning():
    warning = value_of("callout_block", {"kind": "warning", "body": "<p>x</p>"})
    key_point = value_of("callout_block", {"kind": "key_point", "body": "<p>x</p>"})

    assert warning.is_warning
    assert warning.accessible_label == "Warning"
    assert not key_point.is_warning
    assert key_point.kind_label == "Key point"


def test_quote_credits_the_person_and_their_role():
    html = render(
        "quote_block",
        {"quote": "Say it soon.", "attribution": "Ana", "role": "Team lead"},
    )

    assert "<blockquote" in html
    assert "Say it soon." in html
    assert "<figcaption" in html
    assert "Ana, Team lead" in html


def test_takeaways_default_to_a_key_takeaways_heading():
    html = render("takeaways_block", {"heading": "", "points": ["Be specific."]})

    assert "Key takeaways</h2>" in html
    assert "<li>Be specific.</li>" in html


def test_try_this_states_the_time_needed_in_words():
    one = value_of("try_this_block", {"task": "<p>x</p>", "minutes": 1})
    many = value_of("try_this_block", {"task": "<p>x</p>", "minutes": 15})
    unset = value_of("try_this_block", {"task": "<p>x</p>", "minutes": None})

    assert one.time_needed == "About 1 minute"
    assert many.time_needed == "About 15 minutes"
    assert unset.time_needed == ""


def test_try_this_without_a_reflection_question_leaves_out_the_prompt():
    html = render(
        "try_this_block",
        {"title": "Try this", "task": "<p>Ask one question.</p>", "minutes": None},
    )

    assert "Ask one question." in html
    assert "reflect" not in html
    assert "Time needed" not in html


def test_accordion_folds_each_answer_under_its_question():
    html = render(
        "accordion_block",
        {
            "heading": "",
            "questions": [
                {"question": "How often?", "answer": "<p>Weekly.</p>"},
                {"question": "Where?", "answer": "<p>In private.</p>"},
            ],
        },
    )

    assert html.count("<details") == 2
    assert "<summary" in html
    assert "How often?</summary>" in html
    assert "<p>In private.</p>" in html
    assert "<h2" not in html


def test_table_has_a_caption_column_headers_and_row_headers():
    html = render(
        "table_block",
        {
            "caption": "Feedback habits",
            "columns": [
                {"type": "text", "heading": "Habit"},
                {"type": "numeric", "heading": "Share (%)"},
            ],
            "rows": [{"values": ["Ask first", "54"]}],
        },
    )

    assert '<caption class="hub-table__caption">Feedback habits</caption>' in html
    assert '<th scope="col" class="hub-table__cell--text">Habit</th>' in html
    assert '<th scope="row" class="hub-table__cell--text">Ask first</th>' in html
    assert '<td class="hub-table__cell--numeric">54</td>' in html
