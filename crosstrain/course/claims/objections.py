"""Claims about objections on calls: categories, LAER replies, discount-first replies."""

from __future__ import annotations

from crosstrain.course.claims.frames import deal_replies, objections, rate, ratio
from crosstrain.course.claims.registry import Claim, at_least, at_most, between, restated

DATASHEET = "datasets/DATASHEET.md"
M05 = "modules/05-objections/05-objections.py"


def _category_shares(world):
    return objections(world)["objection_category"].value_counts(normalize=True)


def _price_lead(world) -> float:
    """Price's share over the next most common category's."""
    shares = _category_shares(world)
    return ratio(shares["price"], shares.drop("price").max())


def _strong_over_weak(world) -> float:
    notes = objections(world)
    by_quality = notes.groupby("response_quality")["is_won"].mean()
    return ratio(by_quality["strong"], by_quality["weak"])


def _all_explored_over_rest(world) -> float:
    deals = deal_replies(world)
    return ratio(rate(deals.loc[deals["all_strong"], "is_won"]), rate(deals.loc[~deals["all_strong"], "is_won"]))


def _discount_split(world, column: str, how: str) -> float:
    """Discount-first deals' statistic minus (``diff``) or over (``ratio``) the other deals'."""
    deals = deal_replies(world)
    first, rest = deals[deals["discount_first"]], deals[~deals["discount_first"]]
    # Amounts relative to the segment's median: deals with more calls (larger, longer ones) meet
    # more discount-first replies, which would hide the discount behind the segment mix.
    relative = deals["amount"] / deals.groupby("segment")["amount"].transform("median")
    if column == "revenue":
        revenue = relative.where(deals["is_won"], 0)
        mine, theirs = revenue[deals["discount_first"]].mean(), revenue[~deals["discount_first"]].mean()
    elif column == "amount":
        mine, theirs = relative[deals["discount_first"]].median(), relative[~deals["discount_first"]].median()
    else:
        mine, theirs = rate(first["is_won"]), rate(rest["is_won"])
    return mine - theirs if how == "diff" else ratio(mine, theirs)


PRICE_MOST_COMMON = Claim("objections.price_most_common", DATASHEET, "Objection categories differ in frequency (price most common)",
                          "Price is the most common objection category (price's share over the next category's).",
                          _price_lead, at_least(1.1), unit="ratio")

CLAIMS = [
    PRICE_MOST_COMMON,
    restated(PRICE_MOST_COMMON, "objections.price_tops_the_list", M05, "Price usually tops the list, in this CRM"),
    Claim("objections.categories_differ", DATASHEET, "Objection categories differ in frequency",
          "The most common category is over twice as frequent as the least common.",
          lambda w: ratio(_category_shares(w).iloc[0], _category_shares(w).iloc[-1]), at_least(2.0), unit="ratio"),
    Claim("objections.strong_means_explored", M05, "In this CRM a reply is `strong` exactly when it explored before responding",
          "A reply is strong exactly when its LAER steps include explore (share of notes where the two agree).",
          lambda w: rate(objections(w)["laer_steps"].str.contains("explore") == objections(w)["strong"]), at_least(1.0)),
    Claim("objections.laer_wins_more", DATASHEET, "Replies that explore before responding (LAER) win more",
          "Objections answered with a strong (LAER) reply sit on deals that win more often than weak ones.",
          # At least 3% more often: a few hundred deals with objections per world move it by a few points.
          _strong_over_weak, at_least(1.03), unit="ratio"),
    Claim("objections.all_explored_win_more", M05, "In this CRM, deals whose replies all explored first win more often",
          "Deals whose replies all explored first win more often than the other deals with objections.",
          _all_explored_over_rest, at_least(1.1), unit="ratio"),
    Claim("objections.discount_first_lower_amounts", DATASHEET, "Discount-first replies win about as often or slightly more, at lower amounts",
          "Closed deals with a discount-first reply have a lower median amount (relative to their segment's) than the other closed deals with objections.",
          lambda w: _discount_split(w, "amount", "ratio"), at_most(0.99), unit="ratio"),
    Claim("objections.discount_first_win_slightly_more", DATASHEET, "Discount-first replies win about as often or slightly more, at lower amounts",
          "Deals with a discount-first reply win about as often or slightly more (win-rate difference in points).",
          # "About as often": within six points below (seed-to-seed noise on a few hundred deals).
          lambda w: _discount_split(w, "win_rate", "diff"), between(-0.06, 0.12)),
    Claim("objections.discount_gives_money_away", M05, "Discount-first replies give money away on every deal they touch",
          "Deals with a discount-first reply bring less revenue per closed deal (relative to their segment's median) than the others.",
          lambda w: _discount_split(w, "revenue", "ratio"), at_most(0.99), unit="ratio"),
]
