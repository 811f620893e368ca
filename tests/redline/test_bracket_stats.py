"""stats: brackets opened, closed and remaining and options open, per section, on bracketed drafts."""
from __future__ import annotations

from compactdraft.parse import parse_bytes
from compactdraft.redline.stats import draft_stats

OLD = """Objective 1: Data

1. We commit to [strengthen] the [global] evidence base.

2. [Option 1: States shall share data.] [Option 2: States are encouraged to share data.]

Objective 2: Finance

3. We will mobilize [adequate] finance.
"""
NEW = """Objective 1: Data

1. We commit to strengthen the [global] evidence base [by 2030].

2. [Option 1: States shall share data.] [Option 2: States are encouraged to share data.]

Objective 2: Finance

3. We will mobilize adequate finance.
"""


def test_brackets_remaining_and_options_open_per_objective() -> None:
    old = parse_bytes(OLD.encode(), "old.txt", draft_id="old")
    new = parse_bytes(NEW.encode(), "new.txt", draft_id="new")
    stats = draft_stats(old, new)
    by_section = {s.id: s.counts for s in stats.sections}
    data, finance = by_section["obj.1"], by_section["obj.2"]
    assert (data.brackets_opened, data.brackets_closed, data.brackets_remaining, data.options_open) == (1, 1, 4, 2)
    assert (finance.brackets_opened, finance.brackets_closed, finance.brackets_remaining,
            finance.options_open) == (0, 1, 0, 0)
    assert stats.total.brackets_remaining == 4 and stats.total.options_open == 2
