# mistake: used every touch of the won deals' leads, touches after the close included
wins = deals[deals.is_won][["opportunity_id", "lead_id", "amount"]]
every = touches.merge(wins, on="lead_id")
deal = every.groupby("opportunity_id")
is_last = every.occurred_at.eq(deal.occurred_at.transform("max"))
last_linear = {
    "last_touch": every.amount[is_last].groupby(every.channel[is_last]).sum(),
    "linear": (every.amount / deal.occurred_at.transform("size")).groupby(every.channel).sum(),
}
