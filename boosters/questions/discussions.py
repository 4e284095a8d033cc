"""Where a booster's "Discuss with your cohort" box leads on the feedback page.

The threads live in the community app, which the engine never imports; it
registers a finder here instead (``discussion_finder_register``), as it
registers its email kinds and batch hooks.
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

# ``finder(*, cohort, page)`` returns the hub path of the thread ``page``
# opened in ``cohort``, or ``None``.
DiscussionFinder = Callable[..., str | None]
_FINDERS: list[DiscussionFinder] = []


def discussion_finder_register(func: DiscussionFinder) -> DiscussionFinder:
    """Register ``func(*, cohort, page)``, which finds a booster's thread."""
    if func not in _FINDERS:
        _FINDERS.append(func)
    return func


def discussion_path(*, cohort, page) -> str:
    """The hub path of the cohort's thread about ``page``, or "" if none.

    A finder that fails is logged: the feedback still shows, without the link.
    """
    for finder in _FINDERS:
        try:
            path = finder(cohort=cohort, page=page)
        except Exception:  # noqa: BLE001 — the feedback matters more than the link
            logger.exception("Discussion finder %s failed", finder.__qualname__)
            continue
        if path:
            return path
    return ""
