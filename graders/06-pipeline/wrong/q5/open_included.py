# mistake: win rates over every deal of the group, open ones counted as not won
h = history.sort_values(["opportunity_id", "changed_at"])
moved_later = h.close_date > h.groupby("opportunity_id").close_date.shift()
slips = moved_later.groupby(h.opportunity_id).sum()
deals_slips = deals.assign(slips=deals.opportunity_id.map(slips).fillna(0))
slipped = {
    "n_slipped": int((deals_slips.slips >= 2).sum()),
    "win_rate_slipped": deals_slips[deals_slips.slips >= 2].is_won.mean(),
    "win_rate_never_slipped": deals_slips[deals_slips.slips == 0].is_won.mean(),
}
