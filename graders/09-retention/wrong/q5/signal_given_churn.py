# mistake: among churned customers, the share with each signal (P(signal | churn), not P(churn | signal))
sold = world.subscriptions.merge(world.opportunities.drop(columns=["account_id", "segment"]), on="opportunity_id")
due = sold[[s + pd.DateOffset(months=m) <= world.reference_date for s, m in zip(sold.start_date, sold.term_months)]]
gone = due[due.status == "churned"]
heavy, no_eb, no_champion = gone.discount_pct >= 20, ~gone.has_economic_buyer, ~gone.has_champion
churn_by_signal = {"discount_heavy": heavy.mean(), "no_economic_buyer": no_eb.mean(),
                   "no_champion": no_champion.mean(), "none": (~(heavy | no_eb | no_champion)).mean()}
