"""Plain text and reading times come from stored values, without rendering."""

from content_blocks.blocks import HubStreamBlock
from content_blocks.reading import reading_time_minutes, stream_plain_text


def body(*children):
    return HubStreamBlock().normalize(list(children))


def test_plain_text_reads_rich_text_without_tags_or_merged_words():
    text = stream_plain_text(
        body(("paragraph_block", "<p>Be <b>specific</b>.</p><p>Ask&nbsp;first.</p>"))
    )

    assert "Be specific." in text
    assert "Ask\xa0first." in text or "Ask first." in text
    assert ".Ask" not in text
    assert "<" not in text


def test_plain_text_reads_structs_lists_and_nested_streams():
    text = stream_plain_text(
        body(
            ("heading_block", {"text": "Open with what you saw", "level": "h2"}),
            (
                "callout_block",
                {"kind": "key_point", "title": "Be kind", "body": "<p>And clear.</p>"},
            ),
            ("takeaways_block", {"heading": "", "points": ["One", "Two"]}),
            (
                "accordion_block",
                {"questions": [{"question": "Why?", "answer": "<p>Because.</p>"}]},
            ),
            (
                "resource_links_block",
                {
                    "heading": "Read more",
                    "links": [
                        (
                            "external_link",
                            {"link_url": "https://example.com/", "link_text": "Guide"},
                        )
                    ],
                },
            ),
        )
    )

    for words in [
        "Open with what you saw",
        "Be kind",
        "And clear.",
        "One",
        "Two",
        "Why?",
        "Because.",
        "Read more",
        "Guide",
    ]:
        assert words in text
    assert "key_point" not in text
    assert "example.com" not in text
    assert "<" not in text


def test_plain_text_reads_table_captions_headings_and_cells():
    text = stream_plain_text(
        body(
            (
                "table_block",
                {
                    "caption": "Habits",
                    "columns": [
                        {"type": "text", "heading": "Habit"},
                        {"type": "numeric", "heading": "Share"},
                        {"type": "rich_text", "heading": "Example"},
                    ],
                    "rows": [
                        {"values": ["Ask first", "54", "<p><i>How was it?</i></p>"]}
                    ],
                },
            )
        )
    )

    for words in ["Habits", "Habit", "Share", "Ask first", "54", "How was it?"]:
        assert words in text
    assert "<" not in text


def test_plain_text_never_fetches_embeds(offline_embeds):
    text = stream_plain_text(
        body(("embed_block", {"embed": "https://example.com/v", "caption": "A talk"}))
    )

    assert text == "A talk"
    offline_embeds.assert_not_called()


def test_plain_text_of_an_empty_body_is_empty():
    assert stream_plain_text(body()) == ""


def test_short_text_takes_one_minute():
    assert reading_time_minutes("Just a few words.") == 1
    assert reading_time_minutes("") == 1


def test_reading_time_rounds_up_to_whole_minutes():
    assert reading_time_minutes("word " * 401) == 3
    assert reading_time_minutes("word " * 400) == 2


def test_reading_time_uses_the_given_reading_speed():
    assert reading_time_minutes("word " * 300, words_per_minute=100) == 3
