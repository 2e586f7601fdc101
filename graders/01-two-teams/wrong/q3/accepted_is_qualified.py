# mistake: accepting a lead confused with qualifying it, every later step shifted by one
event_stage = {
    "form_submitted": "lead",
    "score_reached_mql_threshold": "mql",
    "sdr_accepted_the_lead": "sql",
    "discovery_call_confirmed_need": "opportunity",
    "ae_created_the_deal": "opportunity",
    "deal_signed": "customer",
    "nurture_email_opened": "none",
}
