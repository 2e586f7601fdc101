# mistake: looked for duplicate leads by lead_id instead of the normalised e-mail
# core: yes
leads, deals = raw.leads, raw.opportunities
canon = {"source_channel": set(raw.campaigns.channel) | {"outbound"},
         "industry": set(raw.accounts.industry), "country": set(raw.accounts.country)}
fault_counts = {
    "duplicate_leads": int(leads.lead_id.duplicated().sum()),
    "misspelt_values": int(sum((~leads[c].isin(canon[c])).sum() for c in canon)),
    "open_deals_past_close": int((~deals.is_closed & (deals.close_date < raw.reference_date)).sum()),
    "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
    "closed_before_created": int((deals.is_closed & (deals.close_date < deals.created_at)).sum()),
}
