"""CSV and XLSX exports: safe in a spreadsheet, readable in Excel, streamed."""

import csv
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import openpyxl
import pytest

from boosters.models import Answer, Delivery
from hub.exports import csv_cell_escape
from tests.boosters.test_analytics_views import cohort_with_answers

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+2", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx=1", "\rx=1"]


@pytest.fixture
def lead(client, django_user_model):
    user = django_user_model.objects.create_superuser("dana", "d@example.com", "pw")
    client.force_login(user)
    return client


def body_of(response) -> bytes:
    assert response.streaming  # never built whole in memory
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    text = body_of(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def formula_answers(topic):
    cohort_with_answers(topic=topic, learners=3)
    answers = list(Answer.objects.order_by("pk")[: len(FORMULAS)])
    for answer, text in zip(answers, FORMULAS, strict=True):
        answer.choice_text = text
        answer.save(update_fields=["choice_text"])
    return answers


def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(lead, formula_answers):
    response = lead.get(reverse("boosters_report_answers"), {"export": "csv"})

    header, *rows = csv_rows(response)
    choices = {row[header.index("Choice text")] for row in rows}
    assert {f"'{text}" for text in FORMULAS} <= choices
    assert not choices & set(FORMULAS)
    # Numbers stay numbers: the seconds column is bare digits.
    assert {row[header.index("Seconds to answer")] for row in rows} == {"3600"}


def test_only_text_is_escaped_never_a_number():
    assert csv_cell_escape(-5) == -5
    assert csv_cell_escape(-2.5) == -2.5
    assert csv_cell_escape(Decimal("-1.10")) == Decimal("-1.10")
    assert csv_cell_escape("-5") == "'-5"
    assert csv_cell_escape("Ana - São Paulo") == "Ana - São Paulo"
    assert csv_cell_escape(None) is None


def test_csv_is_utf8_with_a_bom_so_excel_shows_accents(lead, topic):
    cohort_with_answers(topic=topic, learners=1, name="São Paulo", region="São Paulo")

    response = lead.get(reverse("boosters_report_progress"), {"export": "csv"})

    body = body_of(response)
    assert body.startswith(b"\xef\xbb\xbf")
    assert "São Paulo".encode() in body
    assert body.count(b"\xef\xbb\xbf") == 1  # once, not per chunk
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="learner-progress.csv"' in response["Content-Disposition"]


def test_xlsx_keeps_formula_text_as_text(lead, formula_answers):
    response = lead.get(reverse("boosters_report_answers"), {"export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response))).active
    header, *rows = list(sheet.iter_rows())
    column = [cell.value for cell in header].index("Choice text")
    cells = {row[column].value: row[column].data_type for row in rows}
    texts = FORMULAS[:4]  # XML turns a leading CR into a line feed
    assert {text: cells[text] for text in texts} == dict.fromkeys(texts, "s")


def test_exports_hold_what_the_listing_shows(lead, topic):
    cohort_with_answers(topic=topic, learners=2)
    Answer.objects.first().delete()

    deliveries = csv_rows(
        lead.get(reverse("boosters_report_deliveries"), {"export": "csv"})
    )
    progress = csv_rows(
        lead.get(reverse("boosters_report_progress"), {"export": "csv"})
    )

    header, *rows = deliveries
    assert len(rows) == Delivery.objects.count()
    assert sorted(row[header.index("Answered")] for row in rows) == ["0"] + ["1"] * (
        len(rows) - 1
    )
    header, *rows = progress
    learner = Delivery.objects.first().enrollment.learner
    assert learner.full_name in {row[header.index("Name")] for row in rows}


@pytest.mark.parametrize("export", ["csv", "xlsx"])
@pytest.mark.parametrize("report", ["deliveries", "answers", "progress"])
def test_export_queries_do_not_grow_with_rows(lead, topic, report, export):
    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = lead.get(
                reverse(f"boosters_report_{report}"), {"export": export}
            )
            body_of(response)
        return len(queries)

    cohort_with_answers(topic=topic, learners=2)
    few = queries_for_export()
    cohort_with_answers(topic=topic, learners=20, name="Riyadh", region="Riyadh")

    assert queries_for_export() == few
