"""Forms for cohort spaces: what members type, with messages that say what to fix."""

from django import forms
from django.db.models import QuerySet

from boosters.models import Cohort
from community.sanitize import POST_MAX_CHARS
from community.services import (
    HIDE_REASON_MAX_CHARS,
    REPORT_REASON_MAX_CHARS,
    TITLE_MAX_CHARS,
)
from hub.text import single_line_normalise, single_line_problem

FORMATTING_HELP = (
    "Plain text is fine. A blank line starts a new paragraph. Web addresses "
    "become links. For more: **bold**, *italic*, a line starting with “- ” for "
    "a list, “> ” for a quote, [words](https://…) for a link. Images and HTML "
    f"are not shown. Up to {POST_MAX_CHARS:,} characters."
)


def _too_long(limit: int, what: str = "it") -> str:
    return (
        f"Keep {what} to {limit:,} characters; this has %(show_value)s. "
        "Trim it, or split it in two."
    )


class PostTextField(forms.CharField):
    """The body of a thread or reply: required, at most ``POST_MAX_CHARS``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your reply")
        kwargs.setdefault("help_text", FORMATTING_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        super().__init__(
            max_length=POST_MAX_CHARS,
            error_messages={
                "required": "Write something before posting.",
                "max_length": _too_long(POST_MAX_CHARS),
            },
            **kwargs,
        )

    def widget_attrs(self, widget):
        # No ``maxlength``: a browser would cut a long paste short without a
        # word; the server says how long it is instead.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class ReplyForm(forms.Form):
    """A reply in a thread."""

    text = PostTextField()


class PostEditForm(forms.Form):
    """Rewriting a reply within its edit window."""

    text = PostTextField(label="Your reply")


class ThreadForm(forms.Form):
    """A member's new thread: a problem they met on the job, a question, a success."""

    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_CHARS,
        help_text="One line: what happened, or what you want to know.",
        error_messages={
            "required": "Give your thread a title.",
            "max_length": _too_long(TITLE_MAX_CHARS, "the title"),
        },
    )
    text = PostTextField(
        label="Tell your colleagues more",
        help_text=(
            "What happened, what you tried, what you'd like to hear about. "
            + FORMATTING_HELP
        ),
    )

    def clean_title(self):
        title = self.cleaned_data["title"]
        problem = single_line_problem(title)
        if problem:
            raise forms.ValidationError(f"The title {problem}.")
        return single_line_normalise(title)


class ReportForm(forms.Form):
    """A member tells the facilitators what is wrong with a thread or reply."""

    reason = forms.CharField(
        label="What's wrong?",
        max_length=REPORT_REASON_MAX_CHARS,
        help_text="Only the facilitators see this. The author is not told who reported.",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REPORT_REASON_MAX_CHARS}),
        error_messages={
            "required": "Tell the facilitators what is wrong.",
            "max_length": _too_long(REPORT_REASON_MAX_CHARS),
        },
    )


class HideForm(forms.Form):
    """A facilitator hides a thread or reply, saying why (its author sees it)."""

    reason = forms.CharField(
        label="Reason (the author sees it)",
        max_length=HIDE_REASON_MAX_CHARS,
        error_messages={
            "required": "Say why it is hidden: the author sees the reason.",
            "max_length": _too_long(HIDE_REASON_MAX_CHARS, "the reason"),
        },
    )


class MoveForm(forms.Form):
    """A facilitator chooses the cohort space to move a thread to."""

    to = forms.ModelChoiceField(
        label="Move it to",
        queryset=Cohort.objects.none(),
        empty_label="Choose a cohort space",
        help_text="Only spaces you facilitate. Its members will see the thread "
        "and its replies.",
        error_messages={
            "required": "Choose the cohort space to move the thread to.",
            "invalid_choice": "Choose one of the spaces listed: you can move a "
            "thread only to another space you facilitate.",
        },
    )

    def __init__(self, *args, destinations: QuerySet[Cohort], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = destinations
