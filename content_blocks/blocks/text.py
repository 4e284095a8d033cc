"""Blocks made of words: headings, prose, callouts, quotes and practice prompts."""

from django.utils.text import slugify

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from .base import PREVIEW_TEMPLATE

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
PROSE_FEATURES = [*INLINE_FEATURES, "ol", "ul"]


class HeadingValue(blocks.StructValue):
    """A heading's tag name and an anchor for in-page links."""

    LEVELS = ("h2", "h3")

    @property
    def tag(self) -> str:
        # The tag is written into markup, so only known levels get through.
        level = self.get("level")
        return level if level in self.LEVELS else "h2"

    @property
    def anchor(self) -> str:
        return slugify(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    """A section heading; editors choose its level to keep the outline correct."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Subsection (H3)")],
        default="h2",
        help_text="Use H3 only inside a section that starts with an H2.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = HeadingValue
        preview_value = {"text": "Open with what you observed", "level": "h2"}
        description = "A heading that starts a new section of the page."


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with simple formatting, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PROSE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<p>Feedback lands best when it describes a <b>specific moment</b>: "
            "what you saw, what effect it had, and what you would like to see "
            "next time. Keep it close to the event, while both of you still "
            "remember the details.</p>"
        )
        description = "Paragraphs of text with bold, italics, lists and links."


class CalloutValue(blocks.StructValue):
    """Labels a callout by its kind, so templates need no lookups."""

    KIND_LABELS = {"tip": "Tip", "warning": "Warning", "key_point": "Key point"}

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.get("kind"), "Note")

    @property
    def is_warning(self) -> bool:
        return self.get("kind") == "warning"

    @property
    def accessible_label(self) -> str:
        title = self.get("title")
        return f"{self.kind_label}: {title}" if title else self.kind_label


class CalloutBlock(blocks.StructBlock):
    """A boxed tip, warning or key point set apart from the main text."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Warning"), ("key_point", "Key point")],
        default="tip",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    body = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "blocks/callout_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = CalloutValue
        preview_value = {
            "kind": "warning",
            "title": "Skip the feedback sandwich",
            "body": (
                "<p>Wrapping criticism between two compliments teaches people to "
                "brace for the bad news whenever you praise them. Say the "
                "useful thing plainly and kindly.</p>"
            ),
        }
        description = "A tip, warning or key point in a highlighted box."


class QuoteValue(blocks.StructValue):
    """Joins who said a quote and their role into one credit line."""

    @property
    def credit(self) -> str:
        parts = [self.get("attribution"), self.get("role")]
        return ", ".join(part for part in parts if part)


class QuoteBlock(blocks.StructBlock):
    """A quotation from a learner, coach or expert, with who said it."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)
    role = blocks.CharBlock(
        required=False, max_length=120, help_text="For example, their job or cohort."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = QuoteValue
        preview_value = {
            "quote": (
                "I used to save feedback for the annual review. Now I give it "
                "the same week, and people actually change what they do."
            ),
            "attribution": "Priya Nair",
            "role": "Operations manager, spring cohort",
        }
        description = "A quotation with the name and role of the person."


class KeyTakeawaysValue(blocks.StructValue):
    """Supplies the default heading when editors leave it blank."""

    @property
    def display_heading(self) -> str:
        return self.get("heading") or "Key takeaways"


class KeyTakeawaysBlock(blocks.StructBlock):
    """A short list of the points a learner should remember."""

    heading = blocks.CharBlock(
        required=False, max_length=80, help_text='Defaults to "Key takeaways".'
    )
    points = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/takeaways_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = KeyTakeawaysValue
        preview_value = {
            "heading": "Key takeaways",
            "points": [
                "Describe what you saw, not what you assume.",
                "Give feedback within a few days of the moment.",
                "End with a question, not a verdict.",
            ],
        }
        description = "A bulleted list of the main points to remember."


class TryThisValue(blocks.StructValue):
    """Turns the optional minutes into a phrase a reader can scan."""

    @property
    def time_needed(self) -> str:
        minutes = self.get("minutes")
        if not minutes:
            return ""
        unit = "minute" if minutes == 1 else "minutes"
        return f"About {minutes} {unit}"


class TryThisBlock(blocks.StructBlock):
    """A small practice task to do at work, with an optional reflection."""

    title = blocks.CharBlock(max_length=120, default="Try this")
    task = blocks.RichTextBlock(features=PROSE_FEATURES)
    minutes = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=240,
        help_text="Roughly how long the task takes, in minutes.",
    )
    reflection_question = blocks.TextBlock(
        required=False, help_text="A question to think about afterwards."
    )

    class Meta:
        icon = "tasks"
        template = "blocks/try_this_block.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = TryThisValue
        preview_value = {
            "title": "Try this: one observation, one question",
            "task": (
                "<p>In your next one-to-one, describe one specific thing you saw "
                "your colleague do well this week. Then ask: "
                "<i>How did it look from your side?</i></p>"
            ),
            "minutes": 10,
            "reflection_question": (
                "What did their answer tell you that you did not know before?"
            ),
        }
        description = "A short practice task for learners to try at work."


DEFENSIVE_QUESTION_PREVIEW = {
    "question": "What if the other person gets defensive?",
    "answer": (
        "<p>Pause and ask what they heard. Defensiveness often means the message "
        "sounded like a judgement of the person, not the behaviour.</p>"
    ),
}


class AccordionItemBlock(blocks.StructBlock):
    """One question and its answer, folded until the reader opens it."""

    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=PROSE_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/accordion_item_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = DEFENSIVE_QUESTION_PREVIEW
        description = "A question with an answer that opens on demand."


class AccordionBlock(blocks.StructBlock):
    """Frequently asked questions, each answer folded under its question."""

    heading = blocks.CharBlock(required=False, max_length=120)
    questions = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/accordion_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "heading": "Common questions",
            "questions": [
                DEFENSIVE_QUESTION_PREVIEW,
                {
                    "question": "Should I give feedback by email?",
                    "answer": (
                        "<p>Praise travels well in writing. Anything that could "
                        "sting is better said in person or on a call.</p>"
                    ),
                },
            ],
        }
        description = "Questions and answers that readers open one at a time."


class TableBlock(TypedTableBlock):
    """A data table with text, number and rich text columns.

    The caption is the table's own caption field, shown to every reader and
    announced by screen readers.
    """

    text = blocks.CharBlock(label="Text")
    numeric = blocks.DecimalBlock(label="Number")
    rich_text = blocks.RichTextBlock(features=INLINE_FEATURES, label="Rich text")

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "caption": "How alumni give feedback six weeks after the course",
            "columns": [
                {"type": "text", "heading": "Approach"},
                {"type": "numeric", "heading": "Alumni using it (%)"},
                {"type": "rich_text", "heading": "What it sounds like"},
            ],
            "rows": [
                {
                    "values": [
                        "Observation first",
                        "68",
                        "<p><i>In the meeting, I noticed you…</i></p>",
                    ]
                },
                {
                    "values": [
                        "Question to close",
                        "54",
                        "<p><i>How did it look from your side?</i></p>",
                    ]
                },
            ],
        }
        description = "A table with a caption and typed columns."
