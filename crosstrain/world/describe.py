"""A short, human summary of a world: what it holds and the funnel it tells."""

from __future__ import annotations

from crosstrain.world.load import World
from crosstrain.world.schema import new_business


def summary(world: World) -> str:
    leads, every_deal = world.leads, world.opportunities
    deals = new_business(every_deal)
    closed = deals[deals["is_closed"]]
    won = closed[closed["is_won"]]
    mql = leads["mql_at"].notna()
    lines = [
        f"World '{world.name}' (seed {world.seed}, {world.variant}) at {world.path}",
        f"  reference date {world.reference_date.date()}; history from {leads['created_at'].min().date()}",
        "  tables: " + ", ".join(f"{name} {count:,}" for name, count in world.row_counts.items()),
        f"  funnel: {len(leads):,} leads -> {int(mql.sum()):,} MQLs ({mql.mean():.0%})"
        f" -> {int(leads['sal_at'].notna().sum()):,} SALs -> {int(leads['sql_at'].notna().sum()):,} SQLs"
        f" -> {len(deals):,} new-business opportunities -> {len(won):,} won",
        f"  win rate {len(won) / max(len(closed), 1):.0%} of {len(closed):,} closed deals;"
        f" won revenue ${won['amount'].sum():,.0f}; open pipeline ${deals.loc[~deals['is_closed'], 'amount'].sum():,.0f}",
        _people(world),
    ]
    if "call_turns" in world.row_counts:
        notes = world.call_notes
        lines.append(f"  calls: {len(notes):,} call notes in {world.row_counts['call_turns']:,} turns,"
                     f" {notes['text'].nunique() / max(len(notes), 1):.0%} of note texts distinct")
    return "\n".join(lines + _customers(world, every_deal[every_deal["type"] == "expansion"]))


def _people(world: World) -> str:
    """Contacts per account and buying-group sizes: leads, contacts and accounts count differently."""
    roles, deals = world.opportunity_contact_roles, world.opportunities
    deals = new_business(deals)  # expansion deals are sold to a customer's CSM contact
    size = roles.groupby("opportunity_id").size().reindex(deals["opportunity_id"], fill_value=0)
    by_segment = size.groupby(deals.set_index("opportunity_id")["segment"]).mean()
    groups = ", ".join(f"{segment} {by_segment[segment]:.1f}" for segment in by_segment.index)
    contacts = world.contacts
    return (f"  people: {len(contacts):,} contacts at {contacts['account_id'].nunique():,} accounts;"
            f" people per deal's buying group (mean): {groups}")


def _customers(world: World, expansions) -> list[str]:
    """The customers the won deals became (retention by segment is the course's definition:
    ``crosstrain.course.retention``, which the command line adds)."""
    subs = world.subscriptions
    active = subs[subs["status"] == "active"]
    won = expansions[expansions["is_won"]]
    return [
        f"  customers: {len(subs):,} subscriptions, {len(active):,} active, ARR ${active['arr'].sum():,.0f};"
        f" {len(expansions):,} expansion deals ({len(won):,} won, ${won['amount'].sum():,.0f})",
    ]
