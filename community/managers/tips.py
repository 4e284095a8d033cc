"""What a manager's digest suggests: tips on supporting transfer, and starters.

Kept apart from the digest logic so L&D can edit the wording without reading
any queries.
"""

from django.utils.translation import gettext_lazy as _

# One a week, in turn (by ISO week number). Each rests on the research on
# transfer of training: manager support, opportunity to use the skill, goals,
# reinforcement and relapse prevention matter more than the course itself.
TRANSFER_TIPS = [
    _(
        "Ask what they will try first, and when. A concrete plan (“after Tuesday's "
        "stand-up, I'll…”) makes it far more likely to happen."
    ),
    _(
        "Give them a real chance to use it this week: a task, a meeting or a "
        "conversation where the new skill fits. Having the opportunity to use a "
        "skill is one of the strongest predictors that it sticks."
    ),
    _(
        "When you see them use what they learned, say so, and be specific. "
        "Recognition soon after the behaviour helps it become a habit."
    ),
    _(
        "Show how you use the skill yourself, including what you find hard. People "
        "copy what their manager does more than what a course says."
    ),
    _(
        "Expect a dip: a new habit feels slower and clumsier at first. Tell them "
        "that's normal, so one awkward try doesn't send them back to the old way."
    ),
    _(
        "Spend five minutes of your next one-to-one on it: what went well, what got "
        "in the way, and what they'll try next."
    ),
    _(
        "Ask them to explain one idea to the rest of the team. Teaching others is "
        "itself strong practice, and it spreads the idea."
    ),
    _(
        "Remove one obstacle: a process, a tool or a deadline that pushes them back "
        "to the old way of working."
    ),
    _(
        "Agree one small, visible goal for using the skill this month, and check in "
        "on it. Goals set with their manager make people more likely to apply "
        "training."
    ),
    _(
        "Ask them to recall a key point without their notes. Pulling something from "
        "memory keeps it far better than rereading it."
    ),
]

# When the week's items have no discussion prompts of their own.
EVERGREEN_STARTERS = [
    _("What from the course have you tried since, and how did it go?"),
    _("Where in your work this month would the new approach make the most difference?"),
    _("What gets in the way of doing it the new way, and how can I help?"),
    _("Think of a recent situation: what would you do differently now?"),
    _(
        "What's one thing from the course you'd like to get better at, and what "
        "would help?"
    ),
]
