"""What module 05's notebook imports: the buyer's words of a note, the keyword rule the
lesson builds, the price objection and the replies of the role-play. Nothing here returns
a graded answer (``tests/grading/test_no_shortcuts.py``): the LAER steps each reply shows
(q2's answer) stay in ``formulas``, and nothing here imports it, so an assessment's learner
install holds this module.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["KEYWORDS", "PRICE_OBJECTION", "REPLIES", "buyer_words", "classify_objection"]

# The buyer's words every reply of q2 answers, and the replies, by letter (q2 labels the LAER
# steps each shows).
PRICE_OBJECTION = "It's too expensive for how much we'd use it."
REPLIES = {
    "A": "You're right, it is expensive. I can take 15% off if you sign this week.",
    "B": "I understand why that matters. Too expensive compared with what?",
    "C": ("Let me make sure I've got this right: you'd be paying for seats that sit idle? That's a fair concern. "
          "How many people would use it each week, and for what?"),
    "D": "That's a fair concern. We have dashboards, AI forecasting and 200 integrations.",
    "E": "That's not really true; our price is fair for what you get.",
    "F": ("So what I'm hearing is that the price is the sticking point. I understand why. What are you comparing it with? "
          "[Buyer: a spreadsheet and two analysts' time.] Then let's put a number on those hours: customers your size "
          "usually recover the cost within a few months."),
    "G": "I understand how you feel. Other customers felt the same, and they found it paid for itself in three months.",
}

# A first-match keyword classifier for the buyer's words: the rules are tried in order,
# so "Our CFO signs anything above $50,000" and "she owns the budget" are authority
# before any price or budget word matches.
KEYWORDS = (
    ("authority", ("vp", "procurement", "cfo", "decides", "signs", "my boss", "final say", "owns the budget")),
    ("budget", ("budget", "froze", "frozen", "fiscal")),
    ("competitor", ("already use", "offered us", "happy with", "already covers", "own tool", "in-house", "switch")),
    ("trust", ("heard of", "customers like us", "let us down", "around in", "support", "proof")),
    ("timing", ("not a good time", "next quarter", "re-org", "on our plate", "revisit", "rolling out", "year-end", "ask me again")),
    ("need", ("spreadsheets", "what problem", "works well", "fine with", "not a pain", "asked for anything")),
    ("price", ("expensive", "pay", "justify", "%", "price", "cost", "expect a lot more")),
)


def classify_objection(words: str, keywords=KEYWORDS) -> str | None:
    """The category of the first rule whose keyword occurs in the buyer's words (None if none)."""
    low = str(words).lower()
    for category, cues in keywords:
        if any(cue in low for cue in cues):
            return category
    return None


def buyer_words(text: pd.Series) -> pd.Series:
    """What the buyer said in each objection note (between 'Buyer: "' and '" Rep:')."""
    return text.str.extract(r'^Buyer: "(.*?)" Rep:', expand=False)
