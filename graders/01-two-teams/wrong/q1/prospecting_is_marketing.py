# mistake: prospecting taken for lead generation, so given to marketing
# core: yes
activity_team = {
    "market_research": "marketing",
    "positioning": "marketing",
    "branding_and_advertising": "marketing",
    "lead_generation_and_nurturing": "marketing",
    "prospecting": "marketing",
    "building_rapport": "sales",
    "presenting_and_handling_objections": "sales",
    "closing_and_negotiating": "sales",
}
