"""The system check that keeps "drippable" and "can be emailed" in step."""

from boosters import checks
from home.models import HomePage


def test_every_drippable_page_type_can_be_emailed():
    assert checks.drippable_pages_have_email_kinds() == []


def test_a_drippable_page_type_without_an_email_kind_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "drippable_page_models", lambda: [HomePage])

    (error,) = checks.drippable_pages_have_email_kinds()

    assert error.id == "boosters.E001"
    assert "home.HomePage is drippable but has no email kind" in error.msg
