"""LAER, the objection-handling checklist both the plan and the cards print.

From the course's domain brief: Listen, Acknowledge (not agree), Explore (open
questions to the root cause), Respond (only once the concern is clear). The probes per
objection category are the world's own (``crosstrain.world.calls.PROBES``), so the cards
and the call notes learners analyse ask the same questions.
"""

from __future__ import annotations

from crosstrain.world.calls import PROBES

CHECKLIST = (
    ("Listen", "let the buyer finish; play back what you heard"),
    ("Acknowledge", "show the concern is fair, without agreeing with it"),
    ("Explore", "ask an open question to reach the root cause before answering"),
    ("Respond", "answer the real concern, only once it is clear"),
)
POOR_RESPONSES = ("an instant discount", "rebutting before exploring", "a feature dump", "a canned script", "a pressure close")


def probe(category: str) -> str:
    """The diagnostic probe to try for an objection category."""
    return PROBES.get(category, "Ask an open question about what is behind the concern.")
