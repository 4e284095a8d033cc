"""The roster's language column (P12): codes and names, a clear problem for
anything else, and the learner's language set on import."""

import pytest

from boosters.factories import CohortFactory
from boosters.learners.roster import roster_parse
from boosters.learners.roster_import import roster_import
from boosters.models import Learner

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,language\n"


def parse(text: str):
    return roster_parse(data=(HEADER + text).encode())


def test_codes_and_names_become_the_hubs_codes():
    result = parse(
        "ana@example.com,Ana,Souza,Português\n"
        "bea@example.com,Bea,Lima,pt-BR\n"
        "carl@example.com,Carl,Ruiz,es\n"
        "dee@example.com,Dee,Ng,English\n"
        "eve@example.com,Eve,Ode,\n"
    )
    assert result.ok
    assert [row.language for row in result.rows] == ["pt-br", "pt-br", "es", "en", ""]


def test_a_language_the_hub_does_not_speak_is_a_row_problem():
    result = parse("ana@example.com,Ana,Souza,Klingon\nbea@example.com,Bea,Lima,es\n")
    (problem,) = result.problems
    assert problem.line == 2 and problem.column == "language"
    assert problem.message.startswith('Line 2: "Klingon" is not a language')
    assert "pt-br (Português (Brasil))" in problem.message
    assert [row.email for row in result.rows] == ["bea@example.com"]


def test_import_sets_the_language_and_an_empty_cell_keeps_it():
    cohort = CohortFactory(language="pt-br")
    roster_import(
        cohort=cohort, data=(HEADER + "ana@example.com,Ana,Souza,es\n").encode()
    )
    assert Learner.objects.get().language == "es"
    roster_import(
        cohort=cohort, data=(HEADER + "ana@example.com,Ana,Souza,\n").encode()
    )
    assert Learner.objects.get().language == "es"


def test_the_learner_list_shows_and_filters_by_language(admin_client):
    from boosters.factories import LearnerFactory

    LearnerFactory(email="ana@example.com", language="pt-br")
    LearnerFactory(email="carl@example.com", language="es")

    listing = admin_client.get("/admin/boosters/learner/").content.decode()
    filtered = admin_client.get(
        "/admin/boosters/learner/", {"language__exact": "pt-br"}
    ).content.decode()

    assert "Português (Brasil)" in listing and "Español" in listing
    assert "ana@example.com" in filtered and "carl@example.com" not in filtered
