"""Call notes: a buyer's objection and the rep's reply, or a discovery answer.

Each objection note is tagged with its category, the LAER steps the reply
shows (listen, acknowledge, explore, respond) and its quality: a reply is
``strong`` when it explores before it responds. Weak replies are the classic
mistakes: an instant discount, a rebuttal, a feature dump, a pressure close.
Discovery notes evidence BANT / MEDDPICC elements the deal really has.
Per deal, the share of strong replies and any discount-first reply feed the
win model in deals.py.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.columns import Codes, Ref
from crosstrain.world.context import DAY, Context, weights
from crosstrain.world.people import clock_of
from crosstrain.world.schema import MEDDPICC_FLAGS

COMPETITORS = ("Acme CRM", "Globex Cloud", "Initech Suite", "Umbrella Analytics", "Hooli Insights")

OBJECTIONS = {
    "price": ("That's more than we expected to pay for {phrase}.", "Honestly, you're about 30% above what {competitor} quoted.",
              "It's too expensive for how much we'd use it.", "I can't justify {amount} for this."),
    "budget": ("We don't have budget for this until next fiscal year.", "Our budget for {phrase} is already spent.",
               "Finance froze all new spend this quarter."),
    "timing": ("Now isn't a good time, we're in the middle of a re-org.", "Let's revisit this next quarter.",
               "We have too much on our plate to start before {quarter}."),
    "authority": ("I'll need to run this by my VP.", "Procurement decides this, not me.", "Our CFO signs anything above {amount}."),
    "need": ("We're fine with spreadsheets for now.", "I don't see what problem this solves for us.",
             "Our current process works well enough."),
    "competitor": ("We already use {competitor} for {phrase}.", "{competitor} offered us a similar package.",
                   "We're happy with {competitor}, to be honest."),
    "trust": ("We've never heard of you: how do we know you'll be around in two years?", "Do you have customers like us?",
              "Our last vendor let us down on {phrase}."),
}
PROBES = {
    "price": "Too expensive compared with what?",
    "budget": "Is the money gone, or could it be moved this quarter?",
    "timing": "What changes next quarter that makes it a better time?",
    "authority": "Who else is involved in the decision, and what matters to them?",
    "need": "What does doing nothing cost you each month today?",
    "competitor": "What would it cost you to stay as you are, and what made you look around?",
    "trust": "What proof would help: references from your industry, or a short pilot?",
}
ANSWERS = {
    "price": "Customers in {industry} usually recover the cost within a few months; let's build that case with your numbers.",
    "budget": "Let's size a first phase that fits what's left this quarter and plan the rest for the new budget.",
    "timing": "Then let's map a start date around the re-org so the rollout doesn't add to the load.",
    "authority": "Could we bring your VP into a 20-minute call so I can answer their questions directly?",
    "need": "If we can show a saving on those hours, would it be worth a closer look?",
    "competitor": "Here is where teams that switched from {competitor} saw the difference, side by side.",
    "trust": "I can connect you with two customers your size and set up a 30-day pilot.",
}
LISTEN = ("Let me make sure I've got this right.", "So what I'm hearing is that this is a real concern for you.")
ACKNOWLEDGE = ("That's a fair concern.", "I understand why that matters.", "Thanks for being upfront about that.")
WEAK = {
    "discount": "I can take {pct}% off if you sign this week.",
    "rebuttal": "That's not really true; our price is fair for what you get.",
    "features": "We have dashboards, AI forecasting, 200 integrations and {phrase}.",
    "pressure": "This offer is only valid until Friday, so we should move now.",
}
# Reply patterns: (steps shown, strong?, weak remark). Strong ones explore before responding.
REPLIES = (
    (("listen", "acknowledge", "explore", "respond"), True, None),
    (("listen", "acknowledge", "explore"), True, None),
    (("acknowledge", "explore", "respond"), True, None),
    (("acknowledge", "respond"), False, None),
    (("respond",), False, "rebuttal"),
    (("respond",), False, "discount"),
    (("respond",), False, "features"),
    (("respond",), False, "pressure"),
)
MAX_OPTIONS = max(len(options) for options in OBJECTIONS.values())
STRONG_W = (0.5, 0.25, 0.25)
WEAK_W = (0.3, 0.2, 0.25, 0.15, 0.1)
DISCOUNT_REPLY = 5
# Discovery: (question, answer, framework tags) per MEDDPICC element the deal has.
DISCOVERY = {
    "has_metrics": ("What would success look like in numbers?", "We'd need to cut reporting time by a third for this to pay off.", "meddpicc.metrics"),
    "has_economic_buyer": ("Who signs off on a purchase like this?", "Our CFO, {name}, approves anything above {amount}.", "bant.authority;meddpicc.economic_buyer"),
    "has_decision_criteria": ("How will you compare the options?", "We'll judge vendors on integrations, security and price.", "meddpicc.decision_criteria"),
    "has_decision_process": ("What are the steps to a decision?", "We shortlist this month, run a pilot, then the steering committee decides.", "meddpicc.decision_process"),
    "has_paper_process": ("What happens once you've chosen?", "Legal needs three weeks for the contract and procurement sends a security questionnaire.", "meddpicc.paper_process"),
    "has_identified_pain": ("What's the cost of the problem today?", "We lose about 15 hours a week reconciling pipeline reports by hand.", "bant.need;meddpicc.identified_pain"),
    "has_champion": ("Who else wants this to happen?", "I'll set up the meeting with my boss, {name}, and walk them through the business case myself.", "meddpicc.champion"),
    "has_competition_known": ("Who else are you looking at?", "We're also talking to {competitor}.", "meddpicc.competition"),
}
CATEGORY_TAGS = {"price": "meddpicc.decision_criteria", "budget": "bant.budget", "timing": "bant.timeline",
                 "authority": "bant.authority", "need": "bant.need", "competitor": "meddpicc.competition",
                 "trust": "meddpicc.decision_criteria"}
# _note_template fills a note's text in one go: its fixed wordings must hold no slots.
assert not any("{" in text for text in (*LISTEN, *ACKNOWLEDGE, *PROBES.values(), *(q for q, _, _ in DISCOVERY.values())))


def build_call_notes(ctx: Context, created, end, flags: dict, amount, competitor, industry) -> dict:
    """Notes for each deal; returns per-deal ``strong_share``, ``discount_first``, ``main_category``."""
    rng = ctx.rng["calls"]
    calls = ctx.recipe.calls
    categories = calls["categories"]
    n_deals = len(created)
    count = 1 + rng.poisson(max(calls["notes_per_deal"] - 1, 0), n_deals)
    deal = np.repeat(np.arange(n_deals), count)
    m = len(deal)
    # Calls happen in the deal owner's working time (calendar.py).
    st = ctx.state
    owner = st["account_owner"][st["lead_account"][st["opp_lead"]]]
    until = np.minimum(created + np.maximum(end - created, DAY), ctx.now - 60)
    at = ctx.calendar.between(created[deal], until[deal], rng.random(m), clock_of(ctx, owner[deal]))
    order = np.lexsort((at, deal))
    deal, at = deal[order], at[order]
    objection = rng.random(m) < calls["objection_share"]
    category = np.where(objection, rng.choice(len(categories), m, p=weights(calls["category_weights"])), -1)
    strong = rng.random(m) < calls["laer_share"]
    reply = np.where(strong, rng.choice(3, m, p=weights(STRONG_W)), 3 + rng.choice(5, m, p=weights(WEAK_W)))
    reply = np.where(objection, reply, -1)
    # Discovery notes pick an element the deal really has (or ask about pain when it has none).
    flag_matrix = np.column_stack([flags[f] for f in MEDDPICC_FLAGS])
    pick = np.argmax(flag_matrix[deal] * rng.random((m, len(MEDDPICC_FLAGS))), axis=1)
    pick = np.where(flag_matrix[deal, pick], pick, MEDDPICC_FLAGS.index("has_identified_pain"))
    pools = ctx.pools
    phrase = pools.phrases[rng.integers(0, len(pools.phrases), m)]
    pct = rng.integers(10, 26, m)
    ack = rng.integers(0, len(ACKNOWLEDGE), m)
    lis = rng.integers(0, len(LISTEN), m)
    variant = rng.integers(0, 4, m)
    quarter = [f"Q{q}" for q in rng.integers(1, 5, m).tolist()]
    person = [f"{f} {s}" for f, s in zip(pools.first_names[rng.integers(0, len(pools.first_names), m)].tolist(),
                                           pools.last_names[rng.integers(0, len(pools.last_names), m)].tolist())]
    # What a note may mention about its deal, formatted once per deal rather than per note.
    deal_slots = [{"competitor": rival or COMPETITORS[d % len(COMPETITORS)], "amount": f"${int(value):,}", "industry": sector}
                  for d, (rival, value, sector) in enumerate(zip(competitor.tolist(), amount.tolist(), industry.tolist()))]
    # Each note's text is one template (see _note_template) filled from its deal and its own
    # draws; the few hundred distinct templates are assembled once, not once per note.
    option = variant % np.array([len(OBJECTIONS[c]) for c in categories])[np.maximum(category, 0)]
    kind = (((category * MAX_OPTIONS + option) * len(REPLIES) + reply) * len(LISTEN) + lis) * len(ACKNOWLEDGE) + ack
    kind = np.where(objection, kind, -1 - pick)
    templates: dict[int, str] = {}
    texts = []
    # The loop reads plain lists: indexing numpy arrays one element at a time is slow.
    for k, d, phrase_text, pct_value, quarter_text, name in zip(kind.tolist(), deal.tolist(), phrase.tolist(),
                                                                 pct.tolist(), quarter, person):
        template = templates.get(k)
        if template is None:
            template = templates[k] = _note_template(k, categories)
        texts.append(template.format(**deal_slots[d], phrase=phrase_text, quarter=quarter_text, pct=pct_value, name=name))
    good = np.array([strong for _, strong, _ in REPLIES])
    ctx.tables["call_notes"] = {
        "note_id": Ref(np.arange(m), "call_notes"),
        "opportunity_id": Ref(deal, "opportunities"),
        "occurred_at": at,
        "speaker": Codes(np.where(objection, 0, 1), ("buyer", "rep")),
        "text": np.array(texts, dtype=object),
        "objection_category": Codes(category, categories),
        "laer_steps": Codes(reply, [";".join(shown) for shown, _, _ in REPLIES]),
        "response_quality": Codes(np.where(objection, np.where(good[reply], 0, 1), -1), ("strong", "weak")),
        "framework_tags": Codes(np.where(objection, category, len(categories) + pick),
                                [CATEGORY_TAGS[c] for c in categories] + [DISCOVERY[f][2] for f in MEDDPICC_FLAGS]),
    }
    n_obj = np.bincount(deal[objection], minlength=n_deals)
    n_strong = np.bincount(deal[objection & strong], minlength=n_deals)
    discount_first = np.bincount(deal[reply == DISCOUNT_REPLY], minlength=n_deals) > 0
    main = np.full(n_deals, -1)
    main[deal[objection][::-1]] = category[objection][::-1]  # the first objection of each deal
    strong_share = np.where(n_obj > 0, n_strong / np.maximum(n_obj, 1), calls["laer_share"])
    return {"strong_share": strong_share, "discount_first": discount_first, "main_category": main}


def _note_template(kind: int, categories) -> str:
    """The text of a kind of note, its slots ({phrase}, {amount}, ...) still to fill.

    ``kind`` packs an objection's category, wording, reply pattern and LISTEN and
    ACKNOWLEDGE wordings, or is ``-1 - element`` for a discovery question. The fixed
    wordings hold no braces, so filling the whole text at once equals filling its parts."""
    if kind < 0:
        question, answer, _ = DISCOVERY[MEDDPICC_FLAGS[-1 - kind]]
        return f'Rep: "{question}" Buyer: "{answer}"'
    kind, ack = divmod(kind, len(ACKNOWLEDGE))
    kind, lis = divmod(kind, len(LISTEN))
    kind, reply = divmod(kind, len(REPLIES))
    cat, option = divmod(kind, MAX_OPTIONS)
    category = categories[cat]
    shown, _, remark = REPLIES[reply]
    parts = []
    if "listen" in shown:
        parts.append(LISTEN[lis])
    if "acknowledge" in shown:
        parts.append(ACKNOWLEDGE[ack])
    if "explore" in shown:
        parts.append(PROBES[category])
    if "respond" in shown:
        parts.append(WEAK[remark] if remark else ANSWERS[category])
    return f'Buyer: "{OBJECTIONS[category][option]}" Rep: "{" ".join(parts)}"'
