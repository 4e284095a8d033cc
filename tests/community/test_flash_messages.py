"""Flash messages in the community pages: announced, and still a proper list."""

import re
from types import SimpleNamespace

from django.template.loader import render_to_string


def rendered(*messages) -> str:
    return render_to_string(
        "community/includes/messages.html", {"messages": list(messages)}
    )


def test_a_notice_is_a_status_and_an_error_an_alert_inside_plain_list_items():
    html = rendered(
        SimpleNamespace(level_tag="success", message="Posted."),
        SimpleNamespace(level_tag="error", message="Too long."),
    )

    items = re.findall(r"<li\b([^>]*)>(.*?)</li>", html, flags=re.S)
    assert len(items) == 2
    # A role on the <li> would replace its listitem role and break the list.
    assert all("role=" not in attributes for attributes, _ in items)
    assert 'role="status"' in items[0][1]
    assert 'role="alert"' in items[1][1]
