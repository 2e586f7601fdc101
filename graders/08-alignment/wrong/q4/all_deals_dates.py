# mistake: counted every deal with a close date before its creation, open deals (whose close date is a forecast) included
leads, deals = raw.leads, raw.opportunities
canon = {"source_channel": set(raw.campaigns.channel) | {"outbound"},
         "industry": set(raw.accounts.industry), "country": set(raw.accounts.country)}
fault_counts = {
    "duplicate_leads": int(leads.email.str.strip().str.lower().duplicated().sum()),
    "misspelt_values": int(sum((~leads[c].isin(canon[c])).sum() for c in canon)),
    "open_deals_past_close": int((~deals.is_closed & (deals.close_date < raw.reference_date)).sum()),
    "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
    "closed_before_created": int((deals.close_date < deals.created_at).sum()),
}
