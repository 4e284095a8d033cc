"""Resource links and page cards point readers at live pages, documents and sites."""

from django.template.loader import render_to_string

from wagtail.models import Page

import pytest

from content_blocks.blocks import (
    HubStreamBlock,
    ResourceLinksBlock,
    ResourceLinkStreamBlock,
)

LINKS = ResourceLinkStreamBlock()


def link_value(kind, value):
    return LINKS.child_blocks[kind].normalize(value)


@pytest.mark.django_db
def test_page_link_is_labelled_with_the_page_title_by_default(make_page):
    page = make_page("Planning the conversation")

    link = link_value("page_link", {"page": page, "link_text": ""})

    assert link.label == "Planning the conversation"
    assert link.url == page.url
    assert link.kind == "page"
    assert not link.is_external


@pytest.mark.django_db
def test_page_link_uses_the_editors_label_when_given(make_page):
    page = make_page("Planning the conversation")

    link = link_value("page_link", {"page": page, "link_text": "Plan it first"})

    assert link.label == "Plan it first"


@pytest.mark.django_db
def test_page_link_to_a_draft_or_deleted_page_has_no_url(make_page):
    draft = make_page("Not ready yet", live=False)

    assert link_value("page_link", {"page": draft}).url == ""
    assert link_value("page_link", {"page": None, "link_text": "Gone"}).url == ""


@pytest.mark.django_db
def test_document_link_is_labelled_with_the_title_and_describes_the_file(document):
    link = link_value("document_link", {"document": document, "link_text": ""})

    assert link.label == "Feedback planning worksheet"
    assert link.url == document.url
    assert link.kind == "document"
    assert link.file_info == "PDF, 2.0\xa0KB"


def test_document_link_to_a_deleted_document_has_no_url_or_file_info():
    link = link_value("document_link", {"document": None, "link_text": "Old"})

    assert link.url == ""
    assert link.file_info == ""


def test_external_link_uses_its_url_and_label_and_is_marked_external():
    link = link_value(
        "external_link",
        {"link_url": "https://example.com/feedback", "link_text": "Feedback guide"},
    )

    assert link.url == "https://example.com/feedback"
    assert link.label == "Feedback guide"
    assert link.kind == "external"
    assert link.is_external


@pytest.mark.django_db
def test_resource_link_list_include_renders_every_kind_of_link(make_page, document):
    page = make_page("Planning the conversation")
    links = LINKS.normalize(
        [
            ("page_link", {"page": page, "link_text": ""}),
            ("document_link", {"document": document, "link_text": ""}),
            (
                "external_link",
                {"link_url": "https://example.com/", "link_text": "Guide"},
            ),
            ("page_link", {"page": None, "link_text": "Deleted page"}),
        ]
    )

    html = render_to_string("blocks/resource_link_list.html", {"links": links})

    assert '<ul class="hub-resource-links">' in html
    assert html.count("<li") == 3
    assert f'href="{page.url}">Planning the conversation</a>' in html
    assert f'href="{document.url}">Feedback planning worksheet</a>' in html
    assert "(PDF, 2.0\xa0KB)" in html
    assert "(external link)" in html
    assert "Deleted page" not in html


def test_resource_link_list_include_renders_nothing_for_no_links():
    html = render_to_string("blocks/resource_link_list.html", {"links": []})

    assert html.strip() == ""


def test_resource_links_block_shows_its_heading_above_the_links():
    block = ResourceLinksBlock()
    value = block.normalize(
        {
            "heading": "Go further",
            "links": [
                (
                    "external_link",
                    {"link_url": "https://example.com/", "link_text": "Guide"},
                )
            ],
        }
    )

    html = block.render(value)

    assert '<h2 class="hub-resources__heading">Go further</h2>' in html
    assert 'href="https://example.com/">Guide' in html


@pytest.fixture
def cards_block():
    return HubStreamBlock().child_blocks["page_cards_block"]


@pytest.mark.django_db
def test_page_cards_show_title_summary_and_link_in_the_chosen_order(
    make_page, cards_block
):
    first = make_page("Listening first", search_description="Why to ask first.")
    second = make_page("Closing the loop", search_description="Follow up a week on.")
    value = cards_block.normalize({"heading": "Next", "pages": [second, first]})

    html = cards_block.render(value)

    assert html.index("Closing the loop") < html.index("Listening first")
    assert f'href="{first.url}">Listening first</a>' in html
    assert "Why to ask first." in html


@pytest.mark.django_db
def test_page_card_prefers_a_pages_summary_to_its_search_description(
    make_page, cards_block, monkeypatch
):
    page = make_page("Listening first", search_description="For search engines.")
    monkeypatch.setattr(
        Page, "summary", "<p>Written for <b>learners</b>.</p>", raising=False
    )

    (card,) = cards_block.normalize({"pages": [page]}).cards

    assert card.summary == "Written for learners."


@pytest.mark.django_db
def test_page_cards_leave_out_unpublished_and_deleted_pages(make_page, cards_block):
    live = make_page("Published")
    draft = make_page("Draft", live=False)

    cards = cards_block.normalize({"pages": [live, draft, None]}).cards

    assert [card.title for card in cards] == ["Published"]


@pytest.mark.django_db
def test_page_cards_load_pages_without_a_query_per_card(
    make_page, cards_block, django_assert_max_num_queries
):
    pages = [make_page(f"Page {number}") for number in range(5)]
    value = cards_block.normalize({"heading": "More", "pages": pages})

    with django_assert_max_num_queries(4):
        html = cards_block.render(value)

    assert html.count('class="hub-card"') == 5
