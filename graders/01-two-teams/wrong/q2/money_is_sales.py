# mistake: every metric in dollars of pipeline or return given to sales
# core: yes
metric_team = {
    "impressions": "marketing",
    "click_through_rate": "marketing",
    "cost_per_lead": "marketing",
    "mqls": "marketing",
    "sourced_pipeline": "sales",
    "campaign_roi": "sales",
    "win_rate": "sales",
    "average_deal_size": "sales",
    "cycle_length": "sales",
    "quota_attainment": "sales",
    "pipeline_coverage": "sales",
}
