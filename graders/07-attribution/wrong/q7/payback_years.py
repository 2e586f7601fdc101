# mistake: payback divided by a year's gross profit (annual ARPA), which gives years, not months
people = world.users.role.isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = wins.account_id.nunique()
cac = (people + camps.actual_cost.sum()) / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa * GROSS_MARGIN)}
