# mistake: lower-cased the categories before comparing, so 'Content' passed as a canonical 'content'
leads, deals = raw.leads, raw.opportunities
canon = {"source_channel": set(raw.campaigns.channel) | {"outbound"},
         "industry": set(raw.accounts.industry), "country": set(raw.accounts.country)}
fault_counts = {
    "duplicate_leads": int(leads.email.str.strip().str.lower().duplicated().sum()),
    "misspelt_values": int(sum((~leads[c].str.lower().isin({v.lower() for v in canon[c]})).sum() for c in canon)),
    "open_deals_past_close": int((~deals.is_closed & (deals.close_date < raw.reference_date)).sum()),
    "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
    "closed_before_created": int((deals.is_closed & (deals.close_date < deals.created_at)).sum()),
}
