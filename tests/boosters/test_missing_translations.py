"""Editors see which program items some cohort reads untranslated (P12): a
report with links to translate, and a note on the program and cohort."""

from django.urls import reverse

import pytest

from boosters.drip.missing_translations import missing_translations
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    LearnerFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from demo.drip import demo_facilitators_ensure
from demo.leads import LD_LEADS_GROUP, demo_ld_leads_ensure
from demo.workflow import LD_GROUP, SME_GROUP, demo_review_workflow_ensure
from home.factories import ArticlePageFactory
from tests.boosters.i18n_helpers import translate_page
from tests.boosters.test_analytics_permissions import member_client

pytestmark = pytest.mark.django_db

URL = "boosters_missing_translations"


@pytest.fixture
def program(topic):
    program = ProgramFactory(name="Feedback boosters")
    translated = booster_with_choices(parent=topic, title="Naming the behaviour")
    translate_page(translated, "pt-br", title="Nomeando o comportamento", slug="n")
    drafted = booster_with_choices(parent=topic, title="Praise that helps")
    translate_page(drafted, "pt-br", publish=False, title="Elogios", slug="e")
    ArticlePageFactory(parent=topic, title="The SBI model")
    for order, title in enumerate(
        ["Naming the behaviour", "Praise that helps", "The SBI model"]
    ):
        page = topic.get_children().get(title=title)
        ProgramStepFactory(program=program, page=page, sort_order=order)
    CohortFactory(program=program, name="New York HQ", language="en")
    CohortFactory(program=program, name="São Paulo office", language="pt-br")
    return program


def test_the_report_lists_what_each_language_lacks(program):
    rows = missing_translations(programs=[program])
    found = {(row.page.title, row.language, row.status) for row in rows}
    assert found == {
        ("Praise that helps", "pt-br", "Draft, not published"),
        ("The SBI model", "pt-br", "Not translated"),
    }
    assert {tuple(row.readers) for row in rows} == {("São Paulo office",)}


def test_a_learners_own_language_counts_too(program):
    cohort = program.cohorts.get(name="New York HQ")
    EnrollmentFactory(cohort=cohort, learner=LearnerFactory(language="es"))
    rows = missing_translations(programs=[program], languages=["es"])
    assert len(rows) == 3
    assert {tuple(row.readers) for row in rows} == {("New York HQ",)}


def test_the_report_finds_them_in_a_few_queries(
    program, topic, django_assert_max_num_queries
):
    other = ProgramFactory()
    for index in range(6):
        page = ArticlePageFactory(parent=topic, title=f"Extra {index}")
        ProgramStepFactory(program=other, page=page, sort_order=index)
    CohortFactory(program=other, language="es")
    with django_assert_max_num_queries(5):
        rows = missing_translations()
    assert len(rows) == 8


def test_editors_open_the_report_with_links_to_translate(admin_client, program):
    html = admin_client.get(reverse(URL)).content.decode()
    sbi = program.steps.get(page__title="The SBI model").page
    assert "The SBI model" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[sbi.pk]) in html
    assert "Finish the translation" in html
    assert "Nomeando" not in html and "Naming the behaviour" not in html


def test_the_cohort_and_program_edit_pages_note_missing_translations(
    admin_client, program
):
    sao_paulo = program.cohorts.get(name="São Paulo office")
    new_york = program.cohorts.get(name="New York HQ")
    cohort_page = admin_client.get(f"/admin/boosters/cohort/edit/{sao_paulo.pk}/")
    assert "Português (Brasil): 2 of 3 items have no live translation" in (
        cohort_page.content.decode()
    )
    assert f"{reverse(URL)}?program={program.pk}" in cohort_page.content.decode()
    english = admin_client.get(f"/admin/boosters/cohort/edit/{new_york.pk}/")
    assert "no live translation" not in english.content.decode()
    program_page = admin_client.get(f"/admin/boosters/program/edit/{program.pk}/")
    assert "2 of 3 items have no live translation" in program_page.content.decode()


@pytest.fixture
def demo_groups(home_page):
    demo_facilitators_ensure()
    demo_review_workflow_ensure()
    demo_ld_leads_ensure()


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_translators_see_the_report_in_reports(
    client, django_user_model, demo_groups, program, group_name
):
    member = member_client(client, django_user_model, group_name)
    assert member.get(reverse(URL)).status_code == 200
    home = member.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(URL) in home


@pytest.mark.parametrize(
    "group_name", [SME_GROUP, LD_GROUP, LD_LEADS_GROUP, "Facilitators"]
)
def test_other_demo_groups_may_not_open_it(
    client, django_user_model, demo_groups, program, group_name
):
    member = member_client(client, django_user_model, group_name)
    response = member.get(reverse(URL))
    assert response.status_code == 403
    assert reverse(URL) not in member.get(reverse("wagtailadmin_home")).content.decode()
