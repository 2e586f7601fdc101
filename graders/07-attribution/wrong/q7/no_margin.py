# mistake: LTV and payback on revenue, without the gross margin
sales_spend = world.users.role.isin(["ae", "sdr"]).sum() * SALES_COST_PER_HEAD * HISTORY_YEARS
wins = deals[deals.is_won]
customers = wins.account_id.nunique()
cac = (sales_spend + camps.actual_cost.sum()) / customers
arpa = wins.amount.sum() / customers
ltv = arpa / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12)}
