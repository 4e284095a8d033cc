"""The demo's L&D leads: the only group that sees analytics and exports learner data.

Dana, the program lead, is its demo member. Editors, moderators,
subject-matter experts, L&D approvers and facilitators don't hold these
permissions (README, "Who sees learner data").
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo.groups import demo_group_ensure

LD_LEADS_GROUP = "L&D leads"
LD_LEAD_USERNAME = "dana"
LD_LEADS_PERMISSIONS = (
    ("boosters", "view_analytics"),
    ("boosters", "export_learner_data"),
    # Read-only lists behind the figures: who is enrolled, what was sent, how
    # they answered, and what learners said they want from the course.
    ("boosters", "view_program"),
    ("boosters", "view_cohort"),
    ("boosters", "view_learner"),
    ("boosters", "view_enrollment"),
    ("boosters", "view_delivery"),
    ("boosters", "view_answer"),
    ("boosters", "view_questionstate"),
    ("community", "view_pulseresponse"),
    # Live sessions' questions and attendance (the attendance report is analytics).
    ("live_sessions", "run_live_sessions"),
)


def demo_ld_leads_ensure() -> Group:
    """The "L&D leads" group and its demo member, Dana. Safe to run again.

    Dana gets no usable password: an admin sets one in Settings > Users to
    sign in as her.
    """
    group = demo_group_ensure(LD_LEADS_GROUP, permissions=LD_LEADS_PERMISSIONS)
    User = get_user_model()
    dana = User.objects.filter(username=LD_LEAD_USERNAME).first()
    if dana is None:
        dana = User(
            username=LD_LEAD_USERNAME,
            email="dana@example.com",
            first_name="Dana",
            last_name="Okafor",
        )
        dana.set_unusable_password()
        dana.save()
    dana.groups.add(group)
    return group
