# mistake: took the lowest rate over every funnel step (marketing's lead to MQL and the close included), not the three handoff steps
leakiest_step = min(cohort_rates, key=cohort_rates.get)
