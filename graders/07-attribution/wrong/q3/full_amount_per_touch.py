# mistake: linear gives every touch the whole deal amount, so credit exceeds won revenue
# core: yes
deal = path.groupby("opportunity_id")
is_last = path.occurred_at.eq(deal.occurred_at.transform("max"))
last_linear = {
    "last_touch": path.amount[is_last].groupby(path.channel[is_last]).sum(),
    "linear": path.amount.groupby(path.channel).sum(),
}
