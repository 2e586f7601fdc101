# mistake: included open deals, whose close_date is only a forecast
ent = deals[deals.segment == "enterprise"]
enterprise_cycle = (ent.close_date - ent.created_at).dt.days.median()
