"""Forms for cohort spaces: what members type, with messages that say what to fix."""

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from boosters.models import Cohort
from community.sanitize import POST_MAX_CHARS
from community.services import (
    HIDE_REASON_MAX_CHARS,
    REPORT_REASON_MAX_CHARS,
    TITLE_MAX_CHARS,
)
from hub.numbers import number_grouped_lazy
from hub.text import single_line_normalise, single_line_problem

FORMATTING_HELP = format_lazy(
    _(
        "Plain text is fine. A blank line starts a new paragraph. Web addresses "
        "become links. For more: **bold**, *italic*, a line starting with “- ” for "
        "a list, “> ” for a quote, [words](https://…) for a link. Images and HTML "
        "are not shown. Up to {limit} characters."
    ),
    limit=number_grouped_lazy(POST_MAX_CHARS),
)
# What a too-long field says; %(show_value)s is filled in by Django's validator.
_TOO_LONG = {
    "it": _(
        "Keep it to {limit} characters; this has %(show_value)s. "
        "Trim it, or split it in two."
    ),
    "the title": _(
        "Keep the title to {limit} characters; this has %(show_value)s. "
        "Trim it, or split it in two."
    ),
    "the reason": _(
        "Keep the reason to {limit} characters; this has %(show_value)s. "
        "Trim it, or split it in two."
    ),
}


def _too_long(limit: int, what: str = "it") -> str:
    # "5,000" in English, "5.000" in Portuguese: grouped when it is shown.
    return format_lazy(_TOO_LONG[what], limit=number_grouped_lazy(limit))


class PostTextField(forms.CharField):
    """The body of a thread or reply: required, at most ``POST_MAX_CHARS``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your reply"))
        kwargs.setdefault("help_text", FORMATTING_HELP)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        super().__init__(
            max_length=POST_MAX_CHARS,
            error_messages={
                "required": _("Write something before posting."),
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

    text = PostTextField(label=_("Your reply"))


class ThreadForm(forms.Form):
    """A member's new thread: a problem they met on the job, a question, a success."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_CHARS,
        help_text=_("One line: what happened, or what you want to know."),
        error_messages={
            "required": _("Give your thread a title."),
            "max_length": _too_long(TITLE_MAX_CHARS, "the title"),
        },
    )
    text = PostTextField(
        label=_("Tell your colleagues more"),
        help_text=format_lazy(
            "{} {}",
            _("What happened, what you tried, what you'd like to hear about."),
            FORMATTING_HELP,
        ),
    )

    def clean_title(self):
        title = self.cleaned_data["title"]
        problem = single_line_problem(title)
        if problem:
            raise forms.ValidationError(
                _("The title %(problem)s.") % {"problem": problem}
            )
        return single_line_normalise(title)


class ReportForm(forms.Form):
    """A member tells the facilitators what is wrong with a thread or reply."""

    reason = forms.CharField(
        label=_("What's wrong?"),
        max_length=REPORT_REASON_MAX_CHARS,
        help_text=_(
            "Only the facilitators see this. The author is not told who reported."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REPORT_REASON_MAX_CHARS}),
        error_messages={
            "required": _("Tell the facilitators what is wrong."),
            "max_length": _too_long(REPORT_REASON_MAX_CHARS),
        },
    )


class HideForm(forms.Form):
    """A facilitator hides a thread or reply, saying why (its author sees it)."""

    reason = forms.CharField(
        label=_("Reason (the author sees it)"),
        max_length=HIDE_REASON_MAX_CHARS,
        error_messages={
            "required": _("Say why it is hidden: the author sees the reason."),
            "max_length": _too_long(HIDE_REASON_MAX_CHARS, "the reason"),
        },
    )


class MoveForm(forms.Form):
    """A facilitator chooses the cohort space to move a thread to."""

    to = forms.ModelChoiceField(
        label=_("Move it to"),
        queryset=Cohort.objects.none(),
        empty_label=_("Choose a cohort space"),
        help_text=_(
            "Only spaces you facilitate. Its members will see the thread "
            "and its replies."
        ),
        error_messages={
            "required": _("Choose the cohort space to move the thread to."),
            "invalid_choice": _(
                "Choose one of the spaces listed: you can move a "
                "thread only to another space you facilitate."
            ),
        },
    )

    def __init__(self, *args, destinations: QuerySet[Cohort], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = destinations
