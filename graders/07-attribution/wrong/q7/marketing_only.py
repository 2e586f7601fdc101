# mistake: CAC from marketing spend only, leaving out the sales team's cost
# core: yes
marketing_spend = camps.actual_cost.sum()
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = wins.account_id.nunique()
cac = marketing_spend / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12 * GROSS_MARGIN)}
