"""A tick, defined once: what the scheduler runs every minute and what
``manage.py drip_tick`` runs by hand.

A tick sends every drip delivery and notice that is due
(``boosters.drip.dispatch.drip_tick``). Apps that queue notices (the
community's digests and pulse questions) register a *planner* here instead of
being imported by the engine; their own schedules run the planners hourly,
and a tick by hand runs them first, so a tick at digest time also sends them.
The schedule that runs the tick is ``TICK_SCHEDULE`` in ``hub.schedules``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from boosters.drip.dispatch import TickResult, drip_tick

Planner = Callable[..., int]


@dataclass(frozen=True)
class TickPlanner:
    """Queues notices due at ``now`` (idempotent); returns how many it queued."""

    label: str
    plan: Planner


_PLANNERS: dict[str, TickPlanner] = {}


def tick_planner_register(*, label: str, plan: Planner) -> None:
    """Have ``plan(*, now)`` run before a tick run by hand (``with_planning``)."""
    _PLANNERS[label] = TickPlanner(label=label, plan=plan)


@dataclass
class TickReport:
    """What one tick planned (by planner label) and sent."""

    sent: TickResult
    planned: dict[str, int] = field(default_factory=dict)

    @property
    def planned_label(self) -> str:
        """e.g. "2 manager digests, 0 cohort digests and 1 pulse questions"."""
        parts = [f"{count} {label}" for label, count in self.planned.items()]
        if len(parts) < 2:
            return "".join(parts) or "nothing"
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def drip_tick_run(*, now: datetime, with_planning: bool = False) -> TickReport:
    """Run one tick at ``now``: the registered planners first when asked, then
    claim, send and record everything due."""
    planned = (
        {p.label: p.plan(now=now) for p in _PLANNERS.values()} if with_planning else {}
    )
    return TickReport(sent=drip_tick(now=now), planned=planned)
