# mistake: counted every deal the AE ever had as opportunities instead of the open deals
# core: yes
recent_wins = recent[recent.is_won]
per_ae = pd.DataFrame({
    "opportunities": deals.groupby("owner_id").size(),
    "average_deal": recent_wins.groupby("owner_id").amount.mean(),
    "win_rate": recent.groupby("owner_id").is_won.mean(),
    "cycle_length": ((recent_wins.close_date - recent_wins.created_at) / pd.Timedelta(days=1)).groupby(recent_wins.owner_id).median(),
})
per_ae = per_ae.dropna(subset=["average_deal"]).fillna({"opportunities": 0})
velocity = per_ae.opportunities * per_ae.average_deal * per_ae.win_rate / per_ae.cycle_length
