"""The admin's plan screens: a program's timeline and a cohort's plan.

Both are the modeladmin "inspect" views of their models, so they keep the
permissions editors have today. They parse the query string and call the
planning selectors; nothing here decides anything.
"""

from django.core.paginator import Paginator
from django.utils import timezone

from wagtail_modeladmin.views import InspectView

from boosters.planning.forms import PlanItemForm
from boosters.planning.scheduling import learner_zone
from boosters.planning.selectors import (
    NEXT_DAYS,
    cohort_plan_days,
    cohort_plan_item_deliveries,
    plan_lines,
    program_timeline,
)


class ProgramTimelineView(InspectView):
    """A program's steps by day offset, and the cohorts that follow it."""

    page_title = "Timeline"

    def get_meta_title(self):
        return f"Timeline of {self.instance}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = program_timeline(program=self.instance)
        context["cohorts"] = self.instance.cohorts.order_by("-anchor_date", "name")
        return context


class CohortPlanView(InspectView):
    """A cohort's plan by day and step with counts; ``?day=…`` opens one item's
    learners, a page at a time."""

    page_title = "Plan"
    LEARNERS_PER_PAGE = 100

    def get_meta_title(self):
        return f"Plan of {self.instance}"

    def is_drilldown(self) -> bool:
        return "day" in self.request.GET

    def get_template_names(self):
        if self.is_drilldown():
            return ["modeladmin/boosters/cohort/plan_item.html"]
        return super().get_template_names()

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A drill-down link that can't be read answers a page saying so.
        status = 400 if context.get("item_errors") else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.instance
        zone = learner_zone(learner_zone_name=None, cohort_zone_name=cohort.time_zone)
        today = timezone.now().astimezone(zone).date()
        whole = self.request.GET.get("days") == "all"
        context["show_all"] = whole
        context["next_days"] = NEXT_DAYS
        if not self.is_drilldown():
            context["plan"] = cohort_plan_days(
                cohort=cohort, today=today, window=None if whole else NEXT_DAYS
            )
            return context
        form = PlanItemForm(self.request.GET)
        if not form.is_valid():
            context["item_errors"] = [
                e for errors in form.errors.values() for e in errors
            ]
            return context
        deliveries = cohort_plan_item_deliveries(
            cohort=cohort,
            local_date=form.cleaned_data["day"],
            step_id=form.cleaned_data["step"],
            page_id=form.cleaned_data["page"],
            repeat=form.cleaned_data["repeat"],
        )
        paginator = Paginator(deliveries, self.LEARNERS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        lines = plan_lines(cohort=cohort, deliveries=page.object_list)
        first = page.object_list[0] if lines else None  # already loaded
        context.update(
            day=form.cleaned_data["day"],
            anchor_days=(form.cleaned_data["day"] - cohort.anchor_date).days,
            repeat=form.cleaned_data["repeat"],
            title=(first.page.title if first and first.page else None),
            lines=lines,
            page_obj=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
        )
        return context
