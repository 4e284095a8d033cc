"""Small-group rules for every figure that counts other people's answers.

A share of a small group is close to a person's own result, and a share of
0% or 100% is everyone's. These pure functions decide what such a figure may
say; the cohort's answer shares and the manager digest both follow them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

# Fewer people than this and a figure is too close to naming someone.
GROUP_MINIMUM = 5

# Kept in English on the share; shown in the reader's language.
BAND_HIGH = gettext_noop("all or all but one")
BAND_LOW = gettext_noop("none or one")


@dataclass(frozen=True)
class GroupShare:
    """``part`` out of ``whole``, as others may see it.

    Near the extremes the exact count is replaced by a band, so nobody can
    tell whether it was everyone (or no one); the band covers the count next to
    the extreme too, or its use alone would give the extreme away.
    """

    whole: int
    part: int | None
    band: str = ""

    @property
    def percent(self) -> int | None:
        if self.part is None or not self.whole:
            return None
        return round(100 * self.part / self.whole)

    @property
    def text(self) -> str:
        """e.g. "3 (60%)", or "all or all but one"."""
        if self.band:
            return gettext(self.band)
        return f"{self.part} ({self.percent}%)"

    @property
    def of_whole(self) -> str:
        """e.g. "3 of 5 (60%)", or "all or all but one of 5"."""
        if self.band:
            return gettext("%(band)s of %(whole)s") % {
                "band": gettext(self.band),
                "whole": self.whole,
            }
        return gettext("%(part)s of %(whole)s (%(percent)s%%)") % {
            "part": self.part,
            "whole": self.whole,
            "percent": self.percent,
        }


def group_share(*, part: int, whole: int) -> GroupShare:
    """``part`` of ``whole``, banded when within one of none or of all.

    Only meant for groups of at least ``GROUP_MINIMUM``; below that callers
    show nothing, since any count would be nearly a person's.
    """
    if part >= whole - 1:
        return GroupShare(whole=whole, part=None, band=BAND_HIGH)
    if part <= 1:
        return GroupShare(whole=whole, part=None, band=BAND_LOW)
    return GroupShare(whole=whole, part=part)
