# mistake: counted the AEs' and SDRs' cost but not marketing's people or the sales managers
reps = world.users.role.isin(["ae", "sdr"]).sum() * COST_PER_HEAD * HISTORY_YEARS
wins = deals[(deals.type == "new_business") & deals.is_won]
customers = wins.account_id.nunique()
cac = (reps + camps.actual_cost.sum()) / customers
arpa = wins.amount.sum() / customers
ltv = arpa * GROSS_MARGIN / ANNUAL_CHURN
economics = {"cac": cac, "ltv": ltv, "ltv_to_cac": ltv / cac, "payback_months": cac / (arpa / 12 * GROSS_MARGIN)}
