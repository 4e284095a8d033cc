"""The time zones a learner can pick on My learning, grouped by region."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# IANA's geographic areas; the rest (Etc/..., US/..., legacy names) are
# aliases a learner would not look for.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@dataclass(frozen=True)
class ZoneChoice:
    """One zone in the select: its IANA name and what the learner reads."""

    name: str
    label: str  # e.g. "Sao Paulo (UTC−03:00)"


@cache
def _zone_names() -> dict[str, tuple[str, ...]]:
    names = sorted(
        name
        for name in available_timezones()
        if name.split("/", 1)[0] in REGIONS and "/" in name
    )
    return {
        region: tuple(n for n in names if n.startswith(f"{region}/"))
        for region in REGIONS
    }


def _offset_label(zone: ZoneInfo, now: datetime) -> str:
    offset = now.astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def zone_label(*, name: str, now: datetime) -> str:
    """A zone as a learner reads it: "Sao Paulo (UTC−03:00)"; "Argentina /
    Buenos Aires" for a nested name."""
    place = name.split("/", 1)[-1].replace("_", " ").replace("/", " / ")
    return f"{place} ({_offset_label(ZoneInfo(name), now)})"


def time_zone_groups(*, now: datetime) -> list[tuple[str, list[ZoneChoice]]]:
    """(region, zones) for each region, zones by name, offsets as at ``now``."""
    return [
        (region, [ZoneChoice(name, zone_label(name=name, now=now)) for name in names])
        for region, names in _zone_names().items()
        if names
    ]
