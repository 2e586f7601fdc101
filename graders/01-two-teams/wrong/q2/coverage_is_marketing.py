# mistake: pipeline coverage taken for a marketing pipeline number
metric_team = {
    "impressions": "marketing",
    "click_through_rate": "marketing",
    "cost_per_lead": "marketing",
    "mqls": "marketing",
    "sourced_pipeline": "marketing",
    "campaign_roi": "marketing",
    "win_rate": "sales",
    "average_deal_size": "sales",
    "cycle_length": "sales",
    "quota_attainment": "sales",
    "pipeline_coverage": "marketing",
}
