"""Small-group rules for every figure that counts other people's answers.

A share of a small group is close to a person's own result, and a share of
0% or 100% is everyone's. These pure functions decide what such a figure may
say; the cohort's answer shares and the manager digest both follow them.
"""

from dataclasses import dataclass

# Fewer people than this and a figure is too close to naming someone.
GROUP_MINIMUM = 5

BAND_HIGH = "all or all but one"
BAND_LOW = "none or one"


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
        return self.band or f"{self.part} ({self.percent}%)"

    @property
    def of_whole(self) -> str:
        """e.g. "3 of 5 (60%)", or "all or all but one of 5"."""
        if self.band:
            return f"{self.band} of {self.whole}"
        return f"{self.part} of {self.whole} ({self.percent}%)"


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
