# mistake: market research and positioning given to sales because reps talk to customers
activity_team = {
    "market_research": "sales",
    "positioning": "sales",
    "branding_and_advertising": "marketing",
    "lead_generation_and_nurturing": "marketing",
    "prospecting": "sales",
    "building_rapport": "sales",
    "presenting_and_handling_objections": "sales",
    "closing_and_negotiating": "sales",
}
