"""Every block shows editors a sensible preview and follows the house style."""

from html.parser import HTMLParser

from django.template.loader import get_template

from wagtail import blocks
from wagtail.admin.views.generic.preview import StreamFieldBlockPreview

import pytest

import content_blocks.blocks as hub_blocks
from content_blocks.blocks import HubStreamBlock, ResourceLinkStreamBlock

# What a reader would notice in each block's preview.
PREVIEW_SHOWS = {
    "heading_block": '<h2 class="hub-heading" id="open-with-what-you-observed">'
    "Open with what you observed</h2>",
    "paragraph_block": "<b>specific moment</b>",
    "image_block": "A quick check-in after a client call",
    "callout_block": "Skip the feedback sandwich",
    "takeaways_block": "<li>Describe what you saw, not what you assume.</li>",
    "quote_block": "I used to save feedback for the annual review.",
    "video_block": "Giving feedback in under two minutes",
    "embed_block": 'href="https://www.ted.com/talks/leeann_renninger_the_secret',
    "resource_links_block": "The Feedback Fallacy (Harvard Business Review)",
    "try_this_block": "About 10 minutes",
    "accordion_block": '<summary class="hub-accordion__question">'
    "What if the other person gets defensive?</summary>",
    "table_block": '<caption class="hub-table__caption">How alumni give feedback',
    "page_cards_block": "Keep practising",
}

VOID_ELEMENTS = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

HUB_CHILD_BLOCKS = list(HubStreamBlock().child_blocks.items())


class TagBalance(HTMLParser):
    """Records tags that close without opening, or open without closing."""

    def __init__(self):
        super().__init__()
        self.open_tags = []
        self.stray_closers = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if self.open_tags and self.open_tags[-1] == tag:
            self.open_tags.pop()
        else:
            self.stray_closers.append(tag)


def assert_balanced(html):
    parser = TagBalance()
    parser.feed(html)
    assert parser.open_tags == [], f"unclosed tags in {html}"
    assert parser.stray_closers == [], f"stray closing tags in {html}"


def all_block_classes():
    return [
        getattr(hub_blocks, name)
        for name in hub_blocks.__all__
        if isinstance(getattr(hub_blocks, name), type)
    ]


def test_every_hub_block_has_a_preview_expectation():
    assert set(PREVIEW_SHOWS) == set(HubStreamBlock().child_blocks)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), HUB_CHILD_BLOCKS, ids=lambda v: str(v))
def test_block_preview_shows_its_content_in_well_formed_html(name, block):
    html = block.render(block.get_preview_value())

    assert PREVIEW_SHOWS[name] in html
    assert_balanced(html)


@pytest.mark.django_db
def test_hub_stream_preview_renders_each_of_its_blocks():
    block = HubStreamBlock()

    html = block.render(block.get_preview_value())

    assert '<div class="hub-stream">' in html
    assert "Open with what you observed</h2>" in html
    assert "Ask before you tell" in html
    assert_balanced(html)


@pytest.mark.django_db
def test_resource_link_stream_preview_is_a_list_of_links():
    block = ResourceLinkStreamBlock()

    html = block.render(block.get_preview_value())

    assert '<ul class="hub-resource-links">' in html
    assert 'href="https://hbr.org/2019/03/the-feedback-fallacy"' in html
    assert_balanced(html)


@pytest.mark.parametrize("block_class", all_block_classes(), ids=lambda c: c.__name__)
def test_every_block_is_documented_and_has_a_complete_meta(block_class):
    block = block_class()

    assert block_class.__doc__
    assert block.meta.template.startswith("blocks/")
    get_template(block.meta.template)
    get_template(f"wagtailadmin/icons/{block.meta.icon}.svg")
    assert block.get_description()
    assert block.meta.preview_value


@pytest.mark.parametrize("block_class", all_block_classes(), ids=lambda c: c.__name__)
def test_structured_blocks_are_previewable_in_the_block_picker(block_class):
    block = block_class()

    if isinstance(block, blocks.StructBlock | blocks.StreamBlock):
        assert block.is_previewable


@pytest.mark.django_db
def test_block_picker_preview_shows_the_block_with_the_hub_styles(rf):
    block = HubStreamBlock().child_blocks["callout_block"]
    # The view itself, without the admin URL's login check and site middleware.
    view = StreamFieldBlockPreview.as_view()

    response = view(rf.get("/", {"id": block.definition_prefix})).render()

    assert response.status_code == 200
    html = response.content.decode()
    assert "content_blocks/css/blocks.css" in html
    assert "Skip the feedback sandwich" in html
