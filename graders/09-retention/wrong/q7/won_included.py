# mistake: counted every closed new-business deal, won ones too
deals = world.opportunities
closed = deals[(deals.type == "new_business") & deals.is_closed]
raised = world.call_notes[world.call_notes.opportunity_id.isin(closed.opportunity_id)].dropna(subset=["objection_category"])
lost_objections = raised.drop_duplicates(["opportunity_id", "objection_category"]).objection_category.value_counts()
