# mistake: every form fill treated as a marketing-qualified lead
# core: yes
event_stage = {
    "form_submitted": "mql",
    "score_reached_mql_threshold": "mql",
    "sdr_accepted_the_lead": "sal",
    "discovery_call_confirmed_need": "sql",
    "ae_created_the_deal": "opportunity",
    "deal_signed": "customer",
    "nurture_email_opened": "none",
}
