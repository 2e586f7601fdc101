# mistake: shifted over the whole history table, so each deal's first row is compared with the previous deal's last row
# core: yes
h = history.sort_values(["opportunity_id", "changed_at"])
moved_later = h.close_date > h.close_date.shift()
slips = moved_later.groupby(h.opportunity_id).sum()
deals_slips = deals.assign(slips=deals.opportunity_id.map(slips).fillna(0))
done = deals_slips[deals_slips.is_closed]
slipped = {
    "n_slipped": int((deals_slips.slips >= 2).sum()),
    "win_rate_slipped": done[done.slips >= 2].is_won.mean(),
    "win_rate_never_slipped": done[done.slips == 0].is_won.mean(),
}
