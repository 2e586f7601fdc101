# mistake: counted every employee, the CSMs who serve customers after the sale included
everyone = len(world.users) * COST_PER_HEAD * HISTORY_YEARS
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = wins.account_id.nunique()
cac = (everyone + camps.actual_cost.sum()) / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12 * GROSS_MARGIN)}
