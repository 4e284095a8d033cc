"""The editor form every hub page uses: titles are one clean line (``hub.text``)."""

from django import forms
from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminPageForm

from hub.text import single_line_clean


class HubPageForm(WagtailAdminPageForm):
    """Cleans the page title and the title for search engines.

    A title goes into email subjects, listings and ``<title>``: a pasted line
    break or bidi override there breaks a subject or misleads a reader.
    """

    def clean_title(self):
        return self._single_line("title")

    def clean_seo_title(self):
        return self._single_line("seo_title")

    def _single_line(self, name: str) -> str:
        try:
            return single_line_clean(self.cleaned_data.get(name) or "")
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
