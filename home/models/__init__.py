"""Hub page models, one module per page type."""

from .articles import ArticlePage, ArticlePageTag
from .home import HomePage
from .mixins import HubContentMixin
from .screencasts import ScreencastChapter, ScreencastPage, ScreencastPageTag
from .topics import TopicPage

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "HomePage",
    "HubContentMixin",
    "ScreencastChapter",
    "ScreencastPage",
    "ScreencastPageTag",
    "TopicPage",
]
