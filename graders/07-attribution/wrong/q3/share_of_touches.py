# mistake: linear splits total revenue by each channel's share of all touches, not each deal's amount among its touches
deal = path.groupby("opportunity_id")
is_last = path.occurred_at.eq(deal.occurred_at.transform("max"))
total = path.drop_duplicates("opportunity_id").amount.sum()
counts = path.channel.value_counts()
last_linear = {
    "last_touch": path.amount[is_last].groupby(path.channel[is_last]).sum(),
    "linear": counts / counts.sum() * total,
}
