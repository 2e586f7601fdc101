# mistake: share of deals that heard each objection (a deal can hear several) instead of share of objections
objections = notes[notes.objection_category.notna()]
objection_shares = objections.groupby("objection_category").opportunity_id.nunique() / objections.opportunity_id.nunique()
