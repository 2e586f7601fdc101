# mistake: measured every closed deal, lost ones included, instead of won deals only
ent_done = deals[(deals.segment == "enterprise") & deals.is_closed]
enterprise_cycle = ((ent_done.close_date - ent_done.created_at) / pd.Timedelta(days=1)).median()
