# mistake: counted each deal's history rows (stage changes included) as close-date changes
changes = history.groupby("opportunity_id").size() - 1
deals_slips = deals.assign(slips=deals.opportunity_id.map(changes).fillna(0))
done = deals_slips[deals_slips.is_closed]
slipped = {
    "n_slipped": int((deals_slips.slips >= 2).sum()),
    "win_rate_slipped": done[done.slips >= 2].is_won.mean(),
    "win_rate_never_slipped": done[done.slips == 0].is_won.mean(),
}
