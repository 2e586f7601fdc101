# mistake: lead nurturing taken for relationship building, so given to sales
activity_team = {
    "market_research": "marketing",
    "positioning": "marketing",
    "branding_and_advertising": "marketing",
    "lead_generation_and_nurturing": "sales",
    "prospecting": "sales",
    "building_rapport": "sales",
    "presenting_and_handling_objections": "sales",
    "closing_and_negotiating": "sales",
}
