# mistake: counted the faults on the clean world instead of the raw variant
leads, deals = world.leads, world.opportunities
canon = {"source_channel": set(world.campaigns.channel) | {"outbound"},
         "industry": set(world.accounts.industry), "country": set(world.accounts.country)}
fault_counts = {
    "duplicate_leads": int(leads.email.str.strip().str.lower().duplicated().sum()),
    "misspelt_values": int(sum((~leads[c].isin(canon[c])).sum() for c in canon)),
    "open_deals_past_close": int((~deals.is_closed & (deals.close_date < world.reference_date)).sum()),
    "probability_mismatch": int((deals.probability != deals.stage.map(DEAL_STAGES)).sum()),
    "closed_before_created": int((deals.is_closed & (deals.close_date < deals.created_at)).sum()),
}
