# mistake: counted won deals as new customers (an account that won twice is one customer)
people = world.users.role.isin(ACQUISITION_ROLES).sum() * COST_PER_HEAD * HISTORY_YEARS
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = len(wins)
cac = (people + camps.actual_cost.sum()) / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12 * GROSS_MARGIN)}
