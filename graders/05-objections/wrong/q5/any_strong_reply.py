# mistake: a deal counted as strong when any reply was strong, so deals with both kinds count twice
# core: yes
done = deals[deals.is_closed]
win_by_quality = {
    q: done[done.opportunity_id.isin(objections.loc[objections.response_quality == q, "opportunity_id"])].is_won.mean()
    for q in ("strong", "weak")
}
